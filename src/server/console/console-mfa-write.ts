// The console's own MFA writes — a first device enrolled at sign-in, the root enabling a device of its
// own: the write under the credential lockout (wrong codes count against the device), IAM's errors as
// the console shows them, and the events CloudTrail would show for the console's calls. Refused codes
// end in EnableMFADevice's InvalidAuthenticationCode, after the count is committed.
import type { IncomingMessage } from 'node:http';
import type { Services } from '../../api/index.ts';
import { recordConsoleEnableMfa, recordConsoleMfaEnrolment } from '../../audit/index.ts';
import {
  credentialLockout,
  invalidAuthenticationCode,
  lockoutPolicy,
  type CredentialLockout,
  type Principal,
} from '../../domain/index.ts';
import { AwsError } from '../../errors.ts';
import type { Repos } from '../../store/index.ts';
import { fromAws } from './console-errors.ts';

export interface ConsoleMfaContext {
  services: Services;
  req: IncomingMessage;
  sourceIp: string;
  requestId: string;
  now: Date;
}

/**
 * Runs `write` (true when the codes enabled the device) in the principal's account and records it:
 * an enrolment (`deviceName` given) as CreateVirtualMFADevice and EnableMFADevice, otherwise as
 * EnableMFADevice.
 */
export async function consoleMfaWrite(
  c: ConsoleMfaContext,
  principal: Principal,
  device: { serialNumber: string; deviceName?: string },
  write: (repos: Repos, lockout: CredentialLockout) => Promise<boolean>,
): Promise<void> {
  const { services, now } = c;
  const accountId = principal.accountId;
  const enabled = await services.store
    .write(accountId, (repos) =>
      write(repos, credentialLockout(repos, accountId, lockoutPolicy(services), now)),
    )
    .catch((err: unknown) => {
      throw err instanceof AwsError ? fromAws(err) : err;
    });
  const refusal = enabled ? undefined : invalidAuthenticationCode();
  if (services.audit) {
    const userAgent = c.req.headers['user-agent'];
    const facts = {
      at: now,
      region: services.config.region,
      sourceIp: c.sourceIp,
      ...(userAgent ? { userAgent } : {}),
      requestId: c.requestId,
      principal,
      serialNumber: device.serialNumber,
      ...(refusal ? { refused: { code: refusal.code, message: refusal.message } } : {}),
    };
    if (device.deviceName !== undefined)
      recordConsoleMfaEnrolment(services.audit, { ...facts, deviceName: device.deviceName });
    else recordConsoleEnableMfa(services.audit, facts);
  }
  if (refusal) throw fromAws(refusal);
}
