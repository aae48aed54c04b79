// Policies: the account's own (customer managed) policies, ListPolicies with Scope=Local, every page.
import { useCallback } from 'react';
import { DataTable, type Column } from '../components/data-table.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { formatDate } from '../format.ts';
import { listAll } from '../pagination.ts';
import { useCall, useLoad } from '../use-api.ts';

interface Policy {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  AttachmentCount?: number;
  CreateDate: string;
}

const COLUMNS: readonly Column<Policy>[] = [
  { header: 'Policy name', cell: (policy) => policy.PolicyName },
  { header: 'ARN', cell: (policy) => <code>{policy.Arn}</code> },
  { header: 'Attachments', cell: (policy) => policy.AttachmentCount ?? 0 },
  { header: 'Created', cell: (policy) => formatDate(policy.CreateDate) },
];

export function PoliciesPage() {
  const call = useCall();
  const policies = useLoad(
    useCallback(() => listAll<Policy>(call, 'ListPolicies', { Scope: 'Local' }, 'Policies'), [call]),
  );
  return (
    <>
      <PageHeading>Policies</PageHeading>
      <ErrorAlert error={policies.error} />
      <DataTable
        caption="Customer managed policies in this account"
        columns={COLUMNS}
        rows={policies.data}
        rowKey={(policy) => policy.PolicyId}
        loading={policies.loading}
        empty="No customer managed policies."
      />
    </>
  );
}
