// The form that creates a user (CreateUser with a name and a path) and, when asked, its console
// password (CreateLoginProfile, optionally to be changed at the first sign-in).
import { useState } from 'react';
import { ActionForm } from '../../components/action-form.tsx';
import { CheckboxField } from '../../components/checkbox-field.tsx';
import { Panel } from '../../components/panel.tsx';
import { CodeField, TextField } from '../../components/text-field.tsx';
import { useAction } from '../../use-action.ts';
import { useCall } from '../../use-api.ts';
import { ConsolePasswordFields } from './console-password-fields.tsx';

export function CreateUserForm({ onCreated }: { onCreated: () => void }) {
  const call = useCall();
  const [userName, setUserName] = useState('');
  const [path, setPath] = useState('');
  const [consoleAccess, setConsoleAccess] = useState(false);
  const [password, setPassword] = useState('');
  const [resetRequired, setResetRequired] = useState(true);
  const action = useAction();

  const create = () => {
    const name = userName.trim();
    void action.run(async () => {
      await call('iam', 'CreateUser', { UserName: name, ...(path.trim() ? { Path: path.trim() } : {}) });
      setUserName('');
      setPath('');
      onCreated();
      if (!consoleAccess) return `User ${name} created.`;
      try {
        await call('iam', 'CreateLoginProfile', {
          UserName: name,
          Password: password,
          PasswordResetRequired: resetRequired,
        });
      } finally {
        setPassword('');
      }
      return `User ${name} created, with a console password.`;
    });
  };

  return (
    <Panel title="Create user">
      <ActionForm action={action} onSubmit={create} submit="Create user" primary>
        <div className="field-row">
          <TextField label="User name" value={userName} onChange={setUserName} autoComplete="off" required />
          <CodeField
            label="Path"
            value={path}
            onChange={setPath}
            placeholder="/"
            hint="Optional, e.g. /engineering/; / when left empty."
          />
        </div>
        <CheckboxField
          label="Provide access to the console"
          checked={consoleAccess}
          onChange={setConsoleAccess}
        />
        {consoleAccess ? (
          <ConsolePasswordFields
            label="Console password"
            password={password}
            onPassword={setPassword}
            resetRequired={resetRequired}
            onResetRequired={setResetRequired}
          />
        ) : null}
      </ActionForm>
    </Panel>
  );
}
