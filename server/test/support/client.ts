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
  importPrivateKey,
  deriveKeys,
  type Grant,
} from '../../../utils/crypto';
import { expandSync, type SyncBatch } from '../../../utils/contract';
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
 * A VEP/1 client of the vault API built on the crypto module alone, as the extension would be: it derives
 * keys, makes grants and opens ciphertext on "its device"; the server only ever sees ciphertext.
 */
export class VaultClient {
  token?: string;
  userId!: string;
  publicKey!: string;
  privateKey!: CryptoKey;
  private itemKeys = new Map<string, Uint8Array>();

  constructor(
    readonly base: string,
    readonly username: string,
    readonly password = `${username}-password`,
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
    const s = await this.ok<{ token: string }>('POST', '/v1/auth/enroll', {
      username: this.username,
      code,
      kdf: keys.kdf,
      authKey: keys.authKey,
      publicKey: keys.publicKey,
      encryptedPrivateKey: keys.encryptedPrivateKey,
    });
    Object.assign(this, {
      token: s.token,
      userId: start.userId,
      publicKey: keys.publicKey,
      privateKey: keys.privateKey,
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
      user: { id: string; kdf: typeof kdf; publicKey: string; encryptedPrivateKey: never };
    }>('POST', '/v1/auth/login', { username: this.username, authKey });
    const opened = await openAccount(this.password, s.user.kdf, s.user.id, s.user.encryptedPrivateKey);
    Object.assign(this, {
      token: s.token,
      userId: s.user.id,
      publicKey: s.user.publicKey,
      privateKey: opened.privateKey,
    });
    return this;
  }

  grant(
    subjectKind: 'secret' | 'group',
    subjectId: string,
    to: { kind: 'user' | 'group'; id: string; publicKey: string },
    key: Uint8Array,
  ): Promise<Grant> {
    return createGrant(
      { subjectKind, subjectId, recipientKind: to.kind, recipientId: to.id, recipientPublicKey: to.publicKey },
      key,
    );
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
    this.itemKeys.set(id, itemKey);
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
    const itemKey = this.itemKeys.get(secretId) ?? (await this.itemKey(secretId));
    const entries: AccessEntryInput[] = [];
    for (const r of list)
      entries.push({
        recipientKind: r.kind,
        recipientId: r.id,
        canView: true,
        canEdit: r.canEdit ?? false,
        grant: await this.grant('secret', secretId, r, itemKey),
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
    const groupPkcs8 = await openGrant(
      r.keyPath.memberGrant,
      { subjectKind: 'group', subjectId: r.keyPath.groupId },
      this.privateKey,
      this.publicKey,
    );
    const groupKey = await importPrivateKey(groupPkcs8);
    return openGrant(
      r.keyPath.groupGrant,
      { subjectKind: 'secret', subjectId: secretId },
      groupKey,
      r.keyPath.groupPublicKey,
    );
  }

  async reveal(secretId: string): Promise<string> {
    const r = await this.ok<RevealResponse>('POST', `/v1/secrets/${secretId}/reveal`);
    const key = await this.itemKey(secretId, r);
    return (await decryptSecret(key, secretId, r.valueRevision, r.value)).clientSecret;
  }

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
