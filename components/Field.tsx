import type { ComponentChildren, InputHTMLAttributes, LooseInputHTMLAttributes, TargetedEvent } from 'preact';
import { useId } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { useAutoFocus } from './use-autofocus';

/** What a control inside a {@link Field} needs to be tied to its label, hint and error. */
export type ControlProps = {
  id: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-required'?: boolean;
};

type Common = {
  label: string;
  hint?: string;
  /** The message shown right under the control, announced by screen readers as its description. */
  error?: string;
};
/** A field around any control (select, textarea, an input with a button beside it): `required` marks the label. */
type ControlField = Common & {
  required?: boolean;
  children: (control: ControlProps) => ComponentChildren;
  extra?: ComponentChildren;
};
/**
 * A plain text input: the input's own attributes (`required` is the browser's check, as sign-in forms want).
 * Preact's loose input attributes: its strict ones are a union by `type`, which `Omit` cannot carry through.
 */
type InputField = Common &
  Omit<LooseInputHTMLAttributes<HTMLInputElement>, 'onInput' | 'value' | 'children' | 'label'> & {
    value: string;
    onValue: (value: string) => void;
    children?: never;
  };

/** A labelled control with its hint and, when invalid, its error next to it (validation by the field). */
export function Field(props: ControlField | InputField) {
  const id = useId();
  const { label, hint, error } = props;
  const described = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const control = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described } as const;
  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      {props.children ? (
        <>
          <label for={id}>
            {label}
            {props.required && <span class="field__required"> ({t('requiredMark')})</span>}
          </label>
          <div class="field__control">
            {props.children({ ...control, 'aria-required': props.required || undefined })}
            {props.extra}
          </div>
        </>
      ) : (
        <>
          <label for={id}>{label}</label>
          <TextInput {...(props as InputField)} control={control} />
        </>
      )}
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

function TextInput({
  label: _label,
  hint: _hint,
  error: _error,
  value,
  onValue,
  autoFocus,
  control,
  ...input
}: InputField & { control: ControlProps }) {
  const ref = useAutoFocus<HTMLInputElement>(!!autoFocus);
  return (
    <input
      ref={ref}
      {...control}
      value={value}
      onInput={(e) => onValue(e.currentTarget.value)}
      {...(input as InputHTMLAttributes)}
    />
  );
}

/** `onInput` for a text control bound to one key of a draft. */
export const bind = <D,>(draft: D, set: (d: D) => void, key: keyof D) => ({
  value: draft[key] as string,
  onInput: (e: TargetedEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    set({ ...draft, [key]: e.currentTarget.value }),
});

/** A form's error, announced when it appears. */
export function FormError({ text }: { text?: string }) {
  return text ? (
    <p class="form-error" role="alert">
      {text}
    </p>
  ) : null;
}
