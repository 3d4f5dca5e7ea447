import { Store, type SessionData } from 'express-session';
import type { ClusterConfig } from '../cluster/cluster-config';
import type { Membership } from '../cluster/membership';
import { replicationPath, type ReplicationClient } from './replication-client';
import { encodeEnvelope, type Envelope, type ReplicationMessage } from './replication-message';
import type { ReplicationStats } from './replication-stats';
import { expiryOf, SessionTable, type SnapshotEntry } from './session-table';
import { maxClockSkewMs, type RejectionReason } from './message-signing';
import { isFromTheFuture, VersionClock } from './version';

type Callback = (error?: unknown) => void;
type GetCallback = (error: unknown, session?: SessionData | null) => void;

interface Outgoing {
  peer: string;
  message: ReplicationMessage;
}

/** A read that only extends the session's life is replicated at most this often per session. */
export const touchReplicationMs = 60_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * An express-session Store that keeps every session in this process (like MemoryStore)
 * and sends every change to the other servers of the cluster.
 */
export class ReplicatedStore extends Store {
  readonly table = new SessionTable();
  private readonly clock: VersionClock;

  constructor(
    private readonly config: ClusterConfig,
    readonly membership: Membership,
    private readonly client: ReplicationClient,
    readonly stats: ReplicationStats,
  ) {
    super();
    this.clock = new VersionClock(membership.self);
  }

  get self(): string {
    return this.membership.self;
  }

  get(sid: string, callback: GetCallback): void {
    const entry = this.table.get(sid);
    if (entry?.json !== undefined) return callback(null, JSON.parse(entry.json) as SessionData);
    if (entry) {
      // Primary-backup: this server only knows where the session lives; ask its holders.
      this.fetchFromHolders(sid, [entry.owner, entry.backup]).then(
        (session) => callback(null, session),
        callback,
      );
      return;
    }
    callback(null, null);
  }

  // #region replicate-on-set
  set(sid: string, session: SessionData, callback: Callback = () => {}): void {
    const json = JSON.stringify(session);
    const expires = expiryOf(session);
    if (this.unchanged(sid, session, expires)) {
      this.table.touch(sid, expires);
      return callback();
    }
    const version = this.clock.next();
    this.stats.writes += 1;
    this.stats.writtenBytes += Buffer.byteLength(json);

    if (this.config.clusterMode === 'all-to-all') {
      this.table.put(sid, { version, json, expires, replicatedExpires: expires });
      const message: ReplicationMessage = { kind: 'set', sid, version, session };
      return this.replicate(
        this.membership.peers().map((peer) => ({ peer, message })),
        callback,
      );
    }
    // #endregion replicate-on-set

    // #region primary-backup-set
    // Primary-backup: whoever writes becomes the owner; one backup gets the data, the
    // others only learn where it lives.
    const owner = this.self;
    const backup = this.membership.backupFor(owner);
    this.table.put(sid, { version, json, expires, owner, backup, replicatedExpires: expires });
    const outgoing = this.membership.peers().map((peer): Outgoing => ({
      peer,
      message:
        peer === backup
          ? { kind: 'set', sid, version, session, owner, backup }
          : { kind: 'locate', sid, version, owner, backup, expires },
    }));
    this.replicate(outgoing, callback);
    // #endregion primary-backup-set
  }

  /**
   * express-session saves a second time after a login (it regenerated the id, then the
   * route saved): the same data again, with an expiry a few ms later. Nothing to replicate.
   */
  private unchanged(sid: string, session: SessionData, expires: number | null): boolean {
    const entry = this.table.get(sid);
    if (entry?.json === undefined || (entry.owner !== undefined && entry.owner !== this.self))
      return false;
    const data = (value: SessionData) => JSON.stringify({ ...value, cookie: undefined });
    const sameData = data(JSON.parse(entry.json) as SessionData) === data(session);
    const expiryMoved = Math.abs((expires ?? 0) - (entry.replicatedExpires ?? 0));
    return sameData && expiryMoved < touchReplicationMs;
  }

  destroy(sid: string, callback: Callback = () => {}): void {
    const known = this.table.has(sid);
    const version = this.clock.next();
    this.table.remove(sid, version);
    // Login regenerates the session and so destroys a fresh id that was never stored
    // anywhere: nothing to tell the peers.
    if (!known) return callback();
    const message: ReplicationMessage = { kind: 'destroy', sid, version };
    this.replicate(
      this.membership.peers().map((peer) => ({ peer, message })),
      callback,
    );
  }

  override touch(sid: string, session: SessionData, callback: Callback = () => {}): void {
    const expires = expiryOf(session);
    const entry = this.table.get(sid);
    this.table.touch(sid, expires);
    callback();
    // Every read extends the session's life. Replicating each one would multiply the
    // traffic, so peers hear about it only when the expiry moved by a minute or more;
    // and never synchronously: a read should not wait for the cluster.
    if (!entry || expires === null) return;
    if (expires - (entry.replicatedExpires ?? 0) < touchReplicationMs) return;
    entry.replicatedExpires = expires;
    const message: ReplicationMessage = { kind: 'touch', sid, expires };
    void this.deliver(this.membership.peers().map((peer) => ({ peer, message })));
  }

  override all(
    callback: (error: unknown, sessions?: Record<string, SessionData> | null) => void,
  ): void {
    const sessions: Record<string, SessionData> = {};
    for (const [sid, json] of this.table.fullCopies())
      sessions[sid] = JSON.parse(json) as SessionData;
    callback(null, sessions);
  }

  override length(callback: (error: unknown, length?: number) => void): void {
    callback(null, this.table.fullCopies().length);
  }

