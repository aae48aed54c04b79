// The kinds of IAM Access Analyzer analyzer Tessera runs: external access and unused access, each for
// one account or for an organization.
import type { AnalyzerRow } from '../../store/index.ts';

export type AnalyzerType = AnalyzerRow['type'];

export const ANALYZER_TYPES: readonly AnalyzerType[] = [
  'ACCOUNT',
  'ORGANIZATION',
  'ACCOUNT_UNUSED_ACCESS',
  'ORGANIZATION_UNUSED_ACCESS',
];

export const isUnusedAccess = (type: AnalyzerType) => type.endsWith('_UNUSED_ACCESS');
export const isOrganizationWide = (type: AnalyzerType) => type.startsWith('ORGANIZATION');
