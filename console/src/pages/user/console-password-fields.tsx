// The fields of a console password, on the new-user form and on a user's page: the password and
// whether it must be changed at the next sign-in.
import { CheckboxField } from '../../components/checkbox-field.tsx';
import { TextField } from '../../components/text-field.tsx';

interface ConsolePasswordFieldsProps {
  label: string;
  password: string;
  onPassword: (password: string) => void;
  resetRequired: boolean;
  onResetRequired: (required: boolean) => void;
}

export function ConsolePasswordFields(props: ConsolePasswordFieldsProps) {
  return (
    <>
      <TextField
        label={props.label}
        type="password"
        value={props.password}
        onChange={props.onPassword}
        autoComplete="new-password"
        required
      />
      <CheckboxField
        label="Require a new password at the next sign-in"
        checked={props.resetRequired}
        onChange={props.onResetRequired}
      />
    </>
  );
}
