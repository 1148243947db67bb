import type { ComponentChildren } from 'preact';
import { useId, useLayoutEffect, useRef } from 'preact/hooks';

export type ConfirmDialogProps = {
  title: string;
  children?: ComponentChildren;
  confirmLabel: string;
  cancelLabel: string;
  /** A destructive confirmation (remove, disable) gets the danger style. */
  danger?: boolean;
  busy?: boolean;
  /** Focus starts on Cancel where a hurried Enter would lose work (discarding changes). */
  focusCancel?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

/**
 * A modal question with two answers (remove a recipient, disable a secret, "Share N records?"). The native
 * `<dialog>` in modal mode makes the rest of the popup inert and returns focus when it closes; Escape
 * answers Cancel. Focus starts on the confirming button, which is what a keyboard user came to press, except
 * where confirming would throw work away (`focusCancel`).
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel,
  danger,
  busy,
  focusCancel,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const id = useId();
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
    (focusCancel ? cancel : confirm).current?.focus();
    return () => dialog?.close?.();
  }, []);
  return (
    <dialog
      ref={ref}
      class="dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={`${id}-title`}
      aria-describedby={children ? `${id}-body` : undefined}
      onCancel={(e) => (e.preventDefault(), onCancel())}
      onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), e.stopPropagation(), onCancel())}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      {children && (
        <div id={`${id}-body`} class="dialog__body">
          {children}
        </div>
      )}
      <div class="actions dialog__actions">
        <button ref={confirm} type="button" class={danger ? 'danger' : 'primary'} disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button ref={cancel} type="button" class="secondary" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}
