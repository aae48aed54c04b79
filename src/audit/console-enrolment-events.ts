// The IAM calls a console sign-in makes when it enrols a principal's first virtual MFA device, as
// CloudTrail records the console's own calls: CreateVirtualMFADevice, then EnableMFADevice (or its
// refusal, InvalidAuthenticationCode), each with the principal signing in as its identity. The codes
// typed are never recorded, as AWS leaves authentication codes out of EnableMFADevice's parameters.
import type { Principal } from '../domain/index.ts';
import type { AuditTrail } from './audit-trail.ts';
import { EVENT_SOURCES } from './cloudtrail-event.ts';
import { RequestAudit } from './request-audit.ts';

export interface ConsoleEnrolment {
  at: Date;
  region: string;
  sourceIp: string;
  userAgent?: string;
  requestId: string;
  principal: Principal;
  deviceName: string;
  serialNumber: string;
  /** Why EnableMFADevice refused the codes; absent when the device was enabled. */
  refused?: { code: string; message: string };
}

function iamCall(trail: AuditTrail, e: ConsoleEnrolment, eventName: string): RequestAudit {
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
  const userName = e.principal.type === 'user' ? { userName: e.principal.userName } : {};
  const create = iamCall(trail, e, 'CreateVirtualMFADevice');
  create.parameters({ virtualMFADeviceName: e.deviceName, path: '/' }, []);
  create.succeeded({ virtualMFADevice: { serialNumber: e.serialNumber } });
  const enable = iamCall(trail, e, 'EnableMFADevice');
  enable.parameters(
    { ...userName, serialNumber: e.serialNumber },
    e.principal.type === 'user' ? [{ type: 'AWS::IAM::User', name: e.principal.userName }] : [],
  );
  if (e.refused) enable.failed(e.refused.code, e.refused.message);
  else enable.succeeded(null);
}
