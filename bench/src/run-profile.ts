import { parseArgs } from 'node:util';
import { formatTable } from '@sessions/harness';
import { benchProfile } from './sections/profile';

// npm run profile -w bench [-- --strategy round-robin --seconds 10]
// Loads the course balancer (in its own process, under --cpu-prof) and prints where its CPU went.
const { values } = parseArgs({
  options: {
    strategy: { type: 'string', default: 'round-robin' },
    seconds: { type: 'string', default: '10' },
  },
});

benchProfile(values.strategy, Number(values.seconds)).then(
  (result) => {
    console.log(
      `${result.strategy}: ${result.requestsPerSecond} req/s, ${result.cpuMicros} µs of balancer CPU per request (profiler on)\n`,
    );
    console.log(`${formatTable(result.owners, 'Balancer CPU by owner (self time)')}\n`);
    console.log(formatTable(result.hotSpots, 'Balancer self time by function'));
    process.exit(0);
  },
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
