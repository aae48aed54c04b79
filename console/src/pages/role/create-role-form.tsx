// The form that creates a role (CreateRole): its name, description, trust policy (who may assume
// it, this account's principals to begin with) and maximum session duration, one to twelve hours.
import { useState } from 'react';
import { ActionForm } from '../../components/action-form.tsx';
import { Panel } from '../../components/panel.tsx';
import { PolicyDocumentField } from '../../components/policy-document-field.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { DescriptionField, TextField } from '../../components/text-field.tsx';
import { trustPolicyDraft } from '../../policy-document.ts';
import { useSession } from '../../session.ts';
import { useAction } from '../../use-action.ts';
import { useCall } from '../../use-api.ts';

const HOURS = Array.from({ length: 12 }, (_, i) => ({
  value: String((i + 1) * 3600),
  label: i === 0 ? '1 hour' : `${i + 1} hours`,
}));

export function CreateRoleForm({ onCreated }: { onCreated: () => void }) {
  const call = useCall();
  const { session } = useSession();
  const [roleName, setRoleName] = useState('');
  const [description, setDescription] = useState('');
  const [trust, setTrust] = useState(() => trustPolicyDraft(session.account.id));
  const [maxSession, setMaxSession] = useState('3600');
  const action = useAction();

  const create = () => {
    const name = roleName.trim();
    void action.run(async () => {
      await call('iam', 'CreateRole', {
        RoleName: name,
        AssumeRolePolicyDocument: trust,
        MaxSessionDuration: Number(maxSession),
        ...(description.trim() ? { Description: description.trim() } : {}),
      });
      setRoleName('');
      setDescription('');
      onCreated();
    }, `Role ${name} created.`);
  };

  return (
    <Panel title="Create role">
      <ActionForm action={action} onSubmit={create} submit="Create role" primary>
        <div className="field-row">
          <TextField label="Role name" value={roleName} onChange={setRoleName} autoComplete="off" required />
          <SelectField
            label="Maximum session duration"
            value={maxSession}
            onChange={setMaxSession}
            choices={HOURS}
          />
        </div>
        <DescriptionField value={description} onChange={setDescription} />
        <PolicyDocumentField
          label="Trust policy"
          value={trust}
          onChange={setTrust}
          policyType="TRUST_POLICY"
        />
      </ActionForm>
    </Panel>
  );
}
