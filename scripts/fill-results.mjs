#!/usr/bin/env node
// `npm run results`: copies every measured figure from chapters/*/results/*.json into the
// <!-- result:... --> markers of the lessons (README.md and its Korean edition README.ko.md)
// and slides, and every <!-- region:... --> code excerpt from its `// #region` block.
// Lessons never type a number or copy code by hand.
import {
  checkCodeRegions,
  checkResultMarkers,
  fillCodeRegions,
  fillResultMarkers,
} from '@sessions/harness';

const changed = [...new Set([...fillResultMarkers(), ...fillCodeRegions()])];
for (const file of changed) console.log(`updated ${file}`);
const figures = checkResultMarkers();
const regions = checkCodeRegions();
for (const problem of figures.problems)
  console.error(`${problem.file}: ${problem.marker}: ${problem.problem}`);
for (const problem of regions.problems)
  console.error(`${problem.file}: ${problem.region}: ${problem.problem}`);
console.log(`${figures.checked} quoted figures and ${regions.checked} code excerpts checked`);
process.exit(figures.problems.length + regions.problems.length ? 1 : 0);
