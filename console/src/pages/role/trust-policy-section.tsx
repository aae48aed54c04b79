// A role's trust policy: who may assume the role, shown decoded and pretty-printed, and saved as
// edited (UpdateAssumeRolePolicy).
import { useState } from 'react';
import { ActionForm } from '../../components/action-form.tsx';
import { Panel } from '../../components/panel.tsx';
import { PolicyDocumentField } from '../../components/policy-document-field.tsx';
import { readableDocument } from '../../policy-document.ts';
import { useAction } from '../../use-action.ts';
import { useCall } from '../../use-api.ts';

interface TrustPolicySectionProps {
  roleName: string;
  /** AssumeRolePolicyDocument as GetRole returns it, URL-encoded. */
  document: string | undefined;
  onSaved: () => void;
}

export function TrustPolicySection({ roleName, document, onSaved }: TrustPolicySectionProps) {
  const call = useCall();
  const [draft, setDraft] = useState(() => readableDocument(document));
  const action = useAction();
  const save = () =>
    void action.run(async () => {
      await call('iam', 'UpdateAssumeRolePolicy', { RoleName: roleName, PolicyDocument: draft });
      onSaved();
    }, 'Trust policy updated.');
  return (
    <Panel title="Trust relationships">
      <ActionForm action={action} onSubmit={save} submit="Update trust policy" primary>
        <PolicyDocumentField
          label="Trust policy"
          value={draft}
          onChange={setDraft}
          policyType="TRUST_POLICY"
        />
      </ActionForm>
    </Panel>
  );
}
