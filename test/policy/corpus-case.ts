// Reads the JSON corpus under test/policy/corpus: evaluation cases (policies by type, a request, the expected
// decision and deciding statements), compact condition cases, and validation cases (IAM's messages).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compilePolicyOrThrow } from '../../src/policy/index.ts';
import type {
  CompiledPolicy,
  GlobalConditionValues,
  PolicyKind,
  PolicySet,
  RequestInput,
  RequestPrincipal,
} from '../../src/policy/index.ts';

export interface PolicyJson {
  readonly id: string;
  readonly document: unknown;
  readonly sourceType?: string;
}

export interface EvaluationCase {
  readonly type?: 'evaluation';
  readonly name: string;
  readonly doc: string;
  readonly policies: {
    readonly identity?: readonly PolicyJson[];
    readonly boundary?: PolicyJson;
    readonly session?: readonly PolicyJson[];
    readonly resource?: PolicyJson;
    readonly resourcePolicyRequired?: boolean;
    readonly scp?: readonly (readonly PolicyJson[])[];
    readonly rcp?: readonly (readonly PolicyJson[])[];
  };
  readonly request: {
    readonly action: string;
    readonly resource: string;
    readonly principal?: RequestPrincipal;
    readonly resourceAccount?: string;
    readonly globals?: Record<string, unknown>;
    readonly keys?: Record<string, string | number | boolean | readonly (string | number | boolean)[]>;
  };
  readonly expect: {
    readonly decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
    /** `policyId#Sid` (or `policyId#index` for statements without a Sid). */
    readonly deciding?: readonly string[];
    readonly reason?: { readonly policyType: string; readonly explicit: boolean };
    readonly missing?: readonly string[];
  };
}

export interface ConditionCase {
  readonly type: 'condition';
  readonly name: string;
  readonly doc: string;
  readonly version?: string;
  readonly condition: Record<string, Record<string, unknown>>;
  readonly keys?: Record<string, string | number | boolean | readonly (string | number | boolean)[]>;
  readonly principal?: RequestPrincipal;
  readonly resource?: string;
  /** Whether the condition holds. */
  readonly matches: boolean;
  /** The condition is malformed or reads a value of the wrong type: an Allow never applies, a Deny always does. */
  readonly failsClosed?: boolean;
}

export interface ValidationCase {
  readonly type: 'validation';
  readonly name: string;
  readonly doc: string;
  readonly kind: PolicyKind;
  readonly document: unknown;
  /** IAM's MalformedPolicyDocument message, or null when IAM accepts the document. */
  readonly message: string | null;
}

export type CorpusCase = EvaluationCase | ConditionCase | ValidationCase;

export interface CorpusFile {
  readonly file: string;
  readonly cases: readonly CorpusCase[];
}

const DIR = join(import.meta.dirname, 'corpus');

export function loadCorpus(): CorpusFile[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const json = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { doc?: string; cases: CorpusCase[] };
      const cases = json.cases.map((c) => ({ ...c, doc: c.doc ?? json.doc ?? '' }) as CorpusCase);
      return { file, cases };
    });
}

export const DEFAULT_PRINCIPAL: RequestPrincipal = {
  type: 'User',
  arn: 'arn:aws:iam::111122223333:user/alice',
  account: '111122223333',
  username: 'alice',
  userId: 'AIDAEXAMPLEALICE00001',
};

function text(doc: unknown): string {
  return typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2);
}

function compile(p: PolicyJson): CompiledPolicy {
  return compilePolicyOrThrow(text(p.document), { id: p.id, sourceType: p.sourceType ?? 'none' });
}

export function policySetOf(c: EvaluationCase): PolicySet {
  const p = c.policies;
  const set: { -readonly [K in keyof PolicySet]: PolicySet[K] } = {};
  if (p.identity) set.identity = p.identity.map(compile);
  if (p.boundary) set.boundary = compile(p.boundary);
  if (p.session) set.session = p.session.map(compile);
  if (p.resource) set.resource = compile(p.resource);
  if (p.resourcePolicyRequired) set.resourcePolicyRequired = true;
  if (p.scp) set.scp = p.scp.map((level) => level.map(compile));
  if (p.rcp) set.rcp = p.rcp.map((level) => level.map(compile));
  return set;
}

const DATE_GLOBALS = new Set(['currentTime', 'tokenIssueTime']);

export function requestOf(c: EvaluationCase): RequestInput {
  const r = c.request;
  let globals: GlobalConditionValues | undefined;
  if (r.globals) {
    const g: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r.globals)) g[k] = DATE_GLOBALS.has(k) ? new Date(v as string) : v;
    globals = g as GlobalConditionValues;
  }
  return {
    action: r.action,
    resource: r.resource,
    principal: r.principal ?? DEFAULT_PRINCIPAL,
    ...(r.resourceAccount ? { resourceAccount: r.resourceAccount } : {}),
    ...(globals ? { globals } : {}),
    ...(r.keys ? { keys: r.keys } : {}),
  };
}

/** A condition case as an evaluation: one identity policy allowing s3:GetObject under the condition. */
export function conditionAsEvaluation(c: ConditionCase): EvaluationCase {
  return {
    name: c.name,
    doc: c.doc,
    policies: {
      identity: [
        {
          id: 'policy',
          document: {
            Version: c.version ?? '2012-10-17',
            Statement: [
              {
                Sid: 'Conditional',
                Effect: 'Allow',
                Action: 's3:GetObject',
                Resource: '*',
                Condition: c.condition,
              },
            ],
          },
        },
      ],
    },
    request: {
      action: 's3:GetObject',
      resource: c.resource ?? 'arn:aws:s3:::bucket/key',
      ...(c.principal ? { principal: c.principal } : {}),
      ...(c.keys ? { keys: c.keys } : {}),
    },
    expect: { decision: c.matches && !c.failsClosed ? 'Allow' : 'ImplicitDeny' },
  };
}

/** The same condition guarding a Deny on top of an allow-all: the Deny applies exactly when the condition holds. */
export function conditionAsDeny(c: ConditionCase): EvaluationCase {
  return {
    name: `${c.name} (as a Deny)`,
    doc: c.doc,
    policies: {
      identity: [
        {
          id: 'policy',
          document: {
            Version: c.version ?? '2012-10-17',
            Statement: [
              { Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' },
              {
                Sid: 'Conditional',
                Effect: 'Deny',
                Action: 's3:GetObject',
                Resource: '*',
                Condition: c.condition,
              },
            ],
          },
        },
      ],
    },
    request: {
      action: 's3:GetObject',
      resource: c.resource ?? 'arn:aws:s3:::bucket/key',
      ...(c.principal ? { principal: c.principal } : {}),
      ...(c.keys ? { keys: c.keys } : {}),
    },
    expect: { decision: c.matches || c.failsClosed ? 'ExplicitDeny' : 'Allow' },
  };
}

export function documentText(doc: unknown): string {
  return text(doc);
}
