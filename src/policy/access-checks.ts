// Owns IAM Access Analyzer's custom policy checks, decided by the engine rather than by comparing text:
// requests are sampled from the policies themselves (each Allow statement's actions expanded through the
// action catalogue, its resource patterns made concrete, its principals, and contexts that satisfy its
// conditions), and each sample is evaluated. CheckAccessNotGranted fails when the policy allows a listed
// action (on a listed resource); CheckNoNewAccess when the new policy allows a sample the existing one
// does not; CheckNoPublicAccess when a resource policy allows a caller from an unrelated account that
// sets every condition key a caller can choose.
import { awsCatalogue } from './action-catalogue.ts';
import { explainAuthorization } from './authorize.ts';
import { compilePolicy, type CompiledPolicy } from './compile-policy.ts';
import { parsePolicy } from './parse-policy.ts';
import type { Policy, Statement } from './policy-tree.ts';
import type { ContextInput, RequestInput, RequestPrincipal } from './request-context.ts';

export type AccessCheckPolicyType = 'IDENTITY_POLICY' | 'RESOURCE_POLICY';

export interface AccessCheckReason {
  description: string;
  statementIndex?: number;
  statementId?: string;
}

export interface AccessCheckResult {
  result: 'PASS' | 'FAIL';
  message: string;
  reasons: AccessCheckReason[];
}

/** A policy the checks can read, or why not (the caller answers InvalidParameterException). */
export class UnreadablePolicy extends Error {}

const SELF = '111122223333';
const OUTSIDER = '999988887777';
/** At most this many actions are sampled per statement (a `*` stands for every action AWS has). */
const MAX_ACTIONS_PER_STATEMENT = 20_000;

/** Condition keys only the caller's identity or origin decides: a stranger cannot set them as it likes. */
const CALLER_BOUND_KEYS = /^aws:(principal|source|userid$|username$|calledvia|viaawsservice)/i;

interface Parsed {
  tree: Policy;
  compiled: CompiledPolicy;
}

function read(text: string, name: string): Parsed {
  const parsed = parsePolicy(text);
  if (!parsed.ok)
    throw new UnreadablePolicy(`The ${name} is not valid JSON: ${parsed.errors[0]?.message ?? ''}`);
  const compiled = compilePolicy(text, { id: name, sourceType: 'none' });
  if (!compiled.ok) throw new UnreadablePolicy(`The ${name} cannot be read as a policy.`);
  return { tree: parsed.policy, compiled: compiled.policy };
}

/** A concrete value a pattern matches: wildcards become a letter, variables a plain word. */
function concrete(pattern: string): string {
  return pattern.replace(/\$\{[^}]*\}/g, 'x').replace(/[*?]/g, 'x');
}

function actionsOf(st: Statement): string[] {
  const catalogue = awsCatalogue();
  if (st.action) {
    const out = new Set<string>();
    for (const v of st.action.values) {
      const expanded = catalogue.expandAction(v.value);
      if (expanded.length === 0) out.add(v.value.toLowerCase());
      for (const a of expanded) {
        if (out.size >= MAX_ACTIONS_PER_STATEMENT) break;
        out.add(a);
      }
    }
    return [...out];
  }
  // NotAction: every catalogued action, the exclusions left out by the engine itself
  const out: string[] = [];
  for (const service of catalogue.serviceKeys())
    for (const a of catalogue.expandAction(`${service}:*`)) {
      if (out.length >= MAX_ACTIONS_PER_STATEMENT) return out;
      out.push(a);
    }
  return out;
}

function resourcesOf(st: Statement): string[] {
  if (st.resource) return st.resource.values.map((v) => (v.value === '*' ? '*' : concrete(v.value)));
  // NotResource, or no Resource (trust policies): one resource of no particular kind
  return ['*'];
}

function principalsOf(st: Statement): RequestPrincipal[] {
  if (!st.principal) return [user(SELF)];
  if (st.principal.wildcard) return [user(OUTSIDER)];
  const out: RequestPrincipal[] = [];
  for (const e of st.principal.entries)
    for (const v of e.values.values) {
      if (e.type === 'AWS') out.push(awsPrincipal(v.value));
      else if (e.type === 'Service') out.push({ type: 'Service', service: v.value });
      else if (e.type === 'Federated')
        out.push({
          type: v.value.includes('saml-provider') ? 'SAMLUser' : 'WebIdentityUser',
          federatedProvider: v.value,
        });
    }
  return out.length ? out : [user(OUTSIDER)];
}

