// The groups a user is in (ListGroupsForUser, every page): "Add user to groups" to choose from the
// account's groups (AddUserToGroup each), and one left (RemoveUserFromGroup).
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

interface Group {
  GroupName: string;
  Arn: string;
}

export function UserGroupsSection({ userName }: { userName: string }) {
  const call = useCall();
  const groups = useLoad(
    useCallback(
      () => listAll<Group>(call, 'ListGroupsForUser', { UserName: userName }, 'Groups'),
      [call, userName],
    ),
  );
  const loadChoices = useCallback(() => listAll<Group>(call, 'ListGroups', {}, 'Groups'), [call]);
  const [picking, setPicking] = useState(false);
  const action = useAction();

  const remove = (groupName: string) =>
    void action.run(async () => {
      await call('iam', 'RemoveUserFromGroup', { GroupName: groupName, UserName: userName });
      groups.reload();
    }, `${userName} removed from ${groupName}.`);

  const columns: readonly Column<Group>[] = [
    {
      header: 'Group name',
      cell: (g) => <a href={href({ page: 'group', name: g.GroupName })}>{g.GroupName}</a>,
    },
    {
      header: 'Remove',
      cell: (g) => (
        <button type="button" onClick={() => remove(g.GroupName)} disabled={action.busy}>
          Remove from<span className="visually-hidden"> {g.GroupName}</span> group
        </button>
      ),
    },
  ];
  return (
    <Panel
      title="Groups"
      actions={
        <button type="button" onClick={() => setPicking(true)}>
          Add user to groups
        </button>
      }
    >
      <ErrorAlert error={groups.error} />
      <DataTable
        caption="Groups this user is in"
        columns={columns}
        rows={groups.data}
        rowKey={(g) => g.Arn}
        loading={groups.loading}
        empty="Not in any group."
      />
      <ActionFeedback action={action} />
      {picking ? (
        <PickDialog
          title={`Add ${userName} to groups`}
          noun="groups"
          load={loadChoices}
          keyOf={(g) => g.Arn}
          nameOf={(g) => g.GroupName}
          exclude={new Set(groups.data?.map((g) => g.Arn))}
          confirm="Add to selected groups"
          apply={(g) => call('iam', 'AddUserToGroup', { GroupName: g.GroupName, UserName: userName })}
          onApplied={(added) => {
            groups.reload();
            action.report(`${userName} added to ${added.map((g) => g.GroupName).join(', ')}.`);
          }}
          onClose={() => setPicking(false)}
        />
      ) : null}
    </Panel>
  );
}
