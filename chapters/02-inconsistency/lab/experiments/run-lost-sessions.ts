import { chapterDir, formatTable, startLab, writeResults } from '@sessions/harness';
import { lab as definition } from '../lab';
import { measureLostSessions, type LostSessionsOptions } from './lost-sessions';

// npm run experiment -w chapters/02-inconsistency
async function main() {
  const options: LostSessionsOptions = {
    users: 20,
    requestsPerUser: 10,
    servers: definition.servers,
    seed: 2,
  };
  console.log(
    `Chapter 02 experiment: ${options.users} users log in once, then make ${options.requestsPerUser} requests each through a round-robin balancer in front of ${options.servers} servers.`,
  );
  const lab = await startLab(definition);
  try {
    const result = await measureLostSessions(lab, options);
    const percent = (share: number) => Math.round(share * 1000) / 10;
    const rows = [
      { figure: 'requests', value: result.requests },
      { figure: 'requests that found no session', value: result.requestsWithoutSession },
      { figure: 'share without session (%)', value: percent(result.shareWithoutSession) },
      { figure: 'expected share: 1 - 1/N (%)', value: percent(result.expectedShare) },
    ];
    console.log(`\n${formatTable(rows, 'Lost sessions behind round-robin')}\n`);
    console.log(
      formatTable(
        Object.entries(result.servedBy).map(([server, requests]) => ({ server, requests })),
        'Requests per server',
      ),
    );
    const file = writeResults(chapterDir('02-inconsistency'), {
      experiment: 'lost-sessions',
      parameters: {
        users: options.users,
        requestsPerUser: options.requestsPerUser,
        servers: options.servers,
        seed: options.seed,
      },
      figures: {
        requests: result.requests,
        requestsWithoutSession: result.requestsWithoutSession,
        percentWithoutSession: percent(result.shareWithoutSession),
        expectedPercent: percent(result.expectedShare),
      },
      tables: {
        servedBy: Object.entries(result.servedBy).map(([server, requests]) => ({
          server,
          requests,
        })),
      },
    });
    console.log(`\nwrote ${file}`);
  } finally {
    await lab.stop();
  }
}

void main();
