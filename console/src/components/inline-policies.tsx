// A user's, group's or role's inline policies: their names (every page), each one's document viewed
// and edited in a dialog (Get…Policy, Put…Policy), a new one created, and one deleted.
import { useCallback, useState, type FormEvent } from 'react';
import { holderInput, type PolicyHolder } from '../iam-entity.ts';
import { listAll } from '../pagination.ts';
import { IDENTITY_POLICY_DRAFT, readableDocument } from '../policy-document.ts';
import { useAction } from '../use-action.ts';
import { useCall, useLoad } from '../use-api.ts';
import { ActionFeedback } from './action-feedback.tsx';
import { DeleteButton } from './delete-button.tsx';
import { DataTable, type Column } from './data-table.tsx';
import { Dialog } from './dialog.tsx';
import { ErrorAlert } from './error-alert.tsx';
import { PolicyDocumentField } from './policy-document-field.tsx';
import { TextField } from './text-field.tsx';
import { Panel } from './panel.tsx';

interface Holder {
  holder: PolicyHolder;
  name: string;
}

export function InlinePolicies({ holder, name }: Holder) {
  const call = useCall();
  const names = useLoad(
    useCallback(
      () => listAll<string>(call, `List${holder}Policies`, holderInput(holder, name), 'PolicyNames'),
      [call, holder, name],
    ),
  );
  /** The policy open in the dialog: a name, or '' for a new one. */
  const [open, setOpen] = useState<string>();
  const action = useAction();

  const columns: readonly Column<string>[] = [
    { header: 'Policy name', cell: (policyName) => policyName },
    {
      header: 'Actions',
      cell: (policyName) => (
        <div className="form-actions">
          <button type="button" onClick={() => setOpen(policyName)}>
            View<span className="visually-hidden"> {policyName}</span>
          </button>
          <DeleteButton
            kind="inline policy"
            name={policyName}
            onDelete={async () => {
              await call('iam', `Delete${holder}Policy`, {
                ...holderInput(holder, name),
                PolicyName: policyName,
              });
              names.reload();
              action.report(`Inline policy ${policyName} deleted.`);
            }}
          >
            <p>The policy is removed from {name} for good; the permissions it grants end at once.</p>
          </DeleteButton>
        </div>
      ),
    },
  ];

  return (
    <Panel
      title="Inline policies"
      actions={
        <button type="button" onClick={() => setOpen('')}>
          Create inline policy
        </button>
      }
    >
      <ErrorAlert error={names.error} />
      <DataTable
        caption="Inline policies"
        columns={columns}
        rows={names.data}
        rowKey={(policyName) => policyName}
        loading={names.loading}
        empty="No inline policies."
      />
      <ActionFeedback action={action} />
      {open === undefined ? null : (
        <InlinePolicyDialog
          holder={holder}
          name={name}
          policyName={open}
          onClose={() => setOpen(undefined)}
          onSaved={(saved) => {
            setOpen(undefined);
            names.reload();
            action.report(`Inline policy ${saved} saved.`);
          }}
        />
      )}
    </Panel>
  );
}

interface DialogProps extends Holder {
  /** '' for a new policy. */
  policyName: string;
  onClose: () => void;
  onSaved: (policyName: string) => void;
}

function InlinePolicyDialog({ holder, name, policyName, onClose, onSaved }: DialogProps) {
  const call = useCall();
  const existing = useLoad(
    useCallback(
      () =>
        policyName === ''
          ? Promise.resolve(IDENTITY_POLICY_DRAFT)
          : call<{ PolicyDocument: string }>('iam', `Get${holder}Policy`, {
              ...holderInput(holder, name),
              PolicyName: policyName,
            }).then((answer) => readableDocument(answer.PolicyDocument)),
      [call, holder, name, policyName],
    ),
  );
  return (
    <Dialog
      title={policyName === '' ? 'Create inline policy' : `Inline policy ${policyName}`}
      onClose={onClose}
      wide
    >
      <ErrorAlert error={existing.error} />
      {existing.data === undefined ? (
        <p>{existing.loading ? 'Loading…' : ''}</p>
      ) : (
        <InlinePolicyForm {...{ holder, name, policyName, onClose, onSaved }} document={existing.data} />
      )}
    </Dialog>
  );
}

function InlinePolicyForm({
  holder,
  name,
  policyName,
  document,
  onClose,
  onSaved,
}: DialogProps & { document: string }) {
  const call = useCall();
  const [newName, setNewName] = useState(policyName);
  const [draft, setDraft] = useState(document);
  const action = useAction();
  const save = (event: FormEvent) => {
    event.preventDefault();
    const saved = newName.trim();
    void action.run(async () => {
      await call('iam', `Put${holder}Policy`, {
        ...holderInput(holder, name),
        PolicyName: saved,
        PolicyDocument: draft,
      });
      onSaved(saved);
    });
  };
  return (
    <form onSubmit={save}>
      {policyName === '' ? (
        <TextField label="Policy name" value={newName} onChange={setNewName} autoComplete="off" required />
      ) : null}
      <PolicyDocumentField
        label="Policy document"
        value={draft}
        onChange={setDraft}
        policyType="IDENTITY_POLICY"
      />
      <ErrorAlert error={action.error} />
      <div className="form-actions dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={action.busy}>
          Save inline policy
        </button>
      </div>
    </form>
  );
}
