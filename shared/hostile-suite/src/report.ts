import { formatTable } from '@sessions/harness';
import { appCases } from './cases/app-cases';
import { balancerCases } from './cases/balancer-cases';
import { framingHostileCases } from './cases/framing-cases';
import { limitCases } from './cases/limit-cases';
import type { CaseOutcome, HostileCase } from './cases/hostile-case';
import { stickyCases } from './cases/sticky-cases';
import type { FaultOutcome } from './faults/fault-case';
import { faultCases } from './faults/fault-cases';
import { startFaultLab } from './faults/fault-lab';
import { measureFault, type FaultLoad } from './faults/measure-fault';
import {
  referencedExperiments,
  runReferencedExperiment,
  type ReferencedOutcome,
} from './faults/chapter-experiments';
import { faultRow, outcomeRow, referencedRow, summaryRows } from './report-table';
import { runCase } from './run-case';
import { appChapters, balancerChapter, faultChapters } from './suite';
import { startHostileWorld, type HostileWorldOptions } from './world/hostile-world';
import { leftoverProcesses } from './world/leftovers';

// npm run report -w shared/hostile-suite
const faultLoad: FaultLoad = { users: 8, requestsPerUser: 25, paceMs: 80, victim: '2' };

async function runCases(
  options: HostileWorldOptions,
  cases: readonly HostileCase[],
): Promise<CaseOutcome[]> {
  const world = await startHostileWorld(options);
  const outcomes: CaseOutcome[] = [];
  try {
    for (const hostile of cases) {
      process.stderr.write(`  ${options.chapter}: ${hostile.kind}: ${hostile.name}\n`);
      outcomes.push(await runCase(world, hostile));
    }
  } finally {
    await world.stop();
  }
  return outcomes;
}

async function main() {
  const pids: Array<number | undefined> = [];
  console.log('Hostile input: the balancer (chapter 02 lab behind it) and each chapter server.');
  const outcomes = await runCases({ chapter: balancerChapter }, [
    ...balancerCases,
    ...framingHostileCases,
    ...limitCases,
    ...stickyCases,
  ]);
  for (const chapter of appChapters)
    outcomes.push(...(await runCases({ chapter, servers: 1 }, appCases(chapter))));

  console.log(`\n${formatTable(outcomes.map(outcomeRow), 'What was tried and what happened')}\n`);
  console.log(`${formatTable(summaryRows(outcomes), 'Hostile input, in sum')}\n`);

  const faults: FaultOutcome[] = [];
  for (const { name, chapter, variant } of faultChapters) {
    console.log(
      `Faults in ${name}: ${faultLoad.users} users x ${faultLoad.requestsPerUser} requests, server ${faultLoad.victim} broken a third of the way in.`,
    );
    const lab = await startFaultLab(chapter, variant);
    try {
      for (const fault of faultCases(chapter, variant)) {
        process.stderr.write(`  ${chapter}: ${fault.kind}\n`);
        faults.push(await measureFault(lab, fault, faultLoad));
        pids.push(...lab.servers.map((server) => server.pid));
      }
    } finally {
      await lab.stop();
    }
  }
  console.log(`\n${formatTable(faults.map(faultRow), 'Faults under load')}\n`);

  const referenced: ReferencedOutcome[] = [];
  for (const experiment of referencedExperiments) {
    console.log(
      `Chapter ${experiment.chapter}'s own ${experiment.exportName}: ${experiment.promise}.`,
    );
    referenced.push(...(await runReferencedExperiment(experiment)));
  }
  console.log(
    `\n${formatTable(referenced.map(referencedRow), "Faults measured by the chapters' own experiment functions")}\n`,
  );

  const left = leftoverProcesses(pids);
  console.log(`Processes this report started that are still running: ${left.length}`);
  for (const line of left) console.log(`  ${line}`);
  const failures =
    outcomes.filter((o) => o.problems.length).length +
    faults.filter((f) => f.problems.length).length +
    referenced.filter((r) => r.problems.length).length +
    left.length;
  console.log(
    failures ? `\n${failures} unexpected result(s): see FAIL above.` : '\nAll as expected.',
  );
  process.exitCode = failures ? 1 : 0;
}

void main();
