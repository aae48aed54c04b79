// What a fuzz target is — generated inputs and a run that answers with an outcome or reports a crash —
// shared by the fuzz tests (a few thousand cases) and bench/fuzz.ts (a million).
import type fc from 'fast-check';

/** What one input came to: accepted, or refused with a documented error code. */
export interface Outcome {
  accepted: boolean;
  /** The AWS error code (or finding / parse error code) when refused. */
  code?: string;
}

/** A crash: a throw that is not the documented error type, or an answer that is not AWS-shaped. */
export class UnexpectedFailure extends Error {
  override readonly name = 'UnexpectedFailure';
  constructor(
    message: string,
    readonly input: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface FuzzTarget<T> {
  /** The parser under test, as the bench prints it. */
  name: string;
  inputs: fc.Arbitrary<T>;
  /** Runs one input; throws UnexpectedFailure for a crash. */
  run(input: T): Outcome | Promise<Outcome>;
}

/** Fails with UnexpectedFailure unless `condition` holds. */
export function expectShape(condition: boolean, what: string, input: unknown): void {
  if (!condition) throw new UnexpectedFailure(`not AWS-shaped: ${what}`, input);
}

/** A one-line description of a thrown value, for reports. */
export function describeThrown(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message.slice(0, 300)}`;
  return `non-Error thrown: ${String(err).slice(0, 300)}`;
}
