import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, SecretSummary } from '../../utils/contract';
import { listAudit } from '../src/services/audit';
import { dialects, startTestServer, type TestServer } from './support/harness';
import { buildOrg } from './support/org';

/**
 * The bulk values route (a device building its right-click value index) leaves one audit line per secret it
 * handed out, in that secret's own trail, so its owner sees whose device opened which secret.
 */
describe.each(dialects)('bulk values audit on %s', (dialect) => {
  let s: TestServer;
  let org: Awaited<ReturnType<typeof buildOrg>>;
  let direct: SecretSummary;
  let viaOps: SecretSummary;
  let disabled: SecretSummary;
  let hidden: SecretSummary;
  beforeAll(async () => {
    s = await startTestServer(dialect);
    org = await buildOrg(s);
    direct = await org.alice.createSecret({ name: 'To Carol', clientSecret: 'a' });
    await org.alice.share(direct.id, [org.carol.me()]);
    viaOps = await org.alice.createSecret({ name: 'To Ops', clientSecret: 'o' });
    await org.alice.share(viaOps.id, [org.ops]);
    disabled = await org.alice.createSecret({ name: 'Disabled', clientSecret: 'd' });
    await org.alice.share(disabled.id, [org.carol.me()]);
    const off = await org.alice.call('POST', `/v1/secrets/${disabled.id}/disable`, { baseRevision: disabled.revision });
    expect(off.status).toBe(200);
    hidden = await org.alice.createSecret({ name: 'Not for Carol', clientSecret: 'h' });
  });
  afterAll(() => s?.close());

  const trail = async (id: string) =>
    (await org.alice.call<{ events: AuditEvent[] }>('GET', `/v1/secrets/${id}/audit`)).body.events.filter(
      (e) => e.action === 'secret.value_indexed',
    );

  it('records one event per secret handed out, naming the reader and the path to the key', async () => {
    const r = await org.carol.call<{ items: { secretId: string }[] }>('POST', '/v1/secrets/values', {
      ids: [direct.id, viaOps.id, disabled.id, hidden.id],
    });
    expect(r.status).toBe(200);
    expect(r.body.items.map((i) => i.secretId).sort()).toEqual([direct.id, viaOps.id].sort());

    for (const [secret, via] of [
      [direct, 'user'],
      [viaOps, 'group'],
    ] as const)
      expect(await trail(secret.id)).toEqual([
        expect.objectContaining({
          actor: expect.objectContaining({ id: org.carol.userId }),
          objectKind: 'secret',
          objectId: secret.id,
          details: { via },
        }),
      ]);
    // Nothing was handed out for these, so their trails say nothing was.
    expect(await trail(disabled.id)).toEqual([]);
    expect(await trail(hidden.id)).toEqual([]);
  });

  it('a second fetch is a second line; a call that returns nothing writes nothing', async () => {
    const before = await s.store.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const none = await org.dave.call<{ items: unknown[] }>('POST', '/v1/secrets/values', { ids: [direct.id] });
    expect(none.body.items).toEqual([]);
    const after = await s.store.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    await org.carol.call('POST', '/v1/secrets/values', { ids: [direct.id] });
    expect(await trail(direct.id)).toHaveLength(2);
    expect(await trail(viaOps.id)).toHaveLength(1);
  });

  it('a request for many secrets is one audit row, read back as one line per secret in each trail and the export', async () => {
    const mine = await Promise.all(
      Array.from({ length: 30 }, (_, i) => org.carol.createSecret({ name: `Carol ${i}`, clientSecret: `c${i}` })),
    );
    const rows = async () =>
      (await s.store.db.selectFrom('audit_events').select(['id']).orderBy('id', 'desc').execute()).map((r) => r.id);
    const before = await rows();
    const r = await org.carol.call<{ items: unknown[] }>('POST', '/v1/secrets/values', { ids: mine.map((m) => m.id) });
    expect(r.body.items).toHaveLength(30);
    expect(await rows()).toHaveLength(before.length + 1);

    const own = async (id: string) =>
      (await org.carol.call<{ events: AuditEvent[] }>('GET', `/v1/secrets/${id}/audit`)).body.events.filter(
        (e) => e.action === 'secret.value_indexed',
      );
    for (const m of [mine[0]!, mine[29]!])
      expect(await own(m.id)).toEqual([
        expect.objectContaining({
          actor: expect.objectContaining({ id: org.carol.userId }),
          objectKind: 'secret',
          objectId: m.id,
          details: { via: 'user' },
        }),
      ]);
    const exported = (await listAudit(s.store.db, { afterId: before[0] })).filter(
      (e) => e.action === 'secret.value_indexed',
    );
    expect(exported.map((e) => e.objectId).sort()).toEqual(mine.map((m) => m.id).sort());
    expect(new Set(exported.map((e) => e.actor?.id))).toEqual(new Set([org.carol.userId]));
  });
});
