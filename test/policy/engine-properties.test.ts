// Property and differential tests: the compiled engine agrees with the reference evaluator on generated policy
// sets and requests; a matching Deny anywhere always wins; printing and re-parsing gives the policy back;
// the parser never throws on any input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  authorize,
  checkPolicyDocument,
  compilePolicyOrThrow,
  parsePolicy,
  printPolicy,
  validatePolicy,
} from '../../src/policy/index.ts';
import type {
  CompiledPolicy,
  Policy,
  PolicySet,
  RequestInput,
  RequestPrincipal,
} from '../../src/policy/index.ts';
import { referenceDecision } from './reference-evaluator.ts';
import type { ReferencePolicySet } from './reference-evaluator.ts';

const A1 = '111122223333';
const A2 = '444455556666';

const PRINCIPALS: RequestPrincipal[] = [
  { type: 'User', arn: `arn:aws:iam::${A1}:user/alice`, account: A1, username: 'alice' },
  {
    type: 'AssumedRole',
    arn: `arn:aws:sts::${A1}:assumed-role/app/s1`,
    roleArn: `arn:aws:iam::${A1}:role/app`,
    account: A1,
  },
  { type: 'User', arn: `arn:aws:iam::${A2}:user/carol`, account: A2, username: 'carol' },
  { type: 'Account', arn: `arn:aws:iam::${A1}:root`, account: A1 },
  {
    type: 'FederatedUser',
    arn: `arn:aws:sts::${A1}:federated-user/fed`,
    parentUserArn: `arn:aws:iam::${A1}:user/alice`,
    account: A1,
  },
  { type: 'Anonymous' },
  { type: 'Service', service: 'ec2.amazonaws.com' },
];

const ACTIONS = [
  's3:GetObject',
  's3:PutObject',
  's3:ListBucket',
  'ec2:DescribeInstances',
  'iam:CreateUser',
  'sqs:SendMessage',
];
const ACTION_PATTERNS = [
  ...ACTIONS,
  's3:*',
  's3:Get*',
  '*',
  's?s:*',
  'ec2:Describe*',
  'IAM:create*',
  '*:*Object',
];
const RESOURCES = [
  'arn:aws:s3:::bucket-a/key1',
  'arn:aws:s3:::bucket-b/dir/key2',
  `arn:aws:sqs:us-east-1:${A1}:q1`,
  `arn:aws:ec2:eu-west-1:${A1}:instance/i-1`,
  `arn:aws:sqs:us-east-1:${A2}:q2`,
  '*',
];
const RESOURCE_PATTERNS = [
  ...RESOURCES.slice(0, 5),
  '*',
  'arn:aws:s3:::bucket-*/*',
  'arn:aws:s3:::bucket-a/*',
  `arn:aws:*:*:${A1}:*`,
  'arn:aws:sqs:*:*:q?',
  'arn:aws:ec2:*',
];
const KEYS = ['custom:k1', 'custom:k2', 'aws:SecureTransport'];
const KEY_VALUES = ['red', 'blue', 'r*', '?lue', 'true', 'false'];
const PRINCIPAL_ELEMENTS: unknown[] = [
  '*',
  { AWS: '*' },
  { AWS: A1 },
  { AWS: `arn:aws:iam::${A2}:root` },
  { AWS: `arn:aws:iam::${A1}:user/alice` },
  { AWS: `arn:aws:iam::${A1}:role/app` },
  { AWS: [`arn:aws:sts::${A1}:assumed-role/app/s1`, `arn:aws:iam::${A2}:user/carol`] },
];

const stringOrList = (items: fc.Arbitrary<string>): fc.Arbitrary<string | string[]> =>
  fc.oneof(items, fc.array(items, { minLength: 1, maxLength: 3 }));

const keyValues = (
  values: readonly string[],
  keys: readonly string[] = KEYS,
): fc.Arbitrary<Record<string, string | string[]>> =>
  fc.dictionary(fc.constantFrom(...keys), stringOrList(fc.constantFrom(...values)), {
    minKeys: 1,
    maxKeys: 2,
  });

// Bool and Null take only true/false here: malformed values fail closed, which the reference does not model.
const condition = fc
  .record(
    {
      StringEquals: keyValues(KEY_VALUES),
      StringNotEquals: keyValues(KEY_VALUES),
      StringLike: keyValues(KEY_VALUES),
      Bool: keyValues(['true', 'false'], ['aws:SecureTransport']),
      Null: keyValues(['true', 'false']),
    },
    { requiredKeys: [] },
  )
  .filter((c) => Object.keys(c).length > 0);

