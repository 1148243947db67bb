import type { LinkView } from '@/utils/contract';
import { t } from '@/utils/i18n';
import { LinkItem, type LinkActions } from './LinkItem';
import { LiveNote, type Note } from './LiveNote';
import { ViewHeader, onEscape } from './ViewHeader';

export type SharingCenterProps = LinkActions & {
  /** The user's external shares; undefined while they load. */
  links?: readonly LinkView[];
  /** Why they could not be loaded, in words. */
  error?: string;
  /** The link an action is under way for. */
  busyId?: string;
  note?: Note;
  /** Secrets that are disabled: their active links are paused. */
  disabledIds?: ReadonlySet<string>;
  /** Older links remain on the server: "Show more links" asks for the next page. */
  hasMore?: boolean;
  /** The next page is on its way. */
  loadingMore?: boolean;
  onMore?: () => void;
  onBack: () => void;
};

/**
 * Active links first (they are the ones to act on), then the ended ones; newest first within each. The server
 * sends the links newest first a page at a time, so an older active link joins the top once its page is in.
 */
export const centerOrder = (links: readonly LinkView[]) =>
  [...links].sort(
    (a, b) => Number(b.status === 'active') - Number(a.status === 'active') || b.createdAt.localeCompare(a.createdAt),
  );

/** The sharing center (`#/links`): every external share the user made, with what each allows and who opened it. */
export function SharingCenter({
  links,
  error,
  busyId,
  note,
  disabledIds,
  hasMore,
  loadingMore,
  onMore,
  onBack,
  ...actions
}: SharingCenterProps) {
  return (
    <section class="details sharing-center" aria-labelledby="center-title" onKeyDown={onEscape(onBack)}>
      <ViewHeader id="center-title" title={t('sharingCenter')} sub={t('sharingCenterSub')} onBack={onBack} />
      <div class="details__body sharing-center__body">
        <LiveNote note={note} />
        {error && !links ? (
          <p class="form-error" role="alert">
            {error}
          </p>
        ) : !links ? (
          <p class="muted" role="status">
            {t('linksLoading')}
          </p>
        ) : links.length === 0 ? (
          <p class="empty" role="status">
            {t('linksEmpty')}
          </p>
        ) : (
          <>
            <ul class="link-list">
              {centerOrder(links).map((l) => (
                <LinkItem
                  key={l.id}
                  link={l}
                  busy={busyId === l.id}
                  paused={disabledIds?.has(l.secretId)}
                  {...actions}
                />
              ))}
            </ul>
            {hasMore && onMore && (
              // aria-disabled, not disabled: a disabled button drops the keyboard focus of whoever pressed it.
              <button
                type="button"
                class="secondary link-list__more"
                aria-disabled={loadingMore}
                onClick={() => !loadingMore && onMore()}
              >
                {loadingMore ? t('linksLoadingMore') : t('linksShowMore')}
              </button>
            )}
          </>
        )}
      </div>
    </section>
  );
}
