// The console API's errors: a code and message the console shows as given, with an HTTP status, and
// an IAM error (a password policy's, EnableMFADevice's) carried over with AWS's code and text.
import type { AwsError } from '../../errors.ts';

export class ConsoleError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const fromAws = (err: AwsError) => new ConsoleError(err.status, err.code, err.message);
