import { toB64url, utf8 } from '@/utils/crypto';
import type { IndexEntry } from './index-store';
import { cleanSelection } from './normalize';

/**
 * Keyed fingerprints of the client secrets the user can view, so a selected value can be recognised
 * without keeping any value: HMAC-SHA256 under a non-extractable key derived from the user's private key
 * (docs/crypto.md, "The value index"), held while unlocked. Without the key a fingerprint tells nothing, not
 * even whether two secrets share a value.
 */
export class ValueIndex {
  private readonly byFingerprint = new Map<string, Set<string>>();
  private readonly bySecret = new Map<string, { fingerprint: string; valueRevision: number }>();

  /** Counts every change (a value indexed, a secret forgotten), so its keeper knows when to save it. */
  changes = 0;

  private constructor(private readonly key: CryptoKey) {}

  /**
   * An index under `key` (an HMAC-SHA256 signing key), holding the `entries` kept from an earlier unlock under
   * the same key; without a key, a fresh random one (tests, and a session without derived keys).
   */
  static async create(key?: CryptoKey, entries: readonly IndexEntry[] = []): Promise<ValueIndex> {
    const index = new ValueIndex(
      key ?? (await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])),
    );
    for (const [secretId, fingerprint, valueRevision] of entries) index.add(secretId, fingerprint, valueRevision);
    return index;
  }

  /** What is kept across unlocks (see index-store.ts): ids, fingerprints and revisions, never a value. */
  entries(): IndexEntry[] {
    return [...this.bySecret].map(([id, e]) => [id, e.fingerprint, e.valueRevision]);
  }

  private async fingerprint(value: string): Promise<string> {
    return toB64url(new Uint8Array(await crypto.subtle.sign('HMAC', this.key, utf8(value.trim()))));
  }

  /** Which value revision is indexed for a secret (sync re-indexes when the server has a newer one). */
  revisionOf(secretId: string): number | undefined {
    return this.bySecret.get(secretId)?.valueRevision;
  }

  get size(): number {
    return this.bySecret.size;
  }

  /** The ids of the indexed secrets (a full sync forgets those no longer listed). */
  ids(): IterableIterator<string> {
    return this.bySecret.keys();
  }

  async set(secretId: string, valueRevision: number, clientSecret: string): Promise<void> {
    const fingerprint = await this.fingerprint(clientSecret);
    this.add(secretId, fingerprint, valueRevision);
  }

  private add(secretId: string, fingerprint: string, valueRevision: number): void {
    this.remove(secretId);
    this.changes++;
    this.bySecret.set(secretId, { fingerprint, valueRevision });
    let ids = this.byFingerprint.get(fingerprint);
    if (!ids) this.byFingerprint.set(fingerprint, (ids = new Set()));
    ids.add(secretId);
  }

  remove(secretId: string): void {
    const entry = this.bySecret.get(secretId);
    if (!entry) return;
    this.changes++;
    this.bySecret.delete(secretId);
    const ids = this.byFingerprint.get(entry.fingerprint);
    ids?.delete(secretId);
    if (ids?.size === 0) this.byFingerprint.delete(entry.fingerprint);
  }

  /** The secrets whose client secret is the selection, as selected or without surrounding quotes and punctuation. */
  async lookup(selection: string): Promise<string[]> {
    const out = new Set<string>();
    for (const candidate of new Set([selection.trim(), cleanSelection(selection)]))
      if (candidate) for (const id of this.byFingerprint.get(await this.fingerprint(candidate)) ?? []) out.add(id);
    return [...out];
  }
}
