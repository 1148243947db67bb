import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { secret } from '@/test/fixtures';
import type { SecretSummary } from '@/utils/contract';
import type { SecretDraft } from '@/utils/secrets/draft';
import { VaultError } from '@/utils/vault/errors';
import { SecretForm } from './SecretForm';

// The page sends the draft; here the test is the page's save.
const saveDraft = vi.fn<(draft: SecretDraft) => Promise<SecretSummary>>();
let save: (draft: SecretDraft) => Promise<SecretSummary>;
beforeEach(() => {
  save = async (d) => secret({ name: d.name || 'Payments API' });
  saveDraft.mockReset();
  saveDraft.mockImplementation((d) => save(d));
});

function add(initial?: Partial<SecretDraft>) {
  const props = { save: saveDraft, onCancel: vi.fn(), onShare: vi.fn(), onDone: vi.fn() };
  render(<SecretForm initial={initial} {...props} />);
  return { user: userEvent.setup(), ...props };
}
/** The message shown under a field, as screen readers get it: the field's description. */
const errorOf = (label: string | RegExp) => {
  const input = screen.getByLabelText(label);
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ');
  return ids
    .map((id) => document.getElementById(id)?.textContent)
    .find((t) => t && input.getAttribute('aria-invalid') === 'true');
};

describe('SecretForm: Add API secret', () => {
  it('shows each problem next to its field, before sending anything', async () => {
    const { user } = add();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(errorOf('Name (required)')).toBe('Enter a name.');
    expect(errorOf('URL (required)')).toBe('Enter the API’s URL.');
    expect(errorOf('Client ID (required)')).toBe('Enter the client ID.');
    expect(errorOf(/^Client secret/)).toBe('Enter the client secret.');
    expect(errorOf('Identifier')).toBeUndefined();
    expect(screen.getByRole('alert').textContent).toBe('Check the fields marked in red.');
    expect(document.activeElement).toBe(screen.getByLabelText('Name (required)'));
    expect(saveDraft).not.toHaveBeenCalled();
  });

  it.each([
    ['URL (required)', 'ftp://files.example', 'Enter a URL that starts with http:// or https://'],
    ['Name (required)', 'x'.repeat(201), 'Use at most 200 characters.'],
    ['Tags', 'ok, ' + 'y'.repeat(51), 'Each tag can have at most 50 characters.'],
  ])('explains what is wrong with %s', async (label, value, message) => {
    const { user } = add({ name: 'n', url: 'https://a.example', clientId: 'c', clientSecret: 's' });
    const field = screen.getByLabelText(label) as HTMLInputElement;
    await user.clear(field);
    await user.click(field);
    await user.paste(value);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(errorOf(label)).toBe(message);
  });

  it('clears a field’s message as soon as it is fixed', async () => {
    const { user } = add();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await user.type(screen.getByLabelText('Name (required)'), 'Payments');
    expect(errorOf('Name (required)')).toBeUndefined();
    expect(errorOf('URL (required)')).toBe('Enter the API’s URL.');
  });

  it('saves, says "API secret saved", then offers to share it', async () => {
    const { user, onShare } = add({ clientSecret: 'sk_from_the_page' });
    await user.type(screen.getByLabelText('Name (required)'), 'Payments API');
    await user.type(screen.getByLabelText('URL (required)'), 'https://api.payments.example');
    await user.type(screen.getByLabelText('Client ID (required)'), 'pay-1');
    await user.selectOptions(screen.getByLabelText('Method'), 'POST');
    await user.type(screen.getByLabelText('Tags'), 'billing, prod');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('heading', { name: 'API secret saved' })).toBeTruthy();
    expect(saveDraft).toHaveBeenCalledWith(
      expect.objectContaining({
        name: 'Payments API',
        clientSecret: 'sk_from_the_page',
        method: 'POST',
        tags: 'billing, prod',
      }),
    );
    expect(screen.getByText('Share it with colleagues now?')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Share' }));
    expect(onShare).toHaveBeenCalledWith(expect.objectContaining({ name: 'Payments API' }));
  });

  it('puts the server’s "identifier taken" next to the Identifier field', async () => {
    save = () => Promise.reject(new VaultError('identifier_taken'));
    const { user } = add({ name: 'n', url: 'https://a.example', clientId: 'c', clientSecret: 's', identifier: 'PAY' });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('You already have an API secret with this identifier.')).toBeTruthy();
    expect(errorOf('Identifier')).toBe('You already have an API secret with this identifier.');
  });

  it('says when the server cannot be reached, and keeps what was typed', async () => {
    save = () => Promise.reject(new VaultError('unreachable'));
    const { user } = add({ name: 'Kept', url: 'https://a.example', clientId: 'c', clientSecret: 's' });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText("Can't reach the vault server. Check the address, or try again when it's back."),
    ).toBeTruthy();
    expect((screen.getByLabelText('Name (required)') as HTMLInputElement).value).toBe('Kept');
  });
});

describe('SecretForm: Edit', () => {
  const current = secret({
    name: 'Payments API',
    url: 'https://api.payments.example',
    clientId: 'pay-1',
    tags: ['billing'],
    revision: 4,
  });

  it('starts from the secret’s fields, and saves what the form holds', async () => {
    const onDone = vi.fn();
    render(<SecretForm secret={current} save={saveDraft} onCancel={vi.fn()} onShare={vi.fn()} onDone={onDone} />);
    const user = userEvent.setup();
    expect(screen.getByText('Leave empty to keep the current client secret.')).toBeTruthy();
    await user.type(screen.getByLabelText('Notes'), 'Rotated');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('heading', { name: 'API secret saved' })).toBeTruthy();
    expect(saveDraft).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'Payments API', clientId: 'pay-1', notes: 'Rotated', clientSecret: '' }),
    );
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onDone).toHaveBeenCalled();
  });

  it('sends a new client secret when one is typed', async () => {
    render(<SecretForm secret={current} save={saveDraft} onCancel={vi.fn()} onShare={vi.fn()} onDone={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Client secret'), 'sk_rotated');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('heading', { name: 'API secret saved' });
    expect(saveDraft).toHaveBeenCalledWith(expect.objectContaining({ clientSecret: 'sk_rotated' }));
  });

  it('when someone else changed it meanwhile, says so', async () => {
    save = () => Promise.reject(new VaultError('stale_revision'));
    render(<SecretForm secret={current} save={saveDraft} onCancel={vi.fn()} onShare={vi.fn()} onDone={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Someone changed this meanwhile. It has been reloaded; try again.')).toBeTruthy();
  });

  it('an editor who does not own it cannot change the identifier, and is told only the owner can', async () => {
    const shared = secret({
      ...current,
      identifier: 'payments',
      permissions: { view: true, edit: true, share: false },
    });
    render(<SecretForm secret={shared} save={saveDraft} onCancel={vi.fn()} onShare={vi.fn()} onDone={vi.fn()} />);
    const field = screen.getByLabelText('Identifier') as HTMLInputElement;
    expect(field.readOnly).toBe(true);
    expect(screen.getByText('Only the owner of this API secret can change its identifier.')).toBeTruthy();
    await userEvent.type(field, '-eu');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('heading', { name: 'API secret saved' });
    expect(saveDraft).toHaveBeenCalledWith(expect.objectContaining({ identifier: 'payments' }));
  });
});
