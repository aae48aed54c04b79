// A group's members (GetGroup, every page): "Add users" to choose several from the account's users
// (AddUserToGroup each), and one removed (RemoveUserFromGroup).
import { useCallback, useState } from 'react';
import { ActionFeedback } from '../../components/action-feedback.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PickDialog } from '../../components/pick-dialog.tsx';
import { listAll } from '../../pagination.ts';
import { href } from '../../router.ts';
import { useAction } from '../../use-action.ts';
import { useCall, useLoad } from '../../use-api.ts';
import { Panel } from '../../components/panel.tsx';

interface Member {
  UserName: string;
  Arn: string;
}

export function MembersSection({ groupName }: { groupName: string }) {
  const call = useCall();
  const members = useLoad(
    useCallback(
      () => listAll<Member>(call, 'GetGroup', { GroupName: groupName }, 'Users'),
      [call, groupName],
    ),
  );
  const loadChoices = useCallback(() => listAll<Member>(call, 'ListUsers', {}, 'Users'), [call]);
  const [picking, setPicking] = useState(false);
  const action = useAction();
  const remove = (name: string) =>
    void action.run(async () => {
      await call('iam', 'RemoveUserFromGroup', { GroupName: groupName, UserName: name });
      members.reload();
    }, `${name} removed.`);
  const columns: readonly Column<Member>[] = [
    { header: 'User name', cell: (m) => <a href={href({ page: 'user', name: m.UserName })}>{m.UserName}</a> },
    {
      header: 'Remove',
      cell: (m) => (
        <button type="button" onClick={() => remove(m.UserName)} disabled={action.busy}>
          Remove<span className="visually-hidden"> {m.UserName}</span>
        </button>
      ),
    },
  ];
  return (
    <Panel
      title="Users in this group"
      actions={
        <button type="button" className="primary" onClick={() => setPicking(true)}>
          Add users
        </button>
      }
    >
      <ErrorAlert error={members.error} />
      <DataTable
        caption="Members"
        columns={columns}
        rows={members.data}
        rowKey={(m) => m.Arn}
        loading={members.loading}
        empty="No users in this group."
      />
      <ActionFeedback action={action} />
      {picking ? (
        <PickDialog
          title={`Add users to ${groupName}`}
          noun="users"
          load={loadChoices}
          keyOf={(m) => m.Arn}
          nameOf={(m) => m.UserName}
          exclude={new Set(members.data?.map((m) => m.Arn))}
          confirm="Add selected users"
          apply={(m) => call('iam', 'AddUserToGroup', { GroupName: groupName, UserName: m.UserName })}
          onApplied={(added) => {
            members.reload();
            action.report(`${added.map((m) => m.UserName).join(', ')} added.`);
          }}
          onClose={() => setPicking(false)}
        />
      ) : null}
    </Panel>
  );
}
