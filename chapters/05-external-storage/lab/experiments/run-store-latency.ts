import { chapterDir, formatTable, median, writeResults } from '@sessions/harness';
import { measureRedisRoundTrip } from './redis-round-trip';
import {
  measureStoreLatency,
  type StoreLatencyOptions,
  type StoreLatencyRow,
} from './store-latency';
import { countStoreOperations } from './store-operations';

// npm run experiment -w chapters/05-external-storage -- store-latency
export async function runStoreLatency(): Promise<void> {
  const options: StoreLatencyOptions = {
    stores: ['memory', 'redis', 'postgres'],
    sequentialRequests: 400,
    connections: 10,
    secondsPerRound: 3,
    rounds: 3,
  };
  const countedRequests = 20;
  const roundTripRequests = 2000;
  console.log(
    `RDB versus in-memory: GET /me with one session against one server per store; per round ${options.sequentialRequests} sequential requests (latency), then ${options.connections} connections for ${options.secondsPerRound} s (throughput); ${options.rounds} rounds, medians and the rounds' lowest and highest.`,
  );
  const rows: StoreLatencyRow[] = await measureStoreLatency(options);
  console.log(`\n${formatTable(rows, 'Per-request cost of the session store')}`);

  console.log(`\nCounting what each store is asked per request (${countedRequests} of each)...`);
  const operations = [
    await countStoreOperations('redis', countedRequests),
    await countStoreOperations('postgres', countedRequests),
  ];
  console.log(
    formatTable(
      operations.map((o) => ({
        store: o.store,
        perRead: o.perRead,
        reads: describe(o.readsByOperation),
        perWrite: o.perWrite,
        writes: describe(o.writesByOperation),
      })),
      'Store operations per request, counted by the store',
    ),
  );

  console.log(`\nOne Redis GET on loopback, ${roundTripRequests} per round...`);
  const roundTrip = await measureRedisRoundTrip(options.rounds, roundTripRequests);
  const spread = (values: number[]) => ({
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
  });
  const clientMs = spread(roundTrip.clientP50Ms);
  const serverUs = spread(roundTrip.serverUsPerCall);
  console.log(
    `client round trip p50 ${clientMs.median} ms (${clientMs.min}–${clientMs.max}); inside Redis ${serverUs.median} µs per GET (${serverUs.min}–${serverUs.max})`,
  );

  const counted = (store: 'redis' | 'postgres') => operations.find((o) => o.store === store)!;
  const file = writeResults(chapterDir('05-external-storage'), {
    experiment: 'store-latency',
    parameters: {
      sequentialRequests: options.sequentialRequests,
      connections: options.connections,
      secondsPerRound: options.secondsPerRound,
      rounds: options.rounds,
      servers: 1,
      request: 'GET /me with a session cookie',
      countedRequests,
      roundTripRequests,
    },
    figures: {
      ...Object.fromEntries(
        rows.flatMap((r) => [
          [`${r.store}RequestsPerSecond`, r.requestsPerSecond],
          [`${r.store}RequestsPerSecondMin`, r.requestsPerSecondMin],
          [`${r.store}RequestsPerSecondMax`, r.requestsPerSecondMax],
          [`${r.store}P50Ms`, r.p50Ms],
          [`${r.store}P50MinMs`, r.p50MinMs],
          [`${r.store}P50MaxMs`, r.p50MaxMs],
          [`${r.store}P99Ms`, r.p99Ms],
          [`${r.store}Failures`, r.failures],
        ]),
      ),
      redisCommandsPerRead: counted('redis').perRead,
      redisCommandsPerWrite: counted('redis').perWrite,
      redisReadCommands: describe(counted('redis').readsByOperation),
      redisWriteCommands: describe(counted('redis').writesByOperation),
      postgresStatementsPerRead: counted('postgres').perRead,
      postgresStatementsPerWrite: counted('postgres').perWrite,
      postgresReadStatements: describe(counted('postgres').readsByOperation),
      postgresWriteStatements: describe(counted('postgres').writesByOperation),
      redisGetRoundTripMs: clientMs.median,
      redisGetRoundTripMinMs: clientMs.min,
      redisGetRoundTripMaxMs: clientMs.max,
      redisGetInsideUs: serverUs.median,
      redisGetInsideMinUs: serverUs.min,
      redisGetInsideMaxUs: serverUs.max,
    },
    tables: { stores: rows.map((r) => ({ ...r })) },
  });
  const row = (store: string) => rows.find((r) => r.store === store)!;
  console.log(
    `\nPostgreSQL serves ${Math.round((row('postgres').requestsPerSecond / row('redis').requestsPerSecond) * 100)}% of Redis's throughput here.\nwrote ${file}`,
  );
}

/** `{ get: 1, expire: 2 }` as "1 get + 2 expire". */
function describe(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, n]) => `${n} ${name.toLowerCase()}`)
    .join(' + ');
}
