// Last-used data of access keys and roles, buffered in memory and written in batches (every second
// and on shutdown) so that neither authenticating a request nor assuming a role writes to the
// database on the request path; reads consult the buffer so that a use shows at once.
import type { Store, AccessKeyUse, RoleUse } from '../store/index.ts';

export class LastUsedBuffer {
  private pending = new Map<string, AccessKeyUse>();
  private pendingRoles = new Map<string, RoleUse>();
  /** The batch being written: still visible to readers until the write has committed. */
  private flushing = new Map<string, AccessKeyUse>();
  private flushingRoles = new Map<string, RoleUse>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly intervalMs = 1000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), this.intervalMs);
    this.timer.unref();
  }

  record(use: AccessKeyUse): void {
    this.pending.set(use.accessKeyId, use);
  }

  /** The buffered use of a key not yet written, so reads see it at once. */
  peek(accessKeyId: string): AccessKeyUse | undefined {
    return this.pending.get(accessKeyId) ?? this.flushing.get(accessKeyId);
  }

  recordRole(use: RoleUse): void {
    this.pendingRoles.set(use.roleId, use);
  }

  /** The buffered use of a role not yet written. */
  peekRole(roleId: string): RoleUse | undefined {
    return this.pendingRoles.get(roleId) ?? this.flushingRoles.get(roleId);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0 && this.pendingRoles.size === 0) return;
    this.flushing = this.pending;
    this.flushingRoles = this.pendingRoles;
    this.pending = new Map();
    this.pendingRoles = new Map();
    const keys = [...this.flushing.values()];
    const roles = [...this.flushingRoles.values()];
    try {
      // last-used data is not a change any cache depends on: written outside the account locks
      await this.store.writeRecords(async (repos) => {
        if (keys.length > 0) await repos.accessKeys.recordUses(keys);
        if (roles.length > 0) await repos.roles.recordUses(roles);
      });
    } finally {
      this.flushing = new Map();
      this.flushingRoles = new Map();
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }
}
