// Owns the compiled form of a policy: statements indexed by action service prefix, literal action names
// hashed, wildcard patterns compiled once, resource ARNs pre-split, conditions as closures. Compiled forms are
// cached by document text (and by tree identity), so a policy compiles once however often it is attached.
import { compileArnPattern } from './arn-pattern.ts';
import type { ArnMatcher } from './arn-pattern.ts';
import { compileCondition } from './compile-condition.ts';
import { variablesIn, wordsOf } from './evaluation-work.ts';
import type { PolicyWork } from './evaluation-work.ts';
import type { ConditionTest, EvaluationTrace } from './compile-condition.ts';
import { compileGlob, hasWildcard } from './glob-pattern.ts';
import type { Matcher } from './glob-pattern.ts';
import { parsePolicy } from './parse-policy.ts';
import { policyVersion } from './policy-tree.ts';
import type { Effect, Policy, PolicyVersion, SourceSpan, Statement, StringList } from './policy-tree.ts';
import { parseTemplate, resolveTemplate } from './policy-variables.ts';
import type { Template } from './policy-variables.ts';
import { compileNotPrincipal, compilePrincipal } from './principal-match.ts';
import type { PrincipalMatcher } from './principal-match.ts';
import type { PreparedRequest } from './request-context.ts';

export interface CompiledStatement {
  readonly index: number;
  readonly sid: string | undefined;
  readonly effect: Effect;
  readonly span: SourceSpan;
  readonly matchesAction: (req: PreparedRequest) => boolean;
  readonly matchesResource: (req: PreparedRequest, trace: EvaluationTrace | undefined) => boolean;
  /** Undefined when the statement has neither Principal nor NotPrincipal (identity-style statements). */
  readonly matchesPrincipal: PrincipalMatcher | undefined;
  readonly conditions: readonly ConditionTest[];
}

/** The content-addressed part of a compiled policy (shared by every attachment of the same text). */
export interface CompiledPolicyBody {
  /** The language version the policy was compiled under (the parse tree itself is not kept: it is large). */
  readonly version: PolicyVersion;
  readonly statements: readonly CompiledStatement[];
  /** What an evaluation of this policy can cost (see evaluation-work.ts). */
  readonly work: PolicyWork;
  /** Statements that can match an action of a service, in document order (lazily filled per service). */
  candidates(service: string, serviceId: number): readonly CompiledStatement[];
}

/** A compiled policy with the identity the simulator reports for it. */
export interface CompiledPolicy {
  readonly id: string;
  /** The simulator's SourcePolicyType: user, group, role, aws-managed, user-managed, resource, none … */
  readonly sourceType: string;
  readonly body: CompiledPolicyBody;
}

const ALWAYS = (): boolean => true;

function compileActions(list: StringList): {
  test: (req: PreparedRequest) => boolean;
  services: Set<string> | undefined;
} {
  const exact = new Set<string>();
  const globs: Matcher[] = [];
  let services: Set<string> | undefined = new Set();
  for (const { value } of list.values) {
    const lower = value.toLowerCase();
    const colon = lower.indexOf(':');
    const service = colon < 0 ? lower : lower.slice(0, colon);
    if (colon < 0 || hasWildcard({ text: service })) services = undefined;
    else services?.add(service);
    if (lower === '*') {
      return { test: ALWAYS, services: undefined };
    }
    if (hasWildcard({ text: lower })) globs.push(compileGlob(lower));
    else exact.add(lower);
  }
  const test =
    globs.length === 0
      ? (req: PreparedRequest) => exact.has(req.actionLower)
      : (req: PreparedRequest) => {
          if (exact.has(req.actionLower)) return true;
          for (const g of globs) if (g(req.actionLower)) return true;
          return false;
        };
  return { test, services };
}

type ResourceTest = (req: PreparedRequest, trace: EvaluationTrace | undefined) => boolean | undefined;

