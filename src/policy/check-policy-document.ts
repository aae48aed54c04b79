// Owns IAM's acceptance check for a policy document: the first grammar problem, in IAM's order of checks,
// reported with IAM's exact MalformedPolicyDocument message.
import { splitOperator } from './condition-operator-names.ts';
import { MALFORMED } from './malformed-policy-messages.ts';
import { parsePolicy } from './parse-policy.ts';
import type {
  Policy,
  PolicyKind,
  SourcePosition,
  SourceSpan,
  Statement,
  StringList,
  StringValue,
} from './policy-tree.ts';
import { PARTITIONS, principalValueIsValid } from './principal-format.ts';

export type PolicyCheckResult =
  | { ok: true; policy: Policy }
  /** `position` says where the problem is, when IAM's check is about one place (IAM itself does not say). */
  | { ok: false; message: string; position?: SourcePosition };

const IAM_PATH_STARTS = [
  'user/',
  'federated-user/',
  'role/',
  'group/',
  'instance-profile/',
  'mfa/',
  'server-certificate/',
  'policy/',
  'sms-mfa/',
  'saml-provider/',
  'oidc-provider/',
  'report/',
  'access-report/',
] as const;

/** STS actions IAM accepts in a role trust policy. */
export const TRUST_POLICY_ACTIONS: ReadonlySet<string> = new Set([
  'sts:AssumeRole',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
  'sts:DecodeAuthorizationMessage',
  'sts:GetAccessKeyInfo',
  'sts:GetCallerIdentity',
  'sts:GetFederationToken',
  'sts:GetServiceBearerToken',
  'sts:GetSessionToken',
  'sts:SetSourceIdentity',
  'sts:TagSession',
]);

interface KindRules {
  /** IAM refuses anything but 2012-10-17 (CreatePolicy for managed and inline identity policies). */
  readonly requireVersion2012: boolean;
  readonly principal: 'forbidden' | 'required-resource' | 'required-trust';
  readonly requireResources: boolean;
  readonly trust: boolean;
}

const RULES: Readonly<Record<PolicyKind, KindRules>> = {
  identity: { requireVersion2012: true, principal: 'forbidden', requireResources: true, trust: false },
  boundary: { requireVersion2012: true, principal: 'forbidden', requireResources: true, trust: false },
  session: { requireVersion2012: false, principal: 'forbidden', requireResources: true, trust: false },
  scp: { requireVersion2012: false, principal: 'forbidden', requireResources: true, trust: false },
  resource: {
    requireVersion2012: false,
    principal: 'required-resource',
    requireResources: true,
    trust: false,
  },
  rcp: { requireVersion2012: false, principal: 'required-resource', requireResources: true, trust: false },
  trust: { requireVersion2012: false, principal: 'required-trust', requireResources: false, trust: true },
};

class Malformed {
  constructor(
    readonly message: string,
    readonly span: SourceSpan | undefined,
  ) {}
}

function fail(message: string, span?: SourceSpan): never {
  throw new Malformed(message, span);
}

function values(list: StringList | undefined): readonly string[] {
  return list ? list.values.map((v) => v.value) : [];
}

// --- legacy parser: case-sensitive Effect, parseable date condition values, resource shapes -------------

function inRange(text: string | undefined, lo: number, hi: number): boolean {
  if (text === undefined || !/^[+-]?\d+$/.test(text.trim())) return false;
  const n = Number(text.trim());
  return n >= lo && n <= hi;
}

function legacyIsoDate(value: string): boolean {
  const lower = value.toLowerCase();
  const t = lower.indexOf('t');
  let date = t < 0 ? lower : lower.slice(0, t);
  const clock = t < 0 ? '' : lower.slice(t + 1);
  const negative = date.startsWith('-');
  if (negative) date = date.slice(1);
  const parts = date.split('-');
  if (!inRange((negative ? '-' : '') + (parts[0] ?? ''), -292275054, 292278993)) return false;
  if (parts.length > 1 && !inRange(parts[1], 1, 12)) return false;
  if (parts.length > 2 && !inRange(parts[2], 1, 31)) return false;
  if (parts.length > 3) return false;
  const tp = clock.split(':');
  if ((tp[0] ?? '') !== '' && !inRange(tp[0], 0, 23)) return false;
  if (tp.length > 1 && !inRange(tp[1], 0, 59)) return false;
  if (tp.length > 2) {
    let secs = tp.slice(2).join(':');
    const z = secs.indexOf('z');
    const plus = secs.indexOf('+');
    if (z >= 0) {
      if (z !== secs.length - 1) return false;
      secs = secs.slice(0, z);
    } else if (plus >= 0) {
      const zone = secs.slice(plus + 1);
      secs = secs.slice(0, plus);
      const [zh, zm] = zone.split(':');
      if (zh === undefined || zh.length !== 2 || !inRange(zh, 0, 23)) return false;
      if (zm !== undefined && (zm.length !== 2 || !inRange(zm, 0, 59))) return false;
    }
    const dot = secs.indexOf('.');
    if (!inRange(dot < 0 ? secs : secs.slice(0, dot), 0, 59)) return false;
    if (dot >= 0 && !inRange(secs.slice(dot + 1), 0, 999999999)) return false;
  }
  return true;
}

