import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  pbkdf2Sync,
  randomBytes,
  createHash,
} from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo';
import { startServer, type RunningServer } from '../src/server';
import { VaultClient } from './support/client';

/*
 * A second VEP/1 client written from docs/crypto.md and docs/api.md with node:crypto only (not the
 * project's WebCrypto module): if the two disagree on any byte of the protocol, this fails.
 */
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url');
const hkdf = (ikm: Uint8Array, salt: Uint8Array, info: string) =>
  Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from(info), 32));

function gcmOpen(key: Uint8Array, c: { iv: string; ct: string }, aad: string): Buffer {
  const ct = unb64(c.ct);
  const d = createDecipheriv('aes-256-gcm', key, unb64(c.iv));
  d.setAAD(Buffer.from(aad));
  d.setAuthTag(ct.subarray(ct.length - 16));
  return Buffer.concat([d.update(ct.subarray(0, ct.length - 16)), d.final()]);
}
function gcmSeal(key: Uint8Array, plain: Uint8Array, aad: string) {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
  return { iv: b64(iv), ct: b64(ct) };
}
type Grant = {
  recipientKind: string;
  recipientId: string;
  recipientKeyFingerprint: string;
  ephemeralPublicKey: string;
  iv: string;
  ct: string;
};
const ctx = (sk: string, sid: string, rk: string, rid: string) => `vep1/grant/${sk}/${sid}/${rk}/${rid}`;

function openGrant(g: Grant, subject: [string, string], privatePkcs8: Buffer, recipientSpki: Buffer): Buffer {
  const context = ctx(subject[0], subject[1], g.recipientKind, g.recipientId);
  const eph = unb64(g.ephemeralPublicKey);
  const z = diffieHellman({
    privateKey: createPrivateKey({ key: privatePkcs8, format: 'der', type: 'pkcs8' }),
    publicKey: createPublicKey({ key: eph, format: 'der', type: 'spki' }),
  });
  const kek = hkdf(z, Buffer.concat([eph, recipientSpki]), context);
  return gcmOpen(kek, g, context);
}
function makeGrant(subject: [string, string], to: { kind: string; id: string; spki: Buffer }, key: Uint8Array): Grant {
  const context = ctx(subject[0], subject[1], to.kind, to.id);
  const e = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const eph = e.publicKey.export({ format: 'der', type: 'spki' });
  const z = diffieHellman({
    privateKey: e.privateKey,
    publicKey: createPublicKey({ key: to.spki, format: 'der', type: 'spki' }),
  });
  const kek = hkdf(z, Buffer.concat([eph, to.spki]), context);
  return {
    recipientKind: to.kind,
    recipientId: to.id,
    recipientKeyFingerprint: createHash('sha256').update(to.spki).digest('hex'),
    ephemeralPublicKey: b64(eph),
    ...gcmSeal(kek, key, context),
  };
}

