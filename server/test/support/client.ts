import {
  createGrant,
  decryptSecret,
  encryptSecret,
  enroll,
  newGroupKeys,
  newId,
  newItemKey,
  openAccount,
  openGrant,
  openGroupKey,
  deriveKeys,
  openSigningKey,
  membershipStatement,
  sign,
  signGrant,
  type Grant,
} from '../../../utils/crypto';
import { expandSync, type SyncBatch } from '../../../utils/contract';
import { type GrantTrust, memoryTrust, verifyKeyPath } from '../../../utils/session/grant-trust';
import type {
  AccessList,
  RevealResponse,
  SecretSummary,
  SyncResponse,
  GroupView,
  DirectoryEntry,
  AccessEntryInput,
} from '../../../utils/contract';

export type Res<T = unknown> = { status: number; body: T; headers: Headers };

/**
 * A client of the vault API built on the crypto module alone, as the extension would be: it derives keys,
 * makes grants and opens ciphertext on "its device"; the server only ever sees ciphertext. It speaks VEP/2
 * (signs every grant) unless made with `{ vep1: true }`, which plays an account from before signing keys.
 */
export class VaultClient {
  token?: string;
  userId!: string;
  publicKey!: string;
  privateKey!: CryptoKey;
  signingKey?: CryptoKey;
  signingPublicKey: string | null = null;
  /** This device's signing pins and "signed seen" marks, for {@link verifiedReveal}. */
  trust: GrantTrust = memoryTrust();
  private itemKeys = new Map<string, { key: Uint8Array; revision: number }>();

  constructor(
    readonly base: string,
    readonly username: string,
    readonly password = `${username}-password`,
    readonly opts: { vep1?: boolean } = {},
  ) {}

