// The credentials an instance gets: a role session of the role its instance profile holds, named
// after the instance id (arn:aws:sts::ACCOUNT:assumed-role/ROLE/i-…), issued only when the role's
// trust policy lets ec2.amazonaws.com assume it, as EC2 requires. Sessions are cached per instance
// and served until REFRESH_BEFORE_SECONDS before they expire; then a new session is issued, so a
// client that refreshes when it sees Expiration approaching always finds fresh credentials (AWS
// makes new ones available at least five minutes before the old ones expire).
import { recordWorkloadCredentials } from '../../audit/index.ts';
import { newRequestId, findInstance, instanceSecretMatches, type InstanceView } from '../../domain/index.ts';
import type { Services } from '../../api/index.ts';
import { authorize, compilePolicy } from '../../policy/index.ts';
import { issueRoleSession, type RoleSessionCredentials } from '../../sts/index.ts';
import type { RoleRow } from '../../store/index.ts';

/** How long an instance's role sessions last. */
export const INSTANCE_SESSION_SECONDS = 3600;
/** New credentials are issued once the cached ones have less than this left. */
export const REFRESH_BEFORE_SECONDS = 15 * 60;

export const EC2_SERVICE_PRINCIPAL = 'ec2.amazonaws.com';

export type InstanceCredentialsResult =
  | {
      kind: 'ok';
      view: InstanceView & { role: RoleRow };
      credentials: RoleSessionCredentials;
      issuedAt: Date;
    }
  /** No such instance, or the secret does not match (indistinguishable to the caller). */
  | { kind: 'unauthorized' }
  /** The instance's profile is gone or holds no role. */
  | { kind: 'no-role'; view: InstanceView }
  /** The role's trust policy does not let EC2 assume it. */
  | { kind: 'untrusted'; view: InstanceView & { role: RoleRow } };

interface Cached {
  roleId: string;
  credentials: RoleSessionCredentials;
  issuedAt: Date;
}

export class InstanceCredentials {
  private readonly cache = new Map<string, Cached>();
  private readonly pending = new Map<string, Promise<Cached>>();

  constructor(private readonly services: Services) {}

  /** The instance, checked against its secret (undefined when either is wrong). */
  async authenticate(instanceId: string, secret: string): Promise<InstanceView | undefined> {
    const view = await this.services.store.read((r) => findInstance(r, instanceId));
    if (!view || !instanceSecretMatches(view.instance, secret)) return undefined;
    return view;
  }

  /** Current credentials for the instance (cached until they are due for refresh). */
  async forInstance(instanceId: string, secret: string): Promise<InstanceCredentialsResult> {
    const view = await this.authenticate(instanceId, secret);
    if (!view) {
      this.cache.delete(instanceId);
      return { kind: 'unauthorized' };
    }
    const { role } = view;
    if (!role) return { kind: 'no-role', view };
    const withRole = { ...view, role };
    const now = this.services.clock.now();
    if (!trustsEc2(role, now)) return { kind: 'untrusted', view: withRole };
    const cached = this.cache.get(instanceId);
    const fresh =
      cached &&
      cached.roleId === role.role_id &&
      cached.credentials.Expiration.getTime() - now.getTime() > REFRESH_BEFORE_SECONDS * 1000 &&
      cached.issuedAt.getTime() <= now.getTime();
    const entry = fresh ? cached : await this.issue(instanceId, role, now);
    return { kind: 'ok', view: withRole, credentials: entry.credentials, issuedAt: entry.issuedAt };
  }

  private issue(instanceId: string, role: RoleRow, now: Date): Promise<Cached> {
    const key = `${instanceId}/${role.role_id}`;
    let p = this.pending.get(key);
    if (!p) {
      p = issueRoleSession(this.services, {
        role,
        sessionName: instanceId,
        durationSeconds: INSTANCE_SESSION_SECONDS,
        now,
      })
        .then((credentials) => {
          const entry = { roleId: role.role_id, credentials, issuedAt: now };
          if (this.services.audit)
            recordWorkloadCredentials(this.services.audit, {
              at: now,
              region: this.services.config.region,
              requestId: newRequestId(),
              service: EC2_SERVICE_PRINCIPAL,
              instanceId,
              role: { arn: role.arn, accountId: role.account_id },
              accessKeyId: credentials.AccessKeyId,
              expiration: credentials.Expiration,
            });
          this.cache.set(instanceId, entry);
          return entry;
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, p);
    }
    return p;
  }
}

/** Whether the role's trust policy allows ec2.amazonaws.com to call sts:AssumeRole on it. */
function trustsEc2(role: RoleRow, now: Date): boolean {
  const compiled = compilePolicy(role.assume_role_policy, {
    id: `${role.arn}#trust`,
    sourceType: 'resource',
  });
  if (!compiled.ok) return false;
  const d = authorize(
    { resource: compiled.policy, resourcePolicyRequired: true },
    {
      action: 'sts:AssumeRole',
      resource: role.arn,
      resourceAccount: role.account_id,
      principal: { type: 'Service', service: EC2_SERVICE_PRINCIPAL },
      globals: { currentTime: now },
    },
  );
  return d.decision === 'Allow';
}

const perServer = new WeakMap<Services, InstanceCredentials>();

/** The instance-credentials cache of the server these services belong to. */
export function instanceCredentials(services: Services): InstanceCredentials {
  let c = perServer.get(services);
  if (!c) perServer.set(services, (c = new InstanceCredentials(services)));
  return c;
}

/** An ISO 8601 time without milliseconds, as EC2 and ECS write them (2024-05-01T12:00:00Z). */
export function awsTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
