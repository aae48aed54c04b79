// Owns what the policy simulator's actions (SimulatePrincipalPolicy, SimulateCustomPolicy,
// GetContextKeysFor*Policy) and `tessera simulate` share: reading policy inputs (checked with IAM's
// grammar, compiled with AWS's SourcePolicyId/SourcePolicyType), loading the policies of a user (with its
// groups), group or role, typing ContextEntries, finding the context keys policies refer to, and rendering
// the engine's SimulationResult in AWS's EvaluationResult shape. It enforces the simulator's bounds (context
// size, actions, resources, the work budget) and evaluates in slices that give the event loop back.
import { AWS_MANAGED_POLICY_PREFIX, parseIamArn } from '../domain/index.ts';
import {
  checkPolicyDocument,
  compilePolicy,
  type CompiledPolicy,
  CONTEXT_LIMITS,
  contextLimitProblem,
  type ContextInput,
  type ContextScalar,
  EvaluationWorkExceeded,
  type Policy,
  type PolicyKind,
  policyVersion,
  type RequestPrincipal,
  type SimulationInput,
  type SimulationResult,
  simulationSteps,
  simulationWork,
  type SimulatorStatement,
  type TypeVerdict,
  WORK_LIMITS,
} from '../policy/index.ts';
import { invalidInput, malformedPolicy, noSuchEntity } from '../errors.ts';
import {
  DEFAULT_MAX_ITEMS,
  decodeMarker,
  encodeMarker,
  type ContextEntry,
  type EvaluationResult,
  type Statement as AwsStatement,
} from '../protocol/index.ts';
import type { ReadRepos, PolicyHolder } from '../store/index.ts';

type AwsSourceType = NonNullable<AwsStatement['SourcePolicyType']>;
type AwsDecision = EvaluationResult['EvalDecision'];

/** A policy text with the identity the simulator reports for it. */
export interface PolicySource {
  id: string;
  sourceType: string;
  document: string;
}

/** Checks a policy's grammar (MalformedPolicyDocument otherwise) and compiles it; returns its tree too. */
export function compileSource(
  source: PolicySource,
  kind: PolicyKind,
): { compiled: CompiledPolicy; tree: Policy } {
  const checked = checkPolicyDocument(source.document, kind);
  if (!checked.ok) throw malformedPolicy(checked.message);
  const compiled = compilePolicy(checked.policy, { id: source.id, sourceType: source.sourceType });
  if (!compiled.ok) throw malformedPolicy(compiled.message);
  return { compiled: compiled.policy, tree: checked.policy };
}

/** Policies passed as strings: `PolicyInputList.1`, `PermissionsBoundaryPolicyInputList.1` … */
export function inputSources(documents: readonly string[] | undefined, listName: string): PolicySource[] {
  return (documents ?? []).map((document, i) => ({
    id: `${listName}.${i + 1}`,
    sourceType: 'none',
    document,
  }));
}

/** The policies IAM holds for a user (and its groups), a group or a role. */
export interface PrincipalPolicySource {
  type: 'user' | 'group' | 'role';
  arn: string;
  accountId: string;
  identity: PolicySource[];
  boundary?: PolicySource;
  /** The simulated caller when the entity is a user or a role. */
  principal?: RequestPrincipal;
}

const policyName = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);
const managedType = (arn: string): AwsSourceType =>
  arn.startsWith(AWS_MANAGED_POLICY_PREFIX) ? 'aws-managed' : 'user-managed';

async function holderSources(repos: ReadRepos, holder: PolicyHolder): Promise<PolicySource[]> {
  const rows = await repos.effectivePolicies.documentsFor([holder]);
  return rows.map((r) =>
    r.kind === 'inline'
      ? { id: r.sourceId.slice(holder.arn.length + 1), sourceType: holder.type, document: r.document }
      : { id: policyName(r.sourceId), sourceType: managedType(r.sourceId), document: r.document },
  );
}

async function boundarySource(repos: ReadRepos, arn: string | null): Promise<PolicySource | undefined> {
  if (!arn) return undefined;
  const document =
    (await repos.effectivePolicies.defaultDocument(arn)) ??
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"*","Resource":"*"}]}';
  return { id: policyName(arn), sourceType: managedType(arn), document };
}

