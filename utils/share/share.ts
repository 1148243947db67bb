import { createGrant, signGrant, type Grant } from '@/utils/crypto';
import type { AccessEntryInput, AccessList, RecipientKind } from '@/utils/contract';
import { itemKeys } from '@/utils/secrets/item-keys';
import type { Unlocked } from '@/utils/secrets/context';
import { VaultError } from '@/utils/vault/errors';
import { baseList, cacheAccess, reflectInSecret } from './current';
import { checkPins, pinAll, type GrantTarget } from './pins';
import { recipientKey, type RecipientKey, type ShareItem, type ShareOutcome, type ShareRequest } from './types';

type NewEntry = { secretId: string; key: RecipientKey; kind: RecipientKind; id: string };

/** The recipients of each item that are not on its current list: only they need a grant. */
async function newEntries(u: Unlocked, items: readonly ShareItem[]): Promise<NewEntry[]> {
  const out: NewEntry[] = [];
  for (const item of items) {
    const current = await baseList(u, item.secretId, item.baseRevision);
    const have = new Set(current.entries.map((e) => recipientKey(e.recipientKind, e.recipientId)));
    for (const e of item.entries) {
      const key = recipientKey(e.recipientKind, e.recipientId);
      if (!have.has(key)) out.push({ secretId: item.secretId, key, kind: e.recipientKind, id: e.recipientId });
    }
  }
  return out;
}

/** The key each new recipient gets a grant for: as the panel's search found it, or as this device last synced it. */
async function targetOf(u: Unlocked, req: ShareRequest, e: NewEntry): Promise<Omit<GrantTarget, 'fingerprint'>> {
  const given = req.keys[e.key];
  if (given) return { key: e.key, kind: e.kind, id: e.id, name: given.name, publicKey: given.publicKey };
  const known = e.kind === 'user' ? await u.db.get('users', e.id) : await u.db.get('groups', e.id);
  if (!known) throw new VaultError('unknown_recipient');
  return { key: e.key, kind: e.kind, id: e.id, name: known.name, publicKey: known.publicKey };
}

/** Signs a grant of a secret's itemKey at its key revision (docs/crypto.md, "Making grants"); a VEP/1 account offline has no key to sign with. */
export function signed(u: Unlocked, grant: Grant, secretId: string, keyRevision: number): Promise<Grant> {
  if (!u.me.signingKey) return Promise.resolve(grant);
  return signGrant(grant, { subjectKind: 'secret', subjectId: secretId }, keyRevision, {
    id: u.me.userId,
    signingKey: u.me.signingKey,
  });
}

/** Grants for the new entries, made from each secret's itemKey, which is zeroed afterwards. */
async function makeGrants(
  u: Unlocked,
  fresh: readonly NewEntry[],
  targets: ReadonlyMap<RecipientKey, GrantTarget>,
): Promise<Map<string, Grant>> {
  const keys = await itemKeys(u, [...new Set(fresh.map((e) => e.secretId))]);
  const grants = new Map<string, Grant>();
  try {
    for (const e of fresh) {
      const t = targets.get(e.key)!;
      const held = keys.get(e.secretId)!;
      const grant = await createGrant(
        {
          subjectKind: 'secret',
          subjectId: e.secretId,
          recipientKind: t.kind,
          recipientId: t.id,
          recipientPublicKey: t.publicKey,
        },
        held.key,
      );
      grants.set(`${e.secretId}/${e.key}`, await signed(u, grant, e.secretId, held.keyRevision));
    }
  } finally {
    for (const k of keys.values()) k.key.fill(0);
  }
  return grants;
}

/**
 * Applies a share (F5, F6) in the worker, which holds the keys: finds the recipients new to each secret,
 * checks their keys against the pins (a changed key stops everything until the user confirms it), opens
 * each secret's itemKey and wraps it for them, then sends every list in one request: one secret through
 * putAccess, several through batchAccess, all or nothing. Pins and cached lists change only on success.
 */
export async function shareSecrets(u: Unlocked, req: ShareRequest): Promise<ShareOutcome> {
  if (!req.items.length) throw new VaultError('invalid_request');
  const fresh = await newEntries(u, req.items);
  const unique = new Map<RecipientKey, NewEntry>(fresh.map((e) => [e.key, e]));
  const wanted = await Promise.all([...unique.values()].map((e) => targetOf(u, req, e)));
  const { ok, changes } = await checkPins(u.db, wanted, req.confirmed);
  if (changes.length) return { ok: false, keyChanges: changes };
  const targets = new Map(ok.map((t) => [t.key, t]));
  const grants = await makeGrants(u, fresh, targets);

  const body = (item: ShareItem) => ({
    baseRevision: item.baseRevision,
    entries: item.entries.map((e): AccessEntryInput => {
      const grant = grants.get(`${item.secretId}/${recipientKey(e.recipientKind, e.recipientId)}`);
      return {
        recipientKind: e.recipientKind,
        recipientId: e.recipientId,
        canView: true,
        canEdit: e.canEdit,
        ...(grant ? { grant } : {}),
      };
    }),
  });
  let lists: AccessList[];
  if (req.items.length === 1) {
    const [item] = req.items as [ShareItem];
    lists = [await u.client.call('putAccess', { params: { id: item.secretId }, body: body(item) })];
  } else {
    lists = (
      await u.client.call('batchAccess', {
        body: { items: req.items.map((i) => ({ secretId: i.secretId, ...body(i) })) },
      })
    ).items;
  }
  await pinAll(u.db, ok);
  for (const list of lists) await Promise.all([cacheAccess(u, list), reflectInSecret(u, list)]);
  return { ok: true, lists };
}
