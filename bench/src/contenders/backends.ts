import { ChapterServer } from '@sessions/harness';

/** The three chapter-02 servers every contender reaches: real `node dist/main.js` processes. */
export async function startBackends(count = 3): Promise<ChapterServer[]> {
  const servers: ChapterServer[] = [];
  try {
    for (let id = 1; id <= count; id++)
      servers.push(await ChapterServer.create({ chapter: '02-inconsistency', id: String(id) }));
    await Promise.all(servers.map((server) => server.start()));
    return servers;
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()));
    throw error;
  }
}
