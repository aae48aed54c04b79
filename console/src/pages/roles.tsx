// Roles: the account's IAM roles (ListRoles, every page) with their last activity (GetRole's
// RoleLastUsed, which ListRoles leaves out), each linking to its page and deleted from its row, and
// the form to create one.
import { useCallback } from 'react';
import { mapInBatches } from '../batch.ts';
import { DeleteButton } from '../components/delete-button.tsx';
import { DataTable, type Column } from '../components/data-table.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { formatDate, formatLastUsed } from '../format.ts';
import { listAll } from '../pagination.ts';
import { href } from '../router.ts';
import { useCall, useLoad } from '../use-api.ts';
import { CreateRoleForm } from './role/create-role-form.tsx';

interface Role {
  RoleName: string;
  RoleId: string;
  Path: string;
  CreateDate: string;
  Description?: string;
  RoleLastUsed?: { LastUsedDate?: string };
}

export function RolesPage() {
  const call = useCall();
  const roles = useLoad(
    useCallback(async () => {
      const listed = await listAll<Role>(call, 'ListRoles', {}, 'Roles');
      return mapInBatches(listed, (role) =>
        call<{ Role: Role }>('iam', 'GetRole', { RoleName: role.RoleName }).then(
          (answer) => ({ ...role, RoleLastUsed: answer.Role.RoleLastUsed }),
          // without iam:GetRole the list is still worth showing
          () => role,
        ),
      );
    }, [call]),
  );
  const columns: readonly Column<Role>[] = [
    {
      header: 'Role name',
      cell: (role) => <a href={href({ page: 'role', name: role.RoleName })}>{role.RoleName}</a>,
    },
    { header: 'Path', cell: (role) => role.Path },
    { header: 'Description', cell: (role) => role.Description ?? '' },
    { header: 'Last activity', cell: (role) => formatLastUsed(role.RoleLastUsed?.LastUsedDate) },
    { header: 'Created', cell: (role) => formatDate(role.CreateDate) },
    {
      header: 'Delete',
      cell: (role) => (
        <DeleteButton
          kind="role"
          name={role.RoleName}
          onDelete={async () => {
            await call('iam', 'DeleteRole', { RoleName: role.RoleName });
            roles.reload();
          }}
        >
          <p>
            IAM deletes a role only once its policies are detached and deleted and it is in no instance
            profile. Sessions of the role already issued stay valid until they expire.
          </p>
        </DeleteButton>
      ),
    },
  ];
  return (
    <>
      <PageHeading>Roles</PageHeading>
      <ErrorAlert error={roles.error} />
      <DataTable
        caption="IAM roles in this account"
        columns={columns}
        rows={roles.data}
        rowKey={(role) => role.RoleId}
        loading={roles.loading}
        empty="No roles."
      />
      <CreateRoleForm onCreated={roles.reload} />
    </>
  );
}
