// A six-digit code from an MFA device: digits only, offered to the browser as a one-time code.
import { TextField } from '../../components/text-field.tsx';

interface MfaCodeFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoFocus?: boolean;
}

export function MfaCodeField({ label, value, onChange, autoFocus = false }: MfaCodeFieldProps) {
  return (
    <TextField
      label={label}
      value={value}
      onChange={(typed) => onChange(typed.replace(/\D/g, '').slice(0, 6))}
      inputMode="numeric"
      pattern="[0-9]{6}"
      maxLength={6}
      autoComplete="one-time-code"
      autoFocus={autoFocus}
      required
    />
  );
}
