import type { SessionData } from 'express-session';
import { isNewer, type Version } from './version';

export interface SessionEntry {
  version: Version;
  /** The session as JSON; absent when this server holds only a locator (primary-backup). */
  json?: string;
  /** When the session expires (ms since epoch); null for a browser-session cookie. */
  expires: number | null;
  /** Primary-backup: the server holding the full copy, and its backup. */
  owner?: string;
  backup?: string | null;
  /** The expiry peers were last told about: touches are replicated only when it moved enough. */
  replicatedExpires?: number | null;
}

/** One entry as a snapshot carries it (state transfer). */
export interface SnapshotEntry {
  sid: string;
  version: Version;
  session?: SessionData;
  expires: number | null;
  owner?: string;
  backup?: string | null;
}

/** How long a destroyed id is remembered, so a late `set` cannot bring the session back. */
const tombstoneMs = 10 * 60 * 1000;

export function expiryOf(session: SessionData): number | null {
  const expires = session.cookie?.expires;
  return expires ? new Date(expires).getTime() : null;
}

// #region last-writer-wins
/**
 * This server's copy of the cluster's sessions. Every change, local or replicated, goes
 * through `put`/`remove`, which keep it only when its version is newer than what is here:
 * the last writer wins, and every server ends up agreeing on the same winner.
 */
export class SessionTable {
  private readonly entries = new Map<string, SessionEntry>();
  private readonly tombstones = new Map<string, Version>();
  private lastPrune = Date.now();

  put(sid: string, entry: SessionEntry): boolean {
    if (!isNewer(entry.version, this.entries.get(sid)?.version)) return false;
    if (!isNewer(entry.version, this.tombstones.get(sid))) return false;
    this.entries.set(sid, entry);
    return true;
  }

  remove(sid: string, version: Version): boolean {
    const current = this.entries.get(sid);
    if (current && !isNewer(version, current.version)) return false;
    this.entries.delete(sid);
    this.tombstones.set(sid, version);
    this.pruneTombstones();
    return true;
  }
  // #endregion last-writer-wins

  /** The entry, or undefined; an expired session is dropped here (expiry spreads lazily). */
  get(sid: string, now = Date.now()): SessionEntry | undefined {
    const entry = this.entries.get(sid);
    if (entry?.expires !== undefined && entry.expires !== null && entry.expires <= now) {
      this.entries.delete(sid);
      return undefined;
    }
    return entry;
  }

  has(sid: string): boolean {
    return this.entries.has(sid);
  }

  touch(sid: string, expires: number | null): void {
    const entry = this.entries.get(sid);
    if (!entry) return;
    entry.expires = expires;
    if (entry.json) {
      const session = JSON.parse(entry.json) as SessionData;
      if (session.cookie) session.cookie.expires = expires === null ? null : new Date(expires);
      entry.json = JSON.stringify(session);
    }
  }

  /** The sessions this server holds in full (expired ones left out). */
  fullCopies(now = Date.now()): Array<[string, string]> {
    return [...this.entries.keys()]
      .map((sid) => [sid, this.get(sid, now)?.json] as const)
      .filter((pair): pair is readonly [string, string] => pair[1] !== undefined)
      .map(([sid, json]) => [sid, json]);
  }

  counts(): { full: number; locators: number } {
    let full = 0;
    for (const entry of this.entries.values()) if (entry.json !== undefined) full += 1;
    return { full, locators: this.entries.size - full };
  }

  clear(): void {
    this.entries.clear();
  }

  snapshot(): SnapshotEntry[] {
    return [...this.entries.entries()].map(([sid, entry]) => ({
      sid,
      version: entry.version,
      session: entry.json === undefined ? undefined : (JSON.parse(entry.json) as SessionData),
      expires: entry.expires,
      owner: entry.owner,
      backup: entry.backup,
    }));
  }

  private pruneTombstones(now = Date.now()): void {
    if (now - this.lastPrune < 10_000) return;
    this.lastPrune = now;
    for (const [sid, version] of this.tombstones)
      if (version.at < now - tombstoneMs) this.tombstones.delete(sid);
  }
}
