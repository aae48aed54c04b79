// The listening end of the PostgreSQL change feed: one dedicated connection LISTENing on the channel,
// watched so that its loss is noticed — an error, the connection ending, or a heartbeat query left
// unanswered — and re-established with backoff. While it is down nothing another node commits can be
// heard, so every cache is told to flush when the loss is noticed, every second while it lasts, and
// once more when listening again: no cached allow outlives a change by more than a second, and a
// reconnect never leaves a stale one behind.
import pg from 'pg';

export interface ChangeListenerOptions {
  connectionString: string;
  /** How long a connect may take (ms); 0 or absent: no limit of its own. */
  connectTimeoutMs?: number;
  channel: string;
  /** The connection's application_name, which names it in pg_stat_activity. */
  applicationName: string;
  /** A notification's payload, as published. */
  onPayload(payload: string): void;
  /** Everything cached may be stale: drop it. */
  onFlush(): void;
  /** How often the connection is checked with a query, and how long the answer may take (ms). */
  heartbeatMs?: number;
  /** How long the flushes repeat while the feed is down (ms). */
  flushEveryMs?: number;
}

/** The feed's connection as other nodes' changes reach (or cannot reach) this one. */
export type ListenerState = 'listening' | 'reconnecting' | 'closed';

/**
 * The longest wait between reconnect attempts: one refused connect is cheap, and until the feed is
 * back every cache is flushed each second, so a database that is back should be heard soon.
 */
const MAX_BACKOFF_MS = 2_000;

export class ChangeListener {
  private client: pg.Client | undefined;
  private stateNow: ListenerState = 'reconnecting';
  private heartbeat: NodeJS.Timeout | undefined;
  private flushing: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private backoffMs = 100;
  /** Times the connection was lost since start (metrics, tests). */
  losses = 0;

  constructor(private readonly options: ChangeListenerOptions) {}

  get state(): ListenerState {
    return this.stateNow;
  }

  /** Connects and listens; the first connection must succeed (the server does not start without it). */
  async start(): Promise<void> {
    await this.connect();
  }

  async close(): Promise<void> {
    this.stateNow = 'closed';
    this.stopTimers();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: this.options.applicationName,
      keepAlive: true,
      ...(this.options.connectTimeoutMs ? { connectionTimeoutMillis: this.options.connectTimeoutMs } : {}),
    });
    client.on('notification', (msg) => {
      if (msg.payload !== undefined) this.options.onPayload(msg.payload);
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`listen ${this.options.channel}`);
    } catch (err) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.stateNow === 'closed') {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.stateNow = 'listening';
    this.backoffMs = 100;
    this.stopTimers();
    const every = this.options.heartbeatMs ?? 2_000;
    this.heartbeat = setInterval(() => void this.check(client, every), every);
    this.heartbeat.unref();
  }

  /** A query on the listening connection that must answer within `limitMs`, or the connection is lost. */
  private async check(client: pg.Client, limitMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), limitMs);
    });
    const answer = await Promise.race([client.query('select 1').then(() => 'ok' as const), late]).catch(
      () => 'failed' as const,
    );
    clearTimeout(timer);
    if (answer !== 'ok') this.lost(client);
  }

  private lost(client: pg.Client): void {
    if (client !== this.client || this.stateNow !== 'listening') return;
    this.client = undefined;
    this.stateNow = 'reconnecting';
    this.losses++;
    this.stopTimers();
    client.removeAllListeners('end');
    void client.end().catch(() => undefined);
    this.options.onFlush();
    this.flushing = setInterval(() => this.options.onFlush(), this.options.flushEveryMs ?? 1_000);
    this.flushing.unref();
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.connect().then(
        // changes committed while the feed was down were never heard
        () => this.stateNow === 'listening' && this.options.onFlush(),
        () => {
          if (this.stateNow === 'closed') return;
          this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
          this.scheduleReconnect();
        },
      );
    }, this.backoffMs);
    this.retry.unref();
  }

  private stopTimers(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    if (this.stateNow !== 'reconnecting') {
      clearInterval(this.flushing);
      this.flushing = undefined;
    }
    if (this.stateNow === 'closed') clearTimeout(this.retry);
  }
}