const tagMap = (tags: { Key: string; Value: string }[]) =>
  Object.fromEntries(tags.map((t) => [t.Key, t.Value]));

/** Loads the policies of PolicySourceArn, which must name a user, group or role of `accountId`. */
export async function loadPrincipalPolicies(
  repos: ReadRepos,
  accountId: string,
  policySourceArn: string,
): Promise<PrincipalPolicySource> {
  const parsed = parseIamArn(policySourceArn);
  if (!parsed || !['user', 'group', 'role'].includes(parsed.type))
    throw invalidInput(
      `Invalid ARN: ${policySourceArn}. PolicySourceArn must name an IAM user, group or role.`,
    );
  const missing = () => noSuchEntity(`The ${parsed.type} with name ${parsed.name} cannot be found.`);
  if (parsed.accountId !== accountId) throw missing();
  if (parsed.type === 'user') {
    const user = await repos.users.byName(accountId, parsed.name);
    if (!user || user.arn !== policySourceArn) throw missing();
    const groups = await repos.effectivePolicies.groupsOf(user.user_id);
    const identity = await holderSources(repos, { type: 'user', id: user.user_id, arn: user.arn });
    for (const g of groups)
      identity.push(...(await holderSources(repos, { type: 'group', id: g.group_id, arn: g.arn })));
    const boundary = await boundarySource(repos, user.permissions_boundary);
    return {
      type: 'user',
      arn: user.arn,
      accountId,
      identity,
      ...(boundary ? { boundary } : {}),
      principal: {
        type: 'User',
        arn: user.arn,
        account: accountId,
        userId: user.user_id,
        username: user.user_name,
        tags: tagMap(await repos.tags.list('user', user.user_id)),
      },
    };
  }
  if (parsed.type === 'group') {
    const group = await repos.groups.byName(accountId, parsed.name);
    if (!group || group.arn !== policySourceArn) throw missing();
    const identity = await holderSources(repos, { type: 'group', id: group.group_id, arn: group.arn });
    return { type: 'group', arn: group.arn, accountId, identity };
  }
  const role = await repos.roles.byArn(policySourceArn);
  if (!role || role.account_id !== accountId) throw missing();
  const identity = await holderSources(repos, { type: 'role', id: role.role_id, arn: role.arn });
  const boundary = await boundarySource(repos, role.permissions_boundary);
  return {
    type: 'role',
    arn: role.arn,
    accountId,
    identity,
    ...(boundary ? { boundary } : {}),
    principal: {
      type: 'AssumedRole',
      arn: role.arn,
      roleArn: role.arn,
      account: accountId,
      userId: role.role_id,
      tags: tagMap(await repos.tags.list('role', role.role_id)),
    },
  };
}

/** CallerArn: only IAM users may be simulated callers, as AWS says. */
export function callerPrincipal(callerArn: string): RequestPrincipal {
  const parsed = parseIamArn(callerArn);
  if (!parsed || parsed.type !== 'user' || parsed.accountId === 'aws')
    throw invalidInput(`Invalid CallerArn: ${callerArn}. You can specify only the ARN of an IAM user.`);
  return { type: 'User', arn: callerArn, account: parsed.accountId, username: parsed.name };
}

/** ResourceOwner: an account id or an account's root ARN. */
export function resourceOwnerAccount(owner: string | undefined): string | undefined {
  if (owner === undefined) return undefined;
  const m = /^(?:arn:aws:iam::)?(\d{12})(?::root)?$/.exec(owner);
  if (!m)
    throw invalidInput(`Invalid ResourceOwner: ${owner}. Give an account id or arn:aws:iam::ACCOUNT:root.`);
  return m[1];
}

function typedScalar(name: string, type: string, raw: string): ContextScalar {
  const bad = () => invalidInput(`Invalid value ${raw} for context key ${name} of type ${type}.`);
  switch (type.replace(/List$/, '')) {
    case 'numeric': {
      const n = Number(raw);
      if (raw.trim() === '' || Number.isNaN(n)) throw bad();
      return n;
    }
    case 'boolean': {
      const lower = raw.toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw bad();
      return lower === 'true';
    }
    case 'date': {
      const d = /^\d+$/.test(raw) ? new Date(Number(raw) * 1000) : new Date(raw);
      if (Number.isNaN(d.getTime())) throw bad();
      return d;
    }
    default:
      return raw;
  }
}

