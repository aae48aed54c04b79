// Owns the simulator's work (SimulatePrincipalPolicy / SimulateCustomPolicy, `tessera simulate`): for every
// action × resource, the EvalDecision, the matched statements with their source policy ids and positions,
// the missing context values, and the boundary and organizations details — in AWS's vocabulary, so the API
// layer only renders it. Per https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html
import { explainAuthorization } from './authorize.ts';
import type { DenialReason, PolicySet, TypeVerdict, PolicyType } from './authorize.ts';
import type { MatchedStatement } from './evaluate-policy.ts';
import type { ContextInput, GlobalConditionValues, RequestPrincipal } from './request-context.ts';

export type EvalDecision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export interface SimulatorPosition {
  readonly Line: number;
  readonly Column: number;
}

export interface SimulatorStatement {
  readonly SourcePolicyId: string;
  readonly SourcePolicyType: string;
  readonly StartPosition: SimulatorPosition;
  readonly EndPosition: SimulatorPosition;
  /** Not part of AWS's shape: the statement's Sid and 0-based index, for explanations. */
  readonly sid?: string;
  readonly statementIndex: number;
}

export interface SimulationResult {
  readonly EvalActionName: string;
  readonly EvalResourceName: string;
  readonly EvalDecision: EvalDecision;
  readonly MatchedStatements: readonly SimulatorStatement[];
  readonly MissingContextValues: readonly string[];
  readonly OrganizationsDecisionDetail: { readonly AllowedByOrganizations: boolean };
  readonly PermissionsBoundaryDecisionDetail: { readonly AllowedByPermissionsBoundary: boolean };
  /** Not part of AWS's shape: the policy type that caused a denial, and each type's verdict. */
  readonly denialReason?: DenialReason;
  readonly verdicts: Readonly<Record<PolicyType, TypeVerdict>>;
}

export interface SimulationInput {
  readonly policies: PolicySet;
  readonly actions: readonly string[];
  /** Resource ARNs; `["*"]` when absent, as AWS defaults. */
  readonly resources?: readonly string[];
  /** The caller being simulated (SimulatePrincipalPolicy's principal, or CallerArn for custom policies). */
  readonly principal: RequestPrincipal;
  /** ResourceOwner: the account owning the resources. */
  readonly resourceOwner?: string;
  readonly globals?: GlobalConditionValues;
  /** ContextEntries, already typed by the caller. */
  readonly keys?: Readonly<Record<string, ContextInput>>;
}

const DECISIONS = { Allow: 'allowed', ExplicitDeny: 'explicitDeny', ImplicitDeny: 'implicitDeny' } as const;

function statementOf(m: MatchedStatement): SimulatorStatement {
  const { start, end } = m.statement.span;
  const out: SimulatorStatement = {
    SourcePolicyId: m.policy.id,
    SourcePolicyType: m.policy.sourceType,
    StartPosition: { Line: start.line, Column: start.column },
    EndPosition: { Line: end.line, Column: end.column },
    statementIndex: m.statement.index,
  };
  return m.statement.sid === undefined ? out : { ...out, sid: m.statement.sid };
}

/** Simulates every action against every resource. Pure: the caller supplies policies and context. */
export function simulatePolicies(input: SimulationInput): SimulationResult[] {
  const resources = input.resources && input.resources.length > 0 ? input.resources : ['*'];
  const results: SimulationResult[] = [];
  for (const action of input.actions) {
    for (const resource of resources) {
      const explained = explainAuthorization(input.policies, {
        action,
        resource,
        principal: input.principal,
        ...(input.resourceOwner !== undefined ? { resourceAccount: input.resourceOwner } : {}),
        ...(input.globals !== undefined ? { globals: input.globals } : {}),
        ...(input.keys !== undefined ? { keys: input.keys } : {}),
      });
      const result: SimulationResult = {
        EvalActionName: action,
        EvalResourceName: resource,
        EvalDecision: DECISIONS[explained.decision],
        MatchedStatements: explained.decidingStatements.map(statementOf),
        MissingContextValues: explained.missingContextKeys,
        OrganizationsDecisionDetail: { AllowedByOrganizations: explained.allowedByOrganizations },
        PermissionsBoundaryDecisionDetail: {
          AllowedByPermissionsBoundary: explained.allowedByPermissionsBoundary,
        },
        verdicts: explained.verdicts,
      };
      results.push(explained.reason ? { ...result, denialReason: explained.reason } : result);
    }
  }
  return results;
}
