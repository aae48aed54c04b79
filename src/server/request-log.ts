// Owns the server's JSON log (pino): one line per request with what an operator needs to follow it —
// request id, account, principal ARN, action, decision, status, latency — and never a secret. Only
// the fields listed in RequestEntry are written; request parameters, headers and bodies never are.
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/** What is logged of one request (all of it safe to log). */
export interface RequestEntry {
  requestId: string;
  method: string;
  /** The path without the query string (which may carry a presigned signature). */
  path: string;
  status: number;
  /** Milliseconds from the first byte of the request to the end of the answer. */
  latencyMs: number;
  sourceIp: string;
  /** `iam`, `sts`, or the internal route's name (`authorize`, `health` …). */
  service?: string;
  action?: string;
  accountId?: string;
  principalArn?: string;
  /** The access key id that signed the request (an identifier, not a secret). */
  accessKeyId?: string;
  /** The policy engine's answer for the call: Allow, or Deny when it was refused as AccessDenied. */
  decision?: 'Allow' | 'Deny';
  /** The AWS error code of a failed request. */
  errorCode?: string;
}

/** Each logger createLogger made, with its stream: request lines are written to it directly. */
const destinations = new WeakMap<Logger, DestinationStream>();

/** A logger writing JSON lines to `destination` (standard output by default). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const stream = destination ?? pino.destination({ dest: 1, sync: false });
  const logger = pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
  destinations.set(logger, stream);
  return logger;
}

/** Writes one request's line: info (debug for health probes), error with the cause for a 5xx. */
export function logRequest(log: Logger, entry: RequestEntry, failure?: unknown): void {
  if (entry.status >= 500) log.error({ ...entry, err: describeFailure(failure) }, 'request failed');
  else if (entry.action === 'live' || entry.action === 'ready') log.debug(entry, 'request');
  else {
    const stream = destinations.get(log);
    if (stream === undefined) log.info(entry, 'request');
    else if (log.isLevelEnabled('info')) stream.write(requestLine(entry, new Date()));
  }
}

/**
 * A request's info line as the logger above writes a line (level label, ISO time, the entry's fields,
 * msg last), built by one JSON.stringify: this line is written for every request, and pino's general
 * serializer was the busiest part of the request path after the socket write. Other lines go
 * through pino.
 */
export function requestLine(entry: RequestEntry, at: Date): string {
  return `${JSON.stringify({ level: 'info', time: at.toISOString(), ...entry, msg: 'request' })}\n`;
}

/** An unexpected failure's class, message and stack: for the operator, never for the client. */
export function describeFailure(err: unknown): { type: string; message: string; stack?: string } | undefined {
  if (err === undefined) return undefined;
  if (err instanceof Error)
    return { type: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  return { type: typeof err, message: String(err) };
}
