// A user's access keys: each with its status and last use (ListAccessKeys, GetAccessKeyLastUsed), made
// inactive or active again (UpdateAccessKey), deleted (DeleteAccessKey), and a new one created
// (CreateAccessKey, at most two a user) whose secret is shown once.
import { useCallback, useState } from 'react';
import { ActionFeedback } from '../../components/action-feedback.tsx';
import { DeleteButton } from '../../components/delete-button.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { mapInBatches } from '../../batch.ts';
import { formatDate, formatLastUsed } from '../../format.ts';
import { listAll } from '../../pagination.ts';
import { useAction } from '../../use-action.ts';
import { useCall, useLoad } from '../../use-api.ts';
import { NewAccessKeyDialog, type NewAccessKey } from './new-access-key-dialog.tsx';
import { Panel } from '../../components/panel.tsx';

/** IAM's quota of access keys per user. */
const MAX_KEYS = 2;

interface AccessKey {
  AccessKeyId: string;
  Status: 'Active' | 'Inactive';
  CreateDate: string;
  LastUsed?: { LastUsedDate?: string; ServiceName?: string; Region?: string };
}

const lastUse = (key: AccessKey) =>
  key.LastUsed?.LastUsedDate === undefined
    ? 'Never'
    : `${formatLastUsed(key.LastUsed.LastUsedDate)} (${key.LastUsed.ServiceName ?? '?'} in ${key.LastUsed.Region ?? '?'})`;

export function AccessKeysSection({ userName }: { userName: string }) {
  const call = useCall();
  const keys = useLoad(
    useCallback(async () => {
      const listed = await listAll<AccessKey>(
        call,
        'ListAccessKeys',
        { UserName: userName },
        'AccessKeyMetadata',
      );
      return mapInBatches(listed, async (key) => {
        const answer = await call<{ AccessKeyLastUsed?: AccessKey['LastUsed'] }>(
          'iam',
          'GetAccessKeyLastUsed',
          {
            AccessKeyId: key.AccessKeyId,
          },
        );
        return { ...key, LastUsed: answer.AccessKeyLastUsed };
      });
    }, [call, userName]),
  );
  const [created, setCreated] = useState<NewAccessKey>();
  const action = useAction();
  const full = (keys.data?.length ?? 0) >= MAX_KEYS;

  const create = () =>
    void action.run(async () => {
      const answer = await call<{ AccessKey: NewAccessKey }>('iam', 'CreateAccessKey', {
        UserName: userName,
      });
      setCreated(answer.AccessKey);
      keys.reload();
    });
  const setStatus = (key: AccessKey, status: AccessKey['Status']) =>
    void action.run(async () => {
      await call('iam', 'UpdateAccessKey', {
        UserName: userName,
        AccessKeyId: key.AccessKeyId,
        Status: status,
      });
      keys.reload();
    }, `Access key ${key.AccessKeyId} is now ${status.toLowerCase()}.`);

  const columns: readonly Column<AccessKey>[] = [
    { header: 'Access key ID', cell: (key) => <code>{key.AccessKeyId}</code> },
    { header: 'Status', cell: (key) => key.Status },
    { header: 'Created', cell: (key) => formatDate(key.CreateDate) },
    { header: 'Last used', cell: lastUse },
    {
      header: 'Actions',
      cell: (key) => (
        <div className="form-actions">
          <button
            type="button"
            onClick={() => setStatus(key, key.Status === 'Active' ? 'Inactive' : 'Active')}
            disabled={action.busy}
          >
            {key.Status === 'Active' ? 'Make inactive' : 'Make active'}
            <span className="visually-hidden"> {key.AccessKeyId}</span>
          </button>
          <DeleteButton
            kind="access key"
            name={key.AccessKeyId}
            onDelete={async () => {
              await call('iam', 'DeleteAccessKey', { UserName: userName, AccessKeyId: key.AccessKeyId });
              keys.reload();
              action.report(`Access key ${key.AccessKeyId} deleted.`);
            }}
          >
            <p>
              Requests signed with this key fail from now on, and the key cannot be restored. Make it inactive
              first to find out whether anything still uses it.
            </p>
          </DeleteButton>
        </div>
      ),
    },
  ];

  return (
    <Panel
      title="Access keys"
      actions={
        <button type="button" onClick={create} disabled={action.busy || full || keys.data === undefined}>
          Create access key
        </button>
      }
    >
      {full ? (
        <p className="hint">A user has at most two access keys: delete one to create another.</p>
      ) : null}
      <ErrorAlert error={keys.error} />
      <DataTable
        caption="Access keys"
        columns={columns}
        rows={keys.data}
        rowKey={(key) => key.AccessKeyId}
        loading={keys.loading}
        empty="No access keys."
      />
      <ActionFeedback action={action} />
      {created === undefined ? null : (
        <NewAccessKeyDialog accessKey={created} onClose={() => setCreated(undefined)} />
      )}
    </Panel>
  );
}
