import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { ALICE, BOB, secret } from '@/test/fixtures';
import { CAROL, accessList, userEntry } from '@/test/share-fixtures';
import { VaultError } from '@/utils/vault/errors';
import { AccessPage, DetailsPage } from './pages';
import { saveSecret } from './worker-calls';

// The pages are where the popup talks to the worker: here the test plays the worker behind sendMessage.
const worker = vi.hoisted(() => ({ sendMessage: vi.fn() }));
vi.mock('@/utils/messaging', () => ({ sendMessage: worker.sendMessage }));

const PAYMENTS = secret({ name: 'Payments API', url: 'https://api.payments.example', clientId: 'pay-1', revision: 4 });
const sent = (type: string) => worker.sendMessage.mock.calls.filter((c) => c[0] === type).map((c) => c[1] as unknown);

beforeEach(() => {
  worker.sendMessage.mockReset();
  worker.sendMessage.mockImplementation(async (type: string) => {
    if (type === 'getAccessList') return { list: accessList(PAYMENTS.id, [userEntry(BOB)]) };
    if (type === 'revealSecret') return { clientSecret: 'sk_live_visible' };
    return undefined;
  });
});

describe('popup pages', () => {
  it('details: fetches who has access, and again when the secret’s access revision moves', async () => {
    const { rerender } = render(<DetailsPage secret={PAYMENTS} meId={ALICE.id} onClose={vi.fn()} onAction={vi.fn()} />);
    expect(await screen.findByText('Bob Builder')).toBeTruthy();
    worker.sendMessage.mockImplementation(async () => ({ list: accessList(PAYMENTS.id, [userEntry(CAROL)], 2) }));
    rerender(
      <DetailsPage secret={{ ...PAYMENTS, accessRevision: 2 }} meId={ALICE.id} onClose={vi.fn()} onAction={vi.fn()} />,
    );
    expect(await screen.findByText('Carol Danvers')).toBeTruthy();
    expect(sent('getAccessList')).toEqual([{ secretId: PAYMENTS.id }, { secretId: PAYMENTS.id }]);
  });

  it('details: Show asks the worker for this secret’s value', async () => {
    render(<DetailsPage secret={PAYMENTS} meId={ALICE.id} onClose={vi.fn()} onAction={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(await screen.findByText('sk_live_visible')).toBeTruthy();
    expect(sent('revealSecret')).toEqual([{ secretId: PAYMENTS.id }]);
  });

  it('who has access: words the worker’s failure', async () => {
    worker.sendMessage.mockImplementation(() => Promise.reject(new VaultError('forbidden')));
    render(<AccessPage secret={PAYMENTS} meId={ALICE.id} onClose={vi.fn()} />);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe("You don't have permission to do that."));
  });
});

describe('saveSecret', () => {
  const draft = {
    name: 'Payments API',
    url: 'https://api.payments.example',
    clientId: 'pay-1',
    clientSecret: '',
    identifier: '',
    method: PAYMENTS.method,
    tags: PAYMENTS.tags.join(', '),
    notes: 'Rotated',
  };

  it('adds a new secret with the whole draft', async () => {
    await saveSecret(undefined, { ...draft, clientSecret: 'sk_new' });
    expect(sent('createSecret')).toEqual([{ ...draft, clientSecret: 'sk_new' }]);
  });

  it('edits with only what changed, and keeps the client secret when left empty', async () => {
    await saveSecret(PAYMENTS, draft);
    await saveSecret(PAYMENTS, { ...draft, notes: PAYMENTS.notes, clientSecret: 'sk_rotated' });
    expect(sent('updateSecret')).toEqual([
      { secretId: PAYMENTS.id, baseRevision: 4, fields: { notes: 'Rotated' } },
      { secretId: PAYMENTS.id, baseRevision: 4, fields: {}, clientSecret: 'sk_rotated' },
    ]);
  });

  it('when someone else changed it meanwhile, asks for a sync and passes the error on', async () => {
    worker.sendMessage.mockImplementation(async (type: string) => {
      if (type === 'updateSecret') throw new VaultError('stale_revision');
    });
    await expect(saveSecret(PAYMENTS, draft)).rejects.toMatchObject({ code: 'stale_revision' });
    expect(worker.sendMessage).toHaveBeenCalledWith('sync');
  });
});
