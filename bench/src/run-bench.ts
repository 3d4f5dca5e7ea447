import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '@sessions/harness';
import { runBench, sectionNames } from './bench';
import type { SectionName } from './bench-results';

// npm run bench            the full run: writes bench/results.md, results.svg, results.json
// npm run bench -- --short one round of one second, for checking that it all works
// npm run bench -- --only balancer,replication   re-measure some sections, keep the others
const usage = `npm run bench -w bench -- [--short] [--only <section,...>] [--out <folder>]
  --short  one round of one second, for checking that it all works
  --only   re-measure these sections and keep the others (${sectionNames.join(', ')})
  --out    where results.md, results.svg and results.json go (bench/ unless given)`;

let values: { short: boolean; out?: string; only?: string; help: boolean };
try {
  ({ values } = parseArgs({
    options: {
      short: { type: 'boolean', default: false },
      out: { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const only = values.only?.split(',').map((name) => name.trim()) as SectionName[] | undefined;
const unknown = only?.filter((name) => !sectionNames.includes(name));
if (unknown?.length) {
  console.error(`unknown section(s): ${unknown.join(', ')}; known: ${sectionNames.join(', ')}`);
  process.exit(2);
}

const outDir = values.out ?? path.join(repoRoot(), 'bench');
runBench({ short: values.short, outDir, only }).then(
  () => {
    console.log(`\nwrote ${path.join(outDir, 'results.md')}`);
    process.exit(0);
  },
  (error: Error) => {
    console.error(`the benchmark failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
