// The policy editor page: a draft identity policy checked by Access Analyzer as it is typed, the
// simulator run on the draft, and the draft saved as a customer managed policy.
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { PolicyEditor } from '../components/policy-editor.tsx';
import { PolicySimulator } from '../components/policy-simulator.tsx';
import { TextField } from '../components/text-field.tsx';
import { useCall } from '../use-api.ts';

const STARTER = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["iam:GetUser", "iam:ListUsers"],
      "Resource": "*"
    }
  ]
}
`;

export function PolicyDraftPage() {
  const call = useCall();
  const [draft, setDraft] = useState(STARTER);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function create(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setCreated(undefined);
    try {
      const answer = await call<{ Policy: { Arn: string } }>('iam', 'CreatePolicy', {
        PolicyName: name.trim(),
        PolicyDocument: draft,
      });
      setCreated(answer.Policy.Arn);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeading>Policy editor</PageHeading>
      <section className="panel" aria-label="Draft">
        <PolicyEditor
          label="Policy document"
          value={draft}
          onChange={setDraft}
          policyType="IDENTITY_POLICY"
        />
      </section>
      <PolicySimulator draft={draft} />
      <section className="panel" aria-labelledby="create-policy-heading">
        <h2 id="create-policy-heading">Create policy</h2>
        <form className="inline-form" onSubmit={(event) => void create(event)}>
          <TextField label="Policy name" value={name} onChange={setName} autoComplete="off" required />
          <button type="submit" className="primary" disabled={busy}>
            Create policy
          </button>
        </form>
        <ErrorAlert error={error} />
        <p role="status" className="status">
          {created === undefined ? '' : `Created ${created}.`}
        </p>
      </section>
    </>
  );
}
