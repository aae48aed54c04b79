// `tessera simulate`: the policy simulator on policy files, without a server. Prints, for each action and
// resource, the decision and why (the policy type that denied, the deciding statements with their file and
// position, the context keys the policies needed and were not given). Exit code 0 when every request is
// allowed, 1 when any is denied, 2 when the input cannot be read.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { callerPrincipal, compileSource, contextFromEntries, evaluationResult } from '../authz/index.ts';
import {
  type CompiledPolicy,
  denialClause,
  EvaluationWorkExceeded,
  type PolicyKind,
  type PolicySet,
  type PolicyType,
  type RequestPrincipal,
  type SimulationResult,
  simulatePolicies,
  type SimulatorStatement,
} from '../policy/index.ts';
import { AwsError } from '../errors.ts';
import type { ContextEntry } from '../protocol/index.ts';

interface SimulateFlags {
  identity: string[];
  boundary?: string;
  session: string[];
  resourcePolicy?: string;
  scp: string[];
  action: string[];
  resource: string[];
  context: string[];
  principalArn?: string;
  resourceOwner?: string;
  json?: boolean;
}

const CONTEXT_TYPES = new Set(
  ['string', 'numeric', 'boolean', 'ip', 'binary', 'date'].flatMap((t) => [t, `${t}List`]),
);

class UsageError extends Error {}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `key=value:type`; a list type takes comma-separated values; without a known type the value is a string. */
export function parseContextFlag(text: string): ContextEntry {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`--context ${text}: expected key=value[:type]`);
  const key = text.slice(0, eq);
  let value = text.slice(eq + 1);
  let type = 'string';
  const colon = value.lastIndexOf(':');
  if (colon >= 0 && CONTEXT_TYPES.has(value.slice(colon + 1))) {
    type = value.slice(colon + 1);
    value = value.slice(0, colon);
  }
  const values = type.endsWith('List') ? value.split(',') : [value];
  return {
    ContextKeyName: key,
    ContextKeyValues: values,
    ContextKeyType: type as ContextEntry['ContextKeyType'],
  };
}

function principalOf(arn: string | undefined): RequestPrincipal {
  if (arn === undefined) return { type: 'User' };
  const account = /^arn:aws:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1];
  if (/^arn:aws:iam::\d{12}:root$/.test(arn))
    return { type: 'Account', arn, ...(account ? { account } : {}) };
  const session = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(arn);
  if (session)
    return {
      type: 'AssumedRole',
      arn,
      account: session[1],
      roleArn: `arn:aws:iam::${session[1]}:role/${session[2]}`,
    };
  const role = /^arn:aws:iam::(\d{12}):role\//.exec(arn);
  if (role) return { type: 'AssumedRole', arn, roleArn: arn, account: role[1] };
  try {
    return { ...callerPrincipal(arn) };
  } catch {
    throw new UsageError(`--principal-arn ${arn}: give an account root, user, role or role session ARN`);
  }
}

function load(file: string, kind: PolicyKind, sourceType: string): CompiledPolicy {
  let document: string;
  try {
    document = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return compileSource({ id: file, sourceType, document }, kind).compiled;
  } catch (err) {
    if (err instanceof AwsError) throw new UsageError(`${file}: ${err.code}: ${err.message}`);
    throw err;
  }
}

function policySet(flags: SimulateFlags): PolicySet {
  const set: { -readonly [K in keyof PolicySet]: PolicySet[K] } = {
    identity: flags.identity.map((f) => load(f, 'identity', 'identity')),
  };
  if (flags.boundary) set.boundary = load(flags.boundary, 'boundary', 'boundary');
  if (flags.session.length > 0) set.session = flags.session.map((f) => load(f, 'session', 'session'));
  if (flags.resourcePolicy) set.resource = load(flags.resourcePolicy, 'resource', 'resource');
  // each --scp file is one level of the organization (root, OUs, account): every level must allow
  if (flags.scp.length > 0) set.scp = flags.scp.map((f) => [load(f, 'scp', 'scp')]);
  return set;
}

const ALLOWING: readonly [PolicyType, string][] = [
  ['identity', 'an identity-based policy'],
  ['resource', 'a resource-based policy'],
];

const POSITION = (s: SimulatorStatement) =>
  `${s.StartPosition.Line}:${s.StartPosition.Column}-${s.EndPosition.Line}:${s.EndPosition.Column}`;