function statement(withPrincipal: boolean): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
      notAction: fc.boolean(),
      actions: stringOrList(fc.constantFrom(...ACTION_PATTERNS)),
      notResource: fc.boolean(),
      resources: stringOrList(fc.constantFrom(...RESOURCE_PATTERNS)),
      principal: fc.constantFrom(...PRINCIPAL_ELEMENTS),
      notPrincipal: fc.boolean(),
      condition: fc.option(condition, { freq: 3 }),
    })
    .map((s) => {
      const st: Record<string, unknown> = { Effect: s.effect };
      if (withPrincipal)
        st[s.notPrincipal && s.effect === 'Deny' ? 'NotPrincipal' : 'Principal'] = s.principal;
      st[s.notAction ? 'NotAction' : 'Action'] = s.actions;
      st[s.notResource ? 'NotResource' : 'Resource'] = s.resources;
      if (s.condition) st['Condition'] = s.condition;
      return st;
    });
}

const policyDoc = (withPrincipal: boolean): fc.Arbitrary<string> =>
  fc
    .array(statement(withPrincipal), { minLength: 1, maxLength: 4 })
    .map((Statement) => JSON.stringify({ Version: '2012-10-17', Statement }));

interface Generated {
  identity: string[];
  boundary: string | null;
  session: string[];
  resource: string | null;
  resourcePolicyRequired: boolean;
  scp: string[][];
  rcp: string[][];
}

const policySet: fc.Arbitrary<Generated> = fc.record({
  identity: fc.array(policyDoc(false), { maxLength: 3 }),
  boundary: fc.option(policyDoc(false), { freq: 4 }),
  session: fc.array(policyDoc(false), { maxLength: 1 }),
  resource: fc.option(policyDoc(true), { freq: 2 }),
  resourcePolicyRequired: fc.boolean(),
  scp: fc.array(fc.array(policyDoc(false), { minLength: 1, maxLength: 2 }), { maxLength: 2 }),
  rcp: fc.array(fc.array(policyDoc(true), { minLength: 1, maxLength: 2 }), { maxLength: 1 }),
});

const request: fc.Arbitrary<RequestInput> = fc
  .record({
    action: fc.constantFrom(...ACTIONS),
    resource: fc.constantFrom(...RESOURCES),
    principal: fc.constantFrom(...PRINCIPALS),
    keys: fc.record(
      {
        'custom:k1': stringOrList(fc.constantFrom('red', 'blue', 'true', 'false')),
        'custom:k2': stringOrList(fc.constantFrom('red', 'blue', 'true', 'false')),
        'aws:SecureTransport': fc.constantFrom('true', 'false'),
      },
      { requiredKeys: [] },
    ),
  })
  .map((r) => ({ action: r.action, resource: r.resource, principal: r.principal, keys: r.keys }));

let counter = 0;
const compile = (text: string): CompiledPolicy => compilePolicyOrThrow(text, { id: `p${counter++}` });
function tree(text: string): Policy {
  const r = parsePolicy(text);
  if (!r.ok) throw new Error('generated policy does not parse');
  return r.policy;
}

function engineSet(g: Generated): PolicySet {
  return {
    identity: g.identity.map(compile),
    ...(g.boundary ? { boundary: compile(g.boundary) } : {}),
    session: g.session.map(compile),
    ...(g.resource ? { resource: compile(g.resource) } : {}),
    resourcePolicyRequired: g.resourcePolicyRequired && g.resource !== null,
    scp: g.scp.map((l) => l.map(compile)),
    rcp: g.rcp.map((l) => l.map(compile)),
  };
}

function referenceSet(g: Generated): ReferencePolicySet {
  return {
    identity: g.identity.map(tree),
    ...(g.boundary ? { boundary: tree(g.boundary) } : {}),
    session: g.session.map(tree),
    ...(g.resource ? { resource: tree(g.resource) } : {}),
    resourcePolicyRequired: g.resourcePolicyRequired && g.resource !== null,
    scp: g.scp.map((l) => l.map(tree)),
    rcp: g.rcp.map((l) => l.map(tree)),
  };
}

/** Strips source spans so that trees can be compared for content. */
function content(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(content);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== 'span' && k !== 'typeSpan') out[k] = content(v);
    return out;
  }
  return value;
}

