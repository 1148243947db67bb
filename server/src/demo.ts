import {
  type Granter,
  createSignedGrant,
  encryptSecret,
  enroll,
  newGroupKeys,
  newId,
  newItemKey,
  openGrant,
} from '../../utils/crypto';
import type { Grant } from '../../utils/contract';
import { configFromEnv, type Config } from './config';
import { openStore } from './db/connect';
import { createContext, type Services } from './services';
import { invite, enroll as enrollAccount } from './services/accounts';
import { createSecret } from './services/secrets';
import { putAccess } from './services/access';
import { createPrivateGroup, addMember } from './services/groups';
import { updatePolicy } from './services/sharing-policy';
import { createGroupAsAdmin } from './admin/user-groups';

/** The demo organisation's people; their passwords are printed by `npm run vault -- demo` and in the README. */
export const DEMO_USERS = [
  {
    username: 'alice',
    name: 'Alice Martins',
    email: 'alice@example.com',
    password: 'alice-demo-password',
    isAdmin: true,
  },
  { username: 'bob', name: 'Bob Silva', email: 'bob@example.com', password: 'bob-demo-password', isAdmin: false },
  {
    username: 'carol',
    name: 'Carol Santos',
    email: 'carol@example.com',
    password: 'carol-demo-password',
    isAdmin: false,
  },
  {
    username: 'dave',
    name: 'Dave Oliveira',
    email: 'dave@example.com',
    password: 'dave-demo-password',
    isAdmin: false,
  },
] as const;

type DemoUser = { id: string; username: string; publicKey: string; privateKey: CryptoKey; granter: Granter };

// [owner, name, url, clientId, identifier, method, tags]
const SECRETS: [string, string, string, string, string | null, string, string[]][] = [
  [
    'alice',
    'Stripe production',
    'https://api.stripe.com/v1',
    'acct_1Nv0FGQ9RKHgCVdK',
    'stripe-prod',
    'POST',
    ['payments', 'production'],
  ],
  [
    'alice',
    'Stripe test mode',
    'https://api.stripe.com/v1',
    'acct_1Nv0FGQ9RKtest01',
    'stripe-test',
    'POST',
    ['payments', 'test'],
  ],
  [
    'alice',
    'GitHub Actions deploy bot',
    'https://api.github.com',
    'Iv1.8a61f9b3a7aba766',
    'gh-deploy',
    'POST',
    ['ci', 'deploy'],
  ],
  [
    'alice',
    'Datadog metrics',
    'https://api.datadoghq.com/api/v1',
    'dd-app-4f2c9e',
    'datadog',
    'GET',
    ['observability'],
  ],
  [
    'alice',
    'PagerDuty events',
    'https://events.pagerduty.com/v2/enqueue',
    'PD-ROUTING-7731',
    'pagerduty',
    'POST',
    ['on-call'],
  ],
  [
    'alice',
    'Twilio SMS',
    'https://api.twilio.com/2010-04-01',
    'AC5ef8732a3c49700934481addd5ce1659',
    'twilio-sms',
    'POST',
    ['messaging'],
  ],
  [
    'alice',
    'SendGrid transactional mail',
    'https://api.sendgrid.com/v3/mail/send',
    'sg-client-2291',
    'sendgrid',
    'POST',
    ['email'],
  ],
  [
    'alice',
    'AWS billing read-only',
    'https://ce.us-east-1.amazonaws.com',
    'AKIAIOSFODNN7EXAMPLE',
    'aws-billing',
    'GET',
    ['aws', 'finance'],
  ],
  [
    'alice',
    'Adyen payouts',
    'https://pal-live.adyen.com/pal/servlet',
    'ws_218733@Company.Acme',
    'adyen-payouts',
    'POST',
    ['payments'],
  ],
  [
    'alice',
    'Slack incident bot',
    'https://slack.com/api',
    '2918273645.1029384756',
    'slack-incidents',
    'POST',
    ['chat', 'on-call'],
  ],
  [
    'alice',
    'Sentry releases',
    'https://sentry.io/api/0',
    'sentry-releases-ci',
    'sentry',
    'POST',
    ['observability', 'ci'],
  ],
  [
    'alice',
    'Okta SCIM provisioning',
    'https://acme.okta.com/scim/v2',
    '0oa1b2c3d4e5f6g7h8i9',
    'okta-scim',
    'PATCH',
    ['identity'],
  ],
  [
    'alice',
    'Legacy billing API',
    'https://billing.internal.acme.dev/api',
    'legacy-billing',
    'legacy-billing',
    'OTHER',
    ['legacy'],
  ],
  [
    'bob',
    'Salesforce sandbox',
    'https://acme--dev.sandbox.my.salesforce.com',
    '3MVG9d8..z.hDcPLDlm9QqJ',
    'sfdc-sandbox',
    'POST',
    ['crm', 'test'],
  ],
  ['bob', 'HubSpot marketing', 'https://api.hubapi.com', 'hubspot-app-883', 'hubspot', 'GET', ['crm']],
  ['bob', 'Zendesk support', 'https://acme.zendesk.com/api/v2', 'zendesk-oauth-client', 'zendesk', 'GET', ['support']],
  ['bob', 'Intercom messenger', 'https://api.intercom.io', 'ic-app-1183', 'intercom', 'POST', ['support']],
  [
    'bob',
    'Mailchimp newsletters',
    'https://us21.api.mailchimp.com/3.0',
    'mc-client-5519',
    'mailchimp',
    'POST',
    ['email', 'marketing'],
  ],
  [
    'carol',
    'Cloudflare DNS',
    'https://api.cloudflare.com/client/v4',
    'cf-dns-editor',
    'cloudflare-dns',
    'PUT',
    ['dns', 'production'],
  ],
  ['carol', 'Vault PKI issuer', 'https://pki.internal.acme.dev/v1/pki', 'pki-issuer-role', 'pki', 'POST', ['security']],
  ['carol', 'Snyk scanner', 'https://api.snyk.io/rest', 'snyk-org-acme', 'snyk', 'GET', ['security', 'ci']],
  [
    'carol',
    'Jira automation',
    'https://acme.atlassian.net/rest/api/3',
    'jira-automation-bot',
    'jira',
    'POST',
    ['tickets'],
  ],
  ['carol', 'Grafana Cloud', 'https://acme.grafana.net/api', 'grafana-sa-editor', 'grafana', 'GET', ['observability']],
  ['dave', 'CrowdStrike Falcon', 'https://api.crowdstrike.com', 'cs-falcon-readonly', 'falcon', 'GET', ['security']],
  [
    'dave',
    'Google Workspace admin',
    'https://admin.googleapis.com/admin/directory/v1',
    '1044221876311-abc.apps.googleusercontent.com',
    'gws-admin',
    'GET',
    ['identity'],
  ],
];

