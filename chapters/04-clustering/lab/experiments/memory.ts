import { LabClient, progress, type Lab } from '@sessions/harness';
import { replicationSettled, statsOf } from './cluster-probe';

export interface ServerHolding {
  server: string;
  /** Sessions held in full. */
  sessions: number;
  /** Primary-backup: sessions this server only knows the location of. */
  locators: number;
  /** Bytes of the sessions held in full, as the store serialises them. */
  storeBytes: number;
}

export interface MemoryResult {
  sessionsCreated: number;
  perServer: ServerHolding[];
  totalStoreBytes: number;
  /** One copy of every session: what a single shared store would hold. */
  oneCopyBytes: number;
}

/** Creates S logged-in users through the balancer, each with a few cart items. */
export async function createSessions(
  lab: Lab,
  count: number,
  itemsPerCart: number,
  showProgress = false,
): Promise<LabClient[]> {
  const users: LabClient[] = [];
  for (let i = 0; i < count; i++) {
    const user = new LabClient(lab.url, { name: `user-${i + 1}` });
    await user.post('/login', { userid: `user-${i + 1}` });
    for (let item = 0; item < itemsPerCart; item++)
      await user.post('/cart', { item: `item-${item + 1}` });
    users.push(user);
    if (showProgress) progress('sessions', i + 1, count);
  }
  await replicationSettled(lab.servers);
  return users;
}

// #region memory
/** What every server holds after S sessions were created through the balancer. */
export async function measureHoldings(lab: Lab, sessionsCreated: number): Promise<MemoryResult> {
  const perServer = await Promise.all(
    lab.servers.map(async (server): Promise<ServerHolding> => {
      const stats = await statsOf(server);
      return {
        server: server.id,
        sessions: stats.sessions,
        locators: stats.replication.copies.locators,
        storeBytes: stats.bytes,
      };
    }),
  );
  const totalStoreBytes = perServer.reduce((sum, server) => sum + server.storeBytes, 0);
  // The busiest holder's bytes per full copy, times S: one copy of everything.
  const bytesPerSession = Math.max(
    ...perServer.map((s) => (s.sessions ? s.storeBytes / s.sessions : 0)),
  );
  return {
    sessionsCreated,
    perServer,
    totalStoreBytes,
    oneCopyBytes: Math.round(bytesPerSession * sessionsCreated),
  };
}
// #endregion memory
