// The policy editor page: a draft identity policy checked by Access Analyzer as it is typed, the
// simulator run on the draft, and the draft saved as a customer managed policy with a description.
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { PolicyEditor } from '../components/policy-editor.tsx';
import { PolicySimulator } from '../components/policy-simulator.tsx';
import { TextField } from '../components/text-field.tsx';
import { useAction } from '../use-action.ts';
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
  const [description, setDescription] = useState('');
  const create = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run(async () => {
      const answer = await call<{ Policy: { Arn: string } }>('iam', 'CreatePolicy', {
        PolicyName: name.trim(),
        PolicyDocument: draft,
        ...(description.trim() === '' ? {} : { Description: description.trim() }),
      });
      return `Created ${answer.Policy.Arn}.`;
    });
  };

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
        <form className="inline-form" onSubmit={submit}>
          <TextField label="Policy name" value={name} onChange={setName} autoComplete="off" required />
          <TextField
            label="Description"
            value={description}
            onChange={setDescription}
            autoComplete="off"
            maxLength={1000}
          />
          <button type="submit" className="primary" disabled={create.busy}>
            Create policy
          </button>
        </form>
        <ErrorAlert error={create.error} />
        <p role="status" className="status">
          {create.status}
        </p>
      </section>
    </>
  );
}
