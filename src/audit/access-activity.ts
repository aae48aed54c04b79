// Last-accessed data as requests are decided: each authentication attempt of an IAM user or of a
// role's session (Access Advisor counts attempts, allowed or not) is kept in memory by user or role,
// service and action, and written in batches every second and on shutdown, never on the request path.
import type { Principal, WarningLog } from '../domain/index.ts';
import type { AccessActivity, Store } from '../store/index.ts';

/** The IAM entity last-accessed data is kept for: a user, or the role of a role session. */
export function trackedEntity(principal: Principal): string | undefined {
  switch (principal.type) {
    case 'user':
      return principal.arn;
    case 'assumed-role':
      return principal.roleArn;
    default:
      // the root and federated users have no last-accessed data in IAM
      return undefined;
  }
}

export class AccessActivityBuffer {
  private pending = new Map<string, AccessActivity>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly log?: WarningLog,
  ) {}

  start(intervalMs = 1000): void {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  /** Notes an attempt of `principal` at `action` (`service:Name`) at `at`, in `region`. */
  record(principal: Principal, action: string, at: Date, region: string): void {
    const entityArn = trackedEntity(principal);
    const colon = action.indexOf(':');
    if (entityArn === undefined || colon <= 0) return;
    const serviceNamespace = action.slice(0, colon).toLowerCase();
    const actionName = action.slice(colon + 1);
    const key = `${principal.accountId}\0${entityArn}\0${serviceNamespace}\0${actionName}`;
    const lastAuthenticated = at.toISOString();
    const seen = this.pending.get(key);
    if (seen && seen.lastAuthenticated >= lastAuthenticated) return;
    this.pending.set(key, {
      accountId: principal.accountId,
      entityArn,
      serviceNamespace,
      actionName,
      lastAuthenticated,
      region,
    });
  }

  /** Uses not yet written, so that a report generated now sees them. */
  pendingFor(accountId: string): AccessActivity[] {
    return [...this.pending.values()].filter((u) => u.accountId === accountId);
  }

  flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    try {
      await this.store.writeRecords((repos) => repos.accessActivity.record(batch));
    } catch (err) {
      // keep them for the next flush, unless newer uses of the same keys arrived meanwhile
      for (const u of batch) {
        const key = `${u.accountId}\0${u.entityArn}\0${u.serviceNamespace}\0${u.actionName}`;
        if (!this.pending.has(key)) this.pending.set(key, u);
      }
      this.log?.warn({ err: String(err) }, 'last-accessed data not written yet; will retry');
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }
}
