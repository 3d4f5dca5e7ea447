#!/usr/bin/env node
// `npm run results`: copies every measured figure from chapters/*/results/*.json into the
// <!-- result:... --> markers of the lessons and slides. Lessons never type a number by hand.
import { checkResultMarkers, fillResultMarkers } from '@sessions/harness';

const changed = fillResultMarkers();
for (const file of changed) console.log(`updated ${file}`);
const { checked, problems } = checkResultMarkers();
for (const problem of problems) console.error(`${problem.file}: ${problem.marker}: ${problem.problem}`);
console.log(`${checked} quoted figures checked, ${problems.length} problem(s)`);
process.exit(problems.length ? 1 : 0);
