// LookupEvents: the caller's account's audit trail, newest first, filtered by at most one lookup
// attribute and a time range (the last 90 days unless given), at most 50 a page, with a NextToken
// bound to the query it came from. Each event carries its CloudTrail record as a JSON string.
import { createHash } from 'node:crypto';
import { defineAction } from '../action.ts';
import { cloudTrailEventJson } from '../../audit/index.ts';
import { AwsError } from '../../errors.ts';
import type { Event } from '../../protocol/index.ts';
import type { AuditCursor, AuditEventRecord, AuditLookup } from '../../store/index.ts';

const DEFAULT_WINDOW_DAYS = 90;
const MAX_RESULTS = 50;

/** A page token: where the next page starts, and a digest of the query it belongs to. */
function encodeToken(cursor: AuditCursor, query: string): string {
  return Buffer.from(JSON.stringify({ t: cursor.eventTime, i: cursor.eventId, q: query })).toString(
    'base64url',
  );
}

function decodeToken(token: string, query: string): AuditCursor {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof parsed.t === 'string' && typeof parsed.i === 'string' && parsed.q === query)
      return { eventTime: parsed.t, eventId: parsed.i };
  } catch {
    // fall through to the error
  }
  throw new AwsError('InvalidNextTokenException', 'Invalid NextToken: it does not belong to this query.');
}

function eventOf(r: AuditEventRecord): Event {
  return {
    EventId: r.eventId,
    EventName: r.eventName,
    ReadOnly: r.readOnly ? 'true' : 'false',
    ...(r.accessKeyId !== null ? { AccessKeyId: r.accessKeyId } : {}),
    EventTime: new Date(r.eventTime),
    EventSource: r.eventSource,
    ...(r.username !== null ? { Username: r.username } : {}),
    Resources: r.resources.map((res) => ({ ResourceType: res.type, ResourceName: res.name })),
    CloudTrailEvent: cloudTrailEventJson(r),
  };
}

export const LookupEvents = defineAction({
  service: 'cloudtrail',
  name: 'LookupEvents',
  // CloudTrail's LookupEvents has no resource-level permissions
  resource: () => '*',
  async handle(input, ctx) {
    const attributes = input.LookupAttributes ?? [];
    if (attributes.length > 1)
      throw new AwsError(
        'InvalidLookupAttributesException',
        'You cannot specify more than one lookup attribute per request.',
      );
    if (input.EventCategory !== undefined && input.EventCategory !== 'insight')
      throw new AwsError('InvalidEventCategoryException', 'Invalid EventCategory.');
    const end = input.EndTime ?? ctx.now;
    const start = input.StartTime ?? new Date(end.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
    if (start.getTime() > end.getTime())
      throw new AwsError('InvalidTimeRangeException', 'Start time must be earlier than end time.');
    // Tessera records no Insights events
    if (input.EventCategory === 'insight') return { Events: [] };
    const attribute = attributes[0];
    if (attribute?.AttributeKey === 'ReadOnly' && !['true', 'false'].includes(attribute.AttributeValue))
      throw new AwsError('InvalidLookupAttributesException', 'ReadOnly must be true or false.');
    const limit = input.MaxResults ?? MAX_RESULTS;
    const queryDigest = createHash('sha256')
      // the query as given: a default end (now) moves between pages, the cursor does not
      .update(JSON.stringify([attribute ?? null, input.StartTime ?? null, input.EndTime ?? null]))
      .digest('base64url')
      .slice(0, 16);
    const lookup: AuditLookup = {
      accountId: ctx.accountId,
      ...(attribute ? { attribute: { key: attribute.AttributeKey, value: attribute.AttributeValue } } : {}),
      startTime: start.toISOString(),
      // eventTime is stored to the millisecond; an end time to the second includes its whole second
      endTime: new Date(end.getTime() + 999).toISOString(),
      ...(input.NextToken !== undefined ? { after: decodeToken(input.NextToken, queryDigest) } : {}),
      limit: limit + 1,
    };
    const rows = await ctx.services.store.read((repos) => repos.auditEvents.lookup(lookup));
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      Events: page.map(eventOf),
      ...(rows.length > limit && last
        ? { NextToken: encodeToken({ eventTime: last.eventTime, eventId: last.eventId }, queryDigest) }
        : {}),
    };
  },
});
