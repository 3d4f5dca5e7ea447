import type { RejectionReason } from './message-signing';

/** The figures /__internal/stats reports and the dashboard shows. */
export class ReplicationStats {
  /** Session writes made on this server (each one replicated to peers). */
  writes = 0;
  /** Serialized size of those writes, counted once per write. */
  writtenBytes = 0;
  sent = { messages: 0, failed: 0 };
  received = { messages: 0, applied: 0, ignoredAsOlder: 0, wireBytes: 0 };
  rejected: Record<RejectionReason, number> = {
    unsigned: 0,
    'bad-signature': 0,
    malformed: 0,
    oversized: 0,
    stale: 0,
    'future-version': 0,
    'not-a-member': 0,
    'peers-full': 0,
  };
  /** Replication messages waiting for their delay or their peer right now. */
  pending = 0;
  /** Lag = when a replicated write was applied here minus when it was made on its server. */
  private lag = { count: 0, total: 0, max: 0, last: 0 };
  stateTransfer: { from: string | null; sessions: number; wireBytes: number; ms: number } | null =
    null;
  peerFetches = { ok: 0, failed: 0 };

  reject(reason: RejectionReason): void {
    this.rejected[reason] += 1;
  }

  recordLag(ms: number): void {
    const lag = Math.max(0, ms);
    this.lag.count += 1;
    this.lag.total += lag;
    this.lag.max = Math.max(this.lag.max, lag);
    this.lag.last = lag;
  }

  lagSummary() {
    return {
      last: this.lag.last,
      mean: this.lag.count === 0 ? 0 : Math.round((this.lag.total / this.lag.count) * 10) / 10,
      max: this.lag.max,
      samples: this.lag.count,
    };
  }

  rejectedTotal(): number {
    return Object.values(this.rejected).reduce((a, b) => a + b, 0);
  }
}
