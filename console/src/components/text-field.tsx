// A labelled text input: the <label> tied to its input by id, an optional hint under it.
import { useId, type InputHTMLAttributes } from 'react';

export interface TextFieldProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'onChange' | 'value' | 'id'
> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
}

export function TextField({ label, value, onChange, hint, type = 'text', ...input }: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        {...input}
        id={id}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={hint === undefined ? undefined : hintId}
      />
      {hint === undefined ? null : (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** The Description of a new role or policy, which IAM takes up to 1,000 characters long. */
export function DescriptionField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <TextField label="Description" value={value} onChange={onChange} maxLength={1000} autoComplete="off" />
  );
}

/** A field for machine text (an ARN, a URL, an alias): no autocompletion, no spelling marks. */
export function CodeField(props: TextFieldProps) {
  return <TextField autoComplete="off" spellCheck={false} {...props} />;
}
