// Owns the typed request context: who asks (the principal), for what (action, resource), and the condition
// keys, global and service-specific. Derived keys (aws:PrincipalArn, aws:username, aws:PrincipalTag/…,
// aws:CurrentTime …) are computed on first use and remembered, so a decision that reads no keys pays nothing.
import { splitArn } from './arn-pattern.ts';
import type { ArnSegments } from './arn-pattern.ts';
import { conditionKeyInfo } from './condition-keys.ts';

export type ContextScalar = string | number | boolean | Date;
export type ContextInput = ContextScalar | readonly ContextScalar[];

/** aws:PrincipalType values, plus the callers of AssumeRoleWithWebIdentity / AssumeRoleWithSAML and services. */
export type PrincipalKind =
  | 'Account'
  | 'User'
  | 'AssumedRole'
  | 'FederatedUser'
  | 'Anonymous'
  | 'Service'
  | 'WebIdentityUser'
  | 'SAMLUser';

export interface RequestPrincipal {
  readonly type: PrincipalKind;
  /** The requester: user ARN, assumed-role session ARN, account root ARN, federated-user ARN. */
  readonly arn?: string;
  readonly account?: string;
  /** For role sessions: the role's ARN (with its path). It is aws:PrincipalArn. */
  readonly roleArn?: string;
  /** For GetFederationToken sessions: the IAM user who federated. */
  readonly parentUserArn?: string;
  readonly userId?: string;
  readonly username?: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly orgId?: string;
  readonly orgPaths?: readonly string[];
  /** For service principals: `ec2.amazonaws.com` … */
  readonly service?: string;
  /** For web identity and SAML callers: the provider (ARN or host) named by `Federated`. */
  readonly federatedProvider?: string;
  readonly canonicalUser?: string;
}

/** The global condition keys with their natural types; anything else goes in `keys`. */
export interface GlobalConditionValues {
  readonly currentTime?: Date;
  readonly sourceIp?: string;
  readonly secureTransport?: boolean;
  readonly multiFactorAuthPresent?: boolean;
  readonly multiFactorAuthAge?: number;
  readonly requestedRegion?: string;
  readonly calledVia?: readonly string[];
  readonly viaAWSService?: boolean;
  readonly requestTags?: Readonly<Record<string, string>>;
  readonly resourceTags?: Readonly<Record<string, string>>;
  readonly tokenIssueTime?: Date;
  readonly sourceIdentity?: string;
  readonly sourceArn?: string;
  readonly sourceAccount?: string;
  readonly sourceVpc?: string;
  readonly sourceVpce?: string;
  readonly userAgent?: string;
  readonly federatedProvider?: string;
  /** True for a session made by AssumeRoot (aws:AssumedRoot); absent otherwise. */
  readonly assumedRoot?: boolean;
  /** The organization of the resource's account (aws:ResourceOrgID). */
  readonly resourceOrgId?: string;
  /** The resource account's path in its organization (aws:ResourceOrgPaths). */
  readonly resourceOrgPaths?: readonly string[];
}

export interface RequestInput {
  readonly action: string;
  /** The resource ARN, or `*` for actions without resource-level permissions. */
  readonly resource: string;
  readonly principal: RequestPrincipal;
  /** The account that owns the resource; defaults to the ARN's account, else the principal's. */
  readonly resourceAccount?: string;
  readonly globals?: GlobalConditionValues;
  /** Any condition key by name (e.g. `iam:PassedToService`, `sts:ExternalId`, `s3:prefix`); wins over derived keys. */
  readonly keys?: Readonly<Record<string, ContextInput>>;
  /**
   * Only `keys` are in the context: nothing is derived from the principal or the globals. IAM's policy
   * simulator works so — a key the caller did not send is missing, whatever the simulated principal.
   */
  readonly givenKeysOnly?: boolean;
}

export interface ContextEntry {
  readonly values: readonly string[];
  readonly multivalued: boolean;
  /** A one-slot memo of the values read by one operator family (see compile-condition.ts). */
  parsedBy?: unknown;
  parsed?: readonly unknown[] | undefined;
}

type Deriver = (r: RequestInput) => ContextInput | undefined;

const epochSeconds = (d: Date): string => String(Math.floor(d.getTime() / 1000));

