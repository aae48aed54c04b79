// Access Analyzer's analyzers and findings as the findings page reads them: one page of an analyzer's
// findings with a status, in one row shape whichever API answers — ListFindings for an external-access
// analyzer (it names each finding's principal and actions), ListFindingsV2 for an unused-access one
// (which ListFindings refuses) — and the change of a finding's status (UpdateFindings).
import type { CallFn } from './use-api.ts';

export interface Analyzer {
  arn: string;
  name: string;
  type: string;
  status: string;
}

export type FindingStatus = 'ACTIVE' | 'ARCHIVED' | 'RESOLVED';

export interface FindingRow {
  id: string;
  resource?: string;
  resourceType: string;
  findingType: string;
  status: FindingStatus;
  principal?: Record<string, string>;
  action?: string[];
  updatedAt?: string;
}

/** A finding as either list answers it (ListFindings names no finding type). */
type ListedFinding = Omit<FindingRow, 'findingType'> & { findingType?: string };

export const FINDINGS_PER_PAGE = 50;

const isUnusedAccess = (analyzer: Analyzer) => analyzer.type.endsWith('_UNUSED_ACCESS');

export async function findingsPage(
  call: CallFn,
  analyzer: Analyzer,
  status: FindingStatus,
  nextToken: string | undefined,
): Promise<{ findings: FindingRow[]; nextToken?: string }> {
  const page = await call<{ findings: ListedFinding[]; nextToken?: string }>(
    'accessanalyzer',
    isUnusedAccess(analyzer) ? 'ListFindingsV2' : 'ListFindings',
    {
      analyzerArn: analyzer.arn,
      filter: { status: { eq: [status] } },
      maxResults: FINDINGS_PER_PAGE,
      ...(nextToken === undefined ? {} : { nextToken }),
    },
  );
  // ListFindings has no finding type: all its findings are about external access
  const findings = page.findings.map((f) => ({ ...f, findingType: f.findingType ?? 'ExternalAccess' }));
  return page.nextToken === undefined ? { findings } : { findings, nextToken: page.nextToken };
}

/** Archives a finding, or makes an archived one active again. */
export const setFindingStatus = (
  call: CallFn,
  analyzer: Analyzer,
  id: string,
  status: 'ACTIVE' | 'ARCHIVED',
): Promise<unknown> =>
  call('accessanalyzer', 'UpdateFindings', { analyzerArn: analyzer.arn, ids: [id], status });
