// Runs one experiment by name (`node dist/lab/experiments/run-one.js failover`), or all of them.
import { runEvenLoad } from './run-even-load';
import { runFailover } from './run-failover';
import { runReplication } from './run-replication';
import { runStoreLatency } from './run-store-latency';
import { runStoreRestart } from './run-store-restart';

const experiments: Record<string, () => Promise<void>> = {
  'store-latency': runStoreLatency,
  'store-restart': runStoreRestart,
  failover: runFailover,
  'even-load': runEvenLoad,
  replication: runReplication,
};

async function main() {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !(name in experiments));
  if (unknown.length > 0) {
    console.error(
      `unknown experiment ${unknown.join(', ')}; choose from ${Object.keys(experiments).join(', ')}`,
    );
    process.exit(2);
  }
  for (const name of names.length > 0 ? names : Object.keys(experiments)) {
    await experiments[name]();
    console.log('');
  }
}

void main();
