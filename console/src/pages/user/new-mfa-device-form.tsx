// Assigning a new virtual MFA device: its QR code (the PNG's bytes, base64 in the console API's JSON)
// with the secret as text for apps that cannot scan, then two consecutive codes from the app
// (EnableMFADevice for a user; for the root, the console's root-mfa, as AWS enables the root's device
// only from its console); cancelling deletes the unassigned device (DeleteVirtualMFADevice).
import { useState } from 'react';
import { enableRootMfa } from '../../api.ts';
import { useSession } from '../../session.ts';
import { ActionForm } from '../../components/action-form.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useAction } from '../../use-action.ts';
import { useCall } from '../../use-api.ts';
import type { MfaOwner } from './mfa-section.tsx';

export interface NewDevice {
  SerialNumber: string;
  /** The seed's Base32 text, base64-encoded as a blob. */
  Base32StringSeed: string;
  /** The otpauth URI as a PNG, base64-encoded. */
  QRCodePNG: string;
}

interface NewMfaDeviceFormProps {
  owner: MfaOwner;
  device: NewDevice;
  /** Called once the device is assigned (true) or given up (false). */
  onDone: (assigned: boolean) => void;
}

export function NewMfaDeviceForm({ owner, device, onDone }: NewMfaDeviceFormProps) {
  const call = useCall();
  const { session } = useSession();
  const [codes, setCodes] = useState<[string, string]>(['', '']);
  const action = useAction();
  const enable = () =>
    void action.run(async () => {
      if ('userName' in owner)
        await call('iam', 'EnableMFADevice', {
          UserName: owner.userName,
          SerialNumber: device.SerialNumber,
          AuthenticationCode1: codes[0],
          AuthenticationCode2: codes[1],
        });
      else await enableRootMfa(session.csrfToken, device.SerialNumber, codes[0], codes[1]);
      onDone(true);
    });
  const cancel = () =>
    void action.run(async () => {
      await call('iam', 'DeleteVirtualMFADevice', { SerialNumber: device.SerialNumber });
      onDone(false);
    });
  return (
    <ActionForm
      action={action}
      onSubmit={enable}
      submit="Assign MFA"
      primary
      extra={
        <button type="button" onClick={cancel} disabled={action.busy}>
          Cancel
        </button>
      }
    >
      <p>Scan the code with an authenticator app, then type two consecutive codes it shows.</p>
      <img
        className="qr-code"
        src={`data:image/png;base64,${device.QRCodePNG}`}
        alt="QR code for the virtual MFA device"
        width={200}
        height={200}
      />
      <details>
        <summary>Show the secret key instead</summary>
        <code className="mfa-secret">{atob(device.Base32StringSeed)}</code>
      </details>
      {([0, 1] as const).map((i) => (
        <TextField
          key={i}
          label={`MFA code ${i + 1}`}
          value={codes[i]}
          onChange={(code) => setCodes((previous) => (i === 0 ? [code, previous[1]] : [previous[0], code]))}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
        />
      ))}
    </ActionForm>
  );
}
