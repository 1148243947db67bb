import type { JSX } from 'preact';
import { useId } from 'preact/hooks';
import { useAutoFocus } from './use-autofocus';

type FieldProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'onInput' | 'value'> & {
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: string;
};

/** A labelled text input; the hint is tied to it for screen readers. */
export function Field({ label, value, onValue, hint, autoFocus, ...input }: FieldProps) {
  const id = useId();
  const ref = useAutoFocus<HTMLInputElement>(!!autoFocus);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input ref={ref} id={id} value={value} onInput={(e) => onValue(e.currentTarget.value)} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      {hint && (
        <p id={`${id}-hint`} class="field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** A form's error, announced when it appears. */
export function FormError({ text }: { text?: string }) {
  return text ? (
    <p class="form-error" role="alert">
      {text}
    </p>
  ) : null;
}
