// Access Analyzer's findings: the account's analyzers (ListAnalyzers; with none, a form creates an
// account analyzer), the chosen analyzer's findings with one status, fifty a page, each archived or
// made active again in place (UpdateFindings).
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  findingsPage,
  setFindingStatus,
  type Analyzer,
  type FindingRow,
  type FindingStatus,
} from '../analyzer-findings.ts';
import { DataTable, type Column } from '../components/data-table.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { SelectField } from '../components/select-field.tsx';
import { TextField } from '../components/text-field.tsx';
import { formatDate } from '../format.ts';
import { useAction } from '../use-action.ts';
import { useCall, useLoad } from '../use-api.ts';

const STATUSES: readonly { value: FindingStatus; label: string }[] = [
  { value: 'ACTIVE', label: 'Active' },
  { value: 'ARCHIVED', label: 'Archived' },
  { value: 'RESOLVED', label: 'Resolved' },
];

const principalText = (f: FindingRow) =>
  Object.entries(f.principal ?? {})
    .map(([kind, value]) => `${kind}: ${value}`)
    .join(', ') || '—';

export function FindingsPage() {
  const call = useCall();
  const analyzers = useLoad(
    useCallback(
      async () => (await call<{ analyzers: Analyzer[] }>('accessanalyzer', 'ListAnalyzers', {})).analyzers,
      [call],
    ),
  );
  return (
    <>
      <PageHeading>Access Analyzer findings</PageHeading>
      <ErrorAlert error={analyzers.error} />
      {analyzers.data === undefined ? (
        <p aria-busy={analyzers.loading}>{analyzers.loading ? 'Loading…' : ''}</p>
      ) : analyzers.data.length === 0 ? (
        <CreateAnalyzerForm onCreated={analyzers.reload} />
      ) : (
        <AnalyzerFindings analyzers={analyzers.data} />
      )}
    </>
  );
}

function AnalyzerFindings({ analyzers }: { analyzers: readonly Analyzer[] }) {
  const [arn, setArn] = useState(analyzers[0]!.arn);
  const [status, setStatus] = useState<FindingStatus>('ACTIVE');
  const analyzer = analyzers.find((a) => a.arn === arn) ?? analyzers[0]!;
  return (
    <>
      <section className="panel" aria-labelledby="findings-filter-heading">
        <h2 id="findings-filter-heading">Which findings</h2>
        <div className="filter-form">
          <SelectField
            label="Analyzer"
            value={analyzer.arn}
            onChange={setArn}
            choices={analyzers.map((a) => ({ value: a.arn, label: `${a.name} (${a.type})` }))}
          />
          <SelectField
            label="Status"
            value={status}
            onChange={(value) => setStatus(value as FindingStatus)}
            choices={STATUSES}
          />
        </div>
      </section>
      {/* a new list (and a new first page) for each analyzer and status */}
      <FindingsList key={`${analyzer.arn} ${status}`} analyzer={analyzer} status={status} />
    </>
  );
}

function FindingsList({ analyzer, status }: { analyzer: Analyzer; status: FindingStatus }) {
  const call = useCall();
  const [rows, setRows] = useState<FindingRow[]>();
  const [nextToken, setNextToken] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(true);
  const change = useAction();

  const show = (page: { findings: FindingRow[]; nextToken?: string }, more: boolean) => {
    setRows((previous) => (more ? [...(previous ?? []), ...page.findings] : page.findings));
    setNextToken(page.nextToken);
    setBusy(false);
  };
  const fail = (failure: unknown) => {
    setError(failure);
    setBusy(false);
  };

  useEffect(() => {
    let current = true;
    findingsPage(call, analyzer, status, undefined).then(
      (page) => current && show(page, false),
      (failure: unknown) => current && fail(failure),
    );
    return () => {
      current = false;
    };
  }, [call, analyzer, status]);

  const loadMore = () => {
    setBusy(true);
    setError(undefined);
    findingsPage(call, analyzer, status, nextToken).then((page) => show(page, true), fail);
  };

  const update = (finding: FindingRow, to: 'ACTIVE' | 'ARCHIVED') =>
    change.run(async () => {
      await setFindingStatus(call, analyzer, finding.id, to);
      // it no longer has the status shown
      setRows((previous) => previous?.filter((f) => f.id !== finding.id));
      return `Finding for ${finding.resource ?? finding.id} ${to === 'ARCHIVED' ? 'archived' : 'made active'}.`;
    });

  const columns: readonly Column<FindingRow>[] = [
    { header: 'Resource', cell: (f) => <code>{f.resource ?? '—'}</code> },
    { header: 'Resource type', cell: (f) => f.resourceType },
    { header: 'Finding type', cell: (f) => f.findingType },
    { header: 'Status', cell: (f) => f.status },
    { header: 'Principal', cell: principalText },
    { header: 'Actions', cell: (f) => (f.action ?? []).join(', ') || '—' },
    { header: 'Updated', cell: (f) => formatDate(f.updatedAt) },
    {
      header: 'Change',
      cell: (f) =>
        f.status === 'RESOLVED' ? (
          '—'
        ) : (
          <button
            type="button"
            disabled={change.busy}
            onClick={() => void update(f, f.status === 'ACTIVE' ? 'ARCHIVED' : 'ACTIVE')}
          >
            {f.status === 'ACTIVE' ? 'Archive' : 'Unarchive'}
            <span className="visually-hidden"> the finding for {f.resource ?? f.id}</span>
          </button>
        ),
    },
  ];

  return (
    <>
      <ErrorAlert error={error ?? change.error} />
      <p role="status" className="status">
        {change.status}
      </p>
      <DataTable
        caption={`${STATUSES.find((s) => s.value === status)!.label} findings of ${analyzer.name}`}
        columns={columns}
        rows={rows}
        rowKey={(f) => f.id}
        loading={busy}
        empty="No findings."
      />
      {nextToken === undefined ? null : (
        <button type="button" onClick={loadMore} disabled={busy}>
          Load more
        </button>
      )}
    </>
  );
}

function CreateAnalyzerForm({ onCreated }: { onCreated: () => void }) {
  const call = useCall();
  const [name, setName] = useState('ConsoleAnalyzer');
  const create = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run(async () => {
      await call('accessanalyzer', 'CreateAnalyzer', { analyzerName: name.trim(), type: 'ACCOUNT' });
      onCreated();
    });
  };

  return (
    <section className="panel" aria-labelledby="create-analyzer-heading">
      <h2 id="create-analyzer-heading">Create analyzer</h2>
      <p>
        This account has no analyzer. An account analyzer finds the roles and other resources that principals
        outside the account can reach.
      </p>
      <form className="inline-form" onSubmit={submit}>
        <TextField label="Analyzer name" value={name} onChange={setName} autoComplete="off" required />
        <button type="submit" className="primary" disabled={create.busy}>
          Create analyzer
        </button>
      </form>
      <ErrorAlert error={create.error} />
    </section>
  );
}
