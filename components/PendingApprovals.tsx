import { useState } from 'preact/hooks';
import { formatFingerprint } from '@/utils/crypto/fingerprint';
import { formatWhen, t } from '@/utils/i18n';
import type { PendingMember } from '@/utils/share/pending-members';
import type { KeyChange } from '@/utils/share/types';
import { errorText } from '@/utils/vault/error-text';
import { ConfirmDialog } from './ConfirmDialog';
import { LiveNote, type Note } from './LiveNote';
import { KeyChangeNotice } from './ShareOutcome';
import { ViewHeader, onEscape } from './ViewHeader';
import { WarningIcon } from './icons';

const keyOf = (p: PendingMember) => `${p.groupId}:${p.member.user.id}`;

/** Who put a pending member in the group, as the server's audit trail says; a warning when nothing does. */
function AddedBy({ p }: { p: PendingMember }) {
  const a = p.member.addedVia;
  if (!a || a.by === 'unrecorded')
    return (
      <p class="approval__warning">
        <WarningIcon /> {t('approvalAddedUnrecorded')}
      </p>
    );
  const when = a.at ? formatWhen(a.at) : '';
  return (
    <p class="muted small">
      {a.by === 'user' && a.user
        ? t('approvalAddedByUser', `${a.user.name} (${a.user.username})`, when)
        : t('approvalAddedByAdmin', when)}
    </p>
  );
}

/** One person waiting: who they are, which group, who added them, both fingerprints, Approve and Refuse. */
function PendingCard({
  p,
  busy,
  onApprove,
  onRefuse,
}: {
  p: PendingMember;
  busy: boolean;
  onApprove: () => void;
  onRefuse: () => void;
}) {
  const m = p.member;
  const id = `approval-${p.groupId}-${m.user.id}`;
  return (
    <article class="approval" aria-labelledby={id}>
      <h3 id={id}>{t('approvalWho', m.user.name, m.user.username, p.groupName)}</h3>
      <AddedBy p={p} />
      <dl class="approval__keys">
        <dt>{t('fingerprintLabel')}</dt>
        <dd>
          <code class="fingerprint mono">{m.fingerprint ? formatFingerprint(m.fingerprint) : '—'}</code>
        </dd>
        <dt>{t('signingFingerprintLabel')}</dt>
        <dd>
          {m.signingFingerprint ? (
            <code class="fingerprint mono">{formatFingerprint(m.signingFingerprint)}</code>
          ) : (
            <span class="muted small">{t('approvalNoSigningKey')}</span>
          )}
        </dd>
      </dl>
      <div class="actions">
        <button type="button" class="primary" disabled={busy} onClick={onApprove}>
          {t('approve')}
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={onRefuse}>
          {t('refuse')}
        </button>
      </div>
    </article>
  );
}

/**
 * The group members waiting for this manager's decision (docs/crypto.md, "Group members: approval"). The
 * manager compares the fingerprints with the person, then Approve grants them the group key, signed, and
 * Refuse removes them, signed. A key that differs from the one this device pinned stops the approval until
 * the new fingerprint is confirmed. Self-contained: a Groups view can link here (`#/approvals`).
 */
export type PendingApprovalsProps = {
  pending: readonly PendingMember[];
  /** Grants the group key, signed (the page asks the worker); a changed key comes back to confirm. */
  approve: (p: PendingMember, confirmed?: string) => Promise<{ ok: true } | { ok: false; keyChanges: KeyChange[] }>;
  /** Removes the pending member with a signed decision. */
  refuse: (p: PendingMember) => Promise<void>;
  /** The list changed on the server (someone approved or refused): load it again. */
  onChanged: () => void;
  onClose: () => void;
};

export function PendingApprovals({
  pending,
  approve: grant,
  refuse: remove,
  onChanged,
  onClose,
}: PendingApprovalsProps) {
  const [busy, setBusy] = useState<string>();
  const [note, setNote] = useState<Note>();
  const [refusing, setRefusing] = useState<PendingMember>();
  const [keyChanges, setKeyChanges] = useState<{ p: PendingMember; changes: KeyChange[] }>();

  async function act(p: PendingMember, run: () => Promise<Note | undefined>) {
    setBusy(keyOf(p));
    setNote(undefined);
    try {
      const done = await run();
      if (done) {
        setNote(done);
        onChanged();
      }
    } catch (e) {
      setNote({ text: errorText(e), error: true });
    } finally {
      setBusy(undefined);
    }
  }

  const approve = (p: PendingMember, confirmed?: string) =>
    act(p, async () => {
      const r = await grant(p, confirmed);
      if (!r.ok) return void setKeyChanges({ p, changes: r.keyChanges });
      setKeyChanges(undefined);
      return { text: t('approvedNote', p.member.user.name, p.groupName) };
    });

  const refuse = (p: PendingMember) =>
    act(p, async () => {
      await remove(p);
      setRefusing(undefined);
      return { text: t('refusedNote', p.member.user.name, p.groupName) };
    });

  return (
    <section class="details" aria-labelledby="approvals-title" onKeyDown={onEscape(onClose)}>
      <ViewHeader id="approvals-title" title={t('approvalsTitle')} onBack={onClose} />
      <div class="details__body approvals">
        <p class="muted small">{t('approvalsIntro')}</p>
        <LiveNote note={note} />
        {keyChanges && (
          <KeyChangeNotice
            changes={keyChanges.changes}
            busy={!!busy}
            onConfirm={() => void approve(keyChanges.p, keyChanges.changes[0]!.current)}
            onCancel={() => setKeyChanges(undefined)}
          />
        )}
        {pending.length === 0 ? (
          <p class="empty" role="status">
            {t('approvalsNone')}
          </p>
        ) : (
          pending.map((p) => (
            <PendingCard
              key={keyOf(p)}
              p={p}
              busy={busy === keyOf(p)}
              onApprove={() => void approve(p)}
              onRefuse={() => setRefusing(p)}
            />
          ))
        )}
      </div>
      {refusing && (
        <ConfirmDialog
          title={t('refuseTitle', refusing.member.user.name)}
          confirmLabel={t('refuse')}
          cancelLabel={t('cancel')}
          danger
          busy={busy === keyOf(refusing)}
          onConfirm={() => void refuse(refusing)}
          onCancel={() => setRefusing(undefined)}
        >
          <p>{t('refuseBody', refusing.member.user.name, refusing.groupName)}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
