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
  sign,
  verify,
} from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo';
import { startServer, type RunningServer } from '../src/server';
import { VaultClient } from './support/client';

/*
 * A second client written from docs/crypto.md (VEP/1 and VEP/2) and docs/api.md with node:crypto only (not
 * the project's WebCrypto module): if the two disagree on any byte of the protocol, this fails.
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
  revision?: number;
  granterId?: string;
  signature?: string;
};
type Person = { id: string; name: string; username: string; signingPublicKey: string };
type Signer = (Person & { role: string; managerProof?: { by: Person; at: string; signature: string } | null }) | null;

// VEP/2 "Canonical encoding": each field as a 4-byte big-endian length, then its bytes; numbers as 8 bytes.
function lp(...fields: (string | Buffer | bigint)[]): Buffer {
  return Buffer.concat(
    fields.flatMap((f) => {
      const b =
        typeof f === 'string'
          ? Buffer.from(f, 'utf8')
          : typeof f === 'bigint'
            ? (() => {
                const n = Buffer.alloc(8);
                n.writeBigUInt64BE(f);
                return n;
              })()
            : f;
      const len = Buffer.alloc(4);
      len.writeUInt32BE(b.length);
      return [len, b];
    }),
  );
}
const grantStatement = (g: Grant, subject: [string, string], revision: number, granterId: string) =>
  lp(
    'vep2/grant',
    subject[0],
    subject[1],
    g.recipientKind,
    g.recipientId,
    Buffer.from(g.recipientKeyFingerprint, 'hex'),
    unb64(g.ephemeralPublicKey),
    unb64(g.iv),
    unb64(g.ct),
    BigInt(revision),
    granterId,
  );
const spkiKey = (b64url: string) => createPublicKey({ key: unb64(b64url), format: 'der', type: 'spki' });
const ecdsaVerify = (spki: string, data: Buffer, sig: string) =>
  verify('sha256', data, { key: spkiKey(spki), dsaEncoding: 'ieee-p1363' }, unb64(sig));

/** VEP/2 "Verifying a grant", steps 1 to 5: signed, by the presented signer, with authority, over these exact bytes, at this revision. */
function verifyGrant(
  g: Grant,
  signer: Signer,
  subject: [string, string],
  revision: number,
  pins: Map<string, string>,
): void {
  if (g.revision === undefined || !g.granterId || !g.signature) throw new Error('unsigned grant');
  if (!signer || signer.id !== g.granterId) throw new Error('signer not presented');
  const fp = createHash('sha256').update(unb64(signer.signingPublicKey)).digest('hex');
  if ((pins.get(signer.id) ?? fp) !== fp) throw new Error('signing key differs from the pin');
  pins.set(signer.id, fp);
  const allowed = subject[0] === 'secret' ? ['owner', 'editor'] : ['manager'];
  if (!allowed.includes(signer.role)) throw new Error(`signer is ${signer.role}`);
  // a manager made one by another manager comes with that manager's signed decision (membership statement)
  const proof = subject[0] === 'group' ? signer.managerProof : undefined;
  if (proof) {
    const byFp = createHash('sha256').update(unb64(proof.by.signingPublicKey)).digest('hex');
    if ((pins.get(proof.by.id) ?? byFp) !== byFp) throw new Error('signing key differs from the pin');
    pins.set(proof.by.id, byFp);
    if (proof.by.id === signer.id) throw new Error('a manager by their own word');
    const statement = lp('vep2/membership', 'manager', subject[1], signer.id, proof.by.id, proof.at);
    if (!ecdsaVerify(proof.by.signingPublicKey, statement, proof.signature)) throw new Error('bad manager proof');
  }
  if (g.revision !== revision) throw new Error('wrong key revision');
  if (!ecdsaVerify(signer.signingPublicKey, grantStatement(g, subject, g.revision, g.granterId), g.signature))
    throw new Error('bad signature');
}
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
function makeGrant(
  subject: [string, string],
  to: { kind: string; id: string; spki: Buffer },
  key: Uint8Array,
  signer?: { id: string; pkcs8: Buffer; revision: number },
): Grant {
  const context = ctx(subject[0], subject[1], to.kind, to.id);
  const e = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const eph = e.publicKey.export({ format: 'der', type: 'spki' });
  const z = diffieHellman({
    privateKey: e.privateKey,
    publicKey: createPublicKey({ key: to.spki, format: 'der', type: 'spki' }),
  });
  const kek = hkdf(z, Buffer.concat([eph, to.spki]), context);
  const g: Grant = {
    recipientKind: to.kind,
    recipientId: to.id,
    recipientKeyFingerprint: createHash('sha256').update(to.spki).digest('hex'),
    ephemeralPublicKey: b64(eph),
    ...gcmSeal(kek, key, context),
  };
  if (!signer) return g;
  const signature = sign('sha256', grantStatement(g, subject, signer.revision, signer.id), {
    key: createPrivateKey({ key: signer.pkcs8, format: 'der', type: 'pkcs8' }),
    dsaEncoding: 'ieee-p1363',
  });
  return { ...g, revision: signer.revision, granterId: signer.id, signature: b64(signature) };
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

describe('the committed VEP/2 vectors, checked with node:crypto', () => {
  it('encodes the statements byte for byte and verifies their signatures', async () => {
    const v = (await import('../../utils/crypto/fixtures/vep2-vectors.json')).default;
    const g = v.grant.input;
    expect(grantStatement(g, [g.subjectKind, g.subjectId], g.revision, g.granterId).toString('hex')).toBe(
      v.grant.statement,
    );
    const m = v.membership.input;
    expect(lp('vep2/membership', m.action, m.groupId, m.memberId, m.managerId, m.at).toString('hex')).toBe(
      v.membership.statement,
    );
    const r = v.membershipManager;
    const rm = r.input;
    const roleBytes = lp('vep2/membership', rm.action, rm.groupId, rm.memberId, rm.managerId, rm.at);
    expect(roleBytes.toString('hex')).toBe(r.statement);
    expect(ecdsaVerify(r.signingPublicKey, roleBytes, r.signature)).toBe(true);
    expect(
      ecdsaVerify(
        r.signingPublicKey,
        lp('vep2/membership', 'member', rm.groupId, rm.memberId, rm.managerId, rm.at),
        r.signature,
      ),
    ).toBe(false);
    const k = v.keyBinding.input;
    expect(lp('vep2/signing-key', k.userId, unb64(k.publicKey), unb64(k.signingPublicKey)).toString('hex')).toBe(
      v.keyBinding.statement,
    );
    for (const x of [v.grant, v.membership, v.keyBinding])
      expect(ecdsaVerify(v.signingPublicKey, Buffer.from(x.statement, 'hex'), x.signature)).toBe(true);
    expect(ecdsaVerify(v.signingPublicKey, Buffer.from(v.membership.statement, 'hex'), v.grant.signature)).toBe(false);
  });
});

describe('an independent VEP/2 client (node:crypto, from the docs) against the demo vault', () => {
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
    type User = {
      id: string;
      publicKey: string;
      encryptedPrivateKey: { iv: string; ct: string };
      signingPublicKey: string;
      encryptedSigningKey: { iv: string; ct: string };
    };
    const login = await call<{ token: string; user: User }>(s.url, 'POST', '/v1/auth/login', undefined, {
      username: 'bob',
      authKey,
    });
    const accountKey = hkdf(master, Buffer.alloc(0), 'vep1/account');
    const pkcs8 = gcmOpen(accountKey, login.user.encryptedPrivateKey, `vep1/account/${login.user.id}`);
    const mySpki = unb64(login.user.publicKey);
    // the private key really is the published one
    expect(
      createPublicKey(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }))
        .export({ format: 'der', type: 'spki' })
        .equals(mySpki),
    ).toBe(true);
    // VEP/2: the signing key, sealed under the same account key, is the one published
    const signingPkcs8 = gcmOpen(accountKey, login.user.encryptedSigningKey, `vep2/signing/${login.user.id}`);
    expect(
      b64(
        createPublicKey(createPrivateKey({ key: signingPkcs8, format: 'der', type: 'pkcs8' })).export({
          format: 'der',
          type: 'spki',
        }),
      ),
    ).toBe(login.user.signingPublicKey);
    const pins = new Map<string, string>();

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
        | { via: 'user'; grant: Grant; signer: Signer }
        | {
            via: 'group';
            groupId: string;
            groupGrant: Grant;
            memberGrant: Grant;
            groupPublicKey: string;
            groupGrantSigner: Signer;
            memberGrantSigner: Signer;
          };
      const r = await call<{
        value: { iv: string; ct: string };
        valueRevision: number;
        keyRevision: number;
        keyPath: KeyPath;
      }>(s.url, 'POST', `/v1/secrets/${secret.id}/reveal`, login.token);
      let itemKey: Buffer;
      vias.push(r.keyPath.via);
      expect(r.keyRevision).toBeLessThanOrEqual(r.valueRevision);
      if (r.keyPath.via === 'user') {
        verifyGrant(r.keyPath.grant, r.keyPath.signer, ['secret', secret.id], r.keyRevision, pins);
        itemKey = openGrant(r.keyPath.grant, ['secret', secret.id], pkcs8, mySpki);
      } else {
        verifyGrant(r.keyPath.memberGrant, r.keyPath.memberGrantSigner, ['group', r.keyPath.groupId], 1, pins);
        verifyGrant(r.keyPath.groupGrant, r.keyPath.groupGrantSigner, ['secret', secret.id], r.keyRevision, pins);
        // a grant with one byte changed is refused before anything is opened
        const { groupGrant, groupGrantSigner } = r.keyPath;
        const ct = unb64(groupGrant.ct);
        ct[0]! ^= 1;
        expect(() =>
          verifyGrant({ ...groupGrant, ct: b64(ct) }, groupGrantSigner, ['secret', secret.id], r.keyRevision, pins),
        ).toThrow('bad signature');
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

    expect([...pins.keys()].length).toBeGreaterThan(0); // the owners and managers who signed, pinned at first use

    // bob creates a secret and shares it with carol, all with node:crypto, every grant signed (revision 1)
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
      ownerGrant: makeGrant(['secret', id], { kind: 'user', id: login.user.id, spki: mySpki }, itemKey, {
        id: login.user.id,
        pkcs8: signingPkcs8,
        revision: 1,
      }),
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
          grant: makeGrant(['secret', id], { kind: 'user', id: carol.id, spki: unb64(carol.publicKey) }, itemKey, {
            id: login.user.id,
            pkcs8: signingPkcs8,
            revision: 1,
          }),
        },
      ],
    });
    // carol, with the project's WebCrypto client, verifies bob's signature and opens it
    const carolClient = await new VaultClient(s.url, 'carol', 'carol-demo-password').signIn();
    expect(await carolClient.verifiedReveal(id)).toEqual({ clientSecret: 'indep-secret-value', verified: true });
  });
});
