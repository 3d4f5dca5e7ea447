/** What one session looks like from the server's side, for the dashboard and experiments. */
export interface SessionSummary {
  id: string;
  userid: string | null;
  cartSize: number;
  /** Bytes of the session as the store serialises it (JSON). */
  bytes: number;
}

/**
 * How a chapter shows what its server holds. Chapter 02 reads its MemoryStore, chapter 04
 * its replicated store, chapter 05 the shared store: the same two questions every time.
 */
export interface SessionInspector {
  sessions(): Promise<SessionSummary[]>;
  /** Chapter-specific figures: replication counters, store state, ... */
  stats(): Promise<Record<string, unknown>>;
}

export const SESSION_INSPECTOR = Symbol('SESSION_INSPECTOR');
