import { countBy, LabClient, sleep, waitFor, type Lab } from '@sessions/harness';
import { answersHealth, balancerAnswers } from '../world/answers-health';
import type { FaultCase, FaultOutcome } from './fault-case';
import { faultLabWaits } from './fault-lab';
import { sessionsHeld, sessionsReadable } from './sessions-held';

export interface FaultLoad {
  /** K users, each logged in once, then M requests (GET /me) each, `paceMs` apart. */
  users: number;
  requestsPerUser: number;
  paceMs: number;
  /** The server that is broken ("2"). */
  victim: string;
}

interface RequestRecord {
  endedAt: number;
  /** The status, or how the request failed without one. */
  status: number | 'cut off' | 'hung';
}

const failedRequest = (record: RequestRecord) =>
  typeof record.status !== 'number' || record.status >= 500;

/**
 * Runs a bounded load through the lab's balancer, breaks the victim a third of the way in,
 * undoes the fault, and counts what users paid: failed requests, lost sessions, and how
 * long the balancer took to take the victim out and to bring it back.
 */
export async function measureFault(
  lab: Lab,
  fault: FaultCase,
  load: FaultLoad,
): Promise<FaultOutcome> {
  const balancer = lab.balancer;
  if (!balancer) throw new Error(`chapter ${fault.chapter} has no balancer: no fault to measure`);
  const users = Array.from(
    { length: load.users },
    (_, i) => new LabClient(lab.url, { name: `fault-user-${i + 1}`, timeoutMs: 10_000 }),
  );
  const sessionIds: string[] = [];
  for (const [i, user] of users.entries()) {
    const login = await user.post<{ sessionId: string }>('/login', { userid: `user-${i + 1}` });
    if (login.status !== 200) throw new Error(`user ${i + 1} could not log in: ${login.status}`);
    sessionIds.push(login.body.sessionId);
  }
  const before = await sessionsHeld(lab);
  const expectedLost = {
    none: 0,
    all: sessionIds.length,
    'victim-only': sessionIds.filter((id) => String(before.get(id)) === load.victim).length,
  }[fault.expected.lost];

  const health: Array<{ at: number; health: string }> = [];
  const stopWatching = balancer.pool.onChange((server) => {
    if (server.id === load.victim) health.push({ at: performance.now(), health: server.health });
  });
  const records: RequestRecord[] = [];
  const runUser = async (user: LabClient) => {
    for (let i = 0; i < load.requestsPerUser; i++) {
      let status: RequestRecord['status'];
      try {
        status = (await user.get('/me')).status;
      } catch (error) {
        // Cut off: the connection ended without a whole answer (the server died mid-answer).
        // Hung: no answer before the client gave up, the failure a balancer must never cause.
        status = (error as Error).name === 'TimeoutError' ? 'hung' : 'cut off';
      }
      records.push({ endedAt: performance.now(), status });
      await sleep(load.paceMs);
    }
  };
  const loadDone = Promise.all(users.map(runUser));

  await sleep((load.requestsPerUser * load.paceMs) / 3);
  const faultAt = performance.now();
  await fault.inject(lab, load.victim);
  if ('ms' in fault.hold) await sleep(fault.hold.ms);
  else {
    await waitFor(
      () => balancer.pool.get(load.victim)?.health === 'down',
      `the balancer to take server ${load.victim} out`,
      faultLabWaits.outOfPoolMs,
    );
    await sleep(fault.hold.thenMs);
  }
  const recoverAt = performance.now();
  await fault.recover(lab, load.victim);
  await loadDone;

  const problems: string[] = [];
  await waitFor(
    () => balancer.pool.all().every((server) => server.health === 'up'),
    'every server back in the pool',
    faultLabWaits.backInPoolMs,
  ).catch((error: Error) => problems.push(error.message));
  await waitFor(
    () => sessionsReadable(lab),
    'every server to read its sessions again',
    faultLabWaits.backInPoolMs,
  );
  stopWatching();

  const after = await sessionsHeld(lab);
  const lost = sessionIds.filter((id) => !after.has(id)).length;
  const failedRecords = records.filter(failedRequest);
  const failed = failedRecords.length;
  const down = health.find((event) => event.at >= faultAt && event.health === 'down');
  const up = health.find((event) => event.at >= recoverAt && event.health === 'up');
  const crashed = await unresponsive(lab);

  if (lost !== expectedLost)
    problems.push(`lost ${lost} session(s), expected ${expectedLost} (${fault.expected.lost})`);
  const hung = failedRecords.filter((r) => r.status === 'hung').length;
  if (hung > 0) problems.push(`${hung} request(s) hung until the client gave up`);
  if (fault.expected.failures === 'none' && failed > 0)
    problems.push(`${failed} request(s) failed; none should`);
  if (fault.expected.failures === 'in-flight' && failed > load.users)
    problems.push(`${failed} requests failed: more than the ${load.users} that can be in flight`);
  if (fault.expected.failures === 'clear-5xx' && failed === 0)
    problems.push('no request failed while every server was down: the fault did not happen');
  if (crashed.length) problems.push(`not answering afterwards: ${crashed.join(', ')}`);

  return {
    fault,
    users: load.users,
    requests: records.length,
    failed,
    failedStatuses: countBy(failedRecords, (r) => String(r.status)),
    lost,
    expectedLost,
    outOfPoolMs: down && Math.round(down.at - faultAt),
    backInPoolMs: up && Math.round(up.at - recoverAt),
    failingForMs: Math.round(
      failedRecords.reduce((latest, r) => Math.max(latest, r.endedAt - faultAt), 0),
    ),
    crashed,
    problems,
  };
}

/** What no longer answers once the fault is over, each asked until the bound a start gets. */
async function unresponsive(lab: Lab): Promise<string[]> {
  const down: string[] = [];
  if (!(await balancerAnswers(lab.url))) down.push('balancer');
  for (const server of lab.servers) {
    if (!server.alive) down.push(`server ${server.id} (process gone)`);
    else if (!(await answersHealth(server.url))) down.push(`server ${server.id} (no /health)`);
  }
  return down;
}
