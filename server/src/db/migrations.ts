import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
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
        .addColumn('seq', serial(dialect), (c) => c.primaryKey().$call((b) => (dialect === 'sqlite' ? b.autoIncrement() : b)))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('changes_user_seq').on('changes').columns(['user_id', 'seq']).execute();

      await db.schema
        .createTable('directory_terms')
        // COLLATE "C" keeps PostgreSQL's btree usable for the `term >= ? and term < ?` prefix ranges of search.
        .addColumn('term', 'text', (c) => c.notNull().$call((b) => (dialect === 'postgres' ? b.modifyFront(sql`collate "C"`) : b)))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('rank', 'integer', (c) => c.notNull())
        .addColumn('sort_name', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('directory_terms_pk', ['kind', 'entity_id', 'term'])
        .execute();
      // (rank, term): search walks prefix matches rank by rank in index order and stops after a page.
      await db.schema.createIndex('directory_terms_rank_term').on('directory_terms').columns(['rank', 'term']).execute();

      await db.schema
        .createTable('audit_events')
        .addColumn('id', serial(dialect), (c) => c.primaryKey().$call((b) => (dialect === 'sqlite' ? b.autoIncrement() : b)))
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
    await db.schema.alterTable('secrets').addColumn('key_revision', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  },
};

/** One list of migrations for both databases; they run at every start and are no-ops once applied. */
export async function migrate(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => ({ '001_initial': initial(dialect), '002_signed_grants': signedGrants }) };
  const { error } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw error;
}
