// Switch Role, as AWS's console does it: the signed-in identity assumes a role of an account (through
// AssumeRole, authorized and audited as any call), with a display name and a colour for the header;
// the last five roles are remembered; "back" returns to the signed-in identity.
import type { IncomingMessage } from 'node:http';
import type { Services } from '../../api/index.ts';
import type { Authenticator } from '../../authn/index.ts';
import type { ConsoleSessionRow } from '../../store/index.ts';
import { consoleCall } from './console-call.ts';
import { openCredentials, sealRole, type RecentRole, type SessionCredentials } from './console-sessions.ts';
import { ConsoleError } from './console-errors.ts';

const RECENT_ROLES = 5;
const COLOR = /^#[0-9a-fA-F]{6}$/;
const DEFAULT_COLOR = '#1d8102';

export async function switchRole(
  req: IncomingMessage,
  row: ConsoleSessionRow,
  body: Record<string, unknown>,
  deps: { services: Services; authenticator: Authenticator },
): Promise<ConsoleSessionRow> {
  const { services } = deps;
  const accountId = typeof body.account === 'string' ? body.account.trim() : '';
  const roleName = typeof body.roleName === 'string' ? body.roleName.trim().replace(/^\/+/, '') : '';
  const account = /^\d{12}$/.test(accountId)
    ? accountId
    : await services.store.read((r) => r.accountAliases.owner(accountId.toLowerCase()));
  if (!account || !roleName)
    throw new ConsoleError(400, 'InvalidInput', 'Give an account (12 digits or an alias) and a role name.');
  const displayName =
    typeof body.displayName === 'string' && body.displayName.trim()
      ? body.displayName.trim().slice(0, 64)
      : `${roleName.slice(roleName.lastIndexOf('/') + 1)} @ ${account}`;
  const color = typeof body.color === 'string' && COLOR.test(body.color) ? body.color : DEFAULT_COLOR;
  const sessionName = row.identity_arn.slice(row.identity_arn.lastIndexOf('/') + 1);
  const reply = await consoleCall(
    req,
    {
      service: 'sts',
      action: 'AssumeRole',
      input: { RoleArn: `arn:aws:iam::${account}:role/${roleName}`, RoleSessionName: sessionName },
    },
    openCredentials(services, row.credentials_sealed!),
    deps,
  );
  if (reply.status !== 200) {
    const { code, message } = (reply.body as { error: { code: string; message: string } }).error;
    throw new ConsoleError(reply.status, code, message);
  }
  const out = (
    reply.body as {
      output: {
        Credentials: SessionCredentials & { Expiration: Date | string };
        AssumedRoleUser: { Arn: string };
      };
    }
  ).output;
  const credentials: SessionCredentials = {
    AccessKeyId: out.Credentials.AccessKeyId,
    SecretAccessKey: out.Credentials.SecretAccessKey,
    SessionToken: out.Credentials.SessionToken,
    Expiration: new Date(out.Credentials.Expiration).toISOString(),
  };
  const recent: RecentRole = { accountId: account, roleName, displayName, color };
  const recentRoles = [
    recent,
    ...(JSON.parse(row.recent_roles) as RecentRole[]).filter(
      (r) => r.accountId !== account || r.roleName !== roleName,
    ),
  ].slice(0, RECENT_ROLES);
  const patch = {
    role_sealed: sealRole(services, { ...recent, arn: out.AssumedRoleUser.Arn, credentials }),
    recent_roles: JSON.stringify(recentRoles),
  };
  await services.store.writeRecords((r) => r.consoleSessions.updateSession(row.token_hash, patch));
  return { ...row, ...patch };
}

export async function switchBack(row: ConsoleSessionRow, services: Services): Promise<ConsoleSessionRow> {
  await services.store.writeRecords((r) =>
    r.consoleSessions.updateSession(row.token_hash, { role_sealed: null }),
  );
  return { ...row, role_sealed: null };
}
