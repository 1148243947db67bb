import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { configFromEnv } from '../config';
import { openStore } from '../db/connect';
import { createContext, listAudit, type Services } from '../services';
import { invite } from '../services/accounts';
import { addPendingMember, adminRemoveMember } from '../services/groups';
import { Conflict, DomainError, Invalid } from '../services/errors';
import { createGroupAsAdmin, groupByName, userByName } from '../admin/user-groups';
import { seedDemo } from '../demo';
import { disableUser, enableUser } from '../services/offboarding';
import { PersonName, Username } from '../../../utils/contract';
import { formatDuration, parseDuration, readPolicy, updatePolicy } from '../services/sharing-policy';
import type { SharingPolicy } from '../../../utils/contract';

const HELP = `Vaultshare administration: npm run vault -- <command>

  invite <username> --name "Full Name" --email a@b.c [--admin]   invite a user; prints their one-time enrollment code
  users                                                         list users and their state
  user disable <username>                                       offboard: end their sessions, refuse sign-in, hide them from
                                                                search; prints the secrets they could read, to rotate
  user enable <username>                                        let a disabled user back in
  group create <name> --manager <username> [--member <username> ...] [--description "..."]
  group add <group name> <username>                            add a member (pending until a manager approves them in the extension)
  group remove <group name> <username>                         remove a member
  groups                                                        list user groups and their members
  sharing show                                                  external sharing options
  sharing set [--external on|off] [--max-time 30d] [--base-url https://vault.example.com]
                                                                turn external links on or off, their longest lifetime (m, h or d), where links point
  audit export [--out file.jsonl]                               every audit event, one JSON object per line
  demo [--if-empty]                                             build the demo organisation (4 users, 3 groups, 25 API secrets)

Database: DATABASE_URL (PostgreSQL) or VAULT_DB_PATH (SQLite, default data/vault.db).`;

const email = z.email({ message: 'is not an email address' });

async function withServices<T>(fn: (s: Services) => Promise<T>): Promise<T> {
  const config = configFromEnv();
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    schema: config.databaseSchema,
  });
  try {
    return await fn(await createContext(store, { ...config, quiet: true }));
  } finally {
    await store.close();
  }
}

/** The public address links point to: http(s), no path, query or fragment; "" clears it. */
function baseUrlOption(text: string): string | null {
  if (text === '') return null;
  const ok = URL.canParse(text) && /^https?:$/.test(new URL(text).protocol);
  const u = ok ? new URL(text) : undefined;
  if (!u || u.search || u.hash || u.username || u.password || u.pathname.replace(/\/+$/, '') !== '')
    throw new Invalid(
      'usage',
      "--base-url takes the server's public address, such as https://vault.example.com (no path).",
    );
  return u.origin;
}

