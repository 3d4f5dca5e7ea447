import { chapterDir, formatTable, writeResults } from '@sessions/harness';
import {
  measureStoreLatency,
  type StoreLatencyOptions,
  type StoreLatencyRow,
} from './store-latency';

// npm run experiment -w chapters/05-external-storage -- store-latency
export async function runStoreLatency(): Promise<void> {
  const options: StoreLatencyOptions = {
    stores: ['memory', 'redis', 'postgres'],
    sequentialRequests: 400,
    connections: 10,
    secondsPerRound: 3,
    rounds: 3,
  };
  console.log(
    `RDB versus in-memory: GET /me with one session against one server per store; per round ${options.sequentialRequests} sequential requests (latency), then ${options.connections} connections for ${options.secondsPerRound} s (throughput); ${options.rounds} rounds, medians.`,
  );
  const rows: StoreLatencyRow[] = await measureStoreLatency(options);
  console.log(`\n${formatTable(rows, 'Per-request cost of the session store')}`);
  const row = (store: string) => rows.find((r) => r.store === store)!;
  const file = writeResults(chapterDir('05-external-storage'), {
    experiment: 'store-latency',
    parameters: {
      sequentialRequests: options.sequentialRequests,
      connections: options.connections,
      secondsPerRound: options.secondsPerRound,
      rounds: options.rounds,
      servers: 1,
      request: 'GET /me with a session cookie',
    },
    figures: Object.fromEntries(
      rows.flatMap((r) => [
        [`${r.store}RequestsPerSecond`, r.requestsPerSecond],
        [`${r.store}P50Ms`, r.p50Ms],
        [`${r.store}P99Ms`, r.p99Ms],
        [`${r.store}Failures`, r.failures],
      ]),
    ),
    tables: { stores: rows.map((r) => ({ ...r })) },
  });
  console.log(
    `\nPostgreSQL serves ${Math.round((row('postgres').requestsPerSecond / row('redis').requestsPerSecond) * 100)}% of Redis's throughput here.\nwrote ${file}`,
  );
}
