// A managed policy's versions: the default version's document, every version (ListPolicyVersions)
// viewed in a dialog, made the default (SetDefaultPolicyVersion) or deleted when not the default
// (DeletePolicyVersion), and a new version created from the default one's document.
import { useCallback, useState } from 'react';
import { ActionFeedback } from '../../components/action-feedback.tsx';
import { DeleteButton } from '../../components/delete-button.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { formatDate } from '../../format.ts';
import { listAll } from '../../pagination.ts';
import { useAction } from '../../use-action.ts';
import { useCall, useLoad } from '../../use-api.ts';
import { NewVersionForm } from './new-version-form.tsx';
import { usePolicyVersion } from './policy-version.ts';
import { Panel } from '../../components/panel.tsx';

interface PolicyVersion {
  VersionId: string;
  IsDefaultVersion: boolean;
  CreateDate: string;
}

interface PolicyVersionsSectionProps {
  policyArn: string;
  defaultVersionId: string | undefined;
  /** Whether versions may be changed: the account's own policies, not AWS's. */
  editable: boolean;
  onChanged: () => void;
}

export function PolicyVersionsSection({
  policyArn,
  defaultVersionId,
  editable,
  onChanged,
}: PolicyVersionsSectionProps) {
  const call = useCall();
  const versions = useLoad(
    useCallback(
      () => listAll<PolicyVersion>(call, 'ListPolicyVersions', { PolicyArn: policyArn }, 'Versions'),
      [call, policyArn],
    ),
  );
  const current = usePolicyVersion(policyArn, defaultVersionId);
  const [viewing, setViewing] = useState<string>();
  const action = useAction();
  const changed = () => {
    versions.reload();
    onChanged();
  };
  const makeDefault = (versionId: string) =>
    void action.run(async () => {
      await call('iam', 'SetDefaultPolicyVersion', { PolicyArn: policyArn, VersionId: versionId });
      changed();
    }, `${versionId} is now the default version.`);

  const columns: readonly Column<PolicyVersion>[] = [
    { header: 'Version', cell: (v) => (v.IsDefaultVersion ? `${v.VersionId} (default)` : v.VersionId) },
    { header: 'Created', cell: (v) => formatDate(v.CreateDate) },
    {
      header: 'Actions',
      cell: (v) => (
        <div className="form-actions">
          <button type="button" onClick={() => setViewing(v.VersionId)}>
            View<span className="visually-hidden"> {v.VersionId}</span>
          </button>
          {editable && !v.IsDefaultVersion ? (
            <>
              <button type="button" onClick={() => makeDefault(v.VersionId)} disabled={action.busy}>
                Set as default<span className="visually-hidden"> {v.VersionId}</span>
              </button>
              <DeleteButton
                kind="version"
                name={v.VersionId}
                onDelete={async () => {
                  await call('iam', 'DeletePolicyVersion', { PolicyArn: policyArn, VersionId: v.VersionId });
                  changed();
                  action.report(`${v.VersionId} deleted.`);
                }}
              >
                <p>The version's document is gone for good; the default version is not affected.</p>
              </DeleteButton>
            </>
          ) : null}
        </div>
      ),
    },
  ];

  return (
    <>
      <Panel title={`Policy document${defaultVersionId ? ` (${defaultVersionId}, default)` : ''}`}>
        <ErrorAlert error={current.error} />
        <pre className="policy-document" tabIndex={0} aria-label="Policy document">
          {current.data ?? 'Loading…'}
        </pre>
      </Panel>
      <Panel title="Policy versions">
        <ErrorAlert error={versions.error} />
        <DataTable
          caption="Versions"
          columns={columns}
          rows={versions.data}
          rowKey={(v) => v.VersionId}
          loading={versions.loading}
          empty="No versions."
        />
        <ActionFeedback action={action} />
        {editable && current.data !== undefined ? (
          <NewVersionForm
            key={current.data}
            policyArn={policyArn}
            document={current.data}
            onCreated={(versionId) => {
              changed();
              action.report(`${versionId} created.`);
            }}
          />
        ) : null}
      </Panel>
      {viewing === undefined ? null : (
        <VersionDialog policyArn={policyArn} versionId={viewing} onClose={() => setViewing(undefined)} />
      )}
    </>
  );
}

function VersionDialog({
  policyArn,
  versionId,
  onClose,
}: {
  policyArn: string;
  versionId: string;
  onClose: () => void;
}) {
  const version = usePolicyVersion(policyArn, versionId);
  return (
    <Dialog title={`Policy version ${versionId}`} onClose={onClose} wide>
      <ErrorAlert error={version.error} />
      <pre className="policy-document" tabIndex={0} aria-label={`Document of ${versionId}`}>
        {version.data ?? 'Loading…'}
      </pre>
      <div className="form-actions dialog-actions">
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
