// Sign-in: an IAM user (account ID or alias, user name, password) or the root user (its sign-in
// identifier and password), then, when the server asks, an MFA code or a new password.
import { useState, type FormEvent } from 'react';
import { changePassword, signIn, signInMfa, type SignInStep } from '../api.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { TextField } from '../components/text-field.tsx';

type Step =
  | { name: 'credentials' }
  | { name: 'mfa'; ticket: string; devices: string[] }
  | { name: 'change-password'; ticket: string };

export function SignInPage({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const [step, setStep] = useState<Step>({ name: 'credentials' });
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent, send: () => Promise<SignInStep>) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const next = await send();
      if (next.next === 'done') await onSignedIn();
      else if (next.next === 'mfa') setStep({ name: 'mfa', ticket: next.ticket, devices: next.devices });
      else setStep({ name: next.next, ticket: next.ticket });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  const restart = () => {
    setError(undefined);
    setStep({ name: 'credentials' });
  };

  return (
    <main id="main" className="sign-in">
      <div className="sign-in-card">
        <p className="brand">Tessera</p>
        {step.name === 'credentials' ? (
          <CredentialsStep
            busy={busy}
            error={error}
            onSubmit={submit}
            onModeChange={() => setError(undefined)}
          />
        ) : step.name === 'mfa' ? (
          <MfaStep
            busy={busy}
            error={error}
            ticket={step.ticket}
            devices={step.devices}
            onSubmit={submit}
            onCancel={restart}
          />
        ) : (
          <ChangePasswordStep
            busy={busy}
            error={error}
            ticket={step.ticket}
            onSubmit={submit}
            onCancel={restart}
          />
        )}
      </div>
    </main>
  );
}

interface StepProps {
  busy: boolean;
  error: unknown;
  onSubmit: (event: FormEvent, send: () => Promise<SignInStep>) => Promise<void>;
}

function CredentialsStep({ busy, error, onSubmit, onModeChange }: StepProps & { onModeChange: () => void }) {
  const [asRoot, setAsRoot] = useState(false);
  const [account, setAccount] = useState('');
  const [userName, setUserName] = useState('');
  const [root, setRoot] = useState('');
  const [password, setPassword] = useState('');

  const toggle = () => {
    setAsRoot(!asRoot);
    setPassword('');
    onModeChange();
  };

  const send = () =>
    asRoot
      ? signIn({ root: root.trim(), password })
      : signIn({ account: account.trim(), userName, password });

  return (
    <>
      <PageHeading focus={false}>
        {asRoot ? 'Sign in as the root user' : 'Sign in as an IAM user'}
      </PageHeading>
      <form onSubmit={(event) => void onSubmit(event, send)}>
        {asRoot ? (
          <TextField
            label="Root user sign-in identifier"
            value={root}
            onChange={setRoot}
            placeholder="root@123456789012"
            autoComplete="username"
            autoFocus
            required
          />
        ) : (
          <>
            <TextField
              label="Account ID or alias"
              value={account}
              onChange={setAccount}
              autoComplete="organization"
              autoFocus
              required
            />
            <TextField
              label="IAM user name"
              value={userName}
              onChange={setUserName}
              autoComplete="username"
              required
            />
          </>
        )}
        <TextField
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          required
        />
        <ErrorAlert error={error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            Sign in
          </button>
          <button type="button" className="link-button" onClick={toggle}>
            {asRoot ? 'Sign in as an IAM user' : 'Sign in as root user'}
          </button>
        </div>
      </form>
    </>
  );
}

function MfaStep({
  busy,
  error,
  ticket,
  devices,
  onSubmit,
  onCancel,
}: StepProps & { ticket: string; devices: string[]; onCancel: () => void }) {
  const [code, setCode] = useState('');
  const [device, setDevice] = useState(devices[0]);
  return (
    <>
      <PageHeading focus={false}>Multi-factor authentication</PageHeading>
      <p>Enter the 6-digit code from your MFA device.</p>
      <form onSubmit={(event) => void onSubmit(event, () => signInMfa(ticket, code, device))}>
        {devices.length > 1 ? (
          <div className="field">
            <label htmlFor="mfa-device">MFA device</label>
            <select id="mfa-device" value={device} onChange={(event) => setDevice(event.target.value)}>
              {devices.map((serial) => (
                <option key={serial} value={serial}>
                  {serial.slice(serial.lastIndexOf('/') + 1)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <TextField
          label="MFA code"
          value={code}
          onChange={(value) => setCode(value.replace(/\D/g, '').slice(0, 6))}
          inputMode="numeric"
          pattern="[0-9]{6}"
          maxLength={6}
          autoComplete="one-time-code"
          autoFocus
          required
        />
        <ErrorAlert error={error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            Submit
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </>
  );
}

function ChangePasswordStep({
  busy,
  error,
  ticket,
  onSubmit,
  onCancel,
}: StepProps & { ticket: string; onCancel: () => void }) {
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const submit = (event: FormEvent) => {
    if (newPassword !== confirm) {
      event.preventDefault();
      setMismatch(true);
      return;
    }
    setMismatch(false);
    void onSubmit(event, () => changePassword(ticket, newPassword));
  };

  return (
    <>
      <PageHeading>Set a new password</PageHeading>
      <p>Your password must be changed before you continue.</p>
      <form onSubmit={submit}>
        <TextField
          label="New password"
          type="password"
          value={newPassword}
          onChange={setNewPassword}
          autoComplete="new-password"
          required
        />
        <TextField
          label="Confirm new password"
          type="password"
          value={confirm}
          onChange={setConfirm}
          autoComplete="new-password"
          required
        />
        {mismatch ? (
          <div role="alert" className="alert">
            The passwords do not match.
          </div>
        ) : (
          <ErrorAlert error={error} />
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            Set password
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </>
  );
}
