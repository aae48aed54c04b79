// Owns the simulator's work (SimulatePrincipalPolicy / SimulateCustomPolicy, `tessera simulate`): for every
// action, one EvaluationResult whose decision is the most restrictive across the requested resources, with
// ResourceSpecificResults per resource, the matched statements with their source policy ids and positions,
// the missing context values, and the boundary and organizations details — in AWS's vocabulary, so the API
// layer only renders it. Per https://docs.aws.amazon.com/IAM/latest/APIReference/API_EvaluationResult.html
// ("The simulator now returns a single EvaluationResult per action, regardless of how many resource ARNs").
import { explainAuthorization } from './authorize.ts';
import { evaluationWork } from './evaluation-work.ts';
import { prepareRequest } from './request-context.ts';
import type { DenialReason, ExplainedDecision, PolicySet, PolicyType, TypeVerdict } from './authorize.ts';
import type { MatchedStatement } from './evaluate-policy.ts';
import type {
  ContextInput,
  GlobalConditionValues,
  RequestInput,
  RequestPrincipal,
} from './request-context.ts';

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

export interface ResourceSpecificResult {
  readonly EvalResourceName: string;
  readonly EvalResourceDecision: EvalDecision;
  readonly MatchedStatements: readonly SimulatorStatement[];
  readonly MissingContextValues: readonly string[];
  readonly PermissionsBoundaryDecisionDetail: { readonly AllowedByPermissionsBoundary: boolean };
  /** Not part of AWS's shape: the policy type that caused a denial, and each type's verdict. */
  readonly denialReason?: DenialReason;
  readonly verdicts: Readonly<Record<PolicyType, TypeVerdict>>;
}

export interface SimulationResult {
  readonly EvalActionName: string;
  /** The resource simulated: `*` when none was given, else the first requested resource. */
  readonly EvalResourceName: string;
  readonly EvalDecision: EvalDecision;
  readonly MatchedStatements: readonly SimulatorStatement[];
  readonly MissingContextValues: readonly string[];
  readonly OrganizationsDecisionDetail: { readonly AllowedByOrganizations: boolean };
  readonly PermissionsBoundaryDecisionDetail: { readonly AllowedByPermissionsBoundary: boolean };
  /** One entry per requested resource; empty when no resource was given (AWS then simulates `*`). */
  readonly ResourceSpecificResults: readonly ResourceSpecificResult[];
  /** Not part of AWS's shape: the reason of the most restrictive resource's denial. */
  readonly denialReason?: DenialReason;
  readonly verdicts: Readonly<Record<PolicyType, TypeVerdict>>;
}

export interface SimulationInput {
  readonly policies: PolicySet;
  readonly actions: readonly string[];
  /** Resource ARNs; `*` is simulated when absent, as AWS does. */
  readonly resources?: readonly string[];
  /** The caller being simulated (SimulatePrincipalPolicy's principal, or CallerArn for custom policies). */
  readonly principal: RequestPrincipal;
  /** ResourceOwner: the account owning the resources. */
  readonly resourceOwner?: string;
  readonly globals?: GlobalConditionValues;
  /** ContextEntries, already typed by the caller. */
  readonly keys?: Readonly<Record<string, ContextInput>>;
  /** Only `keys` are in the context (IAM's simulator API): see RequestInput.givenKeysOnly. */
  readonly givenKeysOnly?: boolean;
}

const DECISIONS = { Allow: 'allowed', ExplicitDeny: 'explicitDeny', ImplicitDeny: 'implicitDeny' } as const;
const RESTRICTIVENESS: Readonly<Record<EvalDecision, number>> = {
  allowed: 0,
  implicitDeny: 1,
  explicitDeny: 2,
};

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

function perResource(resource: string, e: ExplainedDecision): ResourceSpecificResult {
  const r: ResourceSpecificResult = {
    EvalResourceName: resource,
    EvalResourceDecision: DECISIONS[e.decision],
    MatchedStatements: e.decidingStatements.map(statementOf),
    MissingContextValues: e.missingContextKeys,
    PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: e.allowedByPermissionsBoundary },
    verdicts: e.verdicts,
  };
  return e.reason ? { ...r, denialReason: e.reason } : r;
}