/** One Resource pattern; undefined result = an unresolved variable. */
function compileResourcePattern(value: string, variables: boolean): ResourceTest {
  const template: Template = parseTemplate(value, variables);
  if (!template.hasVariables) {
    const m: ArnMatcher = compileArnPattern({ text: value });
    return (req) => m(req.resourceSegments, req.resource);
  }
  return (req, trace) => {
    const resolved = resolveTemplate(template, (k) => {
      const v = req.single(k);
      if (v === undefined && trace) {
        for (const p of template.parts)
          if (p.kind === 'var' && p.lowerKey === k) trace.missingKeys.add(p.key);
      }
      return v;
    });
    if (!resolved) return undefined;
    return compileArnPattern(resolved)(req.resourceSegments, req.resource);
  };
}

function compileResources(
  list: StringList | undefined,
  negated: boolean,
  effect: Effect,
  variables: boolean,
): CompiledStatement['matchesResource'] {
  if (!list) return ALWAYS;
  if (!negated && list.values.some((v) => v.value === '*')) return ALWAYS;
  const tests = list.values.map((v) => compileResourcePattern(v.value, variables));
  if (!negated) {
    return (req, trace) => {
      for (const t of tests) if (t(req, trace) === true) return true;
      return false;
    };
  }
  // NotResource: applies to resources it does not name. An unresolved pattern fails closed.
  return (req, trace) => {
    for (const t of tests) {
      const r = t(req, trace);
      if (r === undefined) return effect === 'Deny';
      if (r) return false;
    }
    return true;
  };
}

function compileStatement(
  st: Statement,
  variables: boolean,
): { compiled: CompiledStatement; services: Set<string> | undefined } {
  let matchesAction: (req: PreparedRequest) => boolean = () => false;
  let services: Set<string> | undefined = new Set();
  if (st.action) {
    const a = compileActions(st.action);
    matchesAction = a.test;
    services = a.services;
  } else if (st.notAction) {
    const a = compileActions(st.notAction);
    matchesAction = (req) => !a.test(req);
    services = undefined;
  }
  const matchesResource = st.resource
    ? compileResources(st.resource, false, st.effect, variables)
    : compileResources(st.notResource, true, st.effect, variables);
  const matchesPrincipal = st.principal
    ? compilePrincipal(st.principal)
    : st.notPrincipal
      ? compileNotPrincipal(st.notPrincipal)
      : undefined;
  const conditions: ConditionTest[] = [];
  for (const block of st.condition ?? []) {
    for (const entry of block.entries) {
      conditions.push(
        compileCondition(
          { operator: block.operator.value, key: entry.key.value, values: entry.values },
          st.effect,
          variables,
        ),
      );
    }
  }
  return {
    compiled: {
      index: st.index,
      sid: st.sid?.value,
      effect: st.effect,
      span: st.span,
      matchesAction,
      matchesResource,
      matchesPrincipal,
      conditions,
    },
    services,
  };
}

/** The policy's work summary: its patterns' sizes by condition key, and its Resource patterns'. */
function policyWork(policy: Policy, variables: boolean): PolicyWork {
  const conditionWords = new Map<string, number>();
  const conditionVariables = new Map<string, number>();
  let resourceWords = 0;
  let resourceVariables = 0;
  const vars = (text: string) => (variables ? variablesIn(text) : 0);
  for (const st of policy.statements) {
    for (const r of (st.resource ?? st.notResource)?.values ?? []) {
      resourceWords += wordsOf(r.value);
      resourceVariables += vars(r.value);
    }
    for (const block of st.condition ?? [])
      for (const entry of block.entries) {
        const key = entry.key.value.toLowerCase();
        let words = conditionWords.get(key) ?? 0;
        let count = conditionVariables.get(key) ?? 0;
        for (const v of entry.values) {
          words += wordsOf(v.value);
          count += vars(v.value);
        }
        conditionWords.set(key, words);
        conditionVariables.set(key, count);
      }
  }
  return {
    statements: policy.statements.length,
    conditionWords,
    conditionVariables,
    resourceWords,
    resourceVariables,
  };
}

