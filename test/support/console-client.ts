// The web console's JSON API as a browser uses it, for HTTP tests (docs/console-api.md): the session
// cookie kept between requests, JSON sent and read, the CSRF token on every change; and the
// ConsoleLogin events sign-ins leave in the audit trail.
import type { TestServer } from './test-server.ts';

/** What the console's API answers, as far as the tests read it. */
export interface ConsoleAnswer {
  next?: string;
  ticket?: string;
  devices?: string[];
  qrCodePng?: string;
  secret?: string;
  error?: { code: string; message: string };
  output?: {
    Users?: { UserName: string }[];
    User?: { Tags?: { Key: string; Value: string }[] };
    Arn?: string;
  };
  csrfToken?: string;
  expiresAt?: string;
  identity?: unknown;
  mfaUsed?: boolean;
  role?: unknown;
  recentRoles?: unknown;
}

/** A browser: keeps the console's cookie, sends JSON, reads JSON. */
export class ConsoleClient {
  cookie = '';
  csrf = '';
  constructor(private readonly base: string) {}
  async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(this.base + path, {
      method,
      redirect: 'manual',
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!.endsWith('=') ? '' : set.split(';')[0]!;
    const text = await res.text();
    return {
      status: res.status,
      setCookie: set,
      headers: res.headers,
      text,
      body: (text ? JSON.parse(text) : {}) as ConsoleAnswer,
    };
  }
  /** POST with the session's CSRF token, as the app sends every change. */
  post(path: string, body: unknown = {}) {
    return this.send('POST', path, body, { 'x-csrf-token': this.csrf });
  }
  async session() {
    const s = await this.send('GET', '/console/api/session');
    if (s.status === 200) this.csrf = s.body.csrfToken!;
    return s;
  }
  call(service: string, action: string, input: object = {}) {
    return this.post('/console/api/call', { service, action, input });
  }
}

/** A ConsoleLogin event, as far as the tests read it. */
export interface ConsoleLoginEvent {
  userIdentity: { type: string; userName?: string };
  responseElements: { ConsoleLogin: string } | null;
  errorCode?: string;
  errorMessage?: string;
  eventType: string;
  additionalEventData: { MFAUsed: string };
}

/** The account's events of one name, as CloudTrail records them (the trail flushed first). */
export async function eventsNamed<T>(t: TestServer, accountId: string, eventName: string): Promise<T[]> {
  await t.server.services.audit!.flush();
  const events = await t.server.services.store.read((r) =>
    r.auditEvents.lookup({ accountId, attribute: { key: 'EventName', value: eventName }, limit: 50 }),
  );
  return events.map((e) => JSON.parse(e.record) as T);
}

/** The account's ConsoleLogin events. */
export const consoleLoginEvents = (t: TestServer, accountId: string) =>
  eventsNamed<ConsoleLoginEvent>(t, accountId, 'ConsoleLogin');