function union<T>(lists: readonly (readonly T[])[], key: (t: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const list of lists) for (const t of list) if (!seen.has(key(t))) seen.set(key(t), t);
  return [...seen.values()];
}

function requestFor(input: SimulationInput, action: string, resource: string): RequestInput {
  return {
    action,
    resource,
    principal: input.principal,
    ...(input.resourceOwner !== undefined ? { resourceAccount: input.resourceOwner } : {}),
    ...(input.globals !== undefined ? { globals: input.globals } : {}),
    ...(input.keys !== undefined ? { keys: input.keys } : {}),
    ...(input.givenKeysOnly ? { givenKeysOnly: true } : {}),
  };
}

function resourcesOf(input: SimulationInput): { resources: readonly string[]; given: boolean } {
  const given = input.resources !== undefined && input.resources.length > 0;
  return { resources: given ? (input.resources as readonly string[]) : ['*'], given };
}

/**
 * The estimated work of simulating `input`, in steps (see evaluation-work.ts): `total` for every action on
 * every resource, `perEvaluation` for the costliest single evaluation. Costs a few lookups per resource.
 */
export function simulationWork(input: SimulationInput): { total: number; perEvaluation: number } {
  const { resources } = resourcesOf(input);
  const action = input.actions[0] ?? 'iam:SimulateCustomPolicy';
  let perAction = 0;
  let perEvaluation = 0;
  for (const resource of resources) {
    const steps = evaluationWork(input.policies, prepareRequest(requestFor(input, action, resource)));
    perAction += steps;
    perEvaluation = Math.max(perEvaluation, steps);
  }
  return { total: perAction * input.actions.length, perEvaluation };
}

/**
 * Simulates every action against the resources, one evaluation at a time: the generator yields after each
 * evaluation (so that a caller can give its thread back between them) and returns the results. Pure: the
 * caller supplies policies and context.
 */
export function* simulationSteps(input: SimulationInput): Generator<void, SimulationResult[], void> {
  const { resources, given } = resourcesOf(input);
  const results: SimulationResult[] = [];
  for (const action of input.actions) {
    const explained: ExplainedDecision[] = [];
    for (const resource of resources) {
      explained.push(explainAuthorization(input.policies, requestFor(input, action, resource)));
      yield;
    }
    results.push(actionResult(action, resources, given, explained));
  }
  return results;
}

function actionResult(
  action: string,
  resources: readonly string[],
  given: boolean,
  explained: readonly ExplainedDecision[],
): SimulationResult {
  const specific = resources.map((r, i) => perResource(r, explained[i] as ExplainedDecision));
  let worst = specific[0] as ResourceSpecificResult;
  for (const s of specific)
    if (RESTRICTIVENESS[s.EvalResourceDecision] > RESTRICTIVENESS[worst.EvalResourceDecision]) worst = s;
  const decision = worst.EvalResourceDecision;
  const result: SimulationResult = {
    EvalActionName: action,
    EvalResourceName: resources[0] as string,
    EvalDecision: decision,
    MatchedStatements: union(
      specific.filter((s) => s.EvalResourceDecision === decision).map((s) => s.MatchedStatements),
      (s) => `${s.SourcePolicyType}:${s.SourcePolicyId}#${s.statementIndex}`,
    ),
    MissingContextValues: union(
      specific.map((s) => s.MissingContextValues),
      (k) => k,
    ).sort(),
    OrganizationsDecisionDetail: {
      AllowedByOrganizations: explained.every((e) => e.allowedByOrganizations),
    },
    PermissionsBoundaryDecisionDetail: {
      AllowedByPermissionsBoundary: explained.every((e) => e.allowedByPermissionsBoundary),
    },
    ResourceSpecificResults: given ? specific : [],
    verdicts: worst.verdicts,
  };
  return worst.denialReason ? { ...result, denialReason: worst.denialReason } : result;
}

/** Simulates every action against the resources, in one go (see simulationSteps). */
export function simulatePolicies(input: SimulationInput): SimulationResult[] {
  const steps = simulationSteps(input);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