  async call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Res<T>> {
    const res = await fetch(this.base + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
  }

  private async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.call<T>(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async enroll(code: string) {
    const start = await this.ok<{ userId: string; iterations: number }>('POST', '/v1/auth/enroll/start', {
      username: this.username,
      code,
    });
    const keys = await enroll(this.password, start.userId, start.iterations);
    const signing = {
      signingPublicKey: keys.signingPublicKey,
      encryptedSigningKey: keys.encryptedSigningKey,
      signingKeyProof: keys.signingKeyProof,
    };
    const body = {
      username: this.username,
      code,
      kdf: keys.kdf,
      authKey: keys.authKey,
      publicKey: keys.publicKey,
      encryptedPrivateKey: keys.encryptedPrivateKey,
    };
    const s = await this.ok<{ token: string }>('POST', '/v1/auth/enroll', this.opts.vep1 ? body : { ...body, signing });
    Object.assign(this, {
      token: s.token,
      userId: start.userId,
      publicKey: keys.publicKey,
      privateKey: keys.privateKey,
      signingKey: this.opts.vep1 ? undefined : keys.signingKey,
      signingPublicKey: this.opts.vep1 ? null : keys.signingPublicKey,
    });
    return this;
  }

  async signIn() {
    const kdf = await this.ok<{ salt: string; iterations: number }>('POST', '/v1/auth/prelogin', {
      username: this.username,
    });
    const { authKey } = await deriveKeys(this.password, kdf);
    const s = await this.ok<{
      token: string;
      user: { id: string; kdf: typeof kdf; publicKey: string; encryptedPrivateKey: never; encryptedSigningKey: never };
    }>('POST', '/v1/auth/login', { username: this.username, authKey });
    const opened = await openAccount(this.password, s.user.kdf, s.user.id, s.user.encryptedPrivateKey);
    const signing = s.user.encryptedSigningKey
      ? await openSigningKey(opened.accountKey, s.user.id, s.user.encryptedSigningKey)
      : undefined;
    Object.assign(this, {
      token: s.token,
      userId: s.user.id,
      publicKey: s.user.publicKey,
      privateKey: opened.privateKey,
      signingKey: signing?.signingKey,
      signingPublicKey: signing?.signingPublicKey ?? null,
    });
    return this;
  }

  /** A grant made on this device: signed at key revision `revision` by a VEP/2 account, anonymous for a VEP/1 one. */
  async grant(
    subjectKind: 'secret' | 'group',
    subjectId: string,
    to: { kind: 'user' | 'group'; id: string; publicKey: string },
    key: Uint8Array,
    revision = 1,
  ): Promise<Grant> {
    const grant = await createGrant(
      { subjectKind, subjectId, recipientKind: to.kind, recipientId: to.id, recipientPublicKey: to.publicKey },
      key,
    );
    return this.signingKey
      ? signGrant(grant, { subjectKind, subjectId }, revision, { id: this.userId, signingKey: this.signingKey })
      : grant;
  }

  async createSecret(fields: {
    name: string;
    clientSecret: string;
    identifier?: string | null;
    url?: string;
    clientId?: string;
    tags?: string[];
  }) {
    const id = newId();
    const itemKey = newItemKey();
    this.itemKeys.set(id, { key: itemKey, revision: 1 });
    return this.ok<SecretSummary>('POST', '/v1/secrets', {
      id,
      name: fields.name,
      url: fields.url ?? 'https://api.example.com/v1',
      clientId: fields.clientId ?? `client-${id.slice(0, 8)}`,
      identifier: fields.identifier ?? null,
      tags: fields.tags ?? [],
      value: await encryptSecret(itemKey, id, 1, { clientSecret: fields.clientSecret }),
      ownerGrant: await this.grant('secret', id, { kind: 'user', id: this.userId, publicKey: this.publicKey }, itemKey),
    });
  }

  /** The body of a share: new recipients get a grant made here from the item key this client holds. */
  async accessBody(
    secretId: string,
    baseRevision: number,
    list: { kind: 'user' | 'group'; id: string; publicKey: string; canEdit?: boolean }[],
  ) {
    const held = this.itemKeys.get(secretId) ?? (await this.heldKey(secretId));
    const entries: AccessEntryInput[] = [];
    for (const r of list)
      entries.push({
        recipientKind: r.kind,
        recipientId: r.id,
        canView: true,
        canEdit: r.canEdit ?? false,
        grant: await this.grant('secret', secretId, r, held.key, held.revision),
      });
    return { baseRevision, entries };
  }

  async share(secretId: string, list: { kind: 'user' | 'group'; id: string; publicKey: string; canEdit?: boolean }[]) {
    const current = await this.ok<AccessList>('GET', `/v1/secrets/${secretId}/access`);
    return this.ok<AccessList>(
      'PUT',
      `/v1/secrets/${secretId}/access`,
      await this.accessBody(secretId, current.accessRevision, list),
    );
  }

  /** Opens the item key along whatever path the server offers (own grant, or group then item). */
  async itemKey(secretId: string, reveal?: RevealResponse): Promise<Uint8Array> {
    const r = reveal ?? (await this.ok<RevealResponse>('POST', `/v1/secrets/${secretId}/reveal`));
    if (r.keyPath.via === 'user')
      return openGrant(
        r.keyPath.grant,
        { subjectKind: 'secret', subjectId: secretId },
        this.privateKey,
        this.publicKey,
      );
    // openGroupKey checks the opened key against the group's public key: a forged member grant fails here.
    const group = await openGroupKey(
      r.keyPath.memberGrant,
      r.keyPath.groupId,
      this.privateKey,
      this.publicKey,
      r.keyPath.groupPublicKey,
    );
    return openGrant(
      r.keyPath.groupGrant,
      { subjectKind: 'secret', subjectId: secretId },
      group.privateKey,
      r.keyPath.groupPublicKey,
    );
  }

  /** The item key with the key revision new grants of it are signed at. */
  async heldKey(secretId: string): Promise<{ key: Uint8Array; revision: number }> {
    const r = await this.ok<RevealResponse>('POST', `/v1/secrets/${secretId}/reveal`);
    return { key: await this.itemKey(secretId, r), revision: r.keyRevision ?? 1 };
  }

  /**
   * A manager makes a member a manager, or a plain member again, signing the decision when this account has a
   * signing key (docs/crypto.md, "Membership statement", action `manager` or `member`).
   */
  async setRole(groupId: string, memberId: string, manager: boolean, at = new Date().toISOString()) {
    const body = this.signingKey
      ? {
          manager,
          at,
          signature: await sign(
            this.signingKey,
            membershipStatement({
              action: manager ? 'manager' : 'member',
              groupId,
              memberId,
              managerId: this.userId,
              at,
            }),
          ),
        }
      : { manager };
    return this.call<GroupView>('PATCH', `/v1/groups/${groupId}/members/${memberId}`, body);
  }

  /** A manager approves a pending member: opens the group key from their own grant and signs a grant of it. */
  async approve(groupId: string, member: { id: string; publicKey: string }) {
    const view = await this.ok<GroupView>('GET', `/v1/groups/${groupId}`);
    const pkcs8 = await openGrant(
      view.myGrant!,
      { subjectKind: 'group', subjectId: groupId },
      this.privateKey,
      this.publicKey,
    );
    return this.addMember(groupId, pkcs8, member);
  }

  async reveal(secretId: string): Promise<string> {
    const r = await this.ok<RevealResponse>('POST', `/v1/secrets/${secretId}/reveal`);
    const key = await this.itemKey(secretId, r);
    return (await decryptSecret(key, secretId, r.valueRevision, r.value)).clientSecret;
  }

  /**
   * Reveals as a VEP/2 client must: every grant on the key path verified first (docs/crypto.md, "Verifying a
   * grant"). `verified` is false for an unsigned grant opened under the migration rule.
   */
  async verifiedReveal(secretId: string, label = secretId): Promise<{ clientSecret: string; verified: boolean }> {
    const r = await this.ok<RevealResponse>('POST', `/v1/secrets/${secretId}/reveal`);
    const verified = await verifyKeyPath(
      r,
      label,
      { userId: this.userId, signingPublicKey: this.signingPublicKey },
      this.trust,
    );
    const key = await this.itemKey(secretId, r);
    return { clientSecret: (await decryptSecret(key, secretId, r.valueRevision, r.value)).clientSecret, verified };
  }

  /**
   * The body of a rotation: a new item key, the value under it at the next revision, and a signed grant for
   * the owner and everyone on the list. `keys` gives the public key of each of them by id.
   */
  async rotateBody(secretId: string, clientSecret: string, keys: Record<string, string>) {
    const [s, list] = [await this.get(secretId), await this.access(secretId)];
    const key = newItemKey();
    const revision = s.valueRevision + 1;
    const grants: Grant[] = [];
    for (const e of list.entries)
      grants.push(
        await this.grant(
          'secret',
          secretId,
          { kind: e.recipientKind, id: e.recipientId, publicKey: keys[e.recipientId]! },
          key,
          revision,
        ),
      );
    return {
      baseRevision: s.revision,
      baseAccessRevision: list.accessRevision,
      valueRevision: revision,
      value: await encryptSecret(key, secretId, revision, { clientSecret }),
      ownerGrant: await this.grant(
        'secret',
        secretId,
        { kind: 'user', id: s.owner.id, publicKey: keys[s.owner.id]! },
        key,
        revision,
      ),
      grants,
    };
  }

  rotate = async (secretId: string, clientSecret: string, keys: Record<string, string>) =>
    this.call<SecretSummary>(
      'POST',
      `/v1/secrets/${secretId}/rotate`,
      await this.rotateBody(secretId, clientSecret, keys),
    );

  /** Rewrites the client secret as an editor would: same item key, next value revision. */
  async editValue(secretId: string, clientSecret: string) {
    const s = await this.ok<SecretSummary>('GET', `/v1/secrets/${secretId}`);
    const key = await this.itemKey(secretId);
    const ciphertext = await encryptSecret(key, secretId, s.valueRevision + 1, { clientSecret });
    return this.call<SecretSummary>('PATCH', `/v1/secrets/${secretId}`, {
      baseRevision: s.revision,
      value: { ciphertext, valueRevision: s.valueRevision + 1 },
    });
  }

  async createPrivateGroup(name: string) {
    const { body, keys } = await this.privateGroupBody(name);
    const view = await this.ok<GroupView>('POST', '/v1/groups', body);
    return { view, keys };
  }

  /** A new private group's request, keys made here, for a test that sends it itself. */
  async privateGroupBody(name: string) {
    const keys = await newGroupKeys();
    const id = newId();
    const body = {
      id,
      name,
      publicKey: keys.publicKey,
      managerGrant: await this.grant(
        'group',
        id,
        { kind: 'user', id: this.userId, publicKey: this.publicKey },
        keys.privateKeyPkcs8,
      ),
    };
    return { body, keys };
  }

  async addMember(groupId: string, groupPkcs8: Uint8Array, member: { id: string; publicKey: string }) {
    return this.ok<GroupView>('POST', `/v1/groups/${groupId}/members`, {
      userId: member.id,
      grant: await this.grant('group', groupId, { kind: 'user', ...member }, groupPkcs8),
    });
  }

  search = (q: string) =>
    this.ok<{ results: DirectoryEntry[] }>('GET', `/v1/directory/search?q=${encodeURIComponent(q)}`).then(
      (r) => r.results,
    );
  list = () => this.ok<{ items: SecretSummary[] }>('GET', '/v1/secrets').then((r) => r.items);
  /** One answer of the change feed as sent (people by id, `next` for the rest of a first load). */
  syncPage = (q: { since?: string; page?: string } = {}) =>
    this.ok<SyncResponse>('GET', `/v1/sync?${new URLSearchParams(q as Record<string, string>)}`);

  /** The change feed since a cursor, every page of a first load gathered and people resolved, as a client applies it. */
  async sync(since?: string): Promise<SyncBatch> {
    let res = await this.syncPage(since ? { since } : {});
    const batch = expandSync(res);
    while (res.next) {
      res = await this.syncPage({ page: res.next });
      batch.secrets.push(...expandSync(res).secrets);
    }
    return batch;
  }
  access = (id: string) => this.ok<AccessList>('GET', `/v1/secrets/${id}/access`);
  get = (id: string) => this.ok<SecretSummary>('GET', `/v1/secrets/${id}`);
  me = () => ({ kind: 'user' as const, id: this.userId, publicKey: this.publicKey });
}
