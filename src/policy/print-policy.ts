// Owns printing a policy tree back to JSON text, element order canonical, shapes (string vs list, single
// statement vs list, JSON types of condition values) preserved, so that parsePolicy(printPolicy(p)) gives p back.
import type { ConditionValue, Policy, PrincipalElement, Statement, StringList } from './policy-tree.ts';

type Json = string | number | boolean | Json[] | { [key: string]: Json };

function list(l: StringList): Json {
  return l.isArray ? l.values.map((v) => v.value) : (l.values[0]?.value ?? '');
}

function principal(p: PrincipalElement): Json {
  if (p.text) return p.text.value;
  const out: { [key: string]: Json } = {};
  for (const e of p.entries) out[e.type] = list(e.values);
  return out;
}

function conditionValue(v: ConditionValue): Json {
  if (v.jsonType === 'boolean') return v.value === 'true';
  if (v.jsonType === 'number') return Number(v.value);
  return v.value;
}

function statement(st: Statement): Json {
  const out: { [key: string]: Json } = {};
  if (st.sid) out['Sid'] = st.sid.value;
  out['Effect'] = st.effectText.value;
  if (st.principal) out['Principal'] = principal(st.principal);
  if (st.notPrincipal) out['NotPrincipal'] = principal(st.notPrincipal);
  if (st.action) out['Action'] = list(st.action);
  if (st.notAction) out['NotAction'] = list(st.notAction);
  if (st.resource) out['Resource'] = list(st.resource);
  if (st.notResource) out['NotResource'] = list(st.notResource);
  if (st.condition) {
    const c: { [key: string]: Json } = {};
    for (const block of st.condition) {
      const b: { [key: string]: Json } = {};
      for (const e of block.entries) {
        const values = e.values.map(conditionValue);
        b[e.key.value] = e.isArray ? values : (values[0] ?? '');
      }
      c[block.operator.value] = b;
    }
    out['Condition'] = c;
  }
  return out;
}

/** Prints a policy as JSON (two-space indentation). Numbers print as JavaScript numbers. */
export function printPolicy(policy: Policy): string {
  const out: { [key: string]: Json } = {};
  if (policy.version) out['Version'] = policy.version.value;
  if (policy.id) out['Id'] = policy.id.value;
  const statements = policy.statements.map(statement);
  out['Statement'] = policy.statementIsArray ? statements : (statements[0] ?? {});
  return JSON.stringify(out, null, 2);
}
