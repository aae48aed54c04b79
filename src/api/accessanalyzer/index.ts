// Every IAM Access Analyzer action Tessera serves, for the registry: policy validation and checks.
import type { Action } from '../action.ts';
import { CheckAccessNotGranted, CheckNoNewAccess, CheckNoPublicAccess } from './access-checks.ts';
import { ValidatePolicy } from './validate-policy.ts';

export const accessAnalyzerActions: readonly Action[] = [
  ValidatePolicy,
  CheckAccessNotGranted,
  CheckNoNewAccess,
  CheckNoPublicAccess,
];
