// Owns the readiness answer of a node: ready when its store answers with every migration applied and
// it is not shutting down (a draining node tells its load balancer to stop sending it requests).
import type { Store } from '../store/index.ts';

export interface Readiness {
  ready: boolean;
  reason?: string;
}

export class ReadinessProbe {
  private draining = false;

  constructor(private readonly store: Pick<Store, 'health'>) {}

  /** From now on the node answers not ready (SIGTERM received). */
  drain(): void {
    this.draining = true;
  }

  async check(): Promise<Readiness> {
    if (this.draining) return { ready: false, reason: 'shutting down' };
    return this.store.health();
  }
}
