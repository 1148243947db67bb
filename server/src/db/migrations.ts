import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { Dialect } from './dialect';

type Db = Kysely<unknown>;

/** A column that counts up by itself, spelled the way each database wants it. */
const serial = (dialect: Dialect) => (dialect === 'postgres' ? 'serial' : 'integer');

function initial(dialect: Dialect): Migration {
  return {
    async up(db: Db) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('enroll_code_hash', 'text')
        .addColumn('enroll_expires_at', 'text')
        .addColumn('kdf_salt', 'text')
        .addColumn('kdf_iterations', 'integer')
        .addColumn('auth_hash', 'text')
        .addColumn('public_key', 'text')
        .addColumn('fingerprint', 'text')
        .addColumn('encrypted_private_key', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('groups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('members_can_view', 'integer', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.references('users.id'))
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('groups_owner').on('groups').column('owner_id').execute();

      await db.schema
        .createTable('group_members')
        .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('is_member', 'integer', (c) => c.notNull())
        .addColumn('is_manager', 'integer', (c) => c.notNull())
        .addColumn('grant', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'user_id'])
        .execute();
      await db.schema.createIndex('group_members_user').on('group_members').columns(['user_id', 'group_id']).execute();

      await db.schema
        .createTable('secrets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('identifier', 'text')
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('value_revision', 'integer', (c) => c.notNull())
        .addColumn('owner_grant', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('access_revision', 'integer', (c) => c.notNull())
        .addColumn('access_users', 'integer', (c) => c.notNull())
        .addColumn('access_groups', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addUniqueConstraint('secrets_owner_identifier', ['owner_id', 'identifier'])
        .execute();
      await db.schema.createIndex('secrets_owner').on('secrets').column('owner_id').execute();

      await db.schema
        .createTable('access_entries')
        .addColumn('secret_id', 'text', (c) => c.notNull().references('secrets.id'))
        .addColumn('recipient_kind', 'text', (c) => c.notNull())
        .addColumn('recipient_id', 'text', (c) => c.notNull())
        .addColumn('can_edit', 'integer', (c) => c.notNull())
        .addColumn('grant', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('access_entries_pk', ['secret_id', 'recipient_kind', 'recipient_id'])
        .execute();
      await db.schema
        .createIndex('access_entries_recipient')
        .on('access_entries')
        .columns(['recipient_kind', 'recipient_id', 'secret_id'])
        .execute();

      await db.schema
        .createTable('changes')
        .addColumn('seq', serial(dialect), (c) =>
          c.primaryKey().$call((b) => (dialect === 'sqlite' ? b.autoIncrement() : b)),
        )
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('changes_user_seq').on('changes').columns(['user_id', 'seq']).execute();

      await db.schema
        .createTable('directory_terms')
        // COLLATE "C" keeps PostgreSQL's btree usable for the `term >= ? and term < ?` prefix ranges of search.
        .addColumn('term', 'text', (c) =>
          c.notNull().$call((b) => (dialect === 'postgres' ? b.modifyFront(sql`collate "C"`) : b)),
        )
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('rank', 'integer', (c) => c.notNull())
        .addColumn('sort_name', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('directory_terms_pk', ['kind', 'entity_id', 'term'])
        .execute();
      // (rank, term): search walks prefix matches rank by rank in index order and stops after a page.
      await db.schema
        .createIndex('directory_terms_rank_term')
        .on('directory_terms')
        .columns(['rank', 'term'])
        .execute();

      await db.schema
        .createTable('audit_events')
        .addColumn('id', serial(dialect), (c) =>
          c.primaryKey().$call((b) => (dialect === 'sqlite' ? b.autoIncrement() : b)),
        )
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('object_kind', 'text', (c) => c.notNull())
        .addColumn('object_id', 'text', (c) => c.notNull())
        .addColumn('secret_id', 'text')
        .addColumn('details', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_secret').on('audit_events').columns(['secret_id', 'id']).execute();

      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  };
}

/**
 * Search inside names (three characters or more) through a trigram index: FTS5's trigram tokenizer on SQLite,
 * pg_trgm's GIN index on PostgreSQL. The extension lives in `public` so that every schema can use it.
 */
function searchInside(dialect: Dialect): Migration {
  return {
    async up(db: Db) {
      if (dialect === 'sqlite') {
        await sql`create table directory_text (
          rowid integer primary key, kind text not null, entity_id text not null, sort_name text not null, haystack text not null,
          unique (kind, entity_id))`.execute(db);
        await sql`create virtual table directory_text_fts using fts5(haystack, content='directory_text', content_rowid='rowid', tokenize='trigram')`.execute(
          db,
        );
        await sql`create trigger directory_text_ai after insert on directory_text begin
          insert into directory_text_fts(rowid, haystack) values (new.rowid, new.haystack); end`.execute(db);
        await sql`create trigger directory_text_ad after delete on directory_text begin
          insert into directory_text_fts(directory_text_fts, rowid, haystack) values ('delete', old.rowid, old.haystack); end`.execute(
          db,
        );
      } else {
        await sql`create extension if not exists pg_trgm with schema public`.execute(db);
        await db.schema
          .createTable('directory_text')
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('entity_id', 'text', (c) => c.notNull())
          .addColumn('sort_name', 'text', (c) => c.notNull())
          .addColumn('haystack', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('directory_text_pk', ['kind', 'entity_id'])
          .execute();
        await sql`create index directory_text_trgm on directory_text using gin (haystack public.gin_trgm_ops)`.execute(
          db,
        );
      }
    },
  };
}

/** External links: each row holds only the link's own ciphertext and the hash of its verifier. */
function externalLinks(dialect: Dialect): Migration {
  return {
    async up(db: Db) {
      await db.schema
        .createTable('links')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('secret_id', 'text', (c) => c.notNull().references('secrets.id'))
        .addColumn('sharer_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('recipient_email', 'text', (c) => c.notNull())
        .addColumn('ciphertext', 'text', (c) => c.notNull())
        .addColumn('verifier_hash', 'text', (c) => c.notNull())
        .addColumn('code_iterations', 'integer')
        .addColumn('sharer_grant', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('max_accesses', 'integer')
        .addColumn('accesses', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('wrong_codes', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('revoked_at', 'text')
        .addColumn('last_emailed_at', 'text')
        .execute();
      await db.schema.createIndex('links_sharer').on('links').columns(['sharer_id', 'created_at']).execute();
      await db.schema.createIndex('links_secret').on('links').column('secret_id').execute();
      await db.schema
        .createTable('link_accesses')
        .addColumn('id', serial(dialect), (c) =>
          c.primaryKey().$call((b) => (dialect === 'sqlite' ? b.autoIncrement() : b)),
        )
        .addColumn('link_id', 'text', (c) => c.notNull().references('links.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('network', 'text', (c) => c.notNull())
        .addColumn('browser', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('link_accesses_link').on('link_accesses').columns(['link_id', 'id']).execute();
    },
  };
}

/**
 * A first sync reads a user's secrets a page at a time in byte order of their names: (owner, name, id) walks
 * them in place. PostgreSQL's index says "C" because the pages' queries do (see services/visible-page.ts).
 */
function syncPages(dialect: Dialect): Migration {
  return {
    async up(db: Db) {
      if (dialect === 'postgres')
        await sql`create index secrets_owner_name on secrets (owner_id, name collate "C", id)`.execute(db);
      else
        await db.schema.createIndex('secrets_owner_name').on('secrets').columns(['owner_id', 'name', 'id']).execute();
    },
  };
}

/** Failed-attempt budgets kept in the database, so every server process on one database shares them. */
const signInThrottle: Migration = {
  async up(db: Db) {
    await db.schema
      .createTable('auth_throttle')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('window_start', 'bigint', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('next_at', 'bigint', (c) => c.notNull())
      .addColumn('refused', 'integer', (c) => c.notNull())
      .execute();
  },
};

/** Marks the secrets a since-disabled user could read, so their owners are reminded to rotate them. */
const offboarding: Migration = {
  async up(db: Db) {
    await db.schema
      .alterTable('secrets')
      .addColumn('readable_by_disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};

/** Who added each group member (null: an administrator's directory tool), shown to managers beside a pending one. */
const groupMemberAddedBy: Migration = {
  async up(db: Db) {
    await db.schema
      .alterTable('group_members')
      .addColumn('added_by', 'text', (c) => c.references('users.id'))
      .execute();
  },
};

/**
 * VEP/2 (docs/crypto.md): each account's signing key, and each secret's key revision (the value revision at
 * which its itemKey was made, which signed grants carry). Grants and their signatures stay JSON in the
 * existing grant columns. Existing secrets start at key revision 1, which is what their grants were made at.
 */
const signedGrants: Migration = {
  async up(db: Db) {
    await db.schema.alterTable('users').addColumn('signing_public_key', 'text').execute();
    await db.schema.alterTable('users').addColumn('signing_fingerprint', 'text').execute();
    await db.schema.alterTable('users').addColumn('encrypted_signing_key', 'text').execute();
    await db.schema.alterTable('users').addColumn('signing_key_proof', 'text').execute();
    await db.schema
      .alterTable('secrets')
      .addColumn('key_revision', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  },
};

/**
 * A bulk values request (a device building its value index, up to 10,000 secrets at an unlock) is one audit
 * row plus one narrow row per secret handed out, keyed by secret for that secret's trail: it was one full
 * audit row per secret. WITHOUT ROWID on SQLite: the primary key is the table.
 */
function auditEventSecrets(dialect: Dialect): Migration {
  return {
    async up(db: Db) {
      await db.schema
        .createTable('audit_event_secrets')
        .addColumn('secret_id', 'text', (c) => c.notNull())
        .addColumn('event_id', 'integer', (c) => c.notNull())
        .addColumn('via', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_event_secrets_pk', ['secret_id', 'event_id'])
        .$call((b) => (dialect === 'sqlite' ? b.modifyEnd(sql`without rowid`) : b))
        .execute();
    },
  };
}

/**
 * VEP/2: the signed decision that made each group manager one (docs/crypto.md, "Membership statement"), as
 * JSON `{ by, at, signature }`; null for the owner, managers named by the administrator's tool, plain members
 * and managers made before decisions were signed.
 */
const signedRoles: Migration = {
  async up(db: Db) {
    await db.schema.alterTable('group_members').addColumn('manager_proof', 'text').execute();
  },
};

/**
 * The few recipients a row's access summary names ("You, Bob Silva and Payments on-call"): the first two of the
 * list, users first, as `[{kind, id}]` JSON kept with the counts (services/access.ts keeps it current); and who
 * used a secret last, beside when. Existing lists are filled in here, in the same order.
 */
const accessNamesLastUsedBy: Migration = {
  async up(db: Db) {
    await db.schema
      .alterTable('secrets')
      .addColumn('access_named', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
    await db.schema
      .alterTable('secrets')
      .addColumn('last_used_by', 'text', (c) => c.references('users.id'))
      .execute();
    const rows = await sql<{ secret_id: string; recipient_kind: string; recipient_id: string }>`
      select secret_id, recipient_kind, recipient_id from access_entries
      order by secret_id, recipient_kind desc, created_at, recipient_id`.execute(db);
    const named = new Map<string, { kind: string; id: string }[]>();
    for (const r of rows.rows) {
      const list = named.get(r.secret_id) ?? named.set(r.secret_id, []).get(r.secret_id)!;
      if (list.length < 2) list.push({ kind: r.recipient_kind, id: r.recipient_id });
    }
    for (const [id, list] of named)
      await sql`update secrets set access_named = ${JSON.stringify(list)} where id = ${id}`.execute(db);
  },
};

/**
 * One list of migrations for both databases; they run at every start and are no-ops once applied. `upTo`
 * stops after the named one (the tests build an older vault with it, then start the server on it). `schema`
 * names the PostgreSQL schema the bookkeeping tables live in: without it Kysely looks for them in every
 * schema, and finding another run's would skip creating this one's.
 */
export async function migrate(db: Kysely<unknown>, dialect: Dialect, schema?: string, upTo?: string): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  const migrator = new Migrator({
    db,
    provider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error } = upTo ? await migrator.migrateTo(upTo) : await migrator.migrateToLatest();
  if (error) throw error;
}

/** Every migration by name, in the order they apply. */
export function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '001_initial': initial(dialect),
    '002_search_inside': searchInside(dialect),
    '003_sync_pages': syncPages(dialect),
    '004_sign_in_throttle': signInThrottle,
    '005_offboarding': offboarding,
    '006_external_links': externalLinks(dialect),
    '007_group_member_added_by': groupMemberAddedBy,
    '008_signed_grants': signedGrants,
    '009_signed_roles': signedRoles,
    '010_access_names_last_used_by': accessNamesLastUsedBy,
    '011_audit_event_secrets': auditEventSecrets(dialect),
  };
}
