// The policy parser as a fuzz target: the corpus's policy documents (and trust and resource policies)
// with random JSON edits, with text edits of their JSON, or random bytes, given to parsePolicy,
// checkPolicyDocument and validatePolicy for every policy kind. None may throw; every refusal is a
// one-line message (IAM's MalformedPolicyDocument text) or a finding pointing inside the document.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { checkPolicyDocument, parsePolicy, validatePolicy } from '../../../src/policy/index.ts';
import type { PolicyKind } from '../../../src/policy/policy-tree.ts';
import {
  describeThrown,
  expectShape,
  type FuzzTarget,
  type Outcome,
  UnexpectedFailure,
} from './fuzz-target.ts';
import { mutatedJson, mutatedText, randomUtf8 } from './mutations.ts';

const KINDS: PolicyKind[] = ['identity', 'resource', 'trust', 'boundary', 'session', 'scp', 'rcp'];
const SEVERITIES = new Set(['error', 'security_warning', 'warning', 'suggestion']);
const CORPUS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../policy/corpus');

const HANDWRITTEN: unknown[] = [
  {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::123456789012:root', Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'sts:ExternalId': 'x' },
          Bool: { 'aws:MultiFactorAuthPresent': 'true' },
        },
      },
    ],
  },
  {
    Version: '2012-10-17',
    Id: 'bucket',
    Statement: [
      {
        Sid: 'S1',
        Effect: 'Deny',
        NotPrincipal: { AWS: ['arn:aws:iam::123456789012:user/a', '*'] },
        NotAction: ['s3:Get*'],
        NotResource: 'arn:aws:s3:::b/${aws:username}/*',
        Condition: {
          'ForAnyValue:StringLike': { 'aws:TagKeys': ['a*', '?b'] },
          IpAddressIfExists: { 'aws:SourceIp': ['10.0.0.0/8', '::1/128'] },
        },
      },
    ],
  },
  { Version: '2008-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } },
];

/** Every policy document of the corpus, plus a few trust and resource policies. */
export function seedPolicies(): unknown[] {
  const found: unknown[] = [...HANDWRITTEN];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'document' && x && typeof x === 'object') found.push(x);
        else walk(x);
      }
    }
  };
  for (const file of readdirSync(CORPUS).filter((f) => f.endsWith('.json')))
    walk(JSON.parse(readFileSync(path.join(CORPUS, file), 'utf8')));
  return found;
}

const JSON_TOKENS = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  '\\',
  '\\u0000',
  '\\ud800',
  '\\"',
  'null',
  'true',
  '1e999',
  '-0',
  '"Statement"',
  '"Effect"',
  '"Allow"',
  '"Condition"',
  '"Principal"',
  '"*"',
  '/*',
  '\ufeff',
  ' ',
  '\n',
];

export interface PolicyInput {
  kind: PolicyKind;
  text: string;
}

export function policyInputs(): fc.Arbitrary<PolicyInput> {
  const seeds = seedPolicies();
  const seed = fc.constantFrom(...seeds);
  const text = fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(mutatedJson(seed), fc.boolean())
        .map(([doc, pretty]) => JSON.stringify(doc, null, pretty ? 2 : undefined) ?? 'undefined'),
    },
    {
      weight: 4,
      arbitrary: mutatedText(
        seed.map((d) => JSON.stringify(d)),
        JSON_TOKENS,
      ),
    },
    { weight: 1, arbitrary: randomUtf8 },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('[', '{"a":', '{"Statement":['), fc.integer({ min: 1, max: 5000 }))
        .map(([open, n]) => open.repeat(n)),
    },
  );
  return fc.record({ kind: fc.constantFrom(...KINDS), text });
}

function insideText(offset: number, text: string): boolean {
  return Number.isInteger(offset) && offset >= 0 && offset <= text.length;
}

/** Parses, checks and validates one document; none of it may throw. */
export function runPolicy(input: PolicyInput): Outcome {
  const { text, kind } = input;
  let parsed, checked, findings;
  try {
    parsed = parsePolicy(text);
    checked = checkPolicyDocument(text, kind);
    findings = validatePolicy(text, kind);
  } catch (err) {
    throw new UnexpectedFailure(`threw ${describeThrown(err)}`, input, { cause: err });
  }
  if (!parsed.ok) {
    expectShape(parsed.errors.length > 0, 'a failed parse with no error', input);
    for (const e of parsed.errors)
      expectShape(insideText(e.position.offset, text), `parse error at ${e.position.offset}`, input);
  }
  expectShape(!checked.ok || parsed.ok, 'checkPolicyDocument accepts what parsePolicy refuses', input);
  if (!checked.ok) {
    // IAM's messages quote the offending value as written (a resource, a principal), newlines included
    expectShape(typeof checked.message === 'string' && checked.message.length > 0, 'an empty message', input);
    if (checked.position)
      expectShape(
        insideText(checked.position.offset, text),
        `message position ${checked.position.offset}`,
        input,
      );
  }
  for (const f of findings) {
    expectShape(
      SEVERITIES.has(f.severity) && /^[a-z0-9.-]+$/.test(f.code),
      `finding ${f.severity} ${f.code}`,
      input,
    );
    expectShape(
      typeof f.message === 'string' && f.message.length > 0,
      `finding message ${JSON.stringify(f.message)}`,
      input,
    );
    expectShape(
      insideText(f.location.position.offset, text),
      `finding at ${f.location.position.offset}`,
      input,
    );
  }
  expectShape(
    !checked.ok || !findings.some((f) => f.code.startsWith('syntax.')),
    'accepted by IAM yet a syntax finding',
    input,
  );
  return checked.ok ? { accepted: true } : { accepted: false, code: 'MalformedPolicyDocument' };
}

export function policyTarget(): FuzzTarget<PolicyInput> {
  return {
    name: 'Policy parser (parsePolicy, checkPolicyDocument, validatePolicy)',
    inputs: policyInputs(),
    run: runPolicy,
  };
}
