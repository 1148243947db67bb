import type { Hono } from 'hono';
import { groupSecrets } from '../services/group-secrets';
import { accounts, access, directory, groups, links, policyForClients, secrets, sync } from '../services';
import type { AppEnv } from './env';
import { handle } from './route';

/** Every route of the contract, wired to its service. Authorization lives in the services. */
export function registerRoutes(app: Hono<AppEnv>) {
  handle(app, 'prelogin', async ({ body }, c) => accounts.prelogin(c.var.services, body.username));
  handle(app, 'login', async ({ body }, c) => accounts.login(c.var.services, body, c.var.ip));
  handle(app, 'logout', async (_, c) => accounts.logout(c.var.services, c.var.caller.tokenHash));
  handle(app, 'enrollStart', async ({ body }, c) => accounts.enrollStart(c.var.services, body, c.var.ip));
  handle(app, 'enroll', async ({ body }, c) => accounts.enroll(c.var.services, body, c.var.ip));
  handle(app, 'changePassword', async ({ body }, c) =>
    accounts.changePassword(c.var.services, c.var.caller.userId, c.var.caller.tokenHash, body, c.var.ip),
  );
  handle(app, 'me', async (_, c) => accounts.me(c.var.services, c.var.caller.userId));
  handle(app, 'setSigningKey', async ({ body }, c) =>
    accounts.setSigningKey(c.var.services, c.var.caller.userId, body),
  );
  handle(app, 'unsigned', async (_, c) => secrets.unsigned(c.var.services, c.var.caller.userId));

  handle(app, 'search', async ({ query }, c) =>
    directory.search(c.var.services, c.var.caller.userId, query.q, query.limit),
  );
  handle(app, 'listGroups', async (_, c) => ({ groups: await groups.listGroups(c.var.services, c.var.caller.userId) }));
  handle(app, 'createGroup', async ({ body }, c) =>
    groups.createPrivateGroup(c.var.services, c.var.caller.userId, body),
  );
  handle(app, 'getGroup', async ({ params }, c) => groups.getGroup(c.var.services, c.var.caller.userId, params.id));
  handle(app, 'updateGroup', async ({ params, body }, c) =>
    groups.updateGroup(c.var.services, c.var.caller.userId, params.id, body),
  );
  handle(app, 'addMember', async ({ params, body }, c) =>
    groups.addMember(c.var.services, c.var.caller.userId, params.id, body),
  );
  handle(app, 'groupSecrets', async ({ params }, c) => groupSecrets(c.var.services, c.var.caller.userId, params.id));
  handle(app, 'setMemberRole', async ({ params, body }, c) =>
    groups.setMemberRole(c.var.services, c.var.caller.userId, params.id, params.userId, body),
  );
  handle(app, 'removeMember', async ({ params }, c) =>
    groups.removeMember(c.var.services, c.var.caller.userId, params.id, params.userId),
  );
  handle(app, 'removeMemberSigned', async ({ params, body }, c) =>
    groups.removeMember(c.var.services, c.var.caller.userId, params.id, params.userId, body),
  );

  handle(app, 'listSecrets', async (_, c) => ({
    items: await secrets.listSecrets(c.var.services, c.var.caller.userId),
  }));
  handle(app, 'createSecret', async ({ body }, c) => secrets.createSecret(c.var.services, c.var.caller.userId, body));
  handle(app, 'getSecret', async ({ params }, c) => secrets.getSecret(c.var.services, c.var.caller.userId, params.id));
  handle(app, 'updateSecret', async ({ params, body }, c) =>
    secrets.updateSecret(c.var.services, c.var.caller.userId, params.id, body),
  );
  handle(app, 'disableSecret', async ({ params, body }, c) =>
    secrets.setStatus(c.var.services, c.var.caller.userId, params.id, body.baseRevision, 'disabled'),
  );
  handle(app, 'enableSecret', async ({ params, body }, c) =>
    secrets.setStatus(c.var.services, c.var.caller.userId, params.id, body.baseRevision, 'enabled'),
  );
  handle(app, 'secretValues', async ({ body }, c) => ({
    items: await secrets.values(c.var.services, c.var.caller.userId, body.ids),
  }));
  handle(app, 'revealSecret', async ({ params }, c) => secrets.reveal(c.var.services, c.var.caller.userId, params.id));
  handle(app, 'rotateSecret', async ({ params, body }, c) =>
    secrets.rotate(c.var.services, c.var.caller.userId, params.id, body),
  );
  handle(app, 'getAccess', async ({ params }, c) => access.getAccess(c.var.services, c.var.caller.userId, params.id));
  handle(app, 'putAccess', async ({ params, body }, c) =>
    access.putAccess(c.var.services, c.var.caller.userId, params.id, body),
  );
  handle(app, 'batchAccess', async ({ body }, c) => ({
    items: await access.batchAccess(c.var.services, c.var.caller.userId, body.items),
  }));
  handle(app, 'secretAudit', async ({ params }, c) => ({
    events: await secrets.secretAudit(c.var.services, c.var.caller.userId, params.id),
  }));

  handle(app, 'sharingPolicy', async (_, c) =>
    policyForClients(c.var.services.store.db, c.var.services.config.publicUrl),
  );
  handle(app, 'createLink', async ({ body }, c) => links.createLink(c.var.services, c.var.caller.userId, body));
  handle(app, 'listLinks', async ({ query }, c) => links.listLinks(c.var.services, c.var.caller.userId, query));
  handle(app, 'revokeLink', async ({ params }, c) => links.revokeLink(c.var.services, c.var.caller.userId, params.id));
  handle(app, 'sendLink', async ({ params, body }, c) =>
    links.sendLink(c.var.services, c.var.caller.userId, params.id, body.fragmentKey, new URL(c.req.url).origin),
  );
  handle(app, 'linkInfo', async ({ params }, c) => links.linkInfo(c.var.services, params.id));
  handle(app, 'openLink', async ({ params, body }, c) =>
    links.openLink(c.var.services, params.id, body.verifier, {
      network: links.coarseNetwork(c.var.ip),
      browser: links.browserFamily(c.req.header('user-agent')),
    }),
  );

  handle(app, 'sync', async ({ query }, c) => sync(c.var.services, c.var.caller.userId, query.since, query.page));
}