async function call<T>(base: string, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const r = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await r.json()) as T;
  if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(json)}`);
  return json;
}

describe('an independent VEP/1 client (node:crypto, from the docs) against the demo vault', () => {
  let dir: string;
  let s: RunningServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vaultshare-indep-'));
    const sqlitePath = join(dir, 'vault.db');
    await seedDemo({ sqlitePath, kdfIterations: 2000, minKdfIterations: 2000 });
    s = await startServer({ sqlitePath, port: 0, quiet: true, databaseUrl: undefined });
  });
  afterAll(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs in as bob, decrypts secrets shared with him directly and through a group, and shares one back', async () => {
    const pre = await call<{ salt: string; iterations: number }>(s.url, 'POST', '/v1/auth/prelogin', undefined, {
      username: 'bob',
    });
    const master = pbkdf2Sync(
      Buffer.from('bob-demo-password'.normalize('NFC')),
      unb64(pre.salt),
      pre.iterations,
      32,
      'sha256',
    );
    const authKey = b64(hkdf(master, Buffer.alloc(0), 'vep1/auth'));
    const login = await call<{
      token: string;
      user: { id: string; publicKey: string; encryptedPrivateKey: { iv: string; ct: string } };
    }>(s.url, 'POST', '/v1/auth/login', undefined, { username: 'bob', authKey });
    const accountKey = hkdf(master, Buffer.alloc(0), 'vep1/account');
    const pkcs8 = gcmOpen(accountKey, login.user.encryptedPrivateKey, `vep1/account/${login.user.id}`);
    const mySpki = unb64(login.user.publicKey);
    // the private key really is the published one
    expect(
      createPublicKey(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }))
        .export({ format: 'der', type: 'spki' })
        .equals(mySpki),
    ).toBe(true);

    const { items } = await call<{ items: { id: string; name: string; owner: { username: string } }[] }>(
      s.url,
      'GET',
      '/v1/secrets',
      login.token,
    );
    const alice = await new VaultClient(s.url, 'alice', 'alice-demo-password').signIn();
    const opened: Record<string, string> = {};
    const vias: string[] = [];
    for (const name of ['Stripe production', 'PagerDuty events', 'GitHub Actions deploy bot']) {
      const secret = items.find((x) => x.name === name)!;
      type KeyPath =
        | { via: 'user'; grant: Grant }
        | { via: 'group'; groupId: string; groupGrant: Grant; memberGrant: Grant; groupPublicKey: string };
      const r = await call<{ value: { iv: string; ct: string }; valueRevision: number; keyPath: KeyPath }>(
        s.url,
        'POST',
        `/v1/secrets/${secret.id}/reveal`,
        login.token,
      );
      let itemKey: Buffer;
      vias.push(r.keyPath.via);
      if (r.keyPath.via === 'user') itemKey = openGrant(r.keyPath.grant, ['secret', secret.id], pkcs8, mySpki);
      else {
        const groupPkcs8 = openGrant(r.keyPath.memberGrant, ['group', r.keyPath.groupId], pkcs8, mySpki);
        itemKey = openGrant(r.keyPath.groupGrant, ['secret', secret.id], groupPkcs8, unb64(r.keyPath.groupPublicKey));
      }
      opened[name] = JSON.parse(
        gcmOpen(itemKey, r.value, `vep1/secret/${secret.id}/${r.valueRevision}`).toString('utf8'),
      ).clientSecret;
      // the project's own client, as the owner, reads the same value
      expect(opened[name]).toBe(await alice.reveal(secret.id));
    }
    expect(Object.values(opened).every((v) => v.startsWith('sk_demo_'))).toBe(true);
    expect(vias).toEqual(['user', 'group', 'group']); // a direct grant, a private group, a user group

    // bob creates a secret and shares it with carol, all with node:crypto
    const id = crypto.randomUUID();
    const itemKey = randomBytes(32);
    const carol = (
      await call<{ results: { kind: string; id: string; username?: string; publicKey: string }[] }>(
        s.url,
        'GET',
        '/v1/directory/search?q=carol',
        login.token,
      )
    ).results.find((x) => x.username === 'carol')!;
    await call(s.url, 'POST', '/v1/secrets', login.token, {
      id,
      name: 'Written by an independent client',
      url: 'https://api.example.com',
      clientId: 'indep',
      method: 'POST',
      value: {
        v: 1,
        ...gcmSeal(itemKey, Buffer.from(JSON.stringify({ clientSecret: 'indep-secret-value' })), `vep1/secret/${id}/1`),
      },
      ownerGrant: makeGrant(['secret', id], { kind: 'user', id: login.user.id, spki: mySpki }, itemKey),
    });
    const access = await call<{ accessRevision: number }>(s.url, 'GET', `/v1/secrets/${id}/access`, login.token);
    await call(s.url, 'PUT', `/v1/secrets/${id}/access`, login.token, {
      baseRevision: access.accessRevision,
      entries: [
        {
          recipientKind: 'user',
          recipientId: carol.id,
          canView: true,
          canEdit: false,
          grant: makeGrant(['secret', id], { kind: 'user', id: carol.id, spki: unb64(carol.publicKey) }, itemKey),
        },
      ],
    });
    // carol, with the project's WebCrypto client, opens it
    const carolClient = await new VaultClient(s.url, 'carol', 'carol-demo-password').signIn();
    expect(await carolClient.reveal(id)).toBe('indep-secret-value');
  });
});
