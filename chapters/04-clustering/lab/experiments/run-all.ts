import { runCrash } from './run-crash';
import { runEvenLoad } from './run-even-load';
import { runLastWriterWins } from './run-last-writer-wins';
import { runMemory } from './run-memory';
import { runNetwork } from './run-network';
import { runScaleOut } from './run-scale-out';
import { runTimingWindow } from './run-timing-window';

const experiments: Record<string, () => Promise<void>> = {
  'timing-window': runTimingWindow,
  memory: runMemory,
  network: runNetwork,
  'even-load': runEvenLoad,
  'last-writer-wins': runLastWriterWins,
  crash: runCrash,
  'scale-out': runScaleOut,
};

// npm run experiment -w chapters/04-clustering            (all of them, a few minutes)
// npm run experiment -w chapters/04-clustering -- memory  (one of them)
async function main() {
  const chosen = process.argv.slice(2);
  const unknown = chosen.filter((name) => !(name in experiments));
  if (unknown.length > 0) {
    console.error(
      `unknown experiment ${unknown.join(', ')}; choose from: ${Object.keys(experiments).join(', ')}`,
    );
    process.exit(2);
  }
  for (const name of chosen.length > 0 ? chosen : Object.keys(experiments)) {
    await experiments[name]();
    console.log(`wrote chapters/04-clustering/results/${name}.json`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
