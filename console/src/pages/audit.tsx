// The audit trail: CloudTrail's LookupEvents for the account, filtered by user name, event name and
// time, optionally only the refusals (read on through the pages until some match), fifty events a
// page, and any event's whole record as JSON.
import { useRef, useState, type FormEvent } from 'react';
import { DataTable, type Column } from '../components/data-table.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { TextField } from '../components/text-field.tsx';
import { formatDate } from '../format.ts';
import { useCall, type CallFn } from '../use-api.ts';

interface TrailEvent {
  EventId: string;
  EventName: string;
  EventTime: string;
  Username?: string;
  CloudTrailEvent: string;
}

interface Filters {
  userName: string;
  eventName: string;
  from: string;
  to: string;
  deniedOnly: boolean;
}

interface EventRecord {
  sourceIPAddress?: string;
  errorCode?: string;
}

const recordOf = (event: TrailEvent): EventRecord => JSON.parse(event.CloudTrailEvent) as EventRecord;

/** A refusal of authorization, however the service names it. */
const DENIED = /AccessDenied|Unauthorized/;

/** LookupEvents takes one attribute: the event name when given (the user is then matched here). */
function lookupInput(filters: Filters, nextToken: string | undefined): { [key: string]: unknown } {
  const attribute =
    filters.eventName.trim() !== ''
      ? { AttributeKey: 'EventName', AttributeValue: filters.eventName.trim() }
      : filters.userName.trim() !== ''
        ? { AttributeKey: 'Username', AttributeValue: filters.userName.trim() }
        : undefined;
  return {
    ...(attribute ? { LookupAttributes: [attribute] } : {}),
    ...(filters.from ? { StartTime: new Date(filters.from).toISOString() } : {}),
    ...(filters.to ? { EndTime: new Date(filters.to).toISOString() } : {}),
    MaxResults: 50,
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}

function matches(event: TrailEvent, filters: Filters): boolean {
  const user = filters.userName.trim();
  if (user !== '' && event.Username !== user) return false;
  return !filters.deniedOnly || DENIED.test(recordOf(event).errorCode ?? '');
}

/** Pages LookupEvents may read for one look-up when the filters here leave none of a page's events. */
const MAX_PAGES_SCANNED = 10;

/** The next events that match, reading on through NextToken while pages hold none (up to a limit). */
async function lookup(call: CallFn, filters: Filters, nextToken: string | undefined) {
  let token = nextToken;
  const events: TrailEvent[] = [];
  for (let read = 0; read < MAX_PAGES_SCANNED && events.length === 0; read++) {
    const page = await call<{ Events: TrailEvent[]; NextToken?: string }>(
      'cloudtrail',
      'LookupEvents',
      lookupInput(filters, token),
    );
    events.push(...page.Events.filter((e) => matches(e, filters)));
    token = page.NextToken;
    if (token === undefined) break;
  }
  return { events, nextToken: token };
}

export function AuditPage() {
  const call = useCall();
  const [filters, setFilters] = useState<Filters>({
    userName: '',
    eventName: '',
    from: '',
    to: '',
    deniedOnly: false,
  });
  const [events, setEvents] = useState<TrailEvent[]>();
  const [nextToken, setNextToken] = useState<string>();
  const [shown, setShown] = useState<TrailEvent>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const detail = useRef<HTMLHeadingElement>(null);
  const set = (key: keyof Filters) => (value: string) => setFilters((f) => ({ ...f, [key]: value }));

  async function load(more: boolean) {
    setBusy(true);
    setError(undefined);
    try {
      const page = await lookup(call, filters, more ? nextToken : undefined);
      setEvents((previous) => (more ? [...(previous ?? []), ...page.events] : page.events));
      setNextToken(page.nextToken);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  const show = (event: TrailEvent) => {
    setShown(event);
    requestAnimationFrame(() => detail.current?.focus());
  };

  const columns: readonly Column<TrailEvent>[] = [
    { header: 'Time', cell: (e) => formatDate(e.EventTime) },
    { header: 'Event name', cell: (e) => e.EventName },
    { header: 'User', cell: (e) => e.Username ?? '—' },
    { header: 'Source IP', cell: (e) => recordOf(e).sourceIPAddress ?? '—' },
    { header: 'Error code', cell: (e) => recordOf(e).errorCode ?? '' },
    {
      header: 'Record',
      cell: (e) => (
        <button type="button" className="link-button" onClick={() => show(e)}>
          View event<span className="visually-hidden"> {e.EventId}</span>
        </button>
      ),
    },
  ];

  return (
    <>
      <PageHeading>Audit trail</PageHeading>
      <section className="panel" aria-labelledby="audit-filters-heading">
        <h2 id="audit-filters-heading">Filters</h2>
        <form
          className="filter-form"
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            void load(false);
          }}
        >
          <TextField
            label="User name"
            value={filters.userName}
            onChange={set('userName')}
            autoComplete="off"
          />
          <TextField
            label="Event name"
            value={filters.eventName}
            onChange={set('eventName')}
            autoComplete="off"
          />
          <TextField label="From" type="datetime-local" value={filters.from} onChange={set('from')} />
          <TextField label="To" type="datetime-local" value={filters.to} onChange={set('to')} />
          <label className="checkbox">
            <input
              type="checkbox"
              checked={filters.deniedOnly}
              onChange={(event) => setFilters((f) => ({ ...f, deniedOnly: event.target.checked }))}
            />
            Denied only
          </label>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>
              Look up events
            </button>
          </div>
        </form>
      </section>
      <ErrorAlert error={error} />
      {events === undefined ? null : (
        <DataTable
          caption="Events, newest first"
          columns={columns}
          rows={events}
          rowKey={(e) => e.EventId}
          loading={busy}
          empty="No events match."
        />
      )}
      {nextToken === undefined ? null : (
        <button type="button" onClick={() => void load(true)} disabled={busy}>
          Load more
        </button>
      )}
      {shown === undefined ? null : (
        <section className="panel" aria-labelledby="event-record-heading">
          <h2 id="event-record-heading" ref={detail} tabIndex={-1}>
            {shown.EventName} at {formatDate(shown.EventTime)}
          </h2>
          <pre className="event-record" aria-label="Event record">
            {JSON.stringify(JSON.parse(shown.CloudTrailEvent), null, 2)}
          </pre>
        </section>
      )}
    </>
  );
}
