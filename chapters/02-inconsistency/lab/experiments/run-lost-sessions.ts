import {
  chapterDir,
  figuresOverRounds,
  formatTable,
  inFreshLab,
  writeResults,
  type Figure,
} from '@sessions/harness';
import { lab as definition } from '../lab';
import { measureLostSessions, type LostSessionsOptions } from './lost-sessions';

// Each round is a fresh lab and its own seed (2, 3, 4): the users come in another order, and
// the share that misses its session moves around 1 - 1/N. A seed gives the same count on
// any machine: the requests go one after another, so nothing depends on timing.
const rounds = 3;
const firstSeed = 2;

export async function runLostSessions(): Promise<void> {
  const options = { users: 20, requestsPerUser: 10, servers: definition.servers };
  console.log(
    `Chapter 02 experiment: ${options.users} users log in once, then make ${options.requestsPerUser} requests each through a round-robin balancer in front of ${options.servers} servers; ${rounds} rounds, seeds ${firstSeed} to ${firstSeed + rounds - 1}.`,
  );
  const percent = (share: number) => Math.round(share * 1000) / 10;
  const byRound: Array<Record<string, Figure>> = [];
  const servedBy: Array<Record<string, Figure>> = [];
  for (let round = 0; round < rounds; round++) {
    const seed = firstSeed + round;
    const result = await inFreshLab(definition, (lab) =>
      measureLostSessions(lab, { ...options, seed } satisfies LostSessionsOptions),
    );
    const rows = [
      { figure: 'requests', value: result.requests },
      { figure: 'requests that found no session', value: result.requestsWithoutSession },
      { figure: 'share without session (%)', value: percent(result.shareWithoutSession) },
      { figure: 'expected share: 1 - 1/N (%)', value: percent(result.expectedShare) },
    ];
    console.log(`\n${formatTable(rows, `Lost sessions behind round-robin, seed ${seed}`)}\n`);
    for (const [server, requests] of Object.entries(result.servedBy))
      servedBy.push({ seed, server, requests });
    byRound.push({
      requests: result.requests,
      requestsWithoutSession: result.requestsWithoutSession,
      percentWithoutSession: percent(result.shareWithoutSession),
      expectedPercent: percent(result.expectedShare),
    });
  }
  console.log(formatTable(servedBy, 'Requests per server'));
  const file = writeResults(chapterDir('02-inconsistency'), {
    experiment: 'lost-sessions',
    parameters: { rounds, ...options, seeds: `${firstSeed}-${firstSeed + rounds - 1}` },
    figures: { rounds, ...figuresOverRounds(byRound) },
    tables: { servedBy },
  });
  console.log(`\nwrote ${file}`);
}
