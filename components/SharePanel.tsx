import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { DirectoryEntry, SecretSummary } from '@/utils/contract';
import { formatWhen, t, tCount } from '@/utils/i18n';
import { ComputerIcon, WarningIcon } from './icons';
import { ConfirmDialog } from './ConfirmDialog';
import { ExternalCard } from './ExternalCard';
import { RecipientList } from './RecipientList';
import { RecipientSearch, type SearchRecipients } from './RecipientSearch';
import { KeyChangeNotice, ShareDone } from './ShareOutcome';
import { useFocusOnMount } from './use-focus-on-mount';
import type { ShareSummary } from '@/utils/share/plan';
import type { KeyChange, PanelEntry, RecipientKey } from '@/utils/share/types';
import { ViewHeader, onEscape } from './ViewHeader';

/**
 * The choice of cards: Internal (users and groups of the vault) and, when the page offers it (the
 * administrator allows external sharing and the user may share this secret), External.
 */
function ShareCards({
  onInternal,
  onExternal,
  last,
}: {
  onInternal: () => void;
  onExternal?: () => void;
  last?: ShareCardName;
}) {
  const internal = useFocusOnMount<HTMLButtonElement>();
  const external = useRef<HTMLButtonElement>(null);
  const lastIsExternal = last === 'external' && !!onExternal;
  // The last choice, once known, takes the focus: Enter repeats it.
  useEffect(() => {
    if (lastIsExternal) external.current?.focus();
  }, [lastIsExternal]);
  const marked = onExternal && last ? (lastIsExternal ? 'external' : 'internal') : undefined;
  return (
    <div class="share-cards">
      <button
        ref={internal}
        type="button"
        class={`share-card${marked === 'internal' ? ' share-card--last' : ''}`}
        onClick={onInternal}
      >
        <span class="share-card__icon">
          <ComputerIcon />
        </span>
        <span class="share-card__title">{t('internalCard')}</span>
        <span class="share-card__hint">{t('internalCardHint')}</span>
        {marked === 'internal' && <span class="share-card__last">{t('lastShareChoice')}</span>}
      </button>
      {onExternal && <ExternalCard onClick={onExternal} last={marked === 'external'} buttonRef={external} />}
    </div>
  );
}

/** The panel's state and its actions, kept by the page (which loads the lists and applies the share). */
export type SharePanelState = {
  /** The current lists arrived. */
  loaded: boolean;
  /** Set when the lists are the saved copies (the server was unreachable). */
  savedAt?: string;
  entries: PanelEntry[];
  /** Which lines are new (not applied yet), to mark them. */
  isAdded: (key: RecipientKey) => boolean;
  /** Who the search should hide: everyone already on the panel. */
  listed: ReadonlySet<string>;
  /** Something differs from the current lists: Share has work to do. */
  changed: boolean;
  busy: boolean;
  error?: string;
  /** Recipients whose key changed: nothing was sent, the user must confirm. */
  keyChanges?: KeyChange[];
  /** The share went through: what it changed. */
  done?: ShareSummary;
  add: (d: DirectoryEntry) => void;
  setCanEdit: (key: RecipientKey, canEdit: boolean) => void;
  remove: (key: RecipientKey) => void;
  share: () => Promise<void>;
  /** The user compared the new fingerprints and trusts them: share again with them confirmed. */
  confirmKeys: () => Promise<void>;
  cancelKeys: () => void;
};

export type ShareCardName = 'internal' | 'external';

export type SharePanelProps = {
  secrets: readonly SecretSummary[];
  panel: SharePanelState;
  search: SearchRecipients;
  /** The card already chosen (the right-click's "Share API secret…"): start there, not at the cards. */
  card?: 'internal';
  onClose: () => void;
  /** After removing someone: open the client secret for editing (rotate it at the provider first). */
  onRotate?: (secret: SecretSummary) => void;
  /** After removing someone: replace the secret's item key (VEP/2 rotation); rejects with the vault's error. */
  rotateKey?: (secretId: string) => Promise<void>;
  /** Offered for one secret when external sharing is allowed: opens the External card's screen. */
  onExternal?: () => void;
  /** The card the user chose last time, marked and focused (only worth marking when there is a choice). */
  lastCard?: ShareCardName;
  /** Told which card the user chose, to remember it. */
  onCardChosen?: (card: ShareCardName) => void;
};

/**
 * The Share screen, step by step: confirm "Share N records?" for a batch, pick
 * the Internal card, search and add users and groups, set Can view / Can edit, remove with the trash
 * icon, then Share: every change at once, and "Shared" with Close.
 */
