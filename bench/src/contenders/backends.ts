import { ChapterServer } from '@sessions/harness';

/**
 * The three chapter-02 servers every contender reaches: real chapter server processes,
 * started as the harness starts every one.
 */
export async function startBackends(count = 3): Promise<ChapterServer[]> {
  const servers: ChapterServer[] = [];
  try {
    for (let id = 1; id <= count; id++)
      servers.push(await ChapterServer.create({ chapter: '02-inconsistency', id: String(id) }));
    // One at a time: three Nest apps starting together on a busy 2-core machine can each
    // take longer than the readiness bound.
    for (const server of servers) await server.start();
    return servers;
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()));
    throw error;
  }
}
