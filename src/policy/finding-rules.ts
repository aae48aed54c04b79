// Owns the validation rules beyond IAM's grammar: each rule looks at a parsed policy and adds findings with a
// stable code, a one-line message saying what and where, and the source position. The analyzer reuses them.
// Modelled on IAM Access Analyzer's policy checks:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
import { splitOperator } from './condition-operator-names.ts';
import type { BaseOperator } from './condition-operator-names.ts';
import { CONDITION_OPERATORS } from './condition-operators.ts';
import { conditionKeyInfo } from './condition-keys.ts';
import type { ConditionKeyType } from './condition-keys.ts';
import { globMatches } from './glob-pattern.ts';
import { policyVersion } from './policy-tree.ts';
import type { Policy, PolicyKind, SourcePosition, Statement } from './policy-tree.ts';
import type { Finding, FindingSeverity } from './validate-policy.ts';

export type FindingRule = (policy: Policy, kind: PolicyKind, out: Finding[]) => void;

function add(
  out: Finding[],
  severity: FindingSeverity,
  code: string,
  message: string,
  path: string,
  position: SourcePosition,
): void {
  out.push({ severity, code, message, location: { path, position } });
}

const at = (st: Statement, rest = ''): string => `Statement[${st.index}]${rest}`;

/** Which key types each operator family may compare (String operators also read ARN keys). */
const FAMILY_KEY_TYPES: Readonly<Record<string, readonly ConditionKeyType[]>> = {
  String: ['String', 'ARN'],
  Arn: ['ARN'],
  Numeric: ['Numeric'],
  Date: ['Date'],
  Bool: ['Bool'],
  Binary: ['Binary'],
  IpAddress: ['IPAddress'],
  Null: ['String', 'ARN', 'Numeric', 'Date', 'Bool', 'Binary', 'IPAddress'],
};

const allowWithNotAction: FindingRule = (policy, _kind, out) => {
  for (const st of policy.statements) {
    if (
      st.effect === 'Allow' &&
      st.notAction &&
      (st.resource?.values.some((r) => r.value === '*') ?? false)
    ) {
      add(
        out,
        'security_warning',
        'allow-with-not-action',
        `${at(st)}: Allow with NotAction and Resource "*" grants every action not listed, including future ones`,
        at(st, '.NotAction'),
        st.notAction.span.start,
      );
    }
    if (st.effect === 'Allow' && st.notResource) {
      add(
        out,
        'security_warning',
        'allow-with-not-resource',
        `${at(st)}: Allow with NotResource grants the actions on every resource not listed`,
        at(st, '.NotResource'),
        st.notResource.span.start,
      );
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
      add(
        out,
        'security_warning',
        'public-principal',
        `${at(st)}: Allow to Principal "*" without a Condition grants access to anyone`,
        at(st, '.Principal'),
        p.span.start,
      );
    }
  }
};

const passRoleWithStar: FindingRule = (policy, _kind, out) => {
  for (const st of policy.statements) {
    if (st.effect !== 'Allow' || !st.action) continue;
    const passes = st.action.values.some((a) => globMatches(a.value, 'iam:passrole', true));
    if (passes && st.resource?.values.some((r) => r.value === '*')) {
      add(
        out,
        'security_warning',
        'pass-role-with-star',
        `${at(st)}: iam:PassRole with Resource "*" lets the principal pass any role to a service`,
        at(st, '.Resource'),
        st.resource.span.start,
      );
    }
  }
};

