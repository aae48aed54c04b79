// Owns the validation rules beyond IAM's grammar: each rule looks at a parsed policy and adds findings.
import type { Policy, PolicyKind } from './policy-tree.ts';
import type { Finding } from './validate-policy.ts';

export type FindingRule = (policy: Policy, kind: PolicyKind, out: Finding[]) => void;

const allowAllWithNotAction: FindingRule = (policy, _kind, out) => {
  for (const st of policy.statements) {
    if (st.effect === 'Allow' && st.notAction && st.resource?.values.some((r) => r.value === '*')) {
      out.push({
        severity: 'security_warning',
        code: 'allow-with-not-action',
        message:
          'Allow with NotAction and Resource "*" grants every action not listed, including future ones',
        location: { path: `Statement[${st.index}].NotAction`, position: st.notAction.span.start },
      });
    }
  }
};

const publicPrincipal: FindingRule = (policy, kind, out) => {
  if (kind !== 'resource' && kind !== 'trust') return;
  for (const st of policy.statements) {
    const p = st.principal;
    if (st.effect !== 'Allow' || !p || st.condition) continue;
    const open =
      p.wildcard || p.entries.some((e) => e.type === 'AWS' && e.values.values.some((v) => v.value === '*'));
    if (open) {
      out.push({
        severity: 'security_warning',
        code: 'public-principal',
        message: 'Allow to Principal "*" without a Condition grants access to anyone',
        location: { path: `Statement[${st.index}].Principal`, position: p.span.start },
      });
    }
  }
};

export const FINDING_RULES: readonly FindingRule[] = [allowAllWithNotAction, publicPrincipal];