/** Keys derived from the principal and the typed globals, by lower-cased name. */
const DERIVED: ReadonlyMap<string, Deriver> = new Map<string, Deriver>([
  ['aws:principalarn', (r) => (r.principal.type === 'AssumedRole' ? r.principal.roleArn : r.principal.arn)],
  ['aws:principalaccount', (r) => r.principal.account],
  [
    'aws:principaltype',
    (r) =>
      ['Account', 'User', 'AssumedRole', 'FederatedUser', 'Anonymous'].includes(r.principal.type)
        ? r.principal.type
        : undefined,
  ],
  ['aws:userid', (r) => r.principal.userId],
  ['aws:username', (r) => (r.principal.type === 'User' ? r.principal.username : undefined)],
  ['aws:principalorgid', (r) => r.principal.orgId],
  ['aws:principalorgpaths', (r) => r.principal.orgPaths],
  ['aws:principalisawsservice', (r) => r.principal.type === 'Service'],
  ['aws:principalservicename', (r) => r.principal.service],
  ['aws:currenttime', (r) => r.globals?.currentTime?.toISOString()],
  ['aws:epochtime', (r) => (r.globals?.currentTime ? epochSeconds(r.globals.currentTime) : undefined)],
  ['aws:sourceip', (r) => r.globals?.sourceIp],
  ['aws:securetransport', (r) => r.globals?.secureTransport],
  ['aws:multifactorauthpresent', (r) => r.globals?.multiFactorAuthPresent],
  ['aws:multifactorauthage', (r) => r.globals?.multiFactorAuthAge],
  ['aws:requestedregion', (r) => r.globals?.requestedRegion],
  ['aws:calledvia', (r) => r.globals?.calledVia],
  ['aws:calledviafirst', (r) => r.globals?.calledVia?.[0]],
  ['aws:calledvialast', (r) => r.globals?.calledVia?.at(-1)],
  ['aws:viaawsservice', (r) => r.globals?.viaAWSService],
  ['aws:tagkeys', (r) => (r.globals?.requestTags ? Object.keys(r.globals.requestTags) : undefined)],
  ['aws:tokenissuetime', (r) => r.globals?.tokenIssueTime?.toISOString()],
  ['aws:sourceidentity', (r) => r.globals?.sourceIdentity],
  ['aws:sourcearn', (r) => r.globals?.sourceArn],
  ['aws:sourceaccount', (r) => r.globals?.sourceAccount],
  ['aws:sourcevpc', (r) => r.globals?.sourceVpc],
  ['aws:sourcevpce', (r) => r.globals?.sourceVpce],
  ['aws:useragent', (r) => r.globals?.userAgent],
  ['aws:federatedprovider', (r) => r.globals?.federatedProvider ?? r.principal.federatedProvider],
  ['aws:assumedroot', (r) => r.globals?.assumedRoot],
  ['aws:resourceaccount', (r) => resourceAccountOf(r)],
  ['aws:resourceorgid', (r) => r.globals?.resourceOrgId],
  ['aws:resourceorgpaths', (r) => r.globals?.resourceOrgPaths],
]);

/** Tag-derived keys: prefix → the tag map it reads (tag keys compare case-insensitively). */
const TAG_SOURCES: readonly [string, (r: RequestInput) => Readonly<Record<string, string>> | undefined][] = [
  ['aws:principaltag/', (r) => r.principal.tags],
  ['aws:requesttag/', (r) => r.globals?.requestTags],
  ['aws:resourcetag/', (r) => r.globals?.resourceTags],
  ['iam:resourcetag/', (r) => r.globals?.resourceTags],
];

/** The account an ARN names (its fifth colon-separated field), without splitting the whole ARN; undefined when empty (S3) or absent. */
export function arnAccount(arn: string): string | undefined {
  let from = 0;
  for (let i = 0; i < 4; i++) {
    const c = arn.indexOf(':', from);
    if (c < 0) return undefined;
    from = c + 1;
  }
  const end = arn.indexOf(':', from);
  return end < 0 || end === from ? undefined : arn.slice(from, end);
}

function resourceAccountOf(r: RequestInput): string | undefined {
  return r.resourceAccount || arnAccount(r.resource) || r.principal.account;
}

