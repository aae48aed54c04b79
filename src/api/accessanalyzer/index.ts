// Every IAM Access Analyzer action Tessera serves, for the registry: policy validation and checks.
import type { Action } from '../action.ts';
import { ValidatePolicy } from './validate-policy.ts';

export const accessAnalyzerActions: readonly Action[] = [ValidatePolicy];
