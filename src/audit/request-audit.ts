// One request's event, built as the request goes: the endpoint sets what the HTTP request and the
// caller say; a handler adds what only it knows (the federated caller of an unsigned call, the role
// it acted on, another account that must see the event). When the call changes something, the event
// is written inside that change's transaction (the store handed to the handler does it); otherwise it
// is queued when the call ends. A cross-account call yields one record per account, sharing an id.
import { newOrderedUuid } from '../crypto/index.ts';
import type { Principal } from '../domain/index.ts';
import type { Repos, Store } from '../store/index.ts';
import { auditRecordOf, type LookupResource } from './audit-rows.ts';
import type { AuditTrail } from './audit-trail.ts';
import {
  type CloudTrailEvent,
  EVENT_VERSION,
  type EventResource,
  type EventType,
  type TlsDetails,
  type UserIdentity,
} from './cloudtrail-event.ts';
import { isReadOnly } from './read-only.ts';
import { eventTimeString } from './event-dates.ts';
import { userIdentityOf } from './user-identity.ts';

/** What a handler may add to its request's event. */
export interface AuditNotes {
  /** The caller of an unsigned call, known once the token or assertion is read. */
  identify(identity: UserIdentity): void;
  /** Another account whose trail must hold the event too (the account of a role assumed there). */
  alsoRecordIn(accountId: string): void;
  /** A resource the call acted on, for the record's `resources` (AssumeRole's role, say). */
  resource(resource: EventResource): void;
  /** The record's additionalEventData. */
  additionalEventData(data: Record<string, unknown>): void;
  /**
   * A request parameter CloudTrail records that the request did not name: the transitive tags a
   * chained session brings (`incomingTransitiveTags`), a SAML assertion's id and tags.
   */
  requestParameter(name: string, value: unknown): void;
}

/** What the endpoint knows of a request before the handler runs. */
export interface RequestFactsForAudit {
  eventSource: string;
  eventName: string;
  at: Date;
  region: string;
  sourceIp: string;
  userAgent?: string;
  requestId: string;
  tls?: TlsDetails;
  /** AwsApiCall unless said (ConsoleLogin is an AwsConsoleSignIn). */
  eventType?: EventType;
}

export class RequestAudit implements AuditNotes {
  private identity: UserIdentity | undefined;
  private recipients: string[] = [];
  private readonly resources: EventResource[] = [];
  private extra: Record<string, unknown> | undefined;
  private requestParameters: Record<string, unknown> | null = null;
  private lookupResources: readonly LookupResource[] = [];
  /** The records written with the call's change, by account, once they are. */
  private committed: { accountId: string; eventId: string }[] | undefined;
  private readonly eventIds = new Map<string, string>();

  constructor(
    private readonly trail: AuditTrail,
    private readonly facts: RequestFactsForAudit,
  ) {}

  /** The authenticated caller and the key the request was signed with. */
  caller(principal: Principal, accessKeyId: string | undefined): void {
    this.identity = userIdentityOf(principal, accessKeyId);
    this.recipients = [principal.accountId];
  }

  /** The call's parameters as CloudTrail records them, and the resources LookupEvents lists. */
  parameters(requestParameters: Record<string, unknown> | null, resources: readonly LookupResource[]): void {
    this.requestParameters = requestParameters;
    this.lookupResources = resources;
  }

  identify(identity: UserIdentity): void {
    this.identity = identity;
  }

  alsoRecordIn(accountId: string): void {
    if (accountId !== '' && !this.recipients.includes(accountId)) this.recipients.push(accountId);
  }

  resource(resource: EventResource): void {
    this.resources.push(resource);
  }

  additionalEventData(data: Record<string, unknown>): void {
    this.extra = { ...this.extra, ...data };
  }

  requestParameter(name: string, value: unknown): void {
    this.requestParameters = { ...this.requestParameters, [name]: value };
  }

