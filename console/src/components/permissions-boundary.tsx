// A user's or role's permissions boundary: the managed policy that caps its permissions, set by ARN
// (Put…PermissionsBoundary) or removed (Delete…PermissionsBoundary).
import { useState } from 'react';
import { holderInput } from '../iam-entity.ts';
import { href } from '../router.ts';
import { useAction } from '../use-action.ts';
import { useCall } from '../use-api.ts';
import { ActionForm } from './action-form.tsx';
import { ConfirmAction } from './confirm-action.tsx';
import { Panel } from './panel.tsx';
import { CodeField } from './text-field.tsx';

interface PermissionsBoundaryProps {
  holder: 'User' | 'Role';
  name: string;
  /** The boundary's ARN, as GetUser or GetRole returned it. */
  current: string | undefined;
  onChanged: () => void;
}

export function PermissionsBoundary({ holder, name, current, onChanged }: PermissionsBoundaryProps) {
  const call = useCall();
  const [policyArn, setPolicyArn] = useState('');
  const action = useAction();
  const set = () => {
    const arn = policyArn.trim();
    void action.run(async () => {
      await call('iam', `Put${holder}PermissionsBoundary`, {
        ...holderInput(holder, name),
        PermissionsBoundary: arn,
      });
      setPolicyArn('');
      onChanged();
    }, 'Permissions boundary set.');
  };
  const remove = async () => {
    await call('iam', `Delete${holder}PermissionsBoundary`, holderInput(holder, name));
    onChanged();
    action.report('Permissions boundary removed.');
  };
  return (
    <Panel
      title="Permissions boundary"
      actions={
        current === undefined ? undefined : (
          <ConfirmAction
            trigger="Remove permissions boundary"
            title="Remove the permissions boundary?"
            confirm="Remove boundary"
            onConfirm={remove}
          >
            <p>
              {name} may then do everything its policies allow, without the cap of {current}.
            </p>
          </ConfirmAction>
        )
      }
    >
      {current === undefined ? (
        <p>No permissions boundary: the policies alone decide what {name} may do.</p>
      ) : (
        <p>
          Capped by <a href={href({ page: 'policy', name: current })}>{current}</a>
        </p>
      )}
      <ActionForm action={action} onSubmit={set} submit="Set permissions boundary" inline>
        <CodeField
          label="Boundary policy"
          value={policyArn}
          onChange={setPolicyArn}
          placeholder="arn:aws:iam::aws:policy/PowerUserAccess"
          required
        />
      </ActionForm>
    </Panel>
  );
}
