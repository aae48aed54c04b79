// The policy simulator for a draft: IAM's SimulateCustomPolicy with the draft as the only identity
// policy, for the actions and resources typed, each result's decision and the statements that made it.
import { useState, type FormEvent } from 'react';
import { useCall } from '../use-api.ts';
import { DataTable, type Column } from './data-table.tsx';
import { ErrorAlert } from './error-alert.tsx';
import { TextField } from './text-field.tsx';

interface EvaluationResult {
  EvalActionName: string;
  EvalResourceName?: string;
  EvalDecision: string;
  MatchedStatements?: { SourcePolicyId?: string; StartPosition?: { Line: number; Column: number } }[];
}

const COLUMNS: readonly Column<EvaluationResult>[] = [
  { header: 'Action', cell: (r) => <code>{r.EvalActionName}</code> },
  { header: 'Resource', cell: (r) => <code>{r.EvalResourceName ?? '*'}</code> },
  {
    header: 'Decision',
    cell: (r) => <span className={`decision decision-${r.EvalDecision}`}>{r.EvalDecision}</span>,
  },
  {
    header: 'Matched statements',
    cell: (r) =>
      (r.MatchedStatements ?? [])
        .map((s) =>
          s.StartPosition ? `line ${s.StartPosition.Line}, column ${s.StartPosition.Column}` : '?',
        )
        .join('; ') || '—',
  },
];

const words = (text: string) => text.split(/[\s,]+/).filter((w) => w !== '');

export function PolicySimulator({ draft }: { draft: string }) {
  const call = useCall();
  const [actions, setActions] = useState('');
  const [resources, setResources] = useState('*');
  const [results, setResults] = useState<EvaluationResult[]>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function simulate(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const answer = await call<{ EvaluationResults: EvaluationResult[] }>('iam', 'SimulateCustomPolicy', {
        PolicyInputList: [draft],
        ActionNames: words(actions),
        ResourceArns: words(resources),
      });
      setResults(answer.EvaluationResults);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="simulate-heading">
      <h2 id="simulate-heading">Simulate</h2>
      <form onSubmit={(event) => void simulate(event)}>
        <TextField
          label="Actions"
          value={actions}
          onChange={setActions}
          hint="Separated by spaces or commas, e.g. s3:GetObject iam:ListUsers"
          required
        />
        <TextField
          label="Resources"
          value={resources}
          onChange={setResources}
          hint="ARNs, or * for any"
          required
        />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            Simulate
          </button>
        </div>
      </form>
      <ErrorAlert error={error} />
      {results === undefined ? null : (
        <DataTable
          caption="Simulation results"
          columns={COLUMNS}
          rows={results}
          rowKey={(r) => `${r.EvalActionName} ${r.EvalResourceName ?? ''}`}
          loading={busy}
          empty="No results."
        />
      )}
    </section>
  );
}
