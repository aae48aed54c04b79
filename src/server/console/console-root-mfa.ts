// POST /console/api/root-mfa: the root enables a virtual MFA device of its own, as AWS lets the root
// do only from its console (EnableMFADevice's API takes a user name). The root made the device with
// CreateVirtualMFADevice through the console's calls; two consecutive codes from it then enable it
// for the root, by EnableMFADevice's rules and errors, recorded as an EnableMFADevice event.
import { rootPrincipal } from '../../authn/index.ts';
import { enableRootMfaDevice } from '../../domain/index.ts';
import type { ConsoleSessionRow } from '../../store/index.ts';
import { ConsoleError } from './console-errors.ts';
import { consoleMfaWrite, type ConsoleMfaContext } from './console-mfa-write.ts';

export interface RootMfaRequest {
  serialNumber: string;
  code1: string;
  code2: string;
}

export async function enableRootMfa(
  c: ConsoleMfaContext,
  row: ConsoleSessionRow,
  input: RootMfaRequest,
): Promise<{ serialNumber: string }> {
  if (row.identity_type !== 'root' || row.role_sealed !== null)
    throw new ConsoleError(
      403,
      'AccessDenied',
      'Only the root user, signed in as itself, enables its MFA here.',
    );
  const accountId = row.account_id;
  const codes = {
    SerialNumber: input.serialNumber,
    AuthenticationCode1: input.code1,
    AuthenticationCode2: input.code2,
  };
  await consoleMfaWrite(c, rootPrincipal(accountId), { serialNumber: input.serialNumber }, (repos, lockout) =>
    enableRootMfaDevice(repos, c.services.sealer, accountId, codes, c.now, lockout),
  );
  return { serialNumber: input.serialNumber };
}
