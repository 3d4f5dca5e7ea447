import { ChapterServer } from '@sessions/harness';
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
