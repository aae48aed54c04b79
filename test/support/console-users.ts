// Identities for the console tests, made through the IAM API as an administrator would: a user with
// a console password (and a managed policy), and a virtual MFA device enabled for a user, whose codes
// the test then computes at any time.
import {
  AttachUserPolicyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
} from '@aws-sdk/client-iam';
import { base32Decode, hotp, timeStep } from '../../src/crypto/totp.ts';
import type { TestServer } from './test-server.ts';

/** The password every console test user gets. */
export const CONSOLE_PASSWORD = 'Correct-Horse-42';
const STEP_MS = 30_000;

/** A user who can sign in to the console, with the managed policy given (none by default). */
export async function consoleUser(t: TestServer, userName: string, policyArn?: string): Promise<void> {
  const iam = t.iam();
  await iam.send(new CreateUserCommand({ UserName: userName }));
  await iam.send(new CreateLoginProfileCommand({ UserName: userName, Password: CONSOLE_PASSWORD }));
  if (policyArn !== undefined)
    await iam.send(new AttachUserPolicyCommand({ UserName: userName, PolicyArn: policyArn }));
}

export interface VirtualMfa {
  serialNumber: string;
  /** The device's code at `at` moved by `offset` thirty-second steps. */
  code(at: Date, offset?: number): string;
}

/** A virtual MFA device created and enabled for the user with two consecutive codes ending at `at`. */
export async function enabledVirtualMfa(
  t: TestServer,
  userName: string,
  deviceName: string,
  at: Date,
): Promise<VirtualMfa> {
  const iam = t.iam();
  const device = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: deviceName })))
    .VirtualMFADevice!;
  const seed = base32Decode(Buffer.from(device.Base32StringSeed!).toString('ascii'));
  const mfa: VirtualMfa = {
    serialNumber: device.SerialNumber!,
    code: (when, offset = 0) => hotp(seed, timeStep(new Date(when.getTime() + offset * STEP_MS))),
  };
  await iam.send(
    new EnableMFADeviceCommand({
      UserName: userName,
      SerialNumber: mfa.serialNumber,
      AuthenticationCode1: mfa.code(at, -1),
      AuthenticationCode2: mfa.code(at),
    }),
  );
  return mfa;
}