function legacyDateValue(value: string): boolean {
  if (value.toLowerCase().includes('t') || value.includes('-')) return legacyIsoDate(value);
  if (!/^\s*\+?\d+\s*$/.test(value)) return false;
  return BigInt(value.trim()) <= 9223372036854775807n;
}

function legacyResource(resource: string): boolean {
  if (resource === '*') return true;
  const colons = resource.split(':').length - 1;
  if (colons < 5 && resource.includes('::')) return false;
  const third = resource.split(':')[2];
  return third !== undefined && third !== '';
}

function stripOperator(op: string): string {
  return splitOperator(op).baseText;
}

/** The first format error of a resource ARN, in IAM's words, or undefined. */
export function resourceFormatError(resource: string): string | undefined {
  if (resource === '*') return undefined;
  const c1 = resource.indexOf(':');
  if (c1 < 0) return MALFORMED.resourceNotArn(resource);
  const afterArn = resource.slice(c1 + 1);
  const c2 = afterArn.indexOf(':');
  const partition = c2 < 0 ? afterArn : afterArn.slice(0, c2);
  const rest = c2 < 0 ? '' : afterArn.slice(c2 + 1);
  if (partition !== '*' && !PARTITIONS.has(partition)) {
    const rem = rest.split(':');
    const at = (i: number): string => rem[i] ?? '*';
    const a1 = rem[0] === '' && rem.length === 1 ? '*' : at(0);
    const a4 = rem.length > 3 ? rem.slice(3).join(':') : '*';
    return MALFORMED.partitionInvalid(partition, `arn:${partition}:${a1}:${at(1)}:${at(2)}:${a4}`);
  }
  if (c2 < 0) return MALFORMED.vendorNotQualified;
  const c3 = rest.indexOf(':');
  const service = c3 < 0 ? rest : rest.slice(0, c3);
  const afterService = c3 < 0 ? '' : rest.slice(c3 + 1);
  const afterRegion = afterService.slice(afterService.indexOf(':') + 1);
  const resourceId = afterRegion.includes(':') ? afterRegion.slice(afterRegion.indexOf(':') + 1) : '';
  if ((service === 'iam' || service === 's3') && !afterService.startsWith(':')) {
    if (!(service === 's3' && resourceId.startsWith('accesspoint/'))) {
      return service === 'iam' ? MALFORMED.iamRegion(resource) : MALFORMED.s3Region(resource);
    }
  }
  if (service === 'iam' && !IAM_PATH_STARTS.some((p) => resourceId.startsWith(p)) && resourceId !== 'root') {
    return MALFORMED.iamPath(IAM_PATH_STARTS);
  }
  return undefined;
}

function legacyParsing(statements: readonly Statement[]): { message: string; span: SourceSpan | undefined } {
  for (const st of statements) {
    if (st.effectText.value !== 'Allow' && st.effectText.value !== 'Deny')
      fail(MALFORMED.legacyParsing, st.effectText.span);
    for (const block of st.condition ?? []) {
      if (!stripOperator(block.operator.value).startsWith('Date')) continue;
      for (const entry of block.entries)
        for (const v of entry.values) if (!legacyDateValue(v.value)) fail(MALFORMED.legacyParsing, v.span);
    }
  }
  // IAM reports the last format error it meets (resources of a list in reverse order), after legacy parsing.
  let resourceError = { message: '', span: undefined as SourceSpan | undefined };
  for (const key of ['resource', 'notResource'] as const) {
    for (const st of statements) {
      const list = st[key];
      if (!list) continue;
      const sorted = list.isArray
        ? [...list.values].sort((a, b) => (a.value < b.value ? 1 : a.value > b.value ? -1 : 0))
        : list.values;
      for (const r of sorted) {
        const message = resourceFormatError(r.value);
        if (message !== undefined) resourceError = { message, span: r.span };
      }
      if (resourceError.message === '' && !values(list).every(legacyResource))
        fail(MALFORMED.legacyParsing, list.span);
    }
  }
  return resourceError;
}

