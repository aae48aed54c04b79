// The services every request may use (store, sealer, configuration, clock, authorizer, session keys,
// log) and one request's context as actions and the STS rules see it. A module of its own, so that
// sts/ and authz/ depend on these types without depending on api/.
import type { Sealer } from './crypto/index.ts';
import type { SessionKeyRing } from './authn/index.ts';
import type { Config, Quotas } from './config/index.ts';
import type { Clock, Principal, WarningLog } from './domain/index.ts';
import type { Store, AccessKeyUse, RoleUse } from './store/index.ts';
import type { Authorizer, RequestFacts } from './authz/index.ts';
import type { AccessActivityBuffer, AuditDelivery, AuditNotes, AuditTrail } from './audit/index.ts';

/** What handlers may use, shared by every request. */
export interface Services {
  store: Store;
  sealer: Sealer;
  config: Config;
  clock: Clock;
  /** The quotas in force for an account (server defaults with the account's overrides). */
  quotas(accountId: string): Promise<Quotas>;
  /** Access-key uses buffered but not yet written, so reads of last-used data see them at once. */
  lastUsed?: {
    peek(accessKeyId: string): AccessKeyUse | undefined;
    recordRole(use: RoleUse): void;
    peekRole(roleId: string): RoleUse | undefined;
  };
  /** The policy engine's view of requests: every authorization goes through it. */
  authorizer: Authorizer;
  /** The keys that seal and open session tokens (temporary credentials). */
  sessionKeys: SessionKeyRing;
  /** The server's log, for events an operator must see (a credential locked …); never secrets. */
  log?: WarningLog;
  /** The audit trail every call's event goes to (absent where auditing is off). */
  audit?: AuditTrail;
  /** Delivery of the audit trail as CloudTrail log and digest files (`deliverNow()` runs it at once). */
  auditDelivery?: AuditDelivery;
  /** Last-accessed data, buffered: every decision for a user or a role session updates it. */
  accessActivity?: AccessActivityBuffer;
}

/** One request as a handler sees it. */
export interface ActionContext {
  requestId: string;
  now: Date;
  /** The authenticated caller. */
  caller: Principal;
  /** The caller's account, which the action reads and changes. */
  accountId: string;
  sourceIp: string;
  /** What condition keys read from the HTTP request (time, source IP, TLS, region). */
  request: RequestFacts;
  services: Services;
  /** The request's audit event, for what only the handler knows (a federated caller, a role's account). */
  audit?: AuditNotes;
}
