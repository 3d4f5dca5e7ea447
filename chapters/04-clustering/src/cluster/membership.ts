/**
 * Who is in the cluster, as this server knows it: itself plus its peers. It starts from
 * PEERS and grows when a new server announces itself (a join message).
 */
export class Membership {
  private readonly peerSet: Set<string>;

  constructor(
    readonly self: string,
    peers: readonly string[],
  ) {
    this.peerSet = new Set(peers.filter((peer) => peer !== self));
  }

  peers(): string[] {
    return [...this.peerSet];
  }

  /** Returns true when the server was not known before. */
  add(url: string): boolean {
    if (url === this.self || this.peerSet.has(url)) return false;
    this.peerSet.add(url);
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