/** ContextEntries within CONTEXT_LIMITS (InvalidInput otherwise), before any value is read. */
function checkContextSize(entries: readonly ContextEntry[]): void {
  if (entries.length > CONTEXT_LIMITS.keys)
    throw invalidInput(`The context has ${entries.length} keys; the limit is ${CONTEXT_LIMITS.keys}.`);
  const raw: Record<string, string[]> = {};
  for (const e of entries) {
    const name = e.ContextKeyName ?? '';
    raw[name] = [...(raw[name] ?? []), ...(e.ContextKeyValues ?? [])];
  }
  const problem = contextLimitProblem(raw);
  if (problem) throw invalidInput(problem);
}

/** ContextEntries as the engine's typed condition keys; list types are multivalued. */
export function contextFromEntries(
  entries: readonly ContextEntry[] | undefined,
): Record<string, ContextInput> {
  const out: Record<string, ContextInput> = {};
  checkContextSize(entries ?? []);
  for (const e of entries ?? []) {
    const name = e.ContextKeyName;
    if (!name) throw invalidInput('ContextKeyName is required in each ContextEntries member.');
    const values = e.ContextKeyValues ?? [];
    const type = e.ContextKeyType ?? (values.length > 1 ? 'stringList' : 'string');
    const list = type.endsWith('List');
    if (!list && values.length !== 1)
      throw invalidInput(
        `Context key ${name} of type ${type} takes exactly one value, not ${values.length}.`,
      );
    const typed = values.map((v) => typedScalar(name, type, v));
    out[name] = list ? typed : (typed[0] as ContextScalar);
  }
  return out;
}

const VARIABLE = /\$\{([^}]*)\}/g;
const SPECIAL_VARIABLES = new Set(['*', '?', '$']);

/** The condition keys and policy variables a policy refers to, in order of first appearance. */
export function contextKeysOf(policy: Policy): string[] {
  const keys: string[] = [];
  const variables = policyVersion(policy) === '2012-10-17';
  const fromText = (text: string) => {
    if (!variables) return;
    for (const m of text.matchAll(VARIABLE)) {
      const inner = (m[1] ?? '').trim();
      if (SPECIAL_VARIABLES.has(inner)) continue;
      keys.push((inner.split(',')[0] ?? '').trim());
    }
  };
  for (const st of policy.statements) {
    for (const r of [...(st.resource?.values ?? []), ...(st.notResource?.values ?? [])]) fromText(r.value);
    for (const block of st.condition ?? [])
      for (const entry of block.entries) {
        keys.push(entry.key.value);
        for (const v of entry.values) fromText(v.value);
      }
  }
  return keys.filter((k) => k !== '');
}

/** Unique keys, compared without case (as IAM compares condition keys), first spelling kept. */
export function uniqueKeys(keys: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const k of keys) if (!seen.has(k.toLowerCase())) seen.set(k.toLowerCase(), k);
  return [...seen.values()];
}

function awsStatement(s: SimulatorStatement): AwsStatement {
  return {
    SourcePolicyId: s.SourcePolicyId,
    SourcePolicyType: s.SourcePolicyType as AwsSourceType,
    StartPosition: { ...s.StartPosition },
    EndPosition: { ...s.EndPosition },
  };
}

const VERDICT_DECISION: Readonly<Record<TypeVerdict, AwsDecision>> = {
  allow: 'allowed',
  deny: 'explicitDeny',
  'no-allow': 'implicitDeny',
  'not-present': 'implicitDeny',
};

export interface RenderOptions {
  /** Include PermissionsBoundaryDecisionDetail (a boundary took part). */
  boundary: boolean;
  /** Include OrganizationsDecisionDetail (organization policies took part). */
  organizations: boolean;
  /** The caller and the resources are in different accounts: EvalDecisionDetails says what each side said. */
  crossAccount: boolean;
}

