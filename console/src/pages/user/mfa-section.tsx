// The MFA devices of a user, or of the root signed in: the list (ListMFADevices), a virtual device
// created (CreateVirtualMFADevice) and assigned with two codes from it (new-mfa-device-form.tsx:
// EnableMFADevice for a user, the console's root-mfa for the root), and a device removed after a
// confirmation (DeactivateMFADevice, then DeleteVirtualMFADevice for a virtual one). The root's
// calls name no user: IAM takes the caller's own devices.
import { useCallback, useState } from 'react';
import { ActionForm } from '../../components/action-form.tsx';
import { ConfirmAction } from '../../components/confirm-action.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Panel } from '../../components/panel.tsx';
import { TextField } from '../../components/text-field.tsx';
import { formatDate } from '../../format.ts';
import { listAll } from '../../pagination.ts';
import { useAction } from '../../use-action.ts';
import { useCall, useLoad } from '../../use-api.ts';
import { NewMfaDeviceForm, type NewDevice } from './new-mfa-device-form.tsx';

/** Whose devices: a user's, by name, or the root's own (the root signed in). */
export type MfaOwner = { userName: string } | { root: true };

/** The name AWS's console gave the root's device. */
const ROOT_DEVICE_NAME = 'root-account-mfa-device';

interface MfaDevice {
  SerialNumber: string;
  EnableDate: string;
}

export function MfaSection({ owner }: { owner: MfaOwner }) {
  const call = useCall();
  const userName = 'userName' in owner ? owner.userName : undefined;
  const named = userName === undefined ? {} : { UserName: userName };
  const devices = useLoad(
    useCallback(
      () =>
        listAll<MfaDevice>(
          call,
          'ListMFADevices',
          userName === undefined ? {} : { UserName: userName },
          'MFADevices',
        ),
      [call, userName],
    ),
  );
  const [deviceName, setDeviceName] = useState(userName ?? ROOT_DEVICE_NAME);
  const [pending, setPending] = useState<NewDevice>();
  const action = useAction();

  const create = () =>
    void action.run(async () => {
      const answer = await call<{ VirtualMFADevice: NewDevice }>('iam', 'CreateVirtualMFADevice', {
        VirtualMFADeviceName: deviceName.trim(),
      });
      setPending(answer.VirtualMFADevice);
    });
  const remove = async (serial: string) => {
    await call('iam', 'DeactivateMFADevice', { ...named, SerialNumber: serial });
    if (serial.includes(':mfa/')) await call('iam', 'DeleteVirtualMFADevice', { SerialNumber: serial });
    devices.reload();
    action.report('MFA device removed.');
  };

  const columns: readonly Column<MfaDevice>[] = [
    { header: 'Serial number', cell: (d) => <code>{d.SerialNumber}</code> },
    { header: 'Assigned', cell: (d) => formatDate(d.EnableDate) },
    {
      header: 'Remove',
      cell: (d) => (
        <ConfirmAction
          trigger={
            <>
              Remove<span className="visually-hidden"> {d.SerialNumber}</span>
            </>
          }
          title="Remove this MFA device?"
          confirm="Remove device"
          onConfirm={() => remove(d.SerialNumber)}
        >
          <p>
            {d.SerialNumber} is deactivated and deleted; {userName ?? 'the root user'} signs in without it
            from now on.
          </p>
        </ConfirmAction>
      ),
    },
  ];

  return (
    <Panel title="Multi-factor authentication (MFA)">
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
        <ActionForm action={action} onSubmit={create} submit="Assign MFA device" inline primary>
          <TextField
            label="Device name"
            value={deviceName}
            onChange={setDeviceName}
            autoComplete="off"
            required
          />
        </ActionForm>
      ) : (
        <NewMfaDeviceForm
          owner={owner}
          device={pending}
          onDone={(assigned) => {
            setPending(undefined);
            if (assigned) {
              devices.reload();
              action.report('MFA device assigned.');
            }
          }}
        />
      )}
    </Panel>
  );
}
