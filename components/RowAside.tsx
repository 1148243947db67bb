import type { SecretSummary } from '@/utils/contract';
import { t } from '@/utils/i18n';
import { DotsIcon } from './icons';
import { MenuButton } from './Menu';
import { ACTION_LABELS, actionsFor, type RowAction } from './row-actions';

export type RowAsideProps = {
  secret: SecretSummary;
  top: number;
  rowHeight: number;
  /** Only the active row's controls are in the tab order, so Tab from the list reaches them, not 20 others. */
  active: boolean;
  selectable: boolean;
  selected: boolean;
  onToggleSelect: () => void;
  menuOpen: boolean;
  onMenuOpenChange: (open: boolean) => void;
  onAction: (action: RowAction, secret: SecretSummary) => void;
};

/**
 * A row's controls, drawn over its left and right edges: the checkbox that selects it for a batch share
 * (owners only, since only owners share) and the three-dots actions menu with what this user may do.
 */
export function RowAside({
  secret,
  top,
  rowHeight,
  active,
  selectable,
  selected,
  onToggleSelect,
  menuOpen,
  onMenuOpenChange,
  onAction,
}: RowAsideProps) {
  const tab = active ? 0 : -1;
  const items = actionsFor(secret).map((a) => ({ id: a, label: t(ACTION_LABELS[a]) }));
  // One positioned box per row, its controls laid out in it: a scroll step then moves one layer per row
  // instead of two (bench/popup). The box lets the pointer through to the row under it.
  return (
    <div class="row-aside" style={{ top: `${top}px`, height: `${rowHeight}px` }}>
      {selectable && (
        <input
          type="checkbox"
          class="row-aside__check"
          tabIndex={tab}
          aria-label={t('selectSecret', secret.name)}
          checked={selected}
          onChange={onToggleSelect}
        />
      )}
      <MenuButton
        class="row-aside__menu"
        tabIndex={tab}
        label={t('actionsFor', secret.name)}
        icon={<DotsIcon />}
        items={items}
        open={menuOpen}
        onOpenChange={onMenuOpenChange}
        onSelect={(id) => onAction(id as RowAction, secret)}
      />
    </div>
  );
}