function user(account: string): RequestPrincipal {
  return {
    type: 'User',
    arn: `arn:aws:iam::${account}:user/sample`,
    account,
    userId: 'AIDASAMPLE',
    username: 'sample',
  };
}

function awsPrincipal(value: string): RequestPrincipal {
  if (value === '*') return user(OUTSIDER);
  if (/^\d{12}$/.test(value)) return { type: 'Account', arn: `arn:aws:iam::${value}:root`, account: value };
  const account = value.split(':')[4] ?? OUTSIDER;
  if (value.endsWith(':root')) return { type: 'Account', arn: value, account };
  if (value.includes(':role/'))
    return { type: 'AssumedRole', arn: value, roleArn: concrete(value), account, userId: 'AROASAMPLE:s' };
  return { type: 'User', arn: concrete(value), account, userId: 'AIDASAMPLE' };
}

/** Contexts for a statement: none at all, and one with each condition key set to a value the policy names. */
function contextsOf(
  st: Statement,
  keep: (key: string) => boolean = () => true,
): Record<string, ContextInput>[] {
  const satisfying: Record<string, ContextInput> = {};
  for (const block of st.condition ?? []) {
    const op = block.operator.value.replace(/^(ForAllValues|ForAnyValue):/, '').replace(/IfExists$/, '');
    for (const entry of block.entries) {
      const key = entry.key.value;
      const first = entry.values[0];
      if (!first || !keep(key)) continue;
      if (/^Not|NotEquals|NotLike/.test(op) || op === 'Null') continue;
      if (/^Numeric/.test(op))
        satisfying[key] = op.includes('Less')
          ? Number(first.value) - 1
          : Number(first.value) + (op.includes('Greater') ? 1 : 0);
      else if (/^Date/.test(op)) {
        const d = new Date(/^\d+$/.test(first.value) ? Number(first.value) * 1000 : first.value);
        if (!Number.isNaN(d.getTime()))
          satisfying[key] = new Date(
            d.getTime() + (op.includes('Less') ? -1000 : op.includes('Greater') ? 1000 : 0),
          );
      } else if (op === 'Bool') satisfying[key] = first.value === 'true';
      else if (op === 'IpAddress') satisfying[key] = first.value.split('/')[0]!;
      else satisfying[key] = concrete(first.value);
    }
  }
  return Object.keys(satisfying).length ? [{}, satisfying] : [{}];
}

interface Sample {
  request: RequestInput;
  statement: Statement;
}

function* samplesOf(
  tree: Policy,
  type: AccessCheckPolicyType,
  keepKey?: (key: string) => boolean,
): Generator<Sample> {
  for (const st of tree.statements) {
    if (st.effect !== 'Allow') continue;
    const principals = type === 'RESOURCE_POLICY' ? principalsOf(st) : [user(SELF)];
    for (const action of actionsOf(st))
      for (const resource of resourcesOf(st))
        for (const principal of principals)
          for (const keys of contextsOf(st, keepKey))
            yield {
              statement: st,
              request: {
                action,
                resource,
                principal,
                resourceAccount: SELF,
                keys,
                globals: { currentTime: new Date() },
              },
            };
  }
}

/** Whether `policy` alone allows the request, as the type's verdict in the engine's explanation. */
function allows(policy: CompiledPolicy, type: AccessCheckPolicyType, request: RequestInput): boolean {
  const explained =
    type === 'IDENTITY_POLICY'
      ? explainAuthorization({ identity: [policy] }, request)
      : explainAuthorization({ identity: [], resource: policy }, request);
  return (type === 'IDENTITY_POLICY' ? explained.verdicts.identity : explained.verdicts.resource) === 'allow';
}

const reasonOf = (description: string, st: Statement): AccessCheckReason => ({
  description,
  statementIndex: st.index,
  ...(st.sid ? { statementId: st.sid.value } : {}),
});

