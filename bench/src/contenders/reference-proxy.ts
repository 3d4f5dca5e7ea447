import path from 'node:path';
import { freePort, ManagedProcess, repoRoot } from '@sessions/harness';
import type { Contender } from './contender';
import { waitUntilAnswering } from './wait-for-port';

const references = {
  'node-http-proxy': 'reference · plain node:http proxy',
  'bare-http-proxy-3': 'reference · bare http-proxy-3',
  'undici-proxy': 'reference · undici 7 Pool',
} as const;

/** One of the yardstick proxies (bench/src/reference), from the build, in its own process. */
export async function startReferenceProxy(
  which: keyof typeof references,
  backends: ReadonlyArray<{ url: string }>,
): Promise<Contender> {
  const port = await freePort();
  const process = new ManagedProcess({
    command: globalThis.process.execPath,
    args: [
      path.join(repoRoot(), 'bench/dist/reference', `${which}.js`),
      '--port',
      String(port),
      ...backends.flatMap((backend) => ['--server', backend.url]),
    ],
    label: references[which],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(process, `${url}/health`, references[which]);
  return { name: references[which], url, pid: process.pid, stop: () => process.stop() };
}
