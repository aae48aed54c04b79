// Who may administer an organization: its resource-based delegation policy, and the move from
// consolidated billing to all features.
import type { Action } from '../action.ts';
import { EnableAllFeatures } from './enable-all-features.ts';
import { DeleteResourcePolicy, DescribeResourcePolicy, PutResourcePolicy } from './resource-policy.ts';

export const administrationActions: readonly Action[] = [
  PutResourcePolicy,
  DescribeResourcePolicy,
  DeleteResourcePolicy,
  EnableAllFeatures,
];
