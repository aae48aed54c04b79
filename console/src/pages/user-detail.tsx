// One user: the managed policies attached to it (ListAttachedUserPolicies, every page), a form to
// attach another by ARN (AttachUserPolicy), its console password and its MFA devices.
import { useCallback, useState, type FormEvent } from 'react';
import { DataTable, type Column } from '../components/data-table.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { TextField } from '../components/text-field.tsx';
import { listAll } from '../pagination.ts';
import { href } from '../router.ts';
import { useCall, useLoad } from '../use-api.ts';
import { ConsolePasswordSection } from './user/console-password-section.tsx';
import { MfaSection } from './user/mfa-section.tsx';

interface AttachedPolicy {
  PolicyName: string;
  PolicyArn: string;
}

const COLUMNS: readonly Column<AttachedPolicy>[] = [
  { header: 'Policy name', cell: (policy) => policy.PolicyName },
  { header: 'Policy ARN', cell: (policy) => <code>{policy.PolicyArn}</code> },
];

export function UserDetailPage({ userName }: { userName: string }) {
  const call = useCall();
  const policies = useLoad(
    useCallback(
      () =>
        listAll<AttachedPolicy>(call, 'ListAttachedUserPolicies', { UserName: userName }, 'AttachedPolicies'),
      [call, userName],
    ),
  );

  return (
    <>
      <p className="breadcrumb">
        <a href={href({ page: 'users' })}>Users</a> <span aria-hidden="true">›</span> {userName}
      </p>
      <PageHeading>{userName}</PageHeading>
      <ErrorAlert error={policies.error} />
      <DataTable
        caption="Attached managed policies"
        columns={COLUMNS}
        rows={policies.data}
        rowKey={(policy) => policy.PolicyArn}
        loading={policies.loading}
        empty="No managed policies attached."
      />
      <AttachPolicyForm userName={userName} onAttached={policies.reload} />
      <ConsolePasswordSection userName={userName} />
      <MfaSection userName={userName} />
    </>
  );
}

function AttachPolicyForm({ userName, onAttached }: { userName: string; onAttached: () => void }) {
  const call = useCall();
  const [policyArn, setPolicyArn] = useState('');
  const [error, setError] = useState<unknown>();
  const [attached, setAttached] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setAttached(undefined);
    try {
      await call('iam', 'AttachUserPolicy', { UserName: userName, PolicyArn: policyArn.trim() });
      setAttached(policyArn.trim());
      setPolicyArn('');
      onAttached();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="attach-policy-heading">
      <h2 id="attach-policy-heading">Attach policy</h2>
      <form className="inline-form" onSubmit={(event) => void submit(event)}>
        <TextField
          label="Policy ARN"
          value={policyArn}
          onChange={setPolicyArn}
          placeholder="arn:aws:iam::aws:policy/ReadOnlyAccess"
          autoComplete="off"
          spellCheck={false}
          required
        />
        <button type="submit" className="primary" disabled={busy}>
          Attach policy
        </button>
      </form>
      <ErrorAlert error={error} />
      <p role="status" className="status">
        {attached === undefined ? '' : `Policy ${attached} attached.`}
      </p>
    </section>
  );
}
