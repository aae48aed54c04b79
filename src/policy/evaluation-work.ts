// Owns the bounds on what one request may ask the engine to do: the size of a request's context (the
// simulator's ContextEntries, the authorization API's `context`) and an estimate of an evaluation's work,
// in steps, with the budgets the simulator and the authorization API enforce. AWS's API model bounds only
// a ContextKeyName (5 to 256 characters) and a policy document (131,072 characters); the other limits are
// Tessera's, documented in src/policy/README.md and the README's Limits section.
import type { CompiledPolicy } from './compile-policy.ts';
import type { PolicySet } from './authorize.ts';
import type { ContextInput, PreparedRequest } from './request-context.ts';

/** The most a request's context may hold. */
export const CONTEXT_LIMITS = {
  /** Condition keys in one request. */
  keys: 100,
  /** Characters in a key's name (AWS's ContextKeyNameType maximum). */
  keyNameLength: 256,
  /** Values of one multivalued key. */
  valuesPerKey: 100,
  /** Characters in one value. */
  valueLength: 1024,
  /** Characters in all values together (each value counting its length plus one). */
  totalLength: 16_384,
} as const;

/**
 * Work budgets, in steps. One step is about one character of a value matched against 32 characters of a
 * pattern (a few nanoseconds): matching costs (pattern length / 32 + 1) × (value length + 1) steps, and
 * every statement of every policy costs `stepsPerStatement` per evaluation besides its matching.
 */
export const WORK_LIMITS = {
  stepsPerStatement: 100,
  /** One evaluation (one action on one resource): it runs without yielding, so it must stay short. */
  stepsPerEvaluation: 2_000_000,
  /** A whole simulation request: every action on every resource. */
  stepsPerRequest: 50_000_000,
  /** ActionNames in one simulation. */
  actions: 1000,
  /** ResourceArns in one simulation. */
  resources: 1000,
  /** ResourceSpecificResults in one page of simulation results (fewer actions per page past it). */
  evaluationsPerPage: 10_000,
} as const;

/** What each policy costs, gathered at compile time from its text. */
export interface PolicyWork {
  readonly statements: number;
  /** Per condition key (lower-cased): its condition values' 32-character words plus one per value. */
  readonly conditionWords: ReadonlyMap<string, number>;
  /** Per condition key: how many policy variables its values hold (each can add a value's length). */
  readonly conditionVariables: ReadonlyMap<string, number>;
  /** Resource and NotResource patterns' words plus one per pattern, and their policy variables. */
  readonly resourceWords: number;
  readonly resourceVariables: number;
}

export const wordsOf = (text: string): number => Math.ceil(text.length / 32) + 1;
export const variablesIn = (text: string): number => text.split('${').length - 1;

/** Thrown by explainAuthorization when an evaluation's estimated work is past WORK_LIMITS.stepsPerEvaluation. */
export class EvaluationWorkExceeded extends Error {
  constructor(
    readonly steps: number,
    readonly limit: number,
  ) {
    super(
      `The request's conditions and resources would take about ${steps} steps to evaluate; the limit is ${limit} steps per evaluation (shorten the context values or the policies' patterns).`,
    );
    this.name = 'EvaluationWorkExceeded';
  }
}

const scalarLength = (v: unknown): number => (v instanceof Date ? 24 : String(v).length);

/**
 * Checks a request's context against CONTEXT_LIMITS; returns what is wrong, in one line, or undefined.
 * `values` are the entries as the caller received them (a list for a multivalued key).
 */
export function contextLimitProblem(entries: Readonly<Record<string, ContextInput>>): string | undefined {
  const names = Object.keys(entries);
  if (names.length > CONTEXT_LIMITS.keys)
    return `The context has ${names.length} keys; the limit is ${CONTEXT_LIMITS.keys}.`;
  let total = 0;
  for (const name of names) {
    if (name.length > CONTEXT_LIMITS.keyNameLength)
      return `Context key ${name.slice(0, 64)}… has a name of ${name.length} characters; the limit is ${CONTEXT_LIMITS.keyNameLength} characters.`;
    const value = entries[name] as ContextInput;
    const list: readonly unknown[] = Array.isArray(value) ? value : [value];
    if (list.length > CONTEXT_LIMITS.valuesPerKey)
      return `Context key ${name} has ${list.length} values; the limit is ${CONTEXT_LIMITS.valuesPerKey}.`;
    for (const v of list) {
      const n = scalarLength(v);
      if (n > CONTEXT_LIMITS.valueLength)
        return `Context key ${name} has a value of ${n} characters; the limit is ${CONTEXT_LIMITS.valueLength} characters.`;
      total += n + 1;
    }
  }
  if (total > CONTEXT_LIMITS.totalLength)
    return `The context's values hold ${total} characters in all; the limit is ${CONTEXT_LIMITS.totalLength}.`;
  return undefined;
}

function policiesOf(set: PolicySet): CompiledPolicy[] {
  return [
    ...(set.identity ?? []),
    ...(set.boundary ? [set.boundary] : []),
    ...(set.session ?? []),
    ...(set.resource ? [set.resource] : []),
    ...(set.scp ?? []).flat(),
    ...(set.rcp ?? []).flat(),
  ];
}

/** The longest single value a policy variable could bring into a pattern for this request. */
function longestValue(req: PreparedRequest): number {
  let longest = Math.max(256, req.principal.arn?.length ?? 0);
  for (const v of Object.values(req.input.keys ?? {}))
    for (const x of Array.isArray(v) ? v : [v]) longest = Math.max(longest, scalarLength(x));
  return longest;
}

/** Characters (plus one per value) that a condition key holds in this request; 0 when it is absent. */
function keyCharacters(req: PreparedRequest, lowerKey: string): number {
  const entry = req.get(lowerKey);
  if (!entry) return 0;
  let n = 0;
  for (const v of entry.values) n += v.length + 1;
  return n;
}

/**
 * An upper estimate of one evaluation's work, in steps: every statement of every policy in the set, every
 * condition's values matched against the request's values for its key, every Resource pattern against the
 * resource. It reads the policies' compile-time summaries, so it costs a few lookups per policy.
 */
export function evaluationWork(set: PolicySet, req: PreparedRequest): number {
  const variableWords = Math.ceil(longestValue(req) / 32);
  const resourceChars = req.resource.length + 1;
  let steps = WORK_LIMITS.stepsPerStatement;
  for (const policy of policiesOf(set)) {
    const w = policy.body.work;
    steps += w.statements * WORK_LIMITS.stepsPerStatement;
    steps += (w.resourceWords + w.resourceVariables * variableWords) * resourceChars;
    for (const [key, words] of w.conditionWords) {
      const variables = w.conditionVariables.get(key) ?? 0;
      steps += (words + variables * variableWords) * (keyCharacters(req, key) + 1);
    }
  }
  return steps;
}