  /** Whether anything is known of who called and for which account: an event can be written. */
  get recordable(): boolean {
    return this.identity !== undefined && this.recipients.length > 0;
  }

  /**
   * The store a handler uses: its writes commit this request's event with their change. Reads pass
   * through; only the first write of a request carries the event.
   */
  storeFor(store: Store): Store {
    const write = <T>(accountId: string, fn: (repos: Repos) => Promise<T>): Promise<T> =>
      store.write(accountId, async (repos) => {
        const result = await fn(repos);
        if (!this.committed && this.recordable) {
          const records = this.records(null, undefined);
          await this.trail.commitWith(repos, records);
          this.committed = records.map((r) => ({ accountId: r.accountId, eventId: r.eventId }));
        }
        return result;
      });
    return {
      dialect: store.dialect,
      write,
      read: (fn) => store.read(fn),
      writeRecords: (fn) => store.writeRecords(fn),
      appendRecords: (fn) => store.appendRecords(fn),
      onChange: (listener) => store.onChange(listener),
      truncateAll: () => store.truncateAll(),
      health: () => store.health(),
      close: () => store.close(),
    };
  }

  /** The call ended with `responseElements` (null for calls CloudTrail shows none for). */
  succeeded(responseElements: Record<string, unknown> | null): void {
    if (!this.recordable) return;
    if (this.committed) {
      if (responseElements !== null) {
        const json = JSON.stringify(responseElements);
        for (const c of this.committed) this.trail.completeResponse(c.accountId, c.eventId, json);
      }
      return;
    }
    this.trail.enqueue(this.records(responseElements, undefined));
  }

  /** The call ended with an AWS error (AccessDenied with the message the caller got, or another). */
  failed(code: string, message: string): void {
    if (!this.recordable || this.committed) return;
    this.trail.enqueue(this.records(null, { code, message }));
  }

  /** A failure CloudTrail records by its message alone, with response elements (a failed ConsoleLogin). */
  failedWithMessage(message: string, responseElements: Record<string, unknown> | null): void {
    if (!this.recordable || this.committed) return;
    this.trail.enqueue(this.records(responseElements, { message }));
  }

  private eventIdFor(accountId: string): string {
    let id = this.eventIds.get(accountId);
    if (!id) {
      id = newOrderedUuid();
      this.eventIds.set(accountId, id);
    }
    return id;
  }

  private records(
    responseElements: Record<string, unknown> | null,
    error: { code?: string; message: string } | undefined,
  ) {
    const f = this.facts;
    const sharedEventID = this.recipients.length > 1 ? this.sharedId() : undefined;
    const eventTime = eventTimeString(f.at);
    const readOnly = isReadOnly(f.eventName);
    const resources = this.resources.length > 0 ? this.resources : undefined;
    return this.recipients.map((accountId) => {
      // every field named in CloudTrail's order; JSON.stringify leaves out those undefined (built
      // without spreads: this runs for every request)
      const event: CloudTrailEvent = {
        eventVersion: EVENT_VERSION,
        userIdentity: this.identity!,
        eventTime,
        eventSource: f.eventSource,
        eventName: f.eventName,
        awsRegion: f.region,
        sourceIPAddress: f.sourceIp,
        userAgent: f.userAgent,
        errorCode: error?.code,
        errorMessage: error?.message,
        requestParameters: this.requestParameters,
        responseElements,
        additionalEventData: this.extra,
        requestID: f.requestId,
        eventID: this.eventIdFor(accountId),
        readOnly,
        resources,
        eventType: f.eventType ?? 'AwsApiCall',
        managementEvent: true,
        recipientAccountId: accountId,
        sharedEventID,
        eventCategory: 'Management',
        tlsDetails: f.tls,
      };
      return auditRecordOf(event, f.at, this.lookupResources);
    });
  }

  private sharedEventId: string | undefined;
  private sharedId(): string {
    this.sharedEventId ??= newOrderedUuid();
    return this.sharedEventId;
  }
}
