// The account's alias, which users may sign in with instead of the account ID (ListAccountAliases),
// created or replaced (CreateAccountAlias) and deleted (DeleteAccountAlias).
import { useCallback, useState } from 'react';
import { ActionForm } from '../../components/action-form.tsx';
import { ConfirmAction } from '../../components/confirm-action.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Panel } from '../../components/panel.tsx';
import { CodeField } from '../../components/text-field.tsx';
import { useAction } from '../../use-action.ts';
import { useCall, useLoad } from '../../use-api.ts';

export function AccountAliasSection() {
  const call = useCall();
  const aliases = useLoad(
    useCallback(
      () => call<{ AccountAliases: string[] }>('iam', 'ListAccountAliases', {}).then((a) => a.AccountAliases),
      [call],
    ),
  );
  const [alias, setAlias] = useState('');
  const action = useAction();
  const current = aliases.data?.[0];
  const create = () => {
    const name = alias.trim();
    void action.run(async () => {
      await call('iam', 'CreateAccountAlias', { AccountAlias: name });
      setAlias('');
      aliases.reload();
    }, `Alias ${name} set.`);
  };
  const remove = async () => {
    await call('iam', 'DeleteAccountAlias', { AccountAlias: current });
    aliases.reload();
    action.report(`Alias ${current ?? ''} deleted.`);
  };
  return (
    <Panel
      title="Account alias"
      actions={
        current === undefined ? undefined : (
          <ConfirmAction
            trigger="Delete alias"
            title={`Delete the account alias ${current}?`}
            confirm="Delete alias"
            onConfirm={remove}
          >
            <p>Sign-in pages and bookmarks that use the alias stop working; the account ID still works.</p>
          </ConfirmAction>
        )
      }
    >
      <ErrorAlert error={aliases.error} />
      <p>
        {aliases.data === undefined ? (
          ''
        ) : current === undefined ? (
          'No alias: users sign in with the account ID.'
        ) : (
          <>
            Users may sign in with <code>{current}</code> instead of the account ID.
          </>
        )}
      </p>
      <ActionForm
        action={action}
        onSubmit={create}
        submit={current === undefined ? 'Create alias' : 'Replace alias'}
        inline
      >
        <CodeField
          label="Alias"
          value={alias}
          onChange={setAlias}
          hint="Lower-case letters, digits and hyphens, 3 to 63 characters."
          required
        />
      </ActionForm>
    </Panel>
  );
}