function actionPrefix(action: StringValue): void {
  const parts = action.value.split(':');
  if (parts.length === 1 && parts[0] !== '*') fail(MALFORMED.actionWithoutVendor, action.span);
  if (parts.length > 2) fail(MALFORMED.actionColons, action.span);
  const vendor = parts[0] ?? '';
  if (vendor !== '*' && /[^a-zA-Z0-9.-]/.test(vendor)) fail(MALFORMED.vendorInvalid(vendor), action.span);
}

function present(list: StringList | undefined, notList: StringList | undefined): boolean {
  if (list) return !list.isArray || list.values.length > 0;
  if (notList) return !notList.isArray || notList.values.length > 0;
  return false;
}

function checkPrincipals(statements: readonly Statement[], rules: KindRules): void {
  for (const st of statements) {
    const hasPrincipal = st.principal !== undefined || st.notPrincipal !== undefined;
    if (rules.principal === 'forbidden') {
      if (hasPrincipal) fail(MALFORMED.principalNotAllowed, (st.principal ?? st.notPrincipal)?.span);
    } else if (!hasPrincipal) {
      fail(
        rules.principal === 'required-trust' ? MALFORMED.trustWithoutPrincipal : MALFORMED.missingPrincipal,
        st.span,
      );
    }
  }
}

function checkPrincipalValues(statements: readonly Statement[]): void {
  for (const st of statements) {
    for (const element of [st.principal, st.notPrincipal]) {
      if (!element) continue;
      if (element.text && !element.wildcard)
        fail(MALFORMED.invalidPrincipal('AWS', element.text.value), element.span);
      if (!element.wildcard && element.entries.length === 0)
        fail(MALFORMED.trustWithoutPrincipal, element.span);
      for (const entry of element.entries) {
        if (entry.values.isArray && entry.values.values.length === 0)
          fail(MALFORMED.invalidPrincipal(entry.type, ''), entry.values.span);
        for (const v of entry.values.values)
          if (!principalValueIsValid(entry.type, v.value))
            fail(MALFORMED.invalidPrincipal(entry.type, v.value), v.span);
      }
    }
  }
}

function runChecks(policy: Policy, kind: PolicyKind): void {
  const rules = RULES[kind];
  const statements = policy.statements;
  // IAM's grammar knows the operators: an unknown one with keys under it is a syntax error.
  for (const st of statements)
    for (const block of st.condition ?? [])
      if (block.entries.length > 0 && !splitOperator(block.operator.value).base)
        fail(MALFORMED.syntax, block.operator.span);
  if (rules.requireVersion2012 && policy.version?.value !== '2012-10-17')
    fail(MALFORMED.version, (policy.version ?? policy).span);
  checkPrincipals(statements, rules);
  const resourceError = legacyParsing(statements);
  const sids = new Set<string>();
  for (const st of statements) {
    const sid = st.sid?.value;
    if (!sid) continue;
    if (sids.has(sid)) fail(MALFORMED.duplicateSid, st.sid?.span);
    sids.add(sid);
  }
  for (const st of statements) if (!present(st.action, st.notAction)) fail(MALFORMED.missingActions, st.span);
  if (resourceError.message !== '') fail(resourceError.message, resourceError.span);
  for (const key of ['action', 'notAction'] as const)
    for (const st of statements) for (const a of st[key]?.values ?? []) actionPrefix(a);
  if (rules.requireResources)
    for (const st of statements)
      if (!present(st.resource, st.notResource)) fail(MALFORMED.missingResources, st.span);
  if (rules.trust) {
    for (const st of statements)
      if (!st.action || !values(st.action).every((a) => TRUST_POLICY_ACTIONS.has(a)))
        fail(MALFORMED.trustActions, (st.action ?? st.notAction ?? st).span);
    for (const st of statements)
      if (st.resource || st.notResource) fail(MALFORMED.trustResource, (st.resource ?? st.notResource)?.span);
  }
  checkPrincipalValues(statements);
}

/**
 * Decides whether IAM would accept `text` as a policy of `kind`, answering with IAM's exact
 * MalformedPolicyDocument message for the first problem. Size limits are the caller's. Never throws.
 */
export function checkPolicyDocument(text: string, kind: PolicyKind): PolicyCheckResult {
  const parsed = parsePolicy(text);
  if (!parsed.ok) return { ok: false, message: MALFORMED.syntax };
  try {
    runChecks(parsed.policy, kind);
  } catch (error) {
    if (error instanceof Malformed) {
      return error.span
        ? { ok: false, message: error.message, position: error.span.start }
        : { ok: false, message: error.message };
    }
    return { ok: false, message: MALFORMED.syntax };
  }
  return { ok: true, policy: parsed.policy };
}