/** Compiles a parsed policy (no caching; see compilePolicy). */
export function compilePolicyBody(policy: Policy): CompiledPolicyBody {
  const variables = policyVersion(policy) === '2012-10-17';
  const statements: CompiledStatement[] = [];
  const byService = new Map<string, CompiledStatement[]>();
  const anyService: CompiledStatement[] = [];
  for (const st of policy.statements) {
    const { compiled, services } = compileStatement(st, variables);
    statements.push(compiled);
    if (!services) anyService.push(compiled);
    else
      for (const s of services) {
        const list = byService.get(s);
        if (list) list.push(compiled);
        else byService.set(s, [compiled]);
      }
  }
  const bySlot: (readonly CompiledStatement[] | undefined)[] = [];
  const merge = (service: string): readonly CompiledStatement[] => {
    const own = byService.get(service);
    return own ? [...own, ...anyService].sort((a, b) => a.index - b.index) : anyService;
  };
  return {
    version: policyVersion(policy),
    statements,
    work: policyWork(policy, variables),
    candidates(service, slot) {
      if (slot < 0) return merge(service);
      let list = bySlot[slot];
      if (list === undefined) {
        list = merge(service);
        bySlot[slot] = list;
      }
      return list;
    },
  };
}

/**
 * The cache is bounded by the policy text it holds, not by a count: a compiled policy takes about
 * twenty bytes of heap per source character, so 8 M characters stay near 160 MB even when every
 * policy is at the size limit (and hold some 16,000 policies of a typical 500 characters).
 */
const MAX_CACHED_CHARACTERS = 8_000_000;
const byText = new Map<string, CompiledPolicyBody>();
const byTree = new WeakMap<Policy, CompiledPolicyBody>();
let cachedCharacters = 0;

function remember(text: string, body: CompiledPolicyBody): void {
  cachedCharacters += text.length;
  byText.set(text, body);
  while (cachedCharacters > MAX_CACHED_CHARACTERS && byText.size > 1) {
    const oldest = byText.keys().next();
    if (oldest.done) break;
    cachedCharacters -= oldest.value.length;
    byText.delete(oldest.value);
  }
}

export interface CompileOptions {
  readonly id: string;
  readonly sourceType?: string;
}

export type CompileResult = { ok: true; policy: CompiledPolicy } | { ok: false; message: string };

/**
 * Compiles a policy from its text or its parsed tree, reusing an earlier compilation of the same content.
 * Text that does not parse is refused (validation is the caller's: see checkPolicyDocument).
 */
export function compilePolicy(source: string | Policy, options: CompileOptions): CompileResult {
  let body: CompiledPolicyBody | undefined;
  if (typeof source === 'string') {
    body = byText.get(source);
    if (body) textHits++;
    else {
      textMisses++;
      const parsed = parsePolicy(source);
      if (!parsed.ok) return { ok: false, message: parsed.errors[0]?.message ?? 'unparseable policy' };
      body = compilePolicyBody(parsed.policy);
      remember(source, body);
    }
  } else {
    body = byTree.get(source);
    if (!body) {
      body = compilePolicyBody(source);
      byTree.set(source, body);
    }
  }
  return { ok: true, policy: { id: options.id, sourceType: options.sourceType ?? 'none', body } };
}

/** Like compilePolicy, for text known to be valid; throws a TypeError otherwise. */
export function compilePolicyOrThrow(source: string | Policy, options: CompileOptions): CompiledPolicy {
  const r = compilePolicy(source, options);
  if (!r.ok) throw new TypeError(`policy ${options.id} does not parse: ${r.message}`);
  return r.policy;
}

let textHits = 0;
let textMisses = 0;

/** The compiled-policy cache (process-wide, keyed by policy text): its size and how often it served. */
export function compiledPolicyCacheStats(): {
  entries: number;
  characters: number;
  hits: number;
  misses: number;
} {
  return { entries: byText.size, characters: cachedCharacters, hits: textHits, misses: textMisses };
}

/** Drops every cached compilation (for tests and memory pressure). */
export function clearCompiledPolicyCache(): void {
  byText.clear();
  cachedCharacters = 0;
}
