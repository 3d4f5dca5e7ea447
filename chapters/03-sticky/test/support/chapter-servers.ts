import { ChapterServer, LabClient } from '@sessions/harness';
import type { StickyMode } from '../../src/sticky/sticky-mode';

/** Three chapter 03 servers, as a real balancer in front of them would find them. */
export async function startChapterServers(mode: StickyMode): Promise<ChapterServer[]> {
  const servers = await Promise.all(
    ['1', '2', '3'].map((id) =>
      ChapterServer.create({ chapter: '03-sticky', id, env: { STICKY_MODE: mode } }),
    ),
  );
  try {
    await Promise.all(servers.map((server) => server.start()));
    return servers;
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()));
    throw error;
  }
}

export interface Me {
  server: string;
  userid: string | null;
  cart: string[];
}

/**
 * Three servers for the tests of the calling file or describe: started before the first test,
 * stopped after the last. The function it returns gives them once started.
 */
export function useChapterServers(mode: StickyMode): () => ChapterServer[] {
  let servers: ChapterServer[] = [];
  beforeAll(async () => {
    servers = await startChapterServers(mode);
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });
  return () => servers;
}

/** How a balancer in front of the servers finds them: each id with its address. */
export const upstreamsOf = (servers: readonly ChapterServer[]) =>
  servers.map((server) => ({ id: server.id, address: `127.0.0.1:${server.port}` }));

/** A new user logged in through `url` with an apple in the cart, and the server that answered. */
export async function shopper(url: string, name: string) {
  const user = new LabClient(url, { name });
  const login = await user.post('/login', { userid: name });
  await user.post('/cart', { item: 'apple' });
  return { user, server: login.servedBy! };
}

/** What GET /me answers this user `count` times in a row. */
export async function meAgain(user: LabClient, count: number): Promise<Me[]> {
  const answers: Me[] = [];
  for (let i = 0; i < count; i++) answers.push((await user.get<Me>('/me')).body);
  return answers;
}
