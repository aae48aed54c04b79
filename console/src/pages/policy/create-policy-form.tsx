// The form that creates a customer managed policy (CreatePolicy: name, description, document) and
// opens its page.
import { useState } from 'react';
import { ActionForm } from '../../components/action-form.tsx';
import { Panel } from '../../components/panel.tsx';
import { PolicyDocumentField } from '../../components/policy-document-field.tsx';
import { DescriptionField, TextField } from '../../components/text-field.tsx';
import { IDENTITY_POLICY_DRAFT } from '../../policy-document.ts';
import { navigate } from '../../router.ts';
import { useAction } from '../../use-action.ts';
import { useCall } from '../../use-api.ts';

export function CreatePolicyForm() {
  const call = useCall();
  const [policyName, setPolicyName] = useState('');
  const [description, setDescription] = useState('');
  const [document, setDocument] = useState(IDENTITY_POLICY_DRAFT);
  const action = useAction();

  const create = () =>
    void action.run(async () => {
      const answer = await call<{ Policy: { Arn: string } }>('iam', 'CreatePolicy', {
        PolicyName: policyName.trim(),
        PolicyDocument: document,
        ...(description.trim() ? { Description: description.trim() } : {}),
      });
      navigate({ page: 'policy', name: answer.Policy.Arn });
    });

  return (
    <Panel title="Create policy">
      <ActionForm action={action} onSubmit={create} submit="Create policy" primary>
        <TextField
          label="Policy name"
          value={policyName}
          onChange={setPolicyName}
          autoComplete="off"
          required
        />
        <DescriptionField value={description} onChange={setDescription} />
        <PolicyDocumentField
          label="Policy document"
          value={document}
          onChange={setDocument}
          policyType="IDENTITY_POLICY"
        />
      </ActionForm>
    </Panel>
  );
}