describe('the compiled engine', () => {
  it('agrees with the reference evaluator on 10,000 generated policy sets and requests', () => {
    fc.assert(
      fc.property(policySet, request, (g, req) => {
        const fast = authorize(engineSet(g), req).decision;
        const reference = referenceDecision(referenceSet(g), req);
        expect(fast).toBe(reference);
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);

  it('answers ExplicitDeny whenever a matching Deny is added to any policy of any type', () => {
    fc.assert(
      fc.property(policySet, request, fc.nat(), (g, req, where) => {
        const deny = { Effect: 'Deny', Action: req.action, Resource: req.resource };
        const withDeny = (text: string, principal = false): string => {
          const doc = JSON.parse(text) as { Statement: unknown[] };
          const at = where % (doc.Statement.length + 1);
          doc.Statement.splice(at, 0, principal ? { ...deny, Principal: '*' } : deny);
          return JSON.stringify(doc);
        };
        // Every place a policy sits: each identity policy, the boundary, the session policies, the
        // resource policy, each SCP and RCP at each level, or a new identity policy when there is none.
        const clone = (): Generated => ({
          ...g,
          identity: [...g.identity],
          session: [...g.session],
          scp: g.scp.map((l) => [...l]),
          rcp: g.rcp.map((l) => [...l]),
        });
        const places: (() => Generated)[] = [];
        g.identity.forEach((_, i) =>
          places.push(() => {
            const n = clone();
            n.identity[i] = withDeny(g.identity[i] as string);
            return n;
          }),
        );
        if (g.boundary) places.push(() => ({ ...clone(), boundary: withDeny(g.boundary as string) }));
        if (g.session.length > 0)
          places.push(() => ({ ...clone(), session: g.session.map((x) => withDeny(x)) }));
        if (g.resource) places.push(() => ({ ...clone(), resource: withDeny(g.resource as string, true) }));
        g.scp.forEach((level, l) =>
          level.forEach((_, i) =>
            places.push(() => {
              const n = clone();
              (n.scp[l] as string[])[i] = withDeny(level[i] as string);
              return n;
            }),
          ),
        );
        g.rcp.forEach((level, l) =>
          level.forEach((_, i) =>
            places.push(() => {
              const n = clone();
              (n.rcp[l] as string[])[i] = withDeny(level[i] as string, true);
              return n;
            }),
          ),
        );
        const next =
          places.length === 0
            ? { ...clone(), identity: [JSON.stringify({ Version: '2012-10-17', Statement: [deny] })] }
            : (places[where % places.length] as () => Generated)();
        expect(authorize(engineSet(next), req).decision).toBe('ExplicitDeny');
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);
});

describe('printing and parsing', () => {
  it('gives the policy back when a printed policy is parsed again', () => {
    fc.assert(
      fc.property(fc.oneof(policyDoc(false), policyDoc(true)), (text) => {
        const first = tree(text);
        const again = tree(printPolicy(first));
        expect(content(again)).toEqual(content(first));
      }),
      { numRuns: 2_000 },
    );
  }, 60_000);
});

describe('the parser', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(() => parsePolicy(text)).not.toThrow();
        expect(() => checkPolicyDocument(text, 'identity')).not.toThrow();
      }),
      { numRuns: 2_000 },
    );
  }, 60_000);

  it('never throws on arbitrary JSON, and answers with a message when it refuses', () => {
    fc.assert(
      fc.property(
        fc.json({ maxDepth: 4 }),
        fc.constantFrom('identity', 'resource', 'trust', 'scp'),
        (text, kind) => {
          const r = checkPolicyDocument(text, kind);
          if (!r.ok) expect(r.message.length).toBeGreaterThan(0);
          expect(() => validatePolicy(text, kind)).not.toThrow();
        },
      ),
      { numRuns: 2_000 },
    );
  }, 60_000);

  it('never throws on policy-shaped JSON with mutated values', () => {
    const anyJson = fc.jsonValue({ maxDepth: 2 });
    const mutated = fc
      .record({
        Version: fc.oneof(fc.constant('2012-10-17'), anyJson),
        Statement: fc.oneof(
          fc.array(
            fc.record(
              {
                Sid: anyJson,
                Effect: fc.oneof(fc.constantFrom('Allow', 'Deny', 'allow'), anyJson),
                Action: fc.oneof(stringOrList(fc.constantFrom(...ACTION_PATTERNS)), anyJson),
                Resource: fc.oneof(stringOrList(fc.constantFrom(...RESOURCE_PATTERNS)), anyJson),
                Principal: anyJson,
                Condition: fc.oneof(condition, anyJson),
              },
              { requiredKeys: [] },
            ),
          ),
          anyJson,
        ),
      })
      .map((d) => JSON.stringify(d));
    fc.assert(
      fc.property(mutated, fc.constantFrom('identity', 'resource', 'trust'), (text, kind) => {
        const parsed = parsePolicy(text);
        checkPolicyDocument(text, kind);
        if (parsed.ok) {
          const compiled = compile(text);
          const req: RequestInput = {
            action: 's3:GetObject',
            resource: '*',
            principal: PRINCIPALS[0] as RequestPrincipal,
          };
          expect(() => authorize({ identity: [compiled] }, req)).not.toThrow();
        }
      }),
      { numRuns: 2_000 },
    );
  }, 60_000);
});