/** One engine result in AWS's EvaluationResult shape. */
export function evaluationResult(r: SimulationResult, opts: RenderOptions): EvaluationResult {
  const details = (verdicts: SimulationResult['verdicts']): Record<string, AwsDecision> =>
    opts.crossAccount
      ? {
          'IAM Policy': VERDICT_DECISION[verdicts.identity],
          'Resource Policy': VERDICT_DECISION[verdicts.resource],
        }
      : {};
  const out: EvaluationResult = {
    EvalActionName: r.EvalActionName,
    EvalResourceName: r.EvalResourceName,
    EvalDecision: r.EvalDecision,
    MatchedStatements: r.MatchedStatements.map(awsStatement),
    MissingContextValues: [...r.MissingContextValues],
  };
  if (opts.organizations) out.OrganizationsDecisionDetail = { ...r.OrganizationsDecisionDetail };
  if (opts.boundary) out.PermissionsBoundaryDecisionDetail = { ...r.PermissionsBoundaryDecisionDetail };
  if (r.ResourceSpecificResults.length > 0) {
    out.EvalDecisionDetails = details(r.verdicts);
    out.ResourceSpecificResults = r.ResourceSpecificResults.map((s) => ({
      EvalResourceName: s.EvalResourceName,
      EvalResourceDecision: s.EvalResourceDecision,
      MatchedStatements: s.MatchedStatements.map(awsStatement),
      MissingContextValues: [...s.MissingContextValues],
      EvalDecisionDetails: details(s.verdicts),
      ...(opts.boundary
        ? { PermissionsBoundaryDecisionDetail: { ...s.PermissionsBoundaryDecisionDetail } }
        : {}),
    }));
  }
  return out;
}

/** Action names as IAM takes them for simulation: `service:Action`, no wildcards. */
export function checkActionNames(actions: readonly string[]): void {
  for (const a of actions)
    if (!/^[A-Za-z0-9-]+:[A-Za-z0-9_-]+$/.test(a))
      throw invalidInput(`Invalid action name ${a}: give service:Action, without wildcards.`);
}

/** What both Simulate*Policy actions read the same way from their input. */
export interface SimulationInputCommon {
  ResourcePolicy?: string;
  ActionNames: string[];
  ResourceArns?: string[];
  ContextEntries?: ContextEntry[];
  ResourceOwner?: string;
}

/**
 * A simulation request from the parts both actions share (the resource policy, actions, resources,
 * context and resource owner) and the identity, boundary and principal each finds its own way.
 */
export function simulationRequest(
  input: SimulationInputCommon,
  own: {
    identity: readonly PolicySource[];
    boundary?: PolicySource | undefined;
    principal: RequestPrincipal;
  },
): SimulationRequest {
  const owner = resourceOwnerAccount(input.ResourceOwner) ?? own.principal.account;
  return {
    identity: own.identity,
    ...(own.boundary ? { boundary: own.boundary } : {}),
    ...(input.ResourcePolicy !== undefined
      ? { resourcePolicy: { id: 'ResourcePolicy', sourceType: 'resource', document: input.ResourcePolicy } }
      : {}),
    actions: input.ActionNames,
    ...(input.ResourceArns ? { resources: input.ResourceArns } : {}),
    principal: own.principal,
    ...(owner !== undefined ? { resourceOwner: owner } : {}),
    keys: contextFromEntries(input.ContextEntries),
  };
}

export interface SimulationRequest {
  identity: readonly PolicySource[];
  boundary?: PolicySource;
  resourcePolicy?: PolicySource;
  actions: readonly string[];
  resources?: readonly string[];
  principal: RequestPrincipal;
  /** The account owning the resources (ResourceOwner, else the caller's). */
  resourceOwner?: string;
  keys: Record<string, ContextInput>;
  /** The SCPs governing the simulated principal's account, one list per level (SimulatePrincipalPolicy). */
  scp?: readonly (readonly CompiledPolicy[])[];
}

/** How long an evaluation slice may hold the event loop before the simulation rests. */
const SLICE_MS = 2;

/**
 * Runs a simulation's steps in slices of a few milliseconds, resting after each for as long as it ran: a
 * request needs several turns of the event loop (read, authenticate, answer), and a rest lets them all
 * happen, where yielding a single turn (setImmediate) would let each of them wait behind a slice.
 */
async function inSlices<T>(steps: Generator<void, T, void>): Promise<T> {
  let started = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    const ran = performance.now() - started;
    if (ran >= SLICE_MS) {
      await new Promise<void>((resolve) => setTimeout(resolve, Math.ceil(ran)));
      started = performance.now();
    }
  }
}

