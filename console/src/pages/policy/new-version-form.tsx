// A new version of a customer managed policy (CreatePolicyVersion), begun from the default version's
// document and made the default unless unchecked; IAM keeps five versions at most, and says so.
import { useState } from 'react';
import { ActionForm } from '../../components/action-form.tsx';
import { CheckboxField } from '../../components/checkbox-field.tsx';
import { PolicyDocumentField } from '../../components/policy-document-field.tsx';
import { useAction } from '../../use-action.ts';
import { useCall } from '../../use-api.ts';

interface NewVersionFormProps {
  policyArn: string;
  /** The default version's document, readable. */
  document: string;
  onCreated: (versionId: string) => void;
}

export function NewVersionForm({ policyArn, document, onCreated }: NewVersionFormProps) {
  const call = useCall();
  const [draft, setDraft] = useState(document);
  const [setAsDefault, setSetAsDefault] = useState(true);
  const action = useAction();
  const create = () =>
    void action.run(async () => {
      const answer = await call<{ PolicyVersion: { VersionId: string } }>('iam', 'CreatePolicyVersion', {
        PolicyArn: policyArn,
        PolicyDocument: draft,
        SetAsDefault: setAsDefault,
      });
      onCreated(answer.PolicyVersion.VersionId);
    });
  return (
    <div className="subsection">
      <h3>Create version</h3>
      <ActionForm action={action} onSubmit={create} submit="Create version" primary>
        <PolicyDocumentField
          label="New version document"
          value={draft}
          onChange={setDraft}
          policyType="IDENTITY_POLICY"
        />
        <CheckboxField
          label="Make the new version the default"
          checked={setAsDefault}
          onChange={setSetAsDefault}
        />
      </ActionForm>
    </div>
  );
}
