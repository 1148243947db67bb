import { Component, type CSSProperties } from 'preact';
import type { SecretSummary } from '@/utils/contract';
import { RowAside } from './RowAside';
import type { RowAction } from './row-actions';
import { SecretRow } from './SecretRow';

/**
 * What a row does when used, read at the time of use: one object for the list's lifetime, so a row whose
 * own props did not change is not redrawn because its parent made new closures.
 */
export type RowHandlers = {
  open(index: number, secret: SecretSummary): void;
  access(index: number, secret: SecretSummary): void;
  action(action: RowAction, secret: SecretSummary): void;
  toggle(secret: SecretSummary): void;
  menu(index: number, secret: SecretSummary, open: boolean): void;
};

/** A row's place: the virtual list hands a new style object each render, equal when top and height are. */
const samePlace = (a: CSSProperties, b: CSSProperties) => a.top === b.top && a.height === b.height;

/**
 * Skips the redraw when no prop changed (shallowly; a `style` by its place). A scroll step then costs the
 * rows that came into view, not every row on screen: the virtual list re-renders on each scroll event.
 */
abstract class PureRow<P extends object> extends Component<P> {
  override shouldComponentUpdate(next: P) {
    const prev = this.props as Record<string, unknown>;
    for (const k in next) {
      const a = prev[k];
      const b = (next as Record<string, unknown>)[k];
      if (a === b) continue;
      if (k === 'style' && samePlace(a as CSSProperties, b as CSSProperties)) continue;
      return true;
    }
    return false;
  }
}

type ListRowProps = {
  index: number;
  secret: SecretSummary;
  id: string;
  meId: string;
  active: boolean;
  style: CSSProperties;
  isNew: boolean;
  compact: boolean;
  /** Whether the access summary opens who-has-access (the list has a row menu). */
  accessLink: boolean;
  on: RowHandlers;
};

export class ListRow extends PureRow<ListRowProps> {
  render({ index, secret, id, meId, active, style, isNew, compact, accessLink, on }: ListRowProps) {
    return (
      <SecretRow
        id={id}
        secret={secret}
        meId={meId}
        active={active}
        style={style}
        onOpen={() => on.open(index, secret)}
        isNew={isNew}
        onAccess={accessLink ? () => on.access(index, secret) : undefined}
        compact={compact}
      />
    );
  }
}

type ListAsideProps = {
  index: number;
  secret: SecretSummary;
  top: number;
  rowHeight: number;
  active: boolean;
  selectable: boolean;
  selected: boolean;
  menuOpen: boolean;
  on: RowHandlers;
};

export class ListAside extends PureRow<ListAsideProps> {
  render({ index, secret, top, rowHeight, active, selectable, selected, menuOpen, on }: ListAsideProps) {
    return (
      <RowAside
        secret={secret}
        top={top}
        rowHeight={rowHeight}
        active={active}
        selectable={selectable}
        selected={selected}
        onToggleSelect={() => on.toggle(secret)}
        menuOpen={menuOpen}
        onMenuOpenChange={(open) => on.menu(index, secret, open)}
        onAction={on.action}
      />
    );
  }
}
