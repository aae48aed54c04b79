// "Who can reach admin": the account's escalation graph (GET /console/api/graph) to admin or to a role,
// as a picture and as the list of paths it draws. The SVG is shown by an <img> from a data: URI, never
// as markup: the names in it come from users.
import { useCallback, useState, type FormEvent } from 'react';
import { ApiError, getGraph, type EscalationReport, type GraphPath } from '../api.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { TextField } from '../components/text-field.tsx';
import { useSession } from '../session.ts';
import { useLoad } from '../use-api.ts';

const PRINCIPAL_ARN = /^arn:aws[\w-]*:iam::(\d{12}):(user|role)\/(?:.*\/)?([^/]+)$/;

/** As `tessera graph` names a node: `user/alice`, `role/deployer`, another account's with its id. */
function labelOf(id: string, accountId: string): string {
  const m = PRINCIPAL_ARN.exec(id);
  if (!m) return id;
  const local = `${m[2]}/${m[3]}`;
  return m[1] === accountId ? local : `${m[1]}:${local}`;
}

/** The SVG as a data: URI (base64 of its UTF-8 bytes: names may be any text). */
function svgDataUri(svg: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(svg)) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

export function GraphPage() {
  const { setSession } = useSession();
  const [target, setTarget] = useState('');
  const [asked, setAsked] = useState('');
  const report = useLoad(
    useCallback(
      () =>
        getGraph(asked).catch((error: unknown) => {
          if (error instanceof ApiError && error.code === 'NotSignedIn') setSession(null);
          throw error;
        }),
      [asked, setSession],
    ),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsked(target.trim());
    report.reload();
  };

  return (
    <>
      <PageHeading>Who can reach admin</PageHeading>
      <section className="panel" aria-labelledby="graph-target-heading">
        <h2 id="graph-target-heading">Target</h2>
        <form className="inline-form" onSubmit={submit}>
          <TextField
            label="Role name or ARN"
            value={target}
            onChange={setTarget}
            hint="Leave empty for admin: who can gain every IAM permission"
            autoComplete="off"
          />
          <button type="submit" className="primary" disabled={report.loading}>
            Draw graph
          </button>
        </form>
      </section>
      <ErrorAlert error={report.error} />
      {report.data === undefined ? (
        <p aria-busy={report.loading}>{report.loading ? 'Drawing the graph…' : ''}</p>
      ) : (
        <GraphReport report={report.data} busy={report.loading} />
      )}
    </>
  );
}

function GraphReport({ report, busy }: { report: EscalationReport; busy: boolean }) {
  const label = (id: string) => labelOf(id, report.accountId);
  const target = label(report.target);
  const count = report.paths.length;
  const reach = `${count} ${count === 1 ? 'principal' : 'principals'} can reach ${target}`;
  return (
    <div aria-busy={busy}>
      <section className="panel" aria-labelledby="graph-picture-heading">
        <h2 id="graph-picture-heading">Graph</h2>
        <img
          className="graph-picture"
          src={svgDataUri(report.svg)}
          alt={`Escalation graph of account ${report.accountId}: ${reach}. The paths are listed below.`}
        />
      </section>
      <section className="panel" aria-labelledby="graph-paths-heading">
        <h2 id="graph-paths-heading">Paths to {target}</h2>
        <p>{count === 0 ? `No principal can reach ${target}.` : `${reach}, shortest path first.`}</p>
        {count === 0 ? null : (
          <ol className="graph-paths" aria-labelledby="graph-paths-heading">
            {report.paths.map((path) => (
              <PathItem key={path.from} path={path} label={label} />
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function PathItem({ path, label }: { path: GraphPath; label: (id: string) => string }) {
  return (
    <li>
      <strong>{[path.from, ...path.steps.map((s) => s.to)].map(label).join(' → ')}</strong>
      <ol>
        {path.steps.map((step, i) => (
          <li key={i}>
            {step.summary}{' '}
            <span className="hint">
              ({[...new Set(step.permissions.map((p) => p.action))].join(', ') || 'no permission needed'})
            </span>
          </li>
        ))}
      </ol>
    </li>
  );
}
