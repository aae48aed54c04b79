// A user's MFA devices: the list (ListMFADevices), a virtual device assigned from its QR code
// (CreateVirtualMFADevice, then EnableMFADevice with two consecutive codes), and a device removed
// (DeactivateMFADevice, then DeleteVirtualMFADevice).
import { useCallback, useState, type FormEvent } from 'react';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { TextField } from '../../components/text-field.tsx';
import { formatDate } from '../../format.ts';
import { listAll } from '../../pagination.ts';
import { useAction } from '../../use-action.ts';
import { useCall, useLoad } from '../../use-api.ts';

interface MfaDevice {
  SerialNumber: string;
  EnableDate: string;
}

interface NewDevice {
  SerialNumber: string;
  /** The seed's Base32 text, base64-encoded as a blob. */
  Base32StringSeed: string;
  /** The otpauth URI as a PNG, base64-encoded. */
  QRCodePNG: string;
}

export function MfaSection({ userName }: { userName: string }) {
  const call = useCall();
  const devices = useLoad(
    useCallback(
      () => listAll<MfaDevice>(call, 'ListMFADevices', { UserName: userName }, 'MFADevices'),
      [call, userName],
    ),
  );
  const [deviceName, setDeviceName] = useState(userName);
  const [pending, setPending] = useState<NewDevice>();
  const [code1, setCode1] = useState('');
  const [code2, setCode2] = useState('');
  const action = useAction();

  const create = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const answer = await call<{ VirtualMFADevice: NewDevice }>('iam', 'CreateVirtualMFADevice', {
        VirtualMFADeviceName: deviceName.trim(),
      });
      setPending(answer.VirtualMFADevice);
    });
  };
  const enable = (event: FormEvent) => {
    event.preventDefault();
    if (!pending) return;
    void action.run(async () => {
      await call('iam', 'EnableMFADevice', {
        UserName: userName,
        SerialNumber: pending.SerialNumber,
        AuthenticationCode1: code1,
        AuthenticationCode2: code2,
      });
      setPending(undefined);
      setCode1('');
      setCode2('');
      devices.reload();
    }, 'MFA device assigned.');
  };
  const remove = (serial: string) =>
    void action.run(async () => {
      await call('iam', 'DeactivateMFADevice', { UserName: userName, SerialNumber: serial });
      if (serial.includes(':mfa/')) await call('iam', 'DeleteVirtualMFADevice', { SerialNumber: serial });
      devices.reload();
    }, 'MFA device removed.');

  const columns: readonly Column<MfaDevice>[] = [
    { header: 'Serial number', cell: (d) => <code>{d.SerialNumber}</code> },
    { header: 'Assigned', cell: (d) => formatDate(d.EnableDate) },
    {
      header: 'Remove',
      cell: (d) => (
        <button type="button" onClick={() => remove(d.SerialNumber)} disabled={action.busy}>
          Remove<span className="visually-hidden"> {d.SerialNumber}</span>
        </button>
      ),
    },
  ];

  return (
    <section className="panel" aria-labelledby="mfa-heading">
      <h2 id="mfa-heading">Multi-factor authentication (MFA)</h2>
      <ErrorAlert error={devices.error} />
      <DataTable
        caption="MFA devices"
        columns={columns}
        rows={devices.data}
        rowKey={(d) => d.SerialNumber}
        loading={devices.loading}
        empty="No MFA device."
      />
      {pending === undefined ? (
        <form className="inline-form" onSubmit={create}>
          <TextField
            label="Device name"
            value={deviceName}
            onChange={setDeviceName}
            autoComplete="off"
            required
          />
          <button type="submit" className="primary" disabled={action.busy}>
            Assign MFA device
          </button>
        </form>
      ) : (
        <form onSubmit={enable}>
          <p>Scan the code with an authenticator app, then type two consecutive codes it shows.</p>
          <img
            className="qr-code"
            src={`data:image/png;base64,${pending.QRCodePNG}`}
            alt="QR code for the virtual MFA device"
            width={200}
            height={200}
          />
          <details>
            <summary>Show the secret key instead</summary>
            <code className="mfa-secret">{atob(pending.Base32StringSeed)}</code>
          </details>
          <TextField
            label="MFA code 1"
            value={code1}
            onChange={setCode1}
            inputMode="numeric"
            maxLength={6}
            required
          />
          <TextField
            label="MFA code 2"
            value={code2}
            onChange={setCode2}
            inputMode="numeric"
            maxLength={6}
            required
          />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={action.busy}>
              Assign MFA
            </button>
          </div>
        </form>
      )}
      <ErrorAlert error={action.error} />
      <p role="status" className="status">
        {action.status}
      </p>
    </section>
  );
}
