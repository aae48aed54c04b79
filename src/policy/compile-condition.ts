// Owns turning one condition (operator, key, values) into a closure over a prepared request: AWS's rules for
// missing keys, IfExists, Null, the ForAnyValue:/ForAllValues: set qualifiers, OR across values and NOR for
// negated operators. Anything the engine cannot understand fails closed: an Allow never applies because of it,
// a Deny always does. Per
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html and
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
import { splitOperator } from './condition-operator-names.ts';
import { CONDITION_OPERATORS } from './condition-operators.ts';
import type { OperatorSpec } from './condition-operators.ts';
import { parseTemplate, resolveTemplate } from './policy-variables.ts';
import type { Template } from './policy-variables.ts';
import type { ConditionValue, Effect } from './policy-tree.ts';
import type { PreparedRequest } from './request-context.ts';

/** Collects what an explained evaluation learns: keys the request lacked. */
export interface EvaluationTrace {
  readonly missingKeys: Set<string>;
}

export type ConditionTest = (req: PreparedRequest, trace: EvaluationTrace | undefined) => boolean;

type Spec = OperatorSpec<unknown, unknown>;

export interface ConditionSource {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly ConditionValue[];
}

/** Compiles a condition for a statement with the given effect (which decides how failing closed looks). */
export function compileCondition(
  source: ConditionSource,
  effect: Effect,
  variablesEnabled: boolean,
): ConditionTest {
  const failClosed = effect === 'Deny';
  const invalid: ConditionTest = () => failClosed;
  const name = splitOperator(source.operator);
  if (!name.base) return invalid;
  const spec: Spec = CONDITION_OPERATORS[name.base];
  const key = source.key;
  const lowerKey = key.toLowerCase();

  if (name.base === 'Null') {
    if (name.ifExists || name.qualifier) return invalid;
    const wanted: boolean[] = [];
    for (const v of source.values) {
      const b = spec.readPolicy({ text: v.value });
      if (b === undefined) return invalid;
      wanted.push(b as boolean);
    }
    return (req, trace) => {
      const e = req.get(lowerKey);
      const isNull = !e || e.values.length === 0;
      // absent is an answer for Null, but still a key the request lacked (the simulator lists it)
      if (!e && trace) trace.missingKeys.add(key);
      return wanted.includes(isNull);
    };
  }

  const statics: unknown[] = [];
  const templates: Template[] = [];
  for (const v of source.values) {
    const t = spec.variables ? parseTemplate(v.value, variablesEnabled) : parseTemplate(v.value, false);
    if (t.hasVariables) templates.push(t);
    else {
      const p = spec.readPolicy({ text: v.value });
      if (p === undefined) return invalid;
      statics.push(p);
    }
  }

  const { negated } = spec;
  const { qualifier, ifExists } = name;
  const onMissing =
    ifExists || qualifier === 'ForAllValues' ? true : qualifier === 'ForAnyValue' ? false : negated;

  const policyValues = (req: PreparedRequest, trace: EvaluationTrace | undefined): unknown[] | undefined => {
    if (templates.length === 0) return statics;
    const out = statics.slice();
    for (const t of templates) {
      const resolved = resolveTemplate(t, (k) => {
        const v = req.single(k);
        if (v === undefined && trace) trace.missingKeys.add(originalKey(t, k));
        return v;
      });
      if (!resolved) continue; // an unresolved variable matches nothing
      const p = spec.readPolicy(resolved);
      if (p === undefined) return undefined;
      out.push(p);
    }
    return out;
  };

  return (req, trace) => {
    const e = req.get(lowerKey);
    if (!e) {
      if (trace) {
        trace.missingKeys.add(key);
        policyValues(req, trace); // the variables in the values are missing too, if they are
      }
      return onMissing;
    }
    const ps = policyValues(req, trace);
    if (!ps) return failClosed;
    const test = spec.test;
    // Context values are read once per request and operator family (memo on the entry).
    let ctx = e.parsedBy === spec.readContext ? e.parsed : undefined;
    if (!ctx) {
      const read: unknown[] = [];
      for (const raw of e.values) {
        const c = spec.readContext(raw);
        if (c === undefined) return failClosed;
        read.push(c);
      }
      ctx = read;
      e.parsedBy = spec.readContext;
      e.parsed = read;
    }
    // Loops rather than closures: this runs on the hot path.
    if (qualifier === 'ForAllValues') {
      for (let i = 0; i < ctx.length; i++) {
        let hit = false;
        for (let j = 0; j < ps.length && !hit; j++) hit = test(ctx[i], ps[j]);
        if (hit === negated) return false;
      }
      return true;
    }
    let any = false;
    for (let i = 0; i < ctx.length; i++) {
      let hit = false;
      for (let j = 0; j < ps.length && !hit; j++) hit = test(ctx[i], ps[j]);
      if (qualifier === 'ForAnyValue') {
        if (hit !== negated) any = true;
      } else if (hit) any = true;
    }
    if (qualifier === 'ForAnyValue') return any;
    return any !== negated;
  };
}

function originalKey(t: Template, lowerKey: string): string {
  for (const p of t.parts) if (p.kind === 'var' && p.lowerKey === lowerKey) return p.key;
  return lowerKey;
}
