// Owns the validation rules beyond IAM's grammar: each rule looks at a parsed policy and adds findings with a
// stable code, a one-line message saying what and where, and the source position. The analyzer reuses them.
// Modelled on IAM Access Analyzer's policy checks:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
// The rules that need the catalogue of real actions and condition keys live in catalogue-rules.ts.
import { catalogueFindings } from './catalogue-rules.ts';
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
    if (st.effect === 'Allow' && st.notAction) {
      const everywhere = st.resource?.values.some((r) => r.value === '*') ?? false;
      add(
        out,
        'security_warning',
        'allow-with-not-action',
        everywhere
          ? `${at(st)}: Allow with NotAction and Resource "*" grants every action not listed, including future ones`
          : `${at(st)}: Allow with NotAction grants every action not listed on the resources, including future ones`,
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

/** `"*"`, or a role ARN whose name is all wildcard (`arn:aws:iam::*:role/*`). */
const isStarResource = (r: string): boolean => r === '*' || /:role\/\*$/.test(r);

const PASS_ROLE_ADVICE =
  'We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.';

const passRoleWithStar: FindingRule = (policy, _kind, out) => {
  for (const st of policy.statements) {
    if (st.effect !== 'Allow' || !st.resource) continue;
    const star = st.resource.values.find((r) => isStarResource(r.value));
    if (!star) continue;
    const scoped = (st.condition ?? []).some((b) =>
      b.entries.some((e) => e.key.value.toLowerCase() === 'iam:passedtoservice'),
    );
    if (scoped) continue;
    const path = at(st, '.Resource');
    if (st.action) {
      const passes = st.action.values.filter((a) => globMatches(a.value.toLowerCase(), 'iam:passrole'));
      if (passes.length === 0) continue;
      if (passes.some((a) => a.value.toLowerCase() === 'iam:passrole')) {
        add(
          out,
          'security_warning',
          'pass-role-with-star-in-resource',
          `Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive because it allows iam:PassRole permissions on multiple resources. ${PASS_ROLE_ADVICE}`,
          path,
          star.span.start,
        );
      } else {
        add(
          out,
          'security_warning',
          'pass-role-with-star-in-action-and-resource',
          `Using wildcards (*) in the action and the resource can be overly permissive because it allows iam:PassRole permissions on all resources. ${PASS_ROLE_ADVICE}`,
          path,
          star.span.start,
        );
      }
    } else if (
      st.notAction &&
      !st.notAction.values.some((a) => globMatches(a.value.toLowerCase(), 'iam:passrole'))
    ) {
      add(
        out,
        'security_warning',
        'pass-role-with-star-in-resource-and-not-action',
        `Using a resource with wildcards (*) and NotAction can be overly permissive because it allows iam:PassRole permissions on all resources. ${PASS_ROLE_ADVICE}`,
        path,
        star.span.start,
      );
    }
  }
};

const conditionChecks: FindingRule = (policy, _kind, out) => {
  const variables = policyVersion(policy) === '2012-10-17';
  for (const st of policy.statements) {
    if (st.condition?.length === 0) {
      add(
        out,
        'suggestion',
        'empty-object-condition',
        'This condition block is empty and it does not affect the policy. Specify conditions.',
        at(st, '.Condition'),
        st.span.start,
      );
    }
    for (const block of st.condition ?? []) {
      const op = block.operator.value;
      const name = splitOperator(op);
      const path = at(st, `.Condition.${op}`);
      if (!name.base) {
        add(
          out,
          'error',
          'invalid-condition-operator',
          `${path}: the condition operator ${op} is not valid; it never grants`,
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
        if (info && !(FAMILY_KEY_TYPES[spec.family] ?? []).includes(info.type)) {
          add(
            out,
            'warning',
            'type-mismatch',
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

export const FINDING_RULES: readonly FindingRule[] = [
  allowWithNotAction,
  publicPrincipal,
  passRoleWithStar,
  conditionChecks,
  resourceVariablesInOldVersion,
  (policy, kind, out) => catalogueFindings(policy, kind, out),
];