/** Refuses a simulation past the simulator's bounds, with a message naming the limit. */
function checkSimulationBounds(input: SimulationInput): void {
  const resources = input.resources?.length ?? 0;
  if (input.actions.length > WORK_LIMITS.actions)
    throw invalidInput(
      `The simulation names ${input.actions.length} actions; the limit is ${WORK_LIMITS.actions} ActionNames per request.`,
    );
  if (resources > WORK_LIMITS.resources)
    throw invalidInput(
      `The simulation names ${resources} resources; the limit is ${WORK_LIMITS.resources} ResourceArns per request.`,
    );
  const work = simulationWork(input);
  if (work.perEvaluation > WORK_LIMITS.stepsPerEvaluation)
    throw invalidInput(
      new EvaluationWorkExceeded(work.perEvaluation, WORK_LIMITS.stepsPerEvaluation).message,
    );
  if (work.total > WORK_LIMITS.stepsPerRequest)
    throw invalidInput(
      `The simulation would take about ${work.total} steps; the work budget is ${WORK_LIMITS.stepsPerRequest} steps per request (each action on each resource costs ${WORK_LIMITS.stepsPerStatement} steps per statement plus its pattern matching). Simulate fewer actions or resources.`,
    );
}

export interface SimulationPage {
  EvaluationResults: EvaluationResult[];
  IsTruncated: boolean;
  Marker?: string;
}

/**
 * Runs the engine's simulator over policy texts and renders one page of AWS's EvaluationResults. The
 * results are a pure function of the request, so only the page's actions are evaluated; the marker names
 * the position of the next action in the request's own ActionNames list. A page holds at most
 * WORK_LIMITS.evaluationsPerPage resource results (fewer actions than MaxItems when there are many
 * resources, as IAM may return fewer results than MaxItems).
 */
export async function runSimulation(
  req: SimulationRequest,
  page: { Marker?: string; MaxItems?: number } = {},
): Promise<SimulationPage> {
  checkActionNames(req.actions);
  const identity = req.identity.map((s) => compileSource(s, 'identity').compiled);
  const boundary = req.boundary ? compileSource(req.boundary, 'boundary').compiled : undefined;
  const resource = req.resourcePolicy ? compileSource(req.resourcePolicy, 'resource').compiled : undefined;
  const input: SimulationInput = {
    policies: {
      identity,
      ...(boundary ? { boundary } : {}),
      ...(resource ? { resource } : {}),
      ...(req.scp ? { scp: req.scp } : {}),
    },
    actions: req.actions,
    ...(req.resources && req.resources.length > 0 ? { resources: req.resources } : {}),
    principal: req.principal,
    ...(req.resourceOwner !== undefined ? { resourceOwner: req.resourceOwner } : {}),
    keys: req.keys,
    // AWS's simulator fills in no context key by itself: the simulated principal only matches a
    // resource policy's Principal (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_testing-policies.html)
    givenKeysOnly: true,
  };
  checkSimulationBounds(input);
  const from = page.Marker === undefined ? 0 : Number(decodeMarker(page.Marker));
  if (!Number.isInteger(from) || from < 0 || from > req.actions.length) throw invalidInput('Invalid Marker.');
  const perPage = Math.max(1, Math.floor(WORK_LIMITS.evaluationsPerPage / (input.resources?.length || 1)));
  const actions = req.actions.slice(from, from + Math.min(page.MaxItems ?? DEFAULT_MAX_ITEMS, perPage));
  let results: SimulationResult[];
  try {
    results = await inSlices(simulationSteps({ ...input, actions }));
  } catch (err) {
    if (err instanceof EvaluationWorkExceeded) throw invalidInput(err.message);
    throw err;
  }
  const callerAccount = req.principal.account;
  const crossAccount =
    req.resourceOwner !== undefined && callerAccount !== undefined && req.resourceOwner !== callerAccount;
  const rendered = results.map((r) =>
    evaluationResult(r, {
      boundary: boundary !== undefined,
      organizations: req.scp !== undefined,
      crossAccount,
    }),
  );
  const next = from + actions.length;
  return next < req.actions.length
    ? { EvaluationResults: rendered, IsTruncated: true, Marker: encodeMarker(String(next)) }
    : { EvaluationResults: rendered, IsTruncated: false };
}
