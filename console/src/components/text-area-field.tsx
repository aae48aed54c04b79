// A labelled monospace <textarea> (a SAML metadata document, a policy document): the <label> tied
// to it by id.
import { useId, type TextareaHTMLAttributes } from 'react';

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value'> {
  label: string;
  value: string;
  onChange: (value: string) => void;
}

export function TextAreaField({ label, value, onChange, id, rows = 10, ...textarea }: TextAreaFieldProps) {
  const ownId = useId();
  const fieldId = id ?? ownId;
  return (
    <div className="field">
      <label htmlFor={fieldId}>{label}</label>
      <textarea
        className="document-input"
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        {...textarea}
        id={fieldId}
        rows={rows}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
