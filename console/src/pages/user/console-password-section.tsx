// A user's console password: whether it has one (GetLoginProfile), set or reset it (Create/Update
// LoginProfile, optionally to be changed at the next sign-in), and remove it (DeleteLoginProfile).
import { useCallback, useState, type FormEvent } from 'react';
import { ApiError } from '../../api.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { TextField } from '../../components/text-field.tsx';
import { formatDate } from '../../format.ts';
import { useAction } from '../../use-action.ts';
import { useCall, useLoad } from '../../use-api.ts';

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

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const input = { UserName: userName, Password: password, PasswordResetRequired: resetRequired };
      await call('iam', has ? 'UpdateLoginProfile' : 'CreateLoginProfile', input);
      setPassword('');
      profile.reload();
    }, 'Console password set.');
  };
  const remove = () =>
    void action.run(async () => {
      await call('iam', 'DeleteLoginProfile', { UserName: userName });
      profile.reload();
    }, 'Console password removed.');

  return (
    <section className="panel" aria-labelledby="console-password-heading">
      <h2 id="console-password-heading">Console sign-in</h2>
      <ErrorAlert error={profile.error} />
      <p>
        {profile.data === undefined
          ? 'Loading…'
          : profile.data === null
            ? 'No console password: this user cannot sign in to the console.'
            : `Set ${formatDate(profile.data.CreateDate)}${profile.data.PasswordResetRequired ? ', to be changed at the next sign-in' : ''}.`}
      </p>
      <form onSubmit={submit}>
        <TextField
          label={has ? 'New console password' : 'Console password'}
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          required
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={resetRequired}
            onChange={(e) => setResetRequired(e.target.checked)}
          />
          Require a new password at the next sign-in
        </label>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={action.busy}>
            Set password
          </button>
          {has ? (
            <button type="button" onClick={remove} disabled={action.busy}>
              Remove password
            </button>
          ) : null}
        </div>
      </form>
      <ErrorAlert error={action.error} />
      <p role="status" className="status">
        {action.status}
      </p>
    </section>
  );
}