const conditionChecks: FindingRule = (policy, _kind, out) => {
  const variables = policyVersion(policy) === '2012-10-17';
  for (const st of policy.statements) {
    for (const block of st.condition ?? []) {
      const op = block.operator.value;
      const name = splitOperator(op);
      const path = at(st, `.Condition.${op}`);
      if (!name.base) {
        add(
          out,
          'error',
          'unknown-operator',
          `${path}: unknown condition operator ${op}; it never grants`,
          path,
          block.operator.span.start,
        );
        continue;
      }
      if (name.base === 'Null' && (name.ifExists || name.qualifier)) {
        add(
          out,
          'error',
          'invalid-null-operator',
          `${path}: Null takes neither IfExists nor a set operator; it never grants`,
          path,
          block.operator.span.start,
        );
      }
      if (block.entries.length === 0) {
        add(
          out,
          'suggestion',
          'empty-condition-operator',
          `${path}: the operator has no keys and constrains nothing`,
          path,
          block.span.start,
        );
      }
      const spec = CONDITION_OPERATORS[name.base as BaseOperator];
      for (const entry of block.entries) {
        const keyPath = `${path}.${entry.key.value}`;
        const info = conditionKeyInfo(entry.key.value);
        const lowerKey = entry.key.value.toLowerCase();
        if (!info && lowerKey.startsWith('aws:')) {
          add(
            out,
            'warning',
            'unknown-global-condition-key',
            `${keyPath}: ${entry.key.value} is not a global condition key`,
            keyPath,
            entry.key.span.start,
          );
        }
        if (info && !(FAMILY_KEY_TYPES[spec.family] ?? []).includes(info.type)) {
          add(
            out,
            'warning',
            'mismatched-key-type',
            `${keyPath}: ${op} compares ${spec.family} values but ${info.name} is of type ${info.type}`,
            keyPath,
            entry.key.span.start,
          );
        }
        if (info && name.qualifier && !info.multivalued) {
          add(
            out,
            'warning',
            'set-operator-on-single-valued-key',
            `${keyPath}: ${name.qualifier} is meant for multivalued keys; ${info.name} is single-valued`,
            keyPath,
            entry.key.span.start,
          );
        }
        if (info && !name.qualifier && info.multivalued && name.base !== 'Null') {
          add(
            out,
            'warning',
            'multivalued-key-without-set-operator',
            `${keyPath}: ${info.name} is multivalued; use ForAnyValue: or ForAllValues:`,
            keyPath,
            entry.key.span.start,
          );
        }
        if (st.effect === 'Allow' && name.qualifier === 'ForAllValues' && !name.ifExists) {
          add(
            out,
            'security_warning',
            'allow-for-all-values',
            `${keyPath}: ForAllValues with Allow also matches requests without the key; add a Null check`,
            keyPath,
            entry.key.span.start,
          );
        }
        for (const v of entry.values) {
          const hasVariable = v.value.includes('${');
          if (hasVariable && !spec.variables) {
            add(
              out,
              'warning',
              'variable-not-supported',
              `${keyPath}: ${spec.family} operators do not substitute policy variables; the value fails closed`,
              keyPath,
              v.span.start,
            );
            continue;
          }
          if (hasVariable && !variables) {
            add(
              out,
              'warning',
              'variable-in-old-version',
              `${keyPath}: policy variables are literal text without Version 2012-10-17`,
              keyPath,
              v.span.start,
            );
            continue;
          }
          if (!hasVariable && spec.readPolicy({ text: v.value }) === undefined) {
            add(
              out,
              'error',
              'malformed-condition-value',
              `${keyPath}: ${JSON.stringify(v.value)} is not a valid ${spec.family} value; the condition fails closed`,
              keyPath,
              v.span.start,
            );
          }
        }
      }
    }
  }
};

const resourceVariablesInOldVersion: FindingRule = (policy, _kind, out) => {
  if (policyVersion(policy) === '2012-10-17') return;
  for (const st of policy.statements) {
    for (const r of [...(st.resource?.values ?? []), ...(st.notResource?.values ?? [])]) {
      if (r.value.includes('${')) {
        add(
          out,
          'warning',
          'variable-in-old-version',
          `${at(st, '.Resource')}: policy variables are literal text without Version 2012-10-17`,
          at(st, '.Resource'),
          r.span.start,
        );
      }
    }
  }
};

const redundantActions: FindingRule = (policy, _kind, out) => {
  for (const st of policy.statements) {
    const list = st.action ?? st.notAction;
    if (!list || list.values.length < 2) continue;
    for (const a of list.values) {
      const covering = list.values.find(
        (b) => b !== a && b.value !== a.value && globMatches(b.value, a.value, true),
      );
      if (covering) {
        add(
          out,
          'suggestion',
          'redundant-action',
          `${at(st)}: ${a.value} is already covered by ${covering.value}`,
          at(st, '.Action'),
          a.span.start,
        );
      }
    }
  }
};

export const FINDING_RULES: readonly FindingRule[] = [
  allowWithNotAction,
  publicPrincipal,
  passRoleWithStar,
  conditionChecks,
  resourceVariablesInOldVersion,
  redundantActions,
];