/** A plausible-looking client secret; the demo prints none of them. */
const fakeSecret = (i: number) => `sk_demo_${i.toString().padStart(2, '0')}_${newId().replace(/-/g, '')}`;

async function enrollDemoUser(s: Services, u: (typeof DEMO_USERS)[number], iterations: number): Promise<DemoUser> {
  const { id, code } = await invite(s, u);
  const keys = await enroll(u.password, id, iterations);
  const signing = {
    signingPublicKey: keys.signingPublicKey,
    encryptedSigningKey: keys.encryptedSigningKey,
    signingKeyProof: keys.signingKeyProof,
  };
  await enrollAccount(
    s,
    {
      username: u.username,
      code,
      kdf: keys.kdf,
      authKey: keys.authKey,
      publicKey: keys.publicKey,
      encryptedPrivateKey: keys.encryptedPrivateKey,
      signing,
    },
    'demo',
  );
  return {
    id,
    username: u.username,
    publicKey: keys.publicKey,
    privateKey: keys.privateKey,
    granter: { id, signingKey: keys.signingKey },
  };
}

const grantFor = (
  by: DemoUser,
  subjectId: string,
  to: { kind: 'user' | 'group'; id: string; publicKey: string },
  key: Uint8Array,
): Promise<Grant> =>
  createSignedGrant(
    { subjectKind: 'secret', subjectId, recipientKind: to.kind, recipientId: to.id, recipientPublicKey: to.publicKey },
    key,
    1,
    by.granter,
  );

/**
 * What a user group's manager does in the extension: adopts the unsigned grant the administrator's tool made
 * for them (re-signed as their own), then approves each pending member with a signed grant.
 */
async function approveAsManager(s: Services, groupId: string, manager: DemoUser, members: DemoUser[]) {
  const row = await s.store.db
    .selectFrom('group_members')
    .select('grant')
    .where('group_id', '=', groupId)
    .where('user_id', '=', manager.id)
    .executeTakeFirstOrThrow();
  const pkcs8 = await openGrant(
    JSON.parse(row.grant!),
    { subjectKind: 'group', subjectId: groupId },
    manager.privateKey,
    manager.publicKey,
  );
  const grantTo = (u: DemoUser) =>
    createSignedGrant(
      {
        subjectKind: 'group',
        subjectId: groupId,
        recipientKind: 'user',
        recipientId: u.id,
        recipientPublicKey: u.publicKey,
      },
      pkcs8,
      1,
      manager.granter,
    );
  for (const u of [manager, ...members])
    await addMember(s, manager.id, groupId, { userId: u.id, grant: await grantTo(u) });
  pkcs8.fill(0);
}

/**
 * Builds the demo organisation with real VEP/1 crypto, exactly as the extension would: four users, two user
 * groups, one private group, 25 API secrets, some shared with users and groups.
 */