async function run(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      email: { type: 'string' },
      admin: { type: 'boolean' },
      manager: { type: 'string', multiple: true },
      member: { type: 'string', multiple: true },
      description: { type: 'string' },
      out: { type: 'string' },
      'if-empty': { type: 'boolean' },
      external: { type: 'string' },
      'max-time': { type: 'string' },
      'base-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [cmd, sub, ...rest] = positionals;
  if (!cmd || values.help) return console.log(HELP);

  if (cmd === 'invite') {
    const username = Username.parse(sub);
    if (!values.name) throw new Invalid('name_required', "Give the user's full name with --name.");
    const mail = email.parse(values.email);
    const name = PersonName.parse(values.name);
    const { code } = await withServices((s) => invite(s, { username, name, email: mail, isAdmin: values.admin }));
    return console.log(
      `Invited ${username}. Their one-time enrollment code (valid ${configFromEnv().enrollmentTtlMs / 86_400_000} days):\n\n  ${code}\n\nThey enter it in the extension's options page with the username "${username}".`,
    );
  }
  if (cmd === 'users')
    return withServices(async (s) => {
      const rows = await s.store.db
        .selectFrom('users')
        .select(['username', 'name', 'email', 'status', 'is_admin'])
        .orderBy('username')
        .execute();
      console.table(
        rows.map((r) => ({
          username: r.username,
          name: r.name,
          email: r.email,
          state: r.status === 'pending' ? 'pending (not enrolled)' : r.status === 'disabled' ? 'disabled' : 'enrolled',
          admin: r.is_admin ? 'yes' : '',
        })),
      );
    });
  if (cmd === 'user' && (sub === 'disable' || sub === 'enable')) {
    const username = Username.parse(rest[0]);
    if (sub === 'enable') {
      await withServices((s) => enableUser(s, username));
      return console.log(`Enabled ${username}: they can sign in again and appear in recipient search.`);
    }
    const exposed = await withServices((s) => disableUser(s, username));
    console.log(
      `Disabled ${username}: their sessions have ended, sign-in is refused, and they no longer appear in recipient search.`,
    );
    if (!exposed.length) return console.log('They could read no API secrets of other people.');
    console.log(
      `They could read ${exposed.length} API secret(s); ask the owners to rotate these (their extension shows a reminder):`,
    );
    console.table(exposed.map((e) => ({ secret: e.name, owner: e.owner, id: e.id })));
    return;
  }
  if (cmd === 'groups')
    return withServices(async (s) => {
      const rows = await s.store.db
        .selectFrom('groups')
        .leftJoin('group_members', 'group_members.group_id', 'groups.id')
        .leftJoin('users', 'users.id', 'group_members.user_id')
        .select([
          'groups.name as group',
          'groups.kind',
          'users.username',
          'group_members.is_manager',
          'group_members.grant',
        ])
        .where('groups.kind', '=', 'user')
        .orderBy('groups.name')
        .orderBy('users.username')
        .execute();
      console.table(
        rows.map((r) => ({
          group: r.group,
          member: r.username ?? '',
          role: r.is_manager ? 'manager' : 'member',
          state: r.username && !r.grant ? 'pending' : '',
        })),
      );
    });
  if (cmd === 'group' && sub === 'create') {
    const name = rest[0];
    if (!name)
      throw new Invalid('name_required', 'Give the group\'s name: group create "<name>" --manager <username>.');
    const r = await withServices((s) =>
      createGroupAsAdmin(s, {
        name,
        description: values.description,
        managers: values.manager ?? [],
        members: values.member ?? [],
      }),
    );
    return console.log(
      `Created user group "${name}"${r.pending ? ` (${r.pending} pending member(s) wait for a manager to approve them in the extension)` : ''}.`,
    );
  }
  if (cmd === 'group' && (sub === 'add' || sub === 'remove')) {
    const [groupName, username] = rest;
    if (!groupName || !username) throw new Invalid('usage', `Usage: group ${sub} "<group name>" <username>`);
    await withServices(async (s) => {
      const g = await groupByName(s, groupName);
      const u = await userByName(s, username);
      if (sub === 'add') await addPendingMember(s, g.id, u.id);
      else await adminRemoveMember(s, g.id, u.id);
    });
    return console.log(
      sub === 'add'
        ? `Added ${username} to "${groupName}" as a pending member; a manager approves them in the extension, after checking who they are.`
        : `Removed ${username} from "${groupName}".`,
    );
  }
  if (cmd === 'sharing' && (sub === 'show' || sub === 'set')) {
    const change: Partial<SharingPolicy> = {};
    if (sub === 'set') {
      const { external, 'max-time': maxTime, 'base-url': baseUrl } = values;
      if (external === undefined && maxTime === undefined && baseUrl === undefined)
        throw new Invalid(
          'usage',
          'Give at least one of --external on|off, --max-time <30d> or --base-url <https://…>.',
        );
      if (external !== undefined) {
        if (external !== 'on' && external !== 'off') throw new Invalid('usage', '--external takes "on" or "off".');
        change.external = external === 'on';
      }
      if (maxTime !== undefined) {
        const seconds = parseDuration(maxTime);
        if (seconds === undefined)
          throw new Invalid(
            'usage',
            '--max-time takes minutes, hours or days from 5m to 365d, for example 30d or 12h.',
          );
        change.maxLinkSeconds = seconds;
      }
      if (baseUrl !== undefined) change.baseUrl = baseUrlOption(baseUrl);
    }
    const policy = await withServices((s) =>
      sub === 'set' ? updatePolicy(s.store.db, change) : readPolicy(s.store.db),
    );
    return console.log(
      [
        `External sharing: ${policy.external ? 'on' : 'off'}`,
        `Longest link lifetime: ${formatDuration(policy.maxLinkSeconds)}`,
        `Links point to: ${policy.baseUrl ?? "the vault server's address as each user's extension knows it"}`,
        `Mail: ${process.env.SMTP_URL && process.env.MAIL_FROM ? 'SMTP (SMTP_URL, MAIL_FROM)' : `outbox folder ${configFromEnv().outboxDir} (SMTP_URL and MAIL_FROM not set)`}`,
      ].join('\n'),
    );
  }
  if (cmd === 'audit' && sub === 'export') {
    const lines: string[] = [];
    await withServices(async (s) => {
      for (let after = 0; ;) {
        const page = await listAudit(s.store.db, { afterId: after, limit: 1000 });
        if (!page.length) break;
        for (const e of page) lines.push(JSON.stringify(e));
        after = page[page.length - 1]!.id;
      }
    });
    if (values.out) writeFileSync(values.out, lines.join('\n') + (lines.length ? '\n' : ''));
    else for (const l of lines) console.log(l);
    return values.out && console.log(`Wrote ${lines.length} audit events to ${values.out}.`);
  }
  if (cmd === 'demo') {
    const r = await seedDemo({});
    if (!r.created && !values['if-empty'])
      throw new Conflict('not_empty', 'The database already has users; the demo only fills an empty vault.');
    console.log(
      r.created
        ? 'Demo organisation created. Sign in with any of these:'
        : 'The vault already has data; demo users (if it was made by the demo):',
    );
    console.table(r.users.map((u) => ({ username: u.username, password: u.password, name: u.name })));
    return;
  }
  throw new Invalid('unknown_command', `Unknown command "${positionals.join(' ')}".\n\n${HELP}`);
}

run(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof DomainError) console.error(`Error: ${e.detail}`);
  else if (e instanceof z.ZodError) console.error(`Error: ${e.issues.map((i) => i.message).join('; ')}`);
  else console.error(e instanceof Error ? `Error: ${e.message}` : e);
  process.exit(1);
});
