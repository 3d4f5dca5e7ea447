import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '@sessions/harness';
import { runBench } from './bench';

// npm run bench            the full run: writes bench/results.md, results.svg, results.json
// npm run bench -- --short one round of one second, for checking that it all works
const { values } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});

const outDir = values.out ?? path.join(repoRoot(), 'bench');
runBench({ short: values.short, outDir }).then(
  () => {
    console.log(`\nwrote ${path.join(outDir, 'results.md')}`);
    process.exit(0);
  },
  (error: Error) => {
    console.error(`the benchmark failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