/** CheckAccessNotGranted: FAIL when the policy allows any listed action (on any listed resource). */
export function checkAccessNotGranted(
  text: string,
  access: readonly { actions?: readonly string[]; resources?: readonly string[] }[],
  type: AccessCheckPolicyType,
): AccessCheckResult {
  const { tree, compiled } = read(text, 'policy document');
  const reasons: AccessCheckReason[] = [];
  const seen = new Set<string>();
  for (const item of access) {
    // an entry without actions asks about every action the policy names
    const actions = item.actions?.length
      ? item.actions
      : [...new Set([...samplesOf(tree, type)].map((s) => s.request.action))];
    const resources = item.resources?.length ? item.resources : ['*'];
    for (const st of tree.statements) {
      if (st.effect !== 'Allow') continue;
      for (const action of actions)
        for (const resource of resources)
          for (const principal of type === 'RESOURCE_POLICY' ? principalsOf(st) : [user(SELF)])
            for (const keys of contextsOf(st)) {
              const request: RequestInput = {
                action,
                resource,
                principal,
                resourceAccount: SELF,
                keys,
                globals: { currentTime: new Date() },
              };
              const key = `${st.index}|${action}|${resource}`;
              if (seen.has(key) || !allows(compiled, type, request)) continue;
              seen.add(key);
              reasons.push(
                reasonOf(
                  `The policy document grants access to perform ${action}${resource !== '*' ? ` on ${resource}` : ''}.`,
                  st,
                ),
              );
            }
    }
  }
  return reasons.length
    ? {
        result: 'FAIL',
        message:
          'The policy document grants access to perform one or more of the listed actions or resources.',
        reasons,
      }
    : {
        result: 'PASS',
        message: 'The policy document does not grant access to perform the listed actions or resources.',
        reasons,
      };
}

/** CheckNoNewAccess: FAIL when the new policy allows a request that the existing one does not. */
export function checkNoNewAccess(
  newText: string,
  existingText: string,
  type: AccessCheckPolicyType,
): AccessCheckResult {
  const next = read(newText, 'new policy document');
  const existing = read(existingText, 'existing policy document');
  const reasons: AccessCheckReason[] = [];
  const flagged = new Set<number>();
  for (const { request, statement } of samplesOf(next.tree, type)) {
    if (flagged.has(statement.index)) continue;
    if (!allows(next.compiled, type, request) || allows(existing.compiled, type, request)) continue;
    flagged.add(statement.index);
    reasons.push(
      reasonOf(
        `New access in the statement with index: ${statement.index}: ${request.action}${request.resource !== '*' ? ` on ${request.resource}` : ''}.`,
        statement,
      ),
    );
  }
  return reasons.length
    ? {
        result: 'FAIL',
        message: 'The modified permissions grant new access compared to your existing policy.',
        reasons,
      }
    : {
        result: 'PASS',
        message: 'The modified permissions do not grant new access compared to your existing policy.',
        reasons,
      };
}

/**
 * CheckNoPublicAccess: FAIL when the resource policy allows a caller from an unrelated account, outside
 * any organization, that sets every condition key a caller can choose (not those its identity or
 * network origin decide: aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceIp, aws:SourceVpce …).
 */
export function checkNoPublicAccess(text: string): AccessCheckResult {
  const { tree, compiled } = read(text, 'policy document');
  const reasons: AccessCheckReason[] = [];
  for (const st of tree.statements) {
    if (st.effect !== 'Allow' || !st.principal) continue;
    const stranger = user(OUTSIDER);
    const open =
      st.principal.wildcard ||
      st.principal.entries.some((e) => e.type === 'AWS' && e.values.values.some((v) => v.value === '*'));
    if (!open) continue;
    for (const action of actionsOf(st)) {
      const granted = contextsOf(st, (key) => !CALLER_BOUND_KEYS.test(key)).some((keys) =>
        allows(compiled, 'RESOURCE_POLICY', {
          action,
          resource: resourcesOf(st)[0]!,
          principal: stranger,
          resourceAccount: SELF,
          keys,
          globals: { currentTime: new Date() },
        }),
      );
      if (granted) {
        reasons.push(
          reasonOf(`Public access granted in the following statement with index: ${st.index}.`, st),
        );
        break;
      }
    }
  }
  return reasons.length
    ? {
        result: 'FAIL',
        message: 'The resource policy grants public access for the given resource type.',
        reasons,
      }
    : {
        result: 'PASS',
        message: 'The resource policy does not grant public access for the given resource type.',
        reasons,
      };
}
