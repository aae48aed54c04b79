// Users: the account's IAM users (ListUsers, every page) with their last console sign-in, each
// linking to its page and deleted from its row (DeleteUser: IAM's DeleteConflict shown as it comes
// while the user still has policies, groups, keys…), and the form to create one.
import { useCallback } from 'react';
import { DeleteButton } from '../components/delete-button.tsx';
import { DataTable, type Column } from '../components/data-table.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { formatDate, formatLastUsed } from '../format.ts';
import { listAll } from '../pagination.ts';
import { href } from '../router.ts';
import { useCall, useLoad } from '../use-api.ts';
import { CreateUserForm } from './user/create-user-form.tsx';

interface User {
  UserName: string;
  UserId: string;
  Arn: string;
  Path: string;
  CreateDate: string;
  PasswordLastUsed?: string;
}

export function UsersPage() {
  const call = useCall();
  const users = useLoad(useCallback(() => listAll<User>(call, 'ListUsers', {}, 'Users'), [call]));

  const columns: readonly Column<User>[] = [
    {
      header: 'User name',
      cell: (user) => <a href={href({ page: 'user', name: user.UserName })}>{user.UserName}</a>,
    },
    { header: 'Path', cell: (user) => user.Path },
    { header: 'Console last sign-in', cell: (user) => formatLastUsed(user.PasswordLastUsed) },
    { header: 'Created', cell: (user) => formatDate(user.CreateDate) },
    {
      header: 'Delete',
      cell: (user) => (
        <DeleteButton
          kind="user"
          name={user.UserName}
          onDelete={async () => {
            await call('iam', 'DeleteUser', { UserName: user.UserName });
            users.reload();
          }}
        >
          <p>
            IAM deletes a user only once nothing is left attached to it: its policies, groups, console
            password, access keys and MFA devices must be removed first.
          </p>
        </DeleteButton>
      ),
    },
  ];

  return (
    <>
      <PageHeading>Users</PageHeading>
      <ErrorAlert error={users.error} />
      <DataTable
        caption="IAM users in this account"
        columns={columns}
        rows={users.data}
        rowKey={(user) => user.UserId}
        loading={users.loading}
        empty="No users."
      />
      <CreateUserForm onCreated={users.reload} />
    </>
  );
}
