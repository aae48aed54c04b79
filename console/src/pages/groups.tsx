// Groups: the account's IAM groups (ListGroups, every page), each linking to its page and deleted
// from its row (DeleteGroup: IAM's DeleteConflict while it still has members or policies), and a form
// to create one (CreateGroup).
import { useCallback, useState } from 'react';
import { ActionForm } from '../components/action-form.tsx';
import { DeleteButton } from '../components/delete-button.tsx';
import { DataTable, type Column } from '../components/data-table.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { Panel } from '../components/panel.tsx';
import { TextField } from '../components/text-field.tsx';
import { formatDate } from '../format.ts';
import { listAll } from '../pagination.ts';
import { href } from '../router.ts';
import { useAction } from '../use-action.ts';
import { useCall, useLoad } from '../use-api.ts';

interface Group {
  GroupName: string;
  GroupId: string;
  Path: string;
  CreateDate: string;
}

export function GroupsPage() {
  const call = useCall();
  const groups = useLoad(useCallback(() => listAll<Group>(call, 'ListGroups', {}, 'Groups'), [call]));
  const [groupName, setGroupName] = useState('');
  const action = useAction();
  const create = () => {
    const name = groupName.trim();
    void action.run(async () => {
      await call('iam', 'CreateGroup', { GroupName: name });
      setGroupName('');
      groups.reload();
    }, `Group ${name} created.`);
  };
  const columns: readonly Column<Group>[] = [
    {
      header: 'Group name',
      cell: (group) => <a href={href({ page: 'group', name: group.GroupName })}>{group.GroupName}</a>,
    },
    { header: 'Path', cell: (group) => group.Path },
    { header: 'Created', cell: (group) => formatDate(group.CreateDate) },
    {
      header: 'Delete',
      cell: (group) => (
        <DeleteButton
          kind="group"
          name={group.GroupName}
          onDelete={async () => {
            await call('iam', 'DeleteGroup', { GroupName: group.GroupName });
            groups.reload();
          }}
        >
          <p>IAM deletes a group only once it has no members and no policies.</p>
        </DeleteButton>
      ),
    },
  ];
  return (
    <>
      <PageHeading>Groups</PageHeading>
      <ErrorAlert error={groups.error} />
      <DataTable
        caption="IAM groups in this account"
        columns={columns}
        rows={groups.data}
        rowKey={(group) => group.GroupId}
        loading={groups.loading}
        empty="No groups."
      />
      <Panel title="Create group">
        <ActionForm action={action} onSubmit={create} submit="Create group" inline primary>
          <TextField
            label="Group name"
            value={groupName}
            onChange={setGroupName}
            autoComplete="off"
            required
          />
        </ActionForm>
      </Panel>
    </>
  );
}
