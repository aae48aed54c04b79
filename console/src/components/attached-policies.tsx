// The managed policies attached to a user, group or role: the list (every page), "Attach policies"
// to choose several from the account's and AWS's policies, a policy attached by its ARN, and one
// detached.
import { useCallback, useState } from 'react';
import { holderInput, type PolicyHolder } from '../iam-entity.ts';
import { listPolicies, policyTypeOf, type ManagedPolicy } from '../managed-policy.ts';
import { listAll } from '../pagination.ts';
import { href } from '../router.ts';
import { useAction } from '../use-action.ts';
import { useCall, useLoad } from '../use-api.ts';
import { ActionForm } from './action-form.tsx';
import { DataTable, type Column } from './data-table.tsx';
import { ErrorAlert } from './error-alert.tsx';
import { Panel } from './panel.tsx';
import { PickDialog } from './pick-dialog.tsx';
import { CodeField } from './text-field.tsx';

interface AttachedPolicy {
  PolicyName: string;
  PolicyArn: string;
}

const policyLink = (name: string, arn: string) => <a href={href({ page: 'policy', name: arn })}>{name}</a>;

const PICK_COLUMNS: readonly Column<ManagedPolicy>[] = [
  { header: 'Type', cell: (p) => policyTypeOf(p.Arn) },
  { header: 'Attached entities', cell: (p) => p.AttachmentCount ?? 0 },
];

export function AttachedPolicies({ holder, name }: { holder: PolicyHolder; name: string }) {
  const call = useCall();
  const policies = useLoad(
    useCallback(
      () =>
        listAll<AttachedPolicy>(
          call,
          `ListAttached${holder}Policies`,
          holderInput(holder, name),
          'AttachedPolicies',
        ),
      [call, holder, name],
    ),
  );
  const [picking, setPicking] = useState(false);
  const [policyArn, setPolicyArn] = useState('');
  const action = useAction();
  const loadChoices = useCallback(() => listPolicies(call, 'All'), [call]);

  const attach = (arn: string) =>
    call('iam', `Attach${holder}Policy`, { ...holderInput(holder, name), PolicyArn: arn });
  const attachByArn = () => {
    const arn = policyArn.trim();
    void action.run(async () => {
      await attach(arn);
      setPolicyArn('');
      policies.reload();
    }, `Policy ${arn} attached.`);
  };
  const detach = (arn: string) =>
    void action.run(async () => {
      await call('iam', `Detach${holder}Policy`, { ...holderInput(holder, name), PolicyArn: arn });
      policies.reload();
    }, `Policy ${arn} detached.`);

  const columns: readonly Column<AttachedPolicy>[] = [
    { header: 'Policy name', cell: (p) => policyLink(p.PolicyName, p.PolicyArn) },
    { header: 'Type', cell: (p) => policyTypeOf(p.PolicyArn) },
    {
      header: 'Detach',
      cell: (p) => (
        <button type="button" onClick={() => detach(p.PolicyArn)} disabled={action.busy}>
          Detach<span className="visually-hidden"> {p.PolicyName}</span>
        </button>
      ),
    },
  ];
  return (
    <Panel
      title="Permissions policies"
      actions={
        <button type="button" className="primary" onClick={() => setPicking(true)}>
          Attach policies
        </button>
      }
    >
      <ErrorAlert error={policies.error} />
      <DataTable
        caption="Attached managed policies"
        columns={columns}
        rows={policies.data}
        rowKey={(p) => p.PolicyArn}
        loading={policies.loading}
        empty="No managed policies attached."
      />
      <ActionForm action={action} onSubmit={attachByArn} submit="Attach policy" inline>
        <CodeField
          label="Policy ARN"
          value={policyArn}
          onChange={setPolicyArn}
          placeholder="arn:aws:iam::aws:policy/ReadOnlyAccess"
          required
        />
      </ActionForm>
      {picking ? (
        <PickDialog
          title={`Attach policies to ${name}`}
          noun="policies"
          load={loadChoices}
          keyOf={(p) => p.Arn}
          nameOf={(p) => p.PolicyName}
          exclude={new Set(policies.data?.map((p) => p.PolicyArn))}
          columns={PICK_COLUMNS}
          confirm="Attach selected policies"
          apply={(p) => attach(p.Arn)}
          onApplied={(attached) => {
            policies.reload();
            action.report(`${attached.map((p) => p.PolicyName).join(', ')} attached.`);
          }}
          onClose={() => setPicking(false)}
        />
      ) : null}
    </Panel>
  );
}
