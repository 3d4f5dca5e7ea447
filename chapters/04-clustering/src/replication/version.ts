/**
 * When a write happened and where: replicas compare versions to decide which write wins
 * (last writer wins). `by` breaks ties, so every server picks the same winner.
 */
export interface Version {
  at: number;
  by: string;
}

export function isNewer(candidate: Version, current: Version | undefined): boolean {
  if (!current) return true;
  if (candidate.at !== current.at) return candidate.at > current.at;
  return candidate.by > current.by;
}

/**
 * A wall clock that never runs backwards and never falls behind a version it has seen
 * (a hybrid logical clock in miniature): a write made after reading another server's
 * write always carries the larger version, even if the two clocks disagree a little.
 */
export class VersionClock {
  private last = 0;

  constructor(private readonly self: string) {}

  next(): Version {
    this.last = Math.max(Date.now(), this.last + 1);
    return { at: this.last, by: this.self };
  }

  observe(version: Version): void {
    this.last = Math.max(this.last, version.at);
  }
}

// #region future-version
/**
 * A version stamped later than this server's clock plus the allowed skew. Last writer wins
 * trusts the clock in the version: one stamped years ahead would win against every later
 * write (this server's own included) until that far-off time, pinning the session forever.
 */
export function isFromTheFuture(
  version: Version,
  allowedSkewMs: number,
  now = Date.now(),
): boolean {
  return version.at > now + allowedSkewMs;
}
// #endregion future-version