  override clear(callback: Callback = () => {}): void {
    this.table.clear();
    callback();
  }

  // #region async-vs-sync
  /**
   * async: the client gets its answer now; the peers get the change after the delay.
   * sync: the answer waits until every peer acknowledged (or failed), so a read that
   * follows the answer finds the change on any live server.
   */
  private replicate(outgoing: Outgoing[], callback: Callback): void {
    const delivery = this.deliver(outgoing);
    if (this.config.replicationMode === 'sync') {
      delivery.then(() => callback(), callback);
    } else {
      callback();
    }
  }

  private async deliver(outgoing: Outgoing[]): Promise<void> {
    if (outgoing.length === 0) return;
    this.stats.pending += outgoing.length;
    if (this.config.replicationDelayMs > 0) await sleep(this.config.replicationDelayMs);
    await Promise.all(outgoing.map((item) => this.send(item)));
  }
  // #endregion async-vs-sync

  private async send({ peer, message }: Outgoing): Promise<void> {
    const body = encodeEnvelope({ from: this.self, sentAt: Date.now(), message });
    try {
      await this.client.post(peer, `${replicationPath}/messages`, body);
      this.stats.sent.messages += 1;
      this.membership.reached(peer);
    } catch {
      // A peer that is down misses the change; it pulls the full state when it comes back
      // (and announces itself again, should it have been dropped meanwhile).
      this.stats.sent.failed += 1;
      this.membership.missed(peer);
    } finally {
      this.stats.pending -= 1;
    }
  }

  /**
   * Why a correctly signed message is still refused, or undefined to apply it: a version
   * from the future, or a join from a server the configuration does not list (or one too many).
   */
  refusal(
    envelope: Envelope,
    now = Date.now(),
  ): { reason: RejectionReason; message: string } | undefined {
    const message = envelope.message;
    if ('version' in message && isFromTheFuture(message.version, maxClockSkewMs, now))
      return {
        reason: 'future-version',
        message: `its version is ${message.version.at - now} ms ahead of this server's clock (at most ${maxClockSkewMs} ms allowed)`,
      };
    if (message.kind === 'join') {
      const admission = this.membership.admission(message.url);
      if (admission === 'not-a-member')
        return {
          reason: 'not-a-member',
          message: `${message.url} is not in this cluster's configured members`,
        };
      if (admission === 'full')
        return {
          reason: 'peers-full',
          message: 'this server already has as many peers as allowed',
        };
    }
    return undefined;
  }

  /** Applies one message from a peer. Returns false when it was older than what is here. */
  apply(envelope: Envelope): boolean {
    const message = envelope.message;
    switch (message.kind) {
      case 'set': {
        this.clock.observe(message.version);
        const expires = expiryOf(message.session);
        const applied = this.table.put(message.sid, {
          version: message.version,
          json: JSON.stringify(message.session),
          expires,
          owner: message.owner,
          backup: message.backup,
          replicatedExpires: expires,
        });
        if (applied) this.stats.recordLag(Date.now() - message.version.at);
        return applied;
      }
      case 'destroy':
        this.clock.observe(message.version);
        return this.table.remove(message.sid, message.version);
      case 'touch':
        this.table.touch(message.sid, message.expires);
        return true;
      case 'locate':
        this.clock.observe(message.version);
        return this.table.put(message.sid, {
          version: message.version,
          expires: message.expires,
          owner: message.owner,
          backup: message.backup,
        });
      case 'join':
        this.membership.add(message.url);
        return true;
    }
  }

  /** The full copy of one session, for a peer that holds only its locator. */
  fullCopy(sid: string): { version: SnapshotEntry['version']; session: SessionData } | undefined {
    const entry = this.table.get(sid);
    if (entry?.json === undefined) return undefined;
    return { version: entry.version, session: JSON.parse(entry.json) as SessionData };
  }

  /** State transfer: what a starting server receives. */
  snapshot(): { from: string; members: string[]; entries: SnapshotEntry[] } {
    return { from: this.self, members: this.membership.members(), entries: this.table.snapshot() };
  }

  /** Merges a snapshot: an entry that changed meanwhile (a newer message arrived) is kept. */
  loadSnapshot(entries: readonly SnapshotEntry[]): number {
    let loaded = 0;
    for (const entry of entries) {
      if (isFromTheFuture(entry.version, maxClockSkewMs)) {
        this.stats.reject('future-version');
        continue;
      }
      this.clock.observe(entry.version);
      // Primary-backup keeps full copies only where it owns or backs up the session.
      const keepFull =
        this.config.clusterMode === 'all-to-all' ||
        entry.owner === this.self ||
        entry.backup === this.self;
      const applied = this.table.put(entry.sid, {
        version: entry.version,
        json: keepFull && entry.session ? JSON.stringify(entry.session) : undefined,
        expires: entry.expires,
        owner: entry.owner,
        backup: entry.backup,
        replicatedExpires: entry.expires,
      });
      if (applied) loaded += 1;
    }
    return loaded;
  }

  private async fetchFromHolders(
    sid: string,
    holders: Array<string | null | undefined>,
  ): Promise<SessionData | null> {
    for (const holder of holders) {
      if (!holder || holder === this.self) continue;
      try {
        const response = await this.client.get(
          holder,
          `${replicationPath}/sessions/${encodeURIComponent(sid)}`,
        );
        this.stats.peerFetches.ok += 1;
        return (JSON.parse(response.body.toString()) as { session: SessionData }).session;
      } catch {
        // The owner may be down: that is what the backup is for.
        this.stats.peerFetches.failed += 1;
      }
    }
    return null;
  }
}
