import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  endWith,
  hasEnded,
  LabClient,
  launchLab,
  repoRoot,
  type LaunchedLab,
} from '@sessions/harness';

/**
 * `npm start -- 03 --strategy <name>`: the real launcher (scripts/lab.mjs), one server, and
 * what the balancer and the cookies say about the strategy it runs.
 */
const startTimeoutMs = 60_000;
const stopTimeoutMs = 20_000;

// Only the option chooses: a STICKY_MODE of the shell running the tests must not.
const launch = (args: string[]) =>
  launchLab(args, { startTimeoutMs, stopTimeoutMs, env: { STICKY_MODE: undefined } });

async function stop({ child, exited }: LaunchedLab): Promise<void> {
  if (hasEnded(child)) return;
  await endWith(child, 'SIGINT', 'the launcher', stopTimeoutMs);
  await exited;
}

describe('npm start -- 03 --strategy', () => {
  const cases = [
    { strategy: 'insert', balancer: 'sticky-insert-cookie', cookie: 'SERVERID', absent: 'server' },
    { strategy: 'app', balancer: 'sticky-app-cookie', cookie: 'server', absent: 'SERVERID' },
  ];
  for (const { strategy, balancer, cookie, absent } of cases) {
    it(
      `--strategy ${strategy} runs the balancer's ${balancer} and the user is pinned by the ${cookie} cookie`,
      async () => {
        const lab = await launch(['03', '--strategy', strategy, '--servers', '1']);
        try {
          const state = (await (await fetch(`${lab.url}/__lb/state`)).json()) as {
            strategy: string;
          };
          expect(state.strategy).toBe(balancer);
          const user = new LabClient(lab.url, { name: `strategy-${strategy}` });
          await user.post('/login', { userid: 'a' });
          expect(await user.cookie(cookie)).toBeDefined();
          expect(await user.cookie(absent)).toBeUndefined();
        } finally {
          await stop(lab);
        }
      },
      startTimeoutMs + 2 * stopTimeoutMs,
    );
  }

  it('refuses a strategy the chapter does not have, naming the ones it has, and any chapter but 03', async () => {
    const url = pathToFileURL(path.join(repoRoot(), 'scripts/lib/lab-options.mjs')).href;
    const { parseLabArguments } = (await import(url)) as {
      parseLabArguments(args: string[]): { options: Record<string, unknown> };
    };
    expect(parseLabArguments(['03', '--strategy', 'insert']).options).toEqual({
      strategy: 'insert',
    });
    expect(() => parseLabArguments(['03', '--strategy', 'least-connections'])).toThrow(
      '--strategy must be one of app, insert, got "least-connections"',
    );
    expect(() => parseLabArguments(['04', '--strategy', 'app'])).toThrow(
      '--strategy is for chapter 03, not 04',
    );
  });
});
