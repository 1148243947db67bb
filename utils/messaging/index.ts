import { browser, type Browser } from 'wxt/browser';
import type { SessionStatus } from '@/utils/session';
import type { SyncReport } from '@/utils/sync';
import type { ValueIndexStatus } from '@/utils/match/indexer';
import { VaultError, type VaultProblem } from '@/utils/vault/errors';
import type { DataOf, Handlers, MessageType, ResultOf } from './protocol';

export type * from './protocol';

/** What the worker pushes to open pages: the session changed, a sync pass ended, the value index moved on. */
export type VaultEvent =
  | { type: 'status'; status: SessionStatus }
  | { type: 'synced'; report: SyncReport }
  | { type: 'valueIndex'; status: ValueIndexStatus };

type Envelope = { channel: 'vaultshare'; type: MessageType; data: unknown };
type Reply = { ok: true; value: unknown } | { ok: false; error: VaultProblem };
const isEnvelope = (m: unknown): m is Envelope =>
  typeof m === 'object' && m !== null && (m as Envelope).channel === 'vaultshare';

/** Sends a request to the background worker and unwraps its answer. @throws {@link VaultError} */
export async function sendMessage<K extends MessageType>(
  type: K,
  ...data: DataOf<K> extends undefined ? [] : [DataOf<K>]
): Promise<ResultOf<K>> {
  const reply = (await browser.runtime.sendMessage({
    channel: 'vaultshare',
    type,
    data: data[0],
  } satisfies Envelope)) as Reply | undefined;
  if (!reply) throw new VaultError('unexpected', { detail: 'The background worker did not answer.' });
  if (!reply.ok) throw VaultError.fromProblem(reply.error);
  return reply.value as ResultOf<K>;
}

/**
 * Whether a message or port comes from one of this extension's own pages. Content scripts and other
 * extensions are refused: they could otherwise drive sign-out or, later, reveal secrets.
 */
export function isOwnPage(sender: Browser.runtime.MessageSender | undefined): boolean {
  return (
    !!sender &&
    sender.id === browser.runtime.id &&
    typeof sender.url === 'string' &&
    sender.url.startsWith(browser.runtime.getURL('/'))
  );
}

/**
 * The `runtime.onMessage` listener: routes envelopes to handlers after `before` (the worker's start-up
 * promise), and turns every failure into a plain problem object that survives the message channel.
 */
export function createMessageListener(
  handlers: Handlers,
  before: (type: MessageType) => Promise<void> = async () => undefined,
) {
  return (message: unknown, sender: Browser.runtime.MessageSender): Promise<Reply> | undefined => {
    if (!isEnvelope(message)) return undefined;
    if (!isOwnPage(sender)) return Promise.resolve({ ok: false, error: { code: 'forbidden' } });
    const handler = handlers[message.type] as ((data: unknown) => unknown) | undefined;
    if (!handler)
      return Promise.resolve({
        ok: false,
        error: { code: 'invalid_request', detail: `unknown message ${message.type}` },
      });
    return before(message.type)
      .then(() => handler(message.data))
      .then(
        (value): Reply => ({ ok: true, value }),
        (e: unknown): Reply => ({
          ok: false,
          error: e instanceof VaultError ? e.toProblem() : { code: 'unexpected', detail: String(e) },
        }),
      );
  };
}

export const EVENTS_PORT = 'vaultshare:events';

/** Subscribes a page to the worker's events; returns the unsubscribe function. */
export function connectEvents(onEvent: (event: VaultEvent) => void): () => void {
  const port = browser.runtime.connect({ name: EVENTS_PORT });
  port.onMessage.addListener((m: unknown) => onEvent(m as VaultEvent));
  return () => port.disconnect();
}

/** The worker's side of the events: the open pages' ports, and a broadcast to all of them. */
export function createEventHub() {
  const ports = new Set<Browser.runtime.Port>();
  return {
    /** @returns whether the port was accepted (one of our pages, on the events channel). */
    attach(port: Browser.runtime.Port): boolean {
      if (port.name !== EVENTS_PORT || !isOwnPage(port.sender)) return false;
      ports.add(port);
      port.onDisconnect.addListener(() => ports.delete(port));
      return true;
    },
    broadcast(event: VaultEvent): void {
      for (const port of ports) port.postMessage(event);
    },
  };
}
