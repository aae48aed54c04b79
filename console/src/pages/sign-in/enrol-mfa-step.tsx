// The sign-in step of one who must use MFA and has no device: assign a virtual MFA device, as AWS's
// console does, from its QR code (or its secret key, typed into the app), then two consecutive codes
// the app shows. The secret is shown this once; the server keeps it sealed until the device exists.
import { useState } from 'react';
import { enrolMfa } from '../../api.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { MfaCodeField } from './mfa-code-field.tsx';
import { StepActions } from './step-actions.tsx';
import type { TicketStepProps } from './step-props.ts';

interface EnrolMfaStepProps extends TicketStepProps {
  /** The otpauth URI's QR code, a PNG in base64. */
  qrCodePng: string;
  /** The device's secret key in Base32. */
  secret: string;
}

export function EnrolMfaStep({
  busy,
  error,
  ticket,
  qrCodePng,
  secret,
  onSubmit,
  onCancel,
}: EnrolMfaStepProps) {
  const [code1, setCode1] = useState('');
  const [code2, setCode2] = useState('');
  return (
    <>
      <PageHeading focus={false}>Assign an MFA device</PageHeading>
      <p>
        Your account requires multi-factor authentication. Scan the QR code with an authenticator app, then
        enter two consecutive codes it shows.
      </p>
      <form onSubmit={(event) => void onSubmit(event, () => enrolMfa(ticket, code1, code2))}>
        <img
          className="qr-code"
          src={`data:image/png;base64,${qrCodePng}`}
          alt="QR code for your virtual MFA device"
          width={200}
          height={200}
        />
        <details>
          <summary>Show the secret key instead</summary>
          <code className="mfa-secret">{secret}</code>
        </details>
        <MfaCodeField label="MFA code 1" value={code1} onChange={setCode1} autoFocus />
        <MfaCodeField label="MFA code 2" value={code2} onChange={setCode2} />
        <ErrorAlert error={error} />
        <StepActions submit="Assign MFA" busy={busy} onCancel={onCancel} />
      </form>
    </>
  );
}
