import type { Lab } from '@sessions/harness';
import type { ExpectedLoss, FaultCase } from './fault-case';
import { faultLabBounds, faultLabProxyTimeoutMs } from './fault-lab';

const killAll = async (lab: Lab) => void (await Promise.all(lab.servers.map((s) => s.kill())));
const startAll = async (lab: Lab) => void (await Promise.all(lab.servers.map((s) => s.start())));

/**
 * What a crash costs each chapter, by design: chapters 02 and 03 keep sessions in the
 * process's memory, so a dead server takes exactly its own sessions with it; chapter 04
 * has replicated every session to the other servers, so a dead server takes none.
 */
const crashLoss: Record<string, ExpectedLoss> = {
  '02-inconsistency': 'victim-only',
  '03-sticky': 'victim-only',
  '04-clustering': 'none',
  '05-external-storage': 'none',
};

/** When every server dies at once, only an external store (chapter 05) keeps the sessions. */
const allDownLoss: Record<string, ExpectedLoss> = {
  '05-external-storage': 'none',
};

/** Presses one of the lab's own controls (chapter 05's stop-redis, start-redis). */
async function pressControl(lab: Lab, action: string): Promise<void> {
  const control = lab.services?.controls?.[action];
  if (!control) throw new Error(`this lab has no "${action}" control`);
  await control({});
}

/** Faults only one chapter has: chapter 05's store. */
function chapterFaults(chapter: string, variant?: string): FaultCase[] {
  if (chapter !== '05-external-storage') return [];
  return [
    {
      kind: 'session store unreachable',
      name: 'stop-redis for 1 s, then start-redis (no persistence: it comes back empty)',
      chapter,
      variant,
      inject: (lab) => pressControl(lab, 'stop-redis'),
      recover: (lab) => pressControl(lab, 'start-redis'),
      hold: { ms: 1000 },
      expected: { lost: 'all', failures: 'clear-5xx' },
    },
  ];
}

/** SIGSTOP, later SIGCONT: the victim keeps its port open and answers nothing meanwhile. */
const stopped: Pick<FaultCase, 'inject' | 'recover'> = {
  inject: async (lab, victim) => lab.server(victim).pause(),
  recover: async (lab, victim) => lab.server(victim).resume(),
};

/** The faults every chapter with a balancer goes through, in the order they run on one lab. */
export function faultCases(chapter: string, variant?: string): FaultCase[] {
  const lostInCrash = crashLoss[chapter];
  if (!lostInCrash) throw new Error(`no expected crash loss written down for chapter ${chapter}`);
  const faults: Array<Omit<FaultCase, 'chapter' | 'variant'>> = [
    {
      kind: 'short stall (SIGSTOP under the health timeout)',
      name: 'paused 150 ms, then SIGCONT',
      ...stopped,
      hold: { ms: 150 },
      expected: { lost: 'none', failures: 'none' },
    },
    {
      kind: 'hang past the health timeout (SIGSTOP)',
      name: 'paused until health checks take it out and past the 3 s proxy timeout, then SIGCONT',
      ...stopped,
      // Requests already waiting on it get the balancer's 504 once the proxy timeout passes.
      hold: { until: 'victim-out-of-pool', thenMs: faultLabProxyTimeoutMs + 100 },
      expected: { lost: 'none', failures: 'in-flight' },
      expectedTimes: {
        outOfPoolMs: faultLabBounds.hungOutOfPoolMs,
        backInPoolMs: faultLabBounds.resumedBackInPoolMs,
      },
    },
    {
      kind: 'crash (kill -9)',
      name: 'SIGKILL, restarted on the same port 500 ms later',
      inject: async (lab, victim) => lab.server(victim).kill(),
      recover: async (lab, victim) => lab.server(victim).start(),
      hold: { ms: 500 },
      expected: { lost: lostInCrash, failures: 'in-flight' },
      expectedTimes: { outOfPoolMs: faultLabBounds.deadOutOfPoolMs },
    },
    {
      kind: 'every server down',
      name: 'SIGKILL to all, restarted 500 ms later',
      inject: killAll,
      recover: startAll,
      hold: { ms: 500 },
      expected: { lost: allDownLoss[chapter] ?? 'all', failures: 'clear-5xx' },
      expectedTimes: { outOfPoolMs: faultLabBounds.deadOutOfPoolMs },
    },
  ];
  return [
    ...faults.map((fault) => ({ ...fault, chapter, variant })),
    ...chapterFaults(chapter, variant),
  ];
}
