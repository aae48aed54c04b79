// Every IAM Access Analyzer action Tessera serves, for the registry: policy validation and checks,
// analyzers, their findings, archive rules and recommendations.
import type { Action } from '../action.ts';
import { CheckAccessNotGranted, CheckNoNewAccess, CheckNoPublicAccess } from './access-checks.ts';
import { CreateAnalyzer, DeleteAnalyzer, GetAnalyzer, ListAnalyzers } from './analyzers.ts';
import {
  ApplyArchiveRule,
  CreateArchiveRule,
  DeleteArchiveRule,
  GetArchiveRule,
  ListArchiveRules,
  UpdateArchiveRule,
} from './archive-rules.ts';
import { GetFindingsStatistics, GetFindingV2, ListFindingsV2, UpdateFindings } from './findings.ts';
import { GenerateFindingRecommendation, GetFindingRecommendation } from './recommendations.ts';
import { ValidatePolicy } from './validate-policy.ts';

export const accessAnalyzerActions: readonly Action[] = [
  ValidatePolicy,
  CheckAccessNotGranted,
  CheckNoNewAccess,
  CheckNoPublicAccess,
  CreateAnalyzer,
  GetAnalyzer,
  ListAnalyzers,
  DeleteAnalyzer,
  ListFindingsV2,
  GetFindingV2,
  UpdateFindings,
  GetFindingsStatistics,
  CreateArchiveRule,
  GetArchiveRule,
  ListArchiveRules,
  UpdateArchiveRule,
  DeleteArchiveRule,
  ApplyArchiveRule,
  GenerateFindingRecommendation,
  GetFindingRecommendation,
];