function scalarText(v: ContextScalar): string {
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

function toEntry(lowerKey: string, v: ContextInput): ContextEntry {
  if (Array.isArray(v)) return { values: (v as readonly ContextScalar[]).map(scalarText), multivalued: true };
  const info = conditionKeyInfo(lowerKey);
  return { values: [scalarText(v as ContextScalar)], multivalued: info?.multivalued ?? false };
}

function lookupTag(tags: Readonly<Record<string, string>> | undefined, tagKey: string): string | undefined {
  if (!tags) return undefined;
  // own properties only: a tag key such as `constructor` must not find Object.prototype's
  const exact = Object.hasOwn(tags, tagKey) ? tags[tagKey] : undefined;
  if (exact !== undefined) return exact;
  for (const k of Object.keys(tags)) if (k.toLowerCase() === tagKey) return tags[k];
  return undefined;
}

const SERVICE_IDS = new Map<string, number>();
const MAX_SERVICE_IDS = 4096;

/** A small integer per service prefix, so compiled policies index candidates by array slot; -1 past the cap. */
export function serviceId(service: string): number {
  let id = SERVICE_IDS.get(service);
  if (id === undefined) {
    if (SERVICE_IDS.size >= MAX_SERVICE_IDS) return -1;
    id = SERVICE_IDS.size;
    SERVICE_IDS.set(service, id);
  }
  return id;
}

/**
 * A request ready for evaluation: action lower-cased and split, resource split once,
 * condition keys looked up lazily (and remembered).
 */
export class PreparedRequest {
  readonly action: string;
  /** Lower-cased action, `service:name`. */
  readonly actionLower: string;
  /** Lower-cased service prefix. */
  readonly service: string;
  /** The service prefix's slot (see serviceId). */
  readonly serviceId: number;
  readonly resource: string;
  readonly principal: RequestPrincipal;
  readonly resourceAccount: string | undefined;
  private explicit: Map<string, ContextEntry> | undefined;
  private cache: Map<string, ContextEntry | null> | undefined;

  constructor(readonly input: RequestInput) {
    this.action = input.action;
    this.actionLower = input.action.toLowerCase();
    const colon = this.actionLower.indexOf(':');
    this.service = colon < 0 ? this.actionLower : this.actionLower.slice(0, colon);
    this.serviceId = serviceId(this.service);
    this.resource = input.resource;
    this.principal = input.principal;
    this.resourceAccount = input.resourceAccount || resourceAccountOf(input);
  }

  private segments: ArnSegments | undefined;

  /** The resource ARN split once into its segments (on first use). */
  get resourceSegments(): ArnSegments {
    return (this.segments ??= splitArn(this.resource));
  }

  /** The context entry for a condition key (lower-cased name), or undefined when the request lacks it. */
  get(lowerKey: string): ContextEntry | undefined {
    const cache = (this.cache ??= new Map());
    const cached = cache.get(lowerKey);
    if (cached !== undefined) return cached ?? undefined;
    const entry = this.compute(lowerKey);
    cache.set(lowerKey, entry ?? null);
    return entry;
  }

  /** A single value for policy-variable substitution; multivalued keys do not substitute. */
  single(lowerKey: string): string | undefined {
    const e = this.get(lowerKey);
    if (!e || e.multivalued || e.values.length !== 1) return undefined;
    return e.values[0];
  }

  private compute(lowerKey: string): ContextEntry | undefined {
    const keys = this.input.keys;
    if (keys) {
      if (!this.explicit) {
        this.explicit = new Map();
        for (const [k, v] of Object.entries(keys))
          this.explicit.set(k.toLowerCase(), toEntry(k.toLowerCase(), v));
      }
      const e = this.explicit.get(lowerKey);
      if (e) return e;
    }
    if (this.input.givenKeysOnly) return undefined;
    const derive = DERIVED.get(lowerKey);
    if (derive) {
      const v = derive(this.input);
      return v === undefined ? undefined : toEntry(lowerKey, v);
    }
    for (const [prefix, source] of TAG_SOURCES) {
      if (lowerKey.startsWith(prefix)) {
        const v = lookupTag(source(this.input), lowerKey.slice(prefix.length));
        return v === undefined ? undefined : { values: [v], multivalued: false };
      }
    }
    return undefined;
  }
}

export function prepareRequest(input: RequestInput): PreparedRequest {
  return new PreparedRequest(input);
}
