// Roles: the account's IAM roles (ListRoles, every page).
import { useCallback } from 'react';
import { DataTable, type Column } from '../components/data-table.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { formatDate } from '../format.ts';
import { listAll } from '../pagination.ts';
import { useCall, useLoad } from '../use-api.ts';

interface Role {
  RoleName: string;
  RoleId: string;
  Arn: string;
  Path: string;
  CreateDate: string;
  Description?: string;
}

const COLUMNS: readonly Column<Role>[] = [
  { header: 'Role name', cell: (role) => role.RoleName },
  { header: 'Path', cell: (role) => role.Path },
  { header: 'Description', cell: (role) => role.Description ?? '' },
  { header: 'Created', cell: (role) => formatDate(role.CreateDate) },
];

export function RolesPage() {
  const call = useCall();
  const roles = useLoad(useCallback(() => listAll<Role>(call, 'ListRoles', {}, 'Roles'), [call]));
  return (
    <>
      <PageHeading>Roles</PageHeading>
      <ErrorAlert error={roles.error} />
      <DataTable
        caption="IAM roles in this account"
        columns={COLUMNS}
        rows={roles.data}
        rowKey={(role) => role.RoleId}
        loading={roles.loading}
        empty="No roles."
      />
    </>
  );
}
