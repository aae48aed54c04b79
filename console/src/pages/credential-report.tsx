// The credential report: generated (GenerateCredentialReport, asked again until COMPLETE), read
// (GetCredentialReport: the CSV's bytes, base64 in the console API's JSON), previewed as a table and
// downloaded as the .csv file AWS's console gives.
import { useCallback } from 'react';
import { ApiError } from '../api.ts';
import { ActionFeedback } from '../components/action-feedback.tsx';
import { DataTable, type Column } from '../components/data-table.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { parseCsv } from '../csv.ts';
import { downloadText, textOfBase64 } from '../download.ts';
import { formatDate } from '../format.ts';
import { useAction } from '../use-action.ts';
import { useCall, useLoad, type CallFn } from '../use-api.ts';

interface Report {
  csv: string;
  generated: string;
}

/** How often and how long to ask whether a report being generated is ready. */
const POLL_MS = 1000;
const POLL_TIMES = 60;

const NO_REPORT: ReadonlySet<string> = new Set(['ReportNotPresent', 'ReportExpired', 'ReportInProgress']);

async function readReport(call: CallFn): Promise<Report | null> {
  try {
    const answer = await call<{ Content: string; GeneratedTime: string }>('iam', 'GetCredentialReport', {});
    return { csv: textOfBase64(answer.Content), generated: answer.GeneratedTime };
  } catch (error) {
    // none yet, older than four hours, or still being written: generate one
    if (error instanceof ApiError && NO_REPORT.has(error.code)) return null;
    throw error;
  }
}

async function generate(call: CallFn): Promise<void> {
  for (let attempt = 0; attempt < POLL_TIMES; attempt++) {
    const answer = await call<{ State: string }>('iam', 'GenerateCredentialReport', {});
    if (answer.State === 'COMPLETE') return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error('the credential report was not ready after a minute');
}

export function CredentialReportPage() {
  const call = useCall();
  const report = useLoad(useCallback(() => readReport(call), [call]));
  const action = useAction();
  const rows = report.data ? parseCsv(report.data.csv) : undefined;
  const [header = [], ...users] = rows ?? [];
  const columns: readonly Column<string[]>[] = header.map((name, i) => ({
    header: name,
    cell: (row) => row[i] ?? '',
  }));

  const refresh = () =>
    void action.run(async () => {
      await generate(call);
      report.reload();
    }, 'Report generated.');
  const download = () => {
    if (report.data)
      downloadText(`credential-report-${report.data.generated.slice(0, 10)}.csv`, report.data.csv);
  };

  return (
    <>
      <PageHeading>Credential report</PageHeading>
      <p>
        Every user of the account and the state of its credentials: password, access keys, MFA device, and
        when each was last used or changed.
      </p>
      <div className="form-actions">
        <button type="button" className="primary" onClick={refresh} disabled={action.busy}>
          {action.busy ? 'Generating…' : 'Generate report'}
        </button>
        <button type="button" onClick={download} disabled={!report.data}>
          Download report
        </button>
      </div>
      <ActionFeedback action={action} />
      <ErrorAlert error={report.error} />
      {report.data === null ? <p>No report from the last four hours: generate one.</p> : null}
      {report.data ? (
        <>
          <p>Generated {formatDate(report.data.generated)}.</p>
          <DataTable
            caption="Credential report"
            columns={columns}
            rows={users}
            rowKey={(row) => row[1] ?? row[0] ?? ''}
            loading={report.loading}
            empty="No users."
          />
        </>
      ) : null}
    </>
  );
}
