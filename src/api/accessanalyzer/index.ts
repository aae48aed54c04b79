// Every IAM Access Analyzer action Tessera serves, for the registry: policy validation and checks,
// analyzers and their tags, their findings, archive rules and recommendations.
import type { Action } from '../action.ts';
import { CheckAccessNotGranted, CheckNoNewAccess, CheckNoPublicAccess } from './access-checks.ts';
import { ListTagsForResource, TagResource, UntagResource } from './analyzer-tags.ts';
import { CreateAnalyzer, DeleteAnalyzer, GetAnalyzer, ListAnalyzers, UpdateAnalyzer } from './analyzers.ts';
import {
  ApplyArchiveRule,
  CreateArchiveRule,
  DeleteArchiveRule,
  GetArchiveRule,
  ListArchiveRules,
  UpdateArchiveRule,
} from './archive-rules.ts';
import {
  GetFinding,
  GetFindingsStatistics,
  GetFindingV2,
  ListFindings,
  ListFindingsV2,
  UpdateFindings,
} from './findings.ts';
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
  UpdateAnalyzer,
  DeleteAnalyzer,
  TagResource,
  UntagResource,
  ListTagsForResource,
  ListFindings,
  GetFinding,
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