function describeResult(r: SimulationResult, lines: string[]): void {
  const perResource = r.ResourceSpecificResults.length > 0 ? r.ResourceSpecificResults : [undefined];
  for (const s of perResource) {
    const resource = s?.EvalResourceName ?? r.EvalResourceName;
    const decision = s?.EvalResourceDecision ?? r.EvalDecision;
    const reason = s ? s.denialReason : r.denialReason;
    const statements = s?.MatchedStatements ?? r.MatchedStatements;
    const missing = s?.MissingContextValues ?? r.MissingContextValues;
    lines.push(`${r.EvalActionName} on ${resource}: ${decision}`);
    const verdicts = s?.verdicts ?? r.verdicts;
    if (decision === 'allowed')
      lines.push(
        `  allowed by ${ALLOWING.filter(([t]) => verdicts[t] === 'allow')
          .map(([, n]) => n)
          .join(' and ')}`,
      );
    else if (reason) lines.push(`  denied ${denialClause(reason, r.EvalActionName)}`);
    const effect = decision === 'explicitDeny' ? 'Deny' : 'Allow';
    for (const st of statements)
      lines.push(
        `  ${effect} ${st.SourcePolicyId} (${st.SourcePolicyType}) statement ${st.statementIndex + 1}` +
          `${st.sid ? ` "${st.sid}"` : ''} at ${POSITION(st)}`,
      );
    if (missing.length > 0) lines.push(`  missing context values: ${missing.join(', ')}`);
  }
}

/** Runs a simulation from flags; returns the text (or JSON) to print and the exit code. */
export function runSimulateCommand(flags: SimulateFlags): { output: string; exitCode: number } {
  try {
    if (flags.action.length === 0) throw new UsageError('give at least one --action');
    if (flags.identity.length === 0 && !flags.resourcePolicy)
      throw new UsageError('give at least one --identity or a --resource-policy');
    const policies = policySet(flags);
    const principal = principalOf(flags.principalArn);
    const keys = contextFromEntries(flags.context.map(parseContextFlag));
    const owner = flags.resourceOwner ?? principal.account;
    const results = simulatePolicies({
      policies,
      actions: flags.action,
      ...(flags.resource.length > 0 ? { resources: flags.resource } : {}),
      principal,
      ...(owner !== undefined ? { resourceOwner: owner } : {}),
      keys,
    });
    const allowed = results.every((r) => r.EvalDecision === 'allowed');
    const crossAccount =
      owner !== undefined && principal.account !== undefined && owner !== principal.account;
    const output = flags.json
      ? JSON.stringify(
          {
            EvaluationResults: results.map((r) =>
              evaluationResult(r, {
                boundary: policies.boundary !== undefined,
                organizations: policies.scp !== undefined,
                crossAccount,
              }),
            ),
          },
          null,
          2,
        )
      : results
          .reduce<string[]>((lines, r) => {
            describeResult(r, lines);
            return lines;
          }, [])
          .join('\n');
    return { output, exitCode: allowed ? 0 : 1 };
  } catch (err) {
    if (err instanceof UsageError || err instanceof EvaluationWorkExceeded)
      return { output: `tessera simulate: ${err.message}`, exitCode: 2 };
    if (err instanceof AwsError)
      return { output: `tessera simulate: ${err.code}: ${err.message}`, exitCode: 2 };
    throw err;
  }
}

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description(
      'Decide requests against policy files, as SimulateCustomPolicy does; exit 0 only when all are allowed',
    )
    .option('--identity <file>', 'identity-based policy (repeatable)', collect, [])
    .option('--boundary <file>', 'permissions boundary')
    .option('--session <file>', 'session policy (repeatable)', collect, [])
    .option('--resource-policy <file>', 'resource-based policy of the resource')
    .option('--scp <file>', 'service control policy, one per organization level (repeatable)', collect, [])
    .option('--action <name>', 'action to simulate, e.g. s3:GetObject (repeatable)', collect, [])
    .option('--resource <arn>', 'resource ARN (repeatable; default *)', collect, [])
    .option(
      '--context <key=value:type>',
      'context key, e.g. aws:SourceIp=10.0.0.1:ip (repeatable)',
      collect,
      [],
    )
    .option('--principal-arn <arn>', 'the caller: a user, role, role session or account root ARN')
    .option('--resource-owner <account>', 'the account owning the resources (default: the caller’s)')
    .option('--json', "print AWS's EvaluationResults as JSON")
    .action((flags: SimulateFlags) => {
      const { output, exitCode } = runSimulateCommand(flags);
      (exitCode === 2 ? console.error : console.log)(output);
      process.exitCode = exitCode;
    });
}
