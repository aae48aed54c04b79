// Captures a server's JSON log in memory, for tests that read what was logged (and to keep the
// test output free of request lines).
import type { DestinationStream } from 'pino';

export interface LogCapture extends DestinationStream {
  /** Every line written so far, parsed. */
  lines(): Record<string, unknown>[];
  /** Everything written so far, raw. */
  text(): string;
}

export function captureLog(): LogCapture {
  const chunks: string[] = [];
  return {
    write(msg: string) {
      chunks.push(msg);
    },
    text: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
