// Sign-in: an IAM user (account ID or alias, user name, password) or the root user (its sign-in
// identifier and password), then, when the server asks, the code of an MFA device (chosen among
// several), a first MFA device to assign, or a new password.
import { useState, type FormEvent } from 'react';
import { changePassword, signIn, signInMfa, type SignInStep } from '../api.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { TextField } from '../components/text-field.tsx';
import { EnrolMfaStep } from './sign-in/enrol-mfa-step.tsx';
import { MfaCodeField } from './sign-in/mfa-code-field.tsx';
import { StepActions } from './sign-in/step-actions.tsx';
import type { StepProps, TicketStepProps } from './sign-in/step-props.ts';

/** The step on screen: the credentials, or the one the server's last answer asks for. */
type Step = { next: 'credentials' } | Exclude<SignInStep, { next: 'done' }>;

export function SignInPage({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const [step, setStep] = useState<Step>({ next: 'credentials' });
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent, send: () => Promise<SignInStep>) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const next = await send();
      if (next.next === 'done') await onSignedIn();
      else setStep(next);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  const restart = () => {
    setError(undefined);
    setStep({ next: 'credentials' });
  };
  const common = { busy, error, onSubmit: submit };
  const ticketed = { ...common, onCancel: restart };

  return (
    <main id="main" className="sign-in">
      <div className="sign-in-card">
        <p className="brand">Tessera</p>
        {step.next === 'credentials' ? (
          <CredentialsStep {...common} onModeChange={() => setError(undefined)} />
        ) : step.next === 'mfa' ? (
          <MfaStep {...ticketed} ticket={step.ticket} devices={step.devices} />
        ) : step.next === 'enrol-mfa' ? (
          <EnrolMfaStep {...ticketed} ticket={step.ticket} qrCodePng={step.qrCodePng} secret={step.secret} />
        ) : (
          <ChangePasswordStep {...ticketed} ticket={step.ticket} />
        )}
      </div>
    </main>
  );
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
}: TicketStepProps & { devices: string[] }) {
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
        <MfaCodeField label="MFA code" value={code} onChange={setCode} autoFocus />
        <ErrorAlert error={error} />
        <StepActions submit="Submit" busy={busy} onCancel={onCancel} />
      </form>
    </>
  );
}

function ChangePasswordStep({ busy, error, ticket, onSubmit, onCancel }: TicketStepProps) {
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
        <StepActions submit="Set password" busy={busy} onCancel={onCancel} />
      </form>
    </>
  );
}
