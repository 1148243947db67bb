import type { ComponentChildren, JSX } from 'preact';
import { useId } from 'preact/hooks';
import { t } from '@/utils/i18n';

/** What a control inside a {@link FormField} needs to be tied to its label, hint and error. */
export type ControlProps = { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string; 'aria-required'?: boolean };

type FormFieldProps = {
  label: string;
  required?: boolean;
  hint?: string;
  /** The message shown right under the control, announced by screen readers as its description. */
  error?: string;
  children: (control: ControlProps) => ComponentChildren;
  extra?: ComponentChildren;
};

/** A labelled control with its hint and, when invalid, its error next to it (F7: validation by the field). */
export function FormField({ label, required, hint, error, children, extra }: FormFieldProps) {
  const id = useId();
  const described = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label for={id}>
        {label}
        {required && <span class="field__required"> ({t('requiredMark')})</span>}
      </label>
      <div class="field__control">
        {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described, 'aria-required': required || undefined })}
        {extra}
      </div>
      {error && (
        <p id={`${id}-error`} class="field__error">
          {error}
        </p>
      )}
      {hint && (
        <p id={`${id}-hint`} class="field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** `onInput` for a text control bound to one key of a draft. */
export const bind = <D,>(draft: D, set: (d: D) => void, key: keyof D) => ({
  value: draft[key] as string,
  onInput: (e: JSX.TargetedEvent<HTMLInputElement | HTMLTextAreaElement>) => set({ ...draft, [key]: e.currentTarget.value }),
});
