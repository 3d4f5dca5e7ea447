import { runRoundTrips } from './run-round-trips';
import { runSplitBrain } from './run-split-brain';

const experiments: Record<string, () => Promise<void>> = {
  'split-brain': runSplitBrain,
  'round-trips': runRoundTrips,
};

// npm run experiment -w chapters/06-network-partitions                 (all of them)
// npm run experiment -w chapters/06-network-partitions -- split-brain  (one of them)
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
    console.log(`wrote chapters/06-network-partitions/results/${name}.json`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
