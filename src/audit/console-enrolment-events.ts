// The IAM calls the console makes itself for MFA, as CloudTrail records the console's own calls: a
// sign-in enrolling a principal's first virtual MFA device (CreateVirtualMFADevice, then
// EnableMFADevice or its refusal, InvalidAuthenticationCode) and the root enabling a device of its
// own; the principal is the identity. The codes typed are never recorded, as AWS leaves
// authentication codes out of EnableMFADevice's parameters.
import type { Principal } from '../domain/index.ts';
import type { AuditTrail } from './audit-trail.ts';
import { EVENT_SOURCES } from './cloudtrail-event.ts';
import { RequestAudit } from './request-audit.ts';

export interface ConsoleMfaCall {
  at: Date;
  region: string;
  sourceIp: string;
  userAgent?: string;
  requestId: string;
  principal: Principal;
  serialNumber: string;
  /** Why EnableMFADevice refused the codes; absent when the device was enabled. */
  refused?: { code: string; message: string };
}

/** A device made at sign-in: its name too. */
export interface ConsoleEnrolment extends ConsoleMfaCall {
  deviceName: string;
}

function iamCall(trail: AuditTrail, e: ConsoleMfaCall, eventName: string): RequestAudit {
  const audit = new RequestAudit(trail, {
    eventSource: EVENT_SOURCES.iam,
    eventName,
    at: e.at,
    region: e.region,
    sourceIp: e.sourceIp,
    ...(e.userAgent !== undefined ? { userAgent: e.userAgent } : {}),
    requestId: e.requestId,
  });
  audit.caller(e.principal, undefined);
  return audit;
}

/** Records an enrolment: the device made, and enabled for the principal or refused. */
export function recordConsoleMfaEnrolment(trail: AuditTrail, e: ConsoleEnrolment): void {
  const create = iamCall(trail, e, 'CreateVirtualMFADevice');
  create.parameters({ virtualMFADeviceName: e.deviceName, path: '/' }, []);
  create.succeeded({ virtualMFADevice: { serialNumber: e.serialNumber } });
  recordConsoleEnableMfa(trail, e);
}

/** Records EnableMFADevice made by the console: the device enabled for the principal, or refused. */
export function recordConsoleEnableMfa(trail: AuditTrail, e: ConsoleMfaCall): void {
  const user = e.principal.type === 'user' ? e.principal.userName : undefined;
  const enable = iamCall(trail, e, 'EnableMFADevice');
  enable.parameters(
    { ...(user !== undefined ? { userName: user } : {}), serialNumber: e.serialNumber },
    user !== undefined ? [{ type: 'AWS::IAM::User', name: user }] : [],
  );
  if (e.refused) enable.failed(e.refused.code, e.refused.message);
  else enable.succeeded(null);
}
