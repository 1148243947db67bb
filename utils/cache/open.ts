import { openDB, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { VaultDB } from './schema';

export type CacheDb = IDBPDatabase<VaultDB>;
type UpgradeTx = IDBPTransaction<VaultDB, StoreNames<VaultDB>[], 'versionchange'>;

/** One schema step; step `i` takes the database from version `i` to `i + 1`. */
export type Migration = (db: CacheDb, tx: UpgradeTx) => void;

/** The schema's history. Append steps; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  (db) => {
    db.createObjectStore('secrets', { keyPath: 'id' });
    db.createObjectStore('access', { keyPath: 'secretId' });
    db.createObjectStore('groups', { keyPath: 'id' });
    db.createObjectStore('users', { keyPath: 'id' });
    db.createObjectStore('pins', { keyPath: 'key' });
    db.createObjectStore('meta');
  },
  // The highest value revision opened per secret, to refuse replays of old values.
  (db) => void db.createObjectStore('revisions', { keyPath: 'secretId' }),
  // The popup's precomputed first screen (see head.ts).
  (db) => void db.createObjectStore('head'),
  // The right-click value index, sealed (utils/match/index-store.ts).
  (db) => void db.createObjectStore('valueIndex'),
];

export const CACHE_DB_NAME = 'vaultshare-cache';

/**
 * Opens the cache, running the migrations it has not seen yet. Pages open it too (read-only, for the first
 * paint); a connection closes itself when another context needs to upgrade or delete the database.
 */
export async function openCache(opts: { name?: string; migrations?: readonly Migration[] } = {}): Promise<CacheDb> {
  const migrations = opts.migrations ?? MIGRATIONS;
  const db = await openDB<VaultDB>(opts.name ?? CACHE_DB_NAME, migrations.length, {
    upgrade(database, oldVersion, _newVersion, tx) {
      for (let v = oldVersion; v < migrations.length; v++) migrations[v]?.(database, tx);
    },
    blocking() {
      db.close();
    },
  });
  return db;
}
