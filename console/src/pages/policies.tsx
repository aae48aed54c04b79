// Policies: managed policies (ListPolicies, every page) of a scope — all, AWS managed or the
// account's own — searched by name, fifty at a time, each linking to its page; and the form to create
// one.
import { useCallback, useState } from 'react';
import { DataTable, type Column } from '../components/data-table.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { SelectField } from '../components/select-field.tsx';
import { useShowMore } from '../components/show-more.tsx';
import { TextField } from '../components/text-field.tsx';
import { formatDate } from '../format.ts';
import { listPolicies, policyTypeOf, type ManagedPolicy, type PolicyScope } from '../managed-policy.ts';
import { href } from '../router.ts';
import { useCall, useLoad } from '../use-api.ts';
import { CreatePolicyForm } from './policy/create-policy-form.tsx';

const SCOPES = [
  { value: 'All', label: 'All types' },
  { value: 'AWS', label: 'AWS managed' },
  { value: 'Local', label: 'Customer managed' },
] as const satisfies readonly { value: PolicyScope; label: string }[];

const COLUMNS: readonly Column<ManagedPolicy>[] = [
  {
    header: 'Policy name',
    cell: (policy) => <a href={href({ page: 'policy', name: policy.Arn })}>{policy.PolicyName}</a>,
  },
  { header: 'Type', cell: (policy) => policyTypeOf(policy.Arn) },
  { header: 'Attached entities', cell: (policy) => policy.AttachmentCount ?? 0 },
  { header: 'Edited', cell: (policy) => formatDate(policy.UpdateDate ?? policy.CreateDate) },
];

export function PoliciesPage() {
  const call = useCall();
  const [scope, setScope] = useState<PolicyScope>('All');
  const [search, setSearch] = useState('');
  const policies = useLoad(useCallback(() => listPolicies(call, scope), [call, scope]));
  const needle = search.trim().toLowerCase();
  const matching = policies.data?.filter((policy) => policy.PolicyName.toLowerCase().includes(needle));
  const { shown, more } = useShowMore(matching);
  return (
    <>
      <PageHeading>Policies</PageHeading>
      <form
        className="filter-form"
        role="search"
        aria-label="Policies"
        onSubmit={(event) => event.preventDefault()}
      >
        <SelectField
          label="Type"
          value={scope}
          onChange={(value) => setScope(SCOPES.find((s) => s.value === value)?.value ?? 'All')}
          choices={SCOPES}
        />
        <TextField
          label="Search policies"
          type="search"
          value={search}
          onChange={setSearch}
          autoComplete="off"
        />
      </form>
      <ErrorAlert error={policies.error} />
      <DataTable
        caption={`Managed policies${matching === undefined ? '' : `: ${matching.length}`}`}
        columns={COLUMNS}
        rows={shown}
        rowKey={(policy) => policy.Arn}
        loading={policies.loading}
        empty={needle === '' ? 'No policies.' : 'No policies match.'}
      />
      {more}
      <CreatePolicyForm />
    </>
  );
}
