// A user's console password: whether it has one (GetLoginProfile), set or reset it (Create/Update
// LoginProfile, optionally to be changed at the next sign-in), and remove it after a confirmation
// (DeleteLoginProfile).
import { useCallback, useState } from 'react';
import { ApiError } from '../../api.ts';
import { ActionForm } from '../../components/action-form.tsx';
import { ConfirmAction } from '../../components/confirm-action.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Panel } from '../../components/panel.tsx';
import { formatDate } from '../../format.ts';
import { useAction } from '../../use-action.ts';
import { useCall, useLoad } from '../../use-api.ts';
import { ConsolePasswordFields } from './console-password-fields.tsx';

interface LoginProfile {
  CreateDate: string;
  PasswordResetRequired?: boolean;
}

export function ConsolePasswordSection({ userName }: { userName: string }) {
  const call = useCall();
  const profile = useLoad(
    useCallback(
      () =>
        call<{ LoginProfile: LoginProfile }>('iam', 'GetLoginProfile', { UserName: userName }).then(
          (answer) => answer.LoginProfile,
          (error: unknown) => {
            if (error instanceof ApiError && error.code === 'NoSuchEntity') return null;
            throw error;
          },
        ),
      [call, userName],
    ),
  );
  const [password, setPassword] = useState('');
  const [resetRequired, setResetRequired] = useState(false);
  const action = useAction();
  const has = profile.data !== null && profile.data !== undefined;

  const save = () =>
    void action.run(async () => {
      const input = { UserName: userName, Password: password, PasswordResetRequired: resetRequired };
      await call('iam', has ? 'UpdateLoginProfile' : 'CreateLoginProfile', input);
      setPassword('');
      profile.reload();
    }, 'Console password set.');
  const remove = async () => {
    await call('iam', 'DeleteLoginProfile', { UserName: userName });
    profile.reload();
    action.report('Console password removed.');
  };

  return (
    <Panel
      title="Console sign-in"
      actions={
        has ? (
          <ConfirmAction
            trigger="Remove password"
            title={`Remove the console password of ${userName}?`}
            confirm="Remove password"
            onConfirm={remove}
          >
            <p>{userName} can no longer sign in to the console; its access keys keep working.</p>
          </ConfirmAction>
        ) : undefined
      }
    >
      <ErrorAlert error={profile.error} />
      <p>
        {profile.data === undefined
          ? 'Loading…'
          : profile.data === null
            ? 'No console password: this user cannot sign in to the console.'
            : `Set ${formatDate(profile.data.CreateDate)}${profile.data.PasswordResetRequired ? ', to be changed at the next sign-in' : ''}.`}
      </p>
      <ActionForm action={action} onSubmit={save} submit="Set password" primary>
        <ConsolePasswordFields
          label={has ? 'New console password' : 'Console password'}
          password={password}
          onPassword={setPassword}
          resetRequired={resetRequired}
          onResetRequired={setResetRequired}
        />
      </ActionForm>
    </Panel>
  );
}
