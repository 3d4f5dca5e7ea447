/** Why a server was not added to the peers. */
export type AddOutcome = 'added' | 'known' | 'not-a-member' | 'full';

export interface MembershipLimits {
  /** Every URL that may ever be a member (CLUSTER_MEMBERS). */
  allowed: readonly string[];
  maxPeers: number;
  /** Drop a peer after it has been unreachable this long; 0 keeps it forever. */
  peerTimeoutMs: number;
}

/**
 * Who is in the cluster, as this server knows it: itself plus its peers. It starts from
 * PEERS and grows when a new server announces itself (a join message), but only with servers
 * the configuration lists, and only up to a limit. A peer that stays unreachable past the
 * timeout is dropped; it is added again when it comes back and announces itself.
 */
export class Membership {
  private readonly peerSet: Set<string>;
  private readonly allowed: Set<string>;
  private readonly unreachableSince = new Map<string, number>();
  /** Peers dropped because they stayed unreachable. */
  dropped = 0;

  constructor(
    readonly self: string,
    peers: readonly string[],
    private readonly limits: MembershipLimits = {
      allowed: [self, ...peers],
      maxPeers: 16,
      peerTimeoutMs: 0,
    },
  ) {
    this.allowed = new Set([self, ...peers, ...limits.allowed]);
    this.peerSet = new Set(peers.filter((peer) => peer !== self).slice(0, limits.maxPeers));
  }

  peers(): string[] {
    return [...this.peerSet];
  }

  // #region join-admission
  /** What add(url) would do, without doing it. */
  admission(url: string): AddOutcome {
    if (url === this.self || this.peerSet.has(url)) return 'known';
    if (!this.allowed.has(url)) return 'not-a-member';
    if (this.peerSet.size >= this.limits.maxPeers) return 'full';
    return 'added';
  }

  add(url: string): AddOutcome {
    const outcome = this.admission(url);
    if (outcome !== 'added') return outcome;
    this.peerSet.add(url);
    this.unreachableSince.delete(url);
    return 'added';
  }
  // #endregion join-admission

  /** A message reached the peer. */
  reached(peer: string): void {
    this.unreachableSince.delete(peer);
  }

  /** A message could not reach the peer; returns true when that dropped it from the peers. */
  missed(peer: string, now = Date.now()): boolean {
    if (this.limits.peerTimeoutMs === 0 || !this.peerSet.has(peer)) return false;
    const since = this.unreachableSince.get(peer);
    if (since === undefined) {
      this.unreachableSince.set(peer, now);
      return false;
    }
    if (now - since < this.limits.peerTimeoutMs) return false;
    this.peerSet.delete(peer);
    this.unreachableSince.delete(peer);
    this.dropped += 1;
    return true;
  }

  /** Everyone, in one order all servers agree on. */
  members(): string[] {
    return [this.self, ...this.peerSet].sort();
  }

  // #region backup-placement
  /** Primary-backup: a session's backup is the next member after its owner, round the ring. */
  backupFor(owner: string): string | null {
    const members = this.members();
    if (members.length < 2) return null;
    const index = members.indexOf(owner);
    return members[(index + 1) % members.length];
  }
  // #endregion backup-placement
}
