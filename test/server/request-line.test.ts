// The request line written without pino's serializer: it parses to what pino writes for the same
// entry (level label, the fields, msg; time in ISO 8601), whatever a field holds, and it follows the
// logger's level like any other info line.
import { describe, expect, it } from 'vitest';
import { createLogger, logRequest, requestLine, type RequestEntry } from '../../src/server/request-log.ts';
import { captureLog } from '../support/log-capture.ts';

const ENTRY: RequestEntry = {
  requestId: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  method: 'POST',
  path: '/a "quoted"\\path/\u0001\u2028é𝄞\ud800',
  status: 403,
  latencyMs: 1.234,
  sourceIp: '::ffff:127.0.0.1',
  service: 'sts',
  action: 'AssumeRole',
  accountId: '123456789012',
  principalArn: 'arn:aws:iam::123456789012:user/división',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  decision: 'Deny',
  errorCode: 'AccessDenied',
};

/** The line pino itself writes for `entry` with the server's logger settings. */
function pinoLine(entry: RequestEntry): Record<string, unknown> {
  const capture = captureLog();
  const log = createLogger('info', capture);
  log.info(entry, 'request');
  const [line] = capture.lines();
  return line!;
}

describe('requestLine', () => {
  it.each([
    ['every field', ENTRY],
    [
      'the fields an unsigned request has',
      { requestId: 'x', method: 'GET', path: '/', status: 200, latencyMs: 0, sourceIp: '10.0.0.1' },
    ],
    ['a latency that is no number', { ...ENTRY, latencyMs: Number.NaN }],
  ])('parses to what pino writes, for %s', (_name, entry: RequestEntry) => {
    const at = new Date('2030-01-02T03:04:05.678Z');
    const text = requestLine(entry, at);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.slice(0, -1)).not.toContain('\n');
    const ours = JSON.parse(text) as Record<string, unknown>;
    const theirs = pinoLine(entry);
    expect(ours.time).toBe('2030-01-02T03:04:05.678Z');
    expect(typeof theirs.time).toBe('string');
    expect({ ...ours, time: undefined }).toEqual({ ...theirs, time: undefined });
  });

  it('is written by logRequest at info and above, and not when the level is warn', () => {
    for (const [level, expected] of [
      ['info', 1],
      ['trace', 1],
      ['warn', 0],
    ] as const) {
      const capture = captureLog();
      logRequest(createLogger(level, capture), { ...ENTRY, status: 200 });
      const lines = capture.lines();
      expect(lines).toHaveLength(expected);
      if (expected)
        expect(lines[0]).toMatchObject({ level: 'info', msg: 'request', status: 200, path: ENTRY.path });
    }
  });
});
