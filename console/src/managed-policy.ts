// Managed policies as ListPolicies returns them, read in full for a scope (AWS managed, the
// account's own, or both), and told apart by their ARN (AWS's live under arn:aws:iam::aws:).
import { listAll } from './pagination.ts';
import type { CallFn } from './use-api.ts';

export interface ManagedPolicy {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  DefaultVersionId?: string;
  AttachmentCount?: number;
  Description?: string;
  CreateDate: string;
  UpdateDate?: string;
}

export type PolicyScope = 'All' | 'AWS' | 'Local';

export const listPolicies = (call: CallFn, scope: PolicyScope): Promise<ManagedPolicy[]> =>
  listAll<ManagedPolicy>(call, 'ListPolicies', { Scope: scope, MaxItems: 1000 }, 'Policies');

export const isAwsManaged = (arn: string): boolean => arn.startsWith('arn:aws:iam::aws:policy/');

export const policyTypeOf = (arn: string): string => (isAwsManaged(arn) ? 'AWS managed' : 'Customer managed');
