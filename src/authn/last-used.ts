// Access-key last-used data, buffered in memory and written in batches (every second and on
// shutdown) so that authenticating a request never writes to the database.
import type { Store } from '../store/index.ts';
import type { AccessKeyUse } from '../store/repos/index.ts';

export class LastUsedBuffer {
  private pending = new Map<string, AccessKeyUse>();
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
    return this.pending.get(accessKeyId);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    // last-used data carries no account lock: '*' names no account row, so no lock is taken
    await this.store.read((repos) => repos.accessKeys.recordUses(batch));
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }
}
