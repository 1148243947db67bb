import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { secret } from '@/test/fixtures';
import { linkView } from '@/test/link-fixtures';
import type { SharingPolicy } from '@/utils/contract';
import { ExternalShare, type ExternalShareProps } from './ExternalShare';

const SECRET = secret({ name: 'Payments API', url: 'https://api.payments.example/v1' });
const POLICY: SharingPolicy = { external: true, maxLinkSeconds: 30 * 86_400, baseUrl: null };

function show(over: Partial<ExternalShareProps> = {}) {
  const props: ExternalShareProps = {
    secret: SECRET,
    policy: POLICY,
    busy: false,
    onCreate: vi.fn(),
    onCopyLink: vi.fn(),
    onCopyCode: vi.fn(),
    onEmail: vi.fn(),
    onCenter: vi.fn(),
    onClose: vi.fn(),
    ...over,
  };
  const view = render(<ExternalShare {...props} />);
  return {
    props,
    user: userEvent.setup(),
    rerender: (o: Partial<ExternalShareProps>) => view.rerender(<ExternalShare {...props} {...o} />),
  };
}
const field = (name: string | RegExp) => screen.getByLabelText(name) as HTMLInputElement;

describe('the External screen', () => {
  it('shows the secret’s name and URL, says the value is the one at sharing, and states the maximum', () => {
    show({ policy: { ...POLICY, maxLinkSeconds: 7 * 86_400 } });
    expect(screen.getByRole('heading', { name: 'Share externally' })).toBeTruthy();
    expect(screen.getByText('https://api.payments.example/v1')).toBeTruthy();
    expect(screen.getAllByText('Payments API').length).toBeGreaterThan(0);
    expect(screen.getByText(/gets the API secret as it is now/)).toBeTruthy();
    expect(screen.getByText('Your administrator allows links to last at most 7 days.')).toBeTruthy();
    const options = within(field('Expiration'))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual(['1 hour', '24 hours', '1 week', 'Custom date and time…']);
    expect(field('Expiration').value).toBe('24h');
    expect(field(/^Recipient's email/)).toBe(document.activeElement);
  });

  it('refuses a missing or invalid email at its field and sends nothing', async () => {
    const { props, user } = show();
    await user.click(screen.getByRole('button', { name: 'Create link' }));
    expect(screen.getByText("Enter the recipient's email.")).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('Check the fields marked in red.');
    expect(field(/^Recipient's email/).getAttribute('aria-invalid')).toBe('true');
    await user.type(field(/^Recipient's email/), 'dana@partner');
    expect(screen.getByText('This is not a valid email address.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Create link' }));
    expect(props.onCreate).not.toHaveBeenCalled();
  });

  it('Create link hands the page the draft: email, expiration, accesses and access code', async () => {
    const { props, user } = show();
    const before = Date.now();
    await user.type(field(/^Recipient's email/), 'dana@partner.example');
    await user.selectOptions(field('Expiration'), '1w');
    await user.clear(field('Maximum accesses'));
    await user.type(field('Maximum accesses'), '3');
    await user.type(field('Access code'), 'amber-falcon-42');
    await user.click(screen.getByRole('button', { name: 'Create link' }));
    expect(props.onCreate).toHaveBeenCalledTimes(1);
    const draft = vi.mocked(props.onCreate).mock.calls[0]![0];
    expect(draft).toMatchObject({
      secretId: SECRET.id,
      recipientEmail: 'dana@partner.example',
      maxAccesses: 3,
      accessCode: 'amber-falcon-42',
    });
    const week = 7 * 86_400_000;
    expect(Date.parse(draft.expiresAt) - before).toBeGreaterThanOrEqual(week);
    expect(Date.parse(draft.expiresAt) - Date.now()).toBeLessThanOrEqual(week);
  });

  it('Unlimited accesses and a custom date within the maximum', async () => {
    const { props, user } = show({ policy: { ...POLICY, maxLinkSeconds: 86_400 } });
    await user.type(field(/^Recipient's email/), 'dana@partner.example');
    await user.click(screen.getByRole('checkbox', { name: 'Unlimited' }));
    expect(field('Maximum accesses').disabled).toBe(true);
    await user.selectOptions(field('Expiration'), 'custom');
    const custom = field(/^Expires on/);
    expect(custom.max).toBeTruthy();
    // Two days out is past the one-day maximum.
    const far = new Date(Date.now() + 2 * 86_400_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const local = (d: Date) =>
      `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    await user.type(custom, local(far));
    await user.click(screen.getByRole('button', { name: 'Create link' }));
    expect(screen.getByText('That is later than your administrator allows. Choose an earlier date.')).toBeTruthy();
    expect(props.onCreate).not.toHaveBeenCalled();
    await user.clear(custom);
    await user.type(custom, local(new Date(Date.now() + 3 * 3600_000)));
    await user.click(screen.getByRole('button', { name: 'Create link' }));
    expect(vi.mocked(props.onCreate).mock.calls[0]![0]).toMatchObject({ maxAccesses: null, accessCode: null });
  });

  it('works from the keyboard: type the email, Enter creates; Escape goes back', async () => {
    const { props, user } = show();
    await user.keyboard('dana@partner.example{Enter}');
    expect(vi.mocked(props.onCreate).mock.calls[0]![0]).toMatchObject({ recipientEmail: 'dana@partner.example' });
    await user.keyboard('{Escape}');
    expect(props.onClose).toHaveBeenCalled();
  });

  it('Suggest fills in a random access code', async () => {
    const { user } = show();
    await user.click(screen.getByRole('button', { name: 'Suggest' }));
    expect(field('Access code').value).toMatch(/^\w{4}-\w{4}-\w{4}$/);
  });

  it('says so when the administrator has turned external sharing off, and shows the worker’s refusal', () => {
    const { rerender } = show({ policy: { ...POLICY, external: false } });
    expect(screen.getByRole('alert').textContent).toBe('Your administrator has turned external sharing off.');
    expect(screen.queryByRole('button', { name: 'Create link' })).toBeNull();
    rerender({
      policy: POLICY,
      error: 'That expiration is later than your administrator allows. Choose an earlier one.',
    });
    expect(screen.getByRole('alert').textContent).toMatch(/later than your administrator allows/);
  });

  it('a disabled secret cannot be shared', () => {
    show({ secret: { ...SECRET, status: 'disabled' } });
    expect((screen.getByRole('button', { name: 'Create link' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('alert').textContent).toBe('This API secret is disabled. Enable it first.');
  });
});

describe('the link, once made', () => {
  const URL = 'https://vault.example/s/abc#key';
  it('shows the link with Copy link, the code to pass on, and sends it by email', async () => {
    const link = linkView({ hasCode: true });
    const { props, user } = show({ created: { link, url: URL, accessCode: 'amber-falcon-42' } });
    expect(screen.getByRole('heading', { name: 'Link created' })).toBeTruthy();
    expect(field('Link').value).toBe(URL);
    expect(screen.getByRole('button', { name: 'Copy link' })).toBe(document.activeElement);
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(props.onCopyLink).toHaveBeenCalled();
    expect(field('Access code').value).toBe('amber-falcon-42');
    await user.click(screen.getByRole('button', { name: 'Copy code' }));
    expect(props.onCopyCode).toHaveBeenCalled();
    expect(screen.getByText(/without the access code\. Give them the code another way/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Email it to dana@partner.example' }));
    expect(props.onEmail).toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Manage in the sharing center' }));
    expect(props.onCenter).toHaveBeenCalled();
  });

  it('without an access code there is no email button, and the screen says why', () => {
    show({ created: { link: linkView({ hasCode: false }), url: URL, accessCode: null } });
    expect(screen.queryByRole('button', { name: /^Email it/ })).toBeNull();
    expect(screen.getByText(/Only a link with an access code can be sent by email/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Copy code' })).toBeNull();
  });
});