export function SharePanel({
  secrets,
  panel,
  search,
  card,
  onClose,
  onRotate,
  rotateKey,
  onExternal,
  lastCard,
  onCardChosen,
}: SharePanelProps) {
  const batch = secrets.length > 1;
  const [step, setStep] = useState<'confirm' | 'cards' | 'internal'>(batch ? 'confirm' : (card ?? 'cards'));
  const [discarding, setDiscarding] = useState(false);
  const shareHint = useId();
  // Leaving with changes not applied yet would silently drop them (a removal above all): ask first.
  const leave = () => (panel.changed && !panel.done && step === 'internal' ? setDiscarding(true) : onClose());
  const sub = batch ? tCount(secrets.length, 'shareSubjectOne', 'shareSubjectOther') : secrets[0]?.name;
  const focusSearch = () => document.querySelector<HTMLInputElement>('.rsearch input')?.focus();

  let body;
  if (step === 'confirm') {
    body = (
      <ConfirmDialog
        title={tCount(secrets.length, 'confirmBatchOne', 'confirmBatchOther')}
        confirmLabel={t('continueLabel')}
        cancelLabel={t('cancel')}
        onConfirm={() => setStep('cards')}
        onCancel={onClose}
      >
        <p>{t('confirmBatchBody', secrets.map((s) => s.name).join(', '))}</p>
      </ConfirmDialog>
    );
  } else if (step === 'cards') {
    const external = batch || !onExternal ? undefined : () => (onCardChosen?.('external'), onExternal());
    body = (
      <ShareCards
        onInternal={() => (onCardChosen?.('internal'), setStep('internal'))}
        onExternal={external}
        last={lastCard}
      />
    );
  } else if (panel.done) {
    body = (
      <ShareDone
        summary={panel.done}
        onClose={onClose}
        onRotate={!batch && onRotate ? () => onRotate(secrets[0]!) : undefined}
        rotateKey={!batch && rotateKey ? () => rotateKey(secrets[0]!.id) : undefined}
      />
    );
  } else {
    const anyEdit = panel.entries.some((e) => e.canEdit);
    body = (
      <div class="share-internal">
        <RecipientSearch search={search} listed={panel.listed} onAdd={panel.add} autoFocus />
        {panel.savedAt && <p class="notice notice--warn">{t('accessSaved', formatWhen(panel.savedAt))}</p>}
        {batch && panel.loaded && (
          <p class="muted small">{tCount(secrets.length, 'batchCommonNoteOne', 'batchCommonNoteOther')}</p>
        )}
        <div class="share-internal__list">
          {panel.loaded ? (
            <RecipientList
              entries={panel.entries}
              isAdded={panel.isAdded}
              onCanEdit={panel.setCanEdit}
              onRemove={(k) => (panel.remove(k), setTimeout(focusSearch))}
            />
          ) : (
            !panel.error && (
              <p class="muted" role="status">
                {t('accessLoading')}
              </p>
            )
          )}
        </div>
        {anyEdit && (
          <p class="notice notice--warn notice--block" role="note">
            <WarningIcon />
            <span>
              <strong>{t('attention')}</strong> {t('canEditWarning')}
            </span>
          </p>
        )}
        {panel.keyChanges && (
          <KeyChangeNotice
            changes={panel.keyChanges}
            busy={panel.busy}
            onConfirm={() => void panel.confirmKeys()}
            onCancel={panel.cancelKeys}
          />
        )}
        <div role="alert" class="share-internal__error">
          {panel.error && <p class="form-error">{panel.error}</p>}
        </div>
        <div class="actions share-internal__actions">
          <button
            type="button"
            class="primary"
            disabled={!panel.changed || panel.busy || !!panel.keyChanges}
            aria-describedby={panel.loaded && !panel.changed ? shareHint : undefined}
            onClick={() => void panel.share()}
          >
            {panel.busy ? t('sharing') : t('shareButton')}
          </button>
          <button type="button" class="secondary" onClick={leave}>
            {t('cancel')}
          </button>
        </div>
        {panel.loaded && !panel.changed && (
          <p id={shareHint} class="muted small share-internal__hint">
            {t('shareNothingYet')}
          </p>
        )}
        {discarding && (
          <ConfirmDialog
            title={t('discardTitle')}
            confirmLabel={t('discard')}
            cancelLabel={t('keepEditing')}
            danger
            focusCancel
            onConfirm={onClose}
            onCancel={() => setDiscarding(false)}
          >
            <p>{t('discardBody')}</p>
          </ConfirmDialog>
        )}
      </div>
    );
  }

  return (
    <section class="details share" aria-labelledby="share-title" onKeyDown={onEscape(leave)}>
      <ViewHeader
        id="share-title"
        title={t('shareTitle')}
        sub={sub}
        onBack={leave}
        focusKey={step === 'confirm' ? 'x' : undefined}
      />
      <div class="details__body share__body">{body}</div>
    </section>
  );
}