export async function seedDemo(opts: Partial<Config> & { schema?: string } = {}) {
  const config: Config = { ...configFromEnv(), ...opts, quiet: true };
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    schema: opts.schema,
  });
  try {
    const s = await createContext(store, config);
    const existing = await store.db.selectFrom('users').select('id').limit(1).execute();
    if (existing.length)
      return {
        created: false,
        users: DEMO_USERS.map(({ username, password, name }) => ({ username, password, name })),
      };
    const users = new Map<string, DemoUser>();
    for (const u of DEMO_USERS) users.set(u.username, await enrollDemoUser(s, u, config.kdfIterations));
    const U = (n: string) => users.get(n)!;

    const platform = await createGroupAsAdmin(s, {
      name: 'Platform team',
      description: 'Runs the production platform',
      managers: ['alice'],
      members: ['bob', 'carol'],
    });
    const security = await createGroupAsAdmin(s, {
      name: 'Security',
      description: 'Security engineering',
      managers: ['dave'],
      members: ['carol'],
    });
    await approveAsManager(s, platform.id, U('alice'), [U('bob'), U('carol')]);
    await approveAsManager(s, security.id, U('dave'), [U('carol')]);

    // Alice's private group: she adds herself too, or she would not see what is shared with it.
    const oncall = await newGroupKeys();
    const oncallId = newId();
    const groupGrant = (to: DemoUser) =>
      createSignedGrant(
        {
          subjectKind: 'group',
          subjectId: oncallId,
          recipientKind: 'user',
          recipientId: to.id,
          recipientPublicKey: to.publicKey,
        },
        oncall.privateKeyPkcs8,
        1,
        U('alice').granter,
      );
    await createPrivateGroup(s, U('alice').id, {
      id: oncallId,
      name: 'Payments on-call',
      description: 'Who gets paged for payments',
      enabled: true,
      membersCanView: true,
      publicKey: oncall.publicKey,
      managerGrant: await groupGrant(U('alice')),
    });
    for (const m of ['alice', 'bob', 'dave'])
      await addMember(s, U('alice').id, oncallId, { userId: U(m).id, grant: await groupGrant(U(m)) });

    const groupKeys = new Map<string, string>();
    for (const g of await store.db.selectFrom('groups').select(['id', 'public_key']).execute())
      groupKeys.set(g.id, g.public_key);
    const share = async (
      owner: string,
      secretId: string,
      itemKey: Uint8Array,
      list: { kind: 'user' | 'group'; id: string; canEdit: boolean }[],
    ) => {
      const entries = [];
      for (const e of list) {
        const publicKey =
          e.kind === 'user' ? [...users.values()].find((u) => u.id === e.id)!.publicKey : groupKeys.get(e.id)!;
        entries.push({
          recipientKind: e.kind,
          recipientId: e.id,
          canView: true as const,
          canEdit: e.canEdit,
          grant: await grantFor(U(owner), secretId, { kind: e.kind, id: e.id, publicKey }, itemKey),
        });
      }
      await putAccess(s, U(owner).id, secretId, { baseRevision: 1, entries });
    };

    let i = 0;
    for (const [owner, name, url, clientId, identifier, method, tags] of SECRETS) {
      const id = newId();
      const itemKey = newItemKey();
      const o = U(owner);
      await createSecret(s, o.id, {
        id,
        name,
        url,
        clientId,
        identifier,
        method: method as 'GET',
        tags,
        notes: `Demo API secret ${++i} of ${SECRETS.length}.`,
        value: await encryptSecret(itemKey, id, 1, { clientSecret: fakeSecret(i) }),
        ownerGrant: await grantFor(o, id, { kind: 'user', id: o.id, publicKey: o.publicKey }, itemKey),
      });
      // A varied, realistic spread of sharing: direct users, user groups, the private group, and nothing.
      if (i === 1)
        await share(owner, id, itemKey, [
          { kind: 'user', id: U('bob').id, canEdit: false },
          { kind: 'group', id: platform.id, canEdit: true },
        ]);
      else if (i === 3 || i === 11)
        await share(owner, id, itemKey, [{ kind: 'group', id: platform.id, canEdit: true }]);
      else if (i === 5) await share(owner, id, itemKey, [{ kind: 'group', id: oncallId, canEdit: false }]);
      else if (i === 6)
        await share(owner, id, itemKey, [
          { kind: 'user', id: U('carol').id, canEdit: true },
          { kind: 'user', id: U('dave').id, canEdit: false },
        ]);
      else if (i === 14 || i === 16)
        await share(owner, id, itemKey, [{ kind: 'user', id: U('alice').id, canEdit: false }]);
      else if (i === 20 || i === 21)
        await share(owner, id, itemKey, [{ kind: 'group', id: security.id, canEdit: true }]);
      else if (i === 24) await share(owner, id, itemKey, [{ kind: 'user', id: U('alice').id, canEdit: true }]);
    }
    // The demo shows every feature, external links included; a real vault starts with them off.
    await updatePolicy(store.db, { external: true });
    return { created: true, users: DEMO_USERS.map(({ username, password, name }) => ({ username, password, name })) };
  } finally {
    await store.close();
  }
}
