// The account's password policy: shown (GetAccountPasswordPolicy; NoSuchEntity means none is set),
// replaced as a whole (UpdateAccountPasswordPolicy) and deleted (DeleteAccountPasswordPolicy).
import { useCallback, useState } from 'react';
import { ApiError } from '../../api.ts';
import { ActionFeedback } from '../../components/action-feedback.tsx';
import { ActionForm } from '../../components/action-form.tsx';
import { CheckboxField } from '../../components/checkbox-field.tsx';
import { ConfirmAction } from '../../components/confirm-action.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Panel } from '../../components/panel.tsx';
import { FactList } from '../../components/summary-list.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useAction } from '../../use-action.ts';
import { useCall, useLoad } from '../../use-api.ts';

const RULES = [
  ['RequireUppercaseCharacters', 'Require at least one uppercase letter'],
  ['RequireLowercaseCharacters', 'Require at least one lowercase letter'],
  ['RequireNumbers', 'Require at least one number'],
  ['RequireSymbols', 'Require at least one symbol'],
  ['AllowUsersToChangePassword', 'Allow users to change their own password'],
  ['HardExpiry', 'Require an administrator to reset expired passwords'],
] as const;

/** The numbers of the policy: member, label, IAM's range, what an empty field means, what is shown unset. */
const NUMBERS = [
  ['MinimumPasswordLength', 'Minimum password length', 6, 128, 'Required.', '6'],
  ['MaxPasswordAge', 'Password expiration (days)', 1, 1095, 'Empty: passwords never expire.', 'Never'],
  [
    'PasswordReusePrevention',
    'Remember previous passwords',
    1,
    24,
    'Empty: any earlier password may be reused.',
    'None',
  ],
] as const;

type Rule = (typeof RULES)[number][0];
type NumberSetting = (typeof NUMBERS)[number][0];
type PasswordPolicy = Partial<Record<Rule, boolean> & Record<NumberSetting, number>>;

export function PasswordPolicySection() {
  const call = useCall();
  const policy = useLoad(
    useCallback(
      () =>
        call<{ PasswordPolicy: PasswordPolicy }>('iam', 'GetAccountPasswordPolicy', {}).then(
          (answer) => answer.PasswordPolicy,
          (error: unknown) => {
            if (error instanceof ApiError && error.code === 'NoSuchEntity') return null;
            throw error;
          },
        ),
      [call],
    ),
  );
  const action = useAction();
  const current = policy.data;
  const remove = async () => {
    await call('iam', 'DeleteAccountPasswordPolicy', {});
    policy.reload();
    action.report('Password policy deleted.');
  };
  return (
    <Panel
      title="Password policy"
      actions={
        current ? (
          <ConfirmAction
            trigger="Delete password policy"
            title="Delete the password policy?"
            confirm="Delete policy"
            onConfirm={remove}
          >
            <p>Passwords set from now on need only meet AWS's default password policy.</p>
          </ConfirmAction>
        ) : undefined
      }
    >
      <ErrorAlert error={policy.error} />
      {current === null ? (
        <p>
          No password policy is set: AWS's default applies, at least 8 characters with at least three of
          uppercase letters, lowercase letters, numbers and symbols.
        </p>
      ) : current ? (
        <FactList
          items={[
            ...NUMBERS.map(([setting, label, , , , unset]) => [label, current[setting] ?? unset] as const),
            ...RULES.map(([rule, label]) => [label, current[rule] ? 'Yes' : 'No'] as const),
          ]}
        />
      ) : null}
      <ActionFeedback action={action} />
      {current === undefined ? null : (
        <PasswordPolicyForm
          key={JSON.stringify(current)}
          policy={current ?? {}}
          onSaved={() => {
            policy.reload();
            action.report('Password policy saved.');
          }}
        />
      )}
    </Panel>
  );
}

function PasswordPolicyForm({ policy, onSaved }: { policy: PasswordPolicy; onSaved: () => void }) {
  const call = useCall();
  const [rules, setRules] = useState<Partial<Record<Rule, boolean>>>(policy);
  const [numbers, setNumbers] = useState<Partial<Record<NumberSetting, string>>>(() => ({
    MinimumPasswordLength: '8',
    ...Object.fromEntries(
      NUMBERS.flatMap(([setting]) => (policy[setting] ? [[setting, String(policy[setting])]] : [])),
    ),
  }));
  const action = useAction();
  const save = () =>
    void action.run(async () => {
      const input: Record<string, unknown> = {};
      for (const [rule] of RULES) input[rule] = rules[rule] === true;
      for (const [setting] of NUMBERS) {
        const text = numbers[setting]?.trim() ?? '';
        if (text !== '') input[setting] = Number(text);
      }
      await call('iam', 'UpdateAccountPasswordPolicy', input);
      onSaved();
    });
  return (
    <div className="subsection">
      <h3>Edit password policy</h3>
      <ActionForm action={action} onSubmit={save} submit="Save password policy" primary>
        <div className="field-row">
          {NUMBERS.map(([setting, label, min, max, empty]) => (
            <TextField
              key={setting}
              label={label}
              type="number"
              min={min}
              max={max}
              value={numbers[setting] ?? ''}
              onChange={(value) => setNumbers((previous) => ({ ...previous, [setting]: value }))}
              hint={`${min} to ${max}. ${empty}`}
              required={setting === 'MinimumPasswordLength'}
            />
          ))}
        </div>
        {RULES.map(([rule, label]) => (
          <CheckboxField
            key={rule}
            label={label}
            checked={rules[rule] === true}
            onChange={(checked) => setRules((previous) => ({ ...previous, [rule]: checked }))}
          />
        ))}
      </ActionForm>
    </div>
  );
}
