// Which package's tests may start now, beside the ones already running.
//
// A package says in its package.json what its tests do to the machine as a whole:
//   "sessionsTests": { "changesHostNetwork": true }  makes and removes network interfaces in
//                                                    the machine's own namespace (lab networks)
//   "sessionsTests": { "usesBrowser": true }         drives Chromium against a running lab
// Chromium watches the machine's addresses and fails every request it has in flight with
// net::ERR_NETWORK_CHANGED when one appears or goes: a page whose script fails to load that
// way stays blank. So those two kinds never run at the same time; everything else does.

/** @typedef {{ changesHostNetwork?: boolean, usesBrowser?: boolean }} TestTraits */

/** Whether `a` and `b` must not test at the same time. */
export function clash(/** @type {TestTraits} */ a, /** @type {TestTraits} */ b) {
  return Boolean(
    (a.changesHostNetwork && b.usesBrowser) || (a.usesBrowser && b.changesHostNetwork),
  );
}

/**
 * Takes out of `queue` (in its order) the first job that clashes with none of `running`;
 * undefined when every job left clashes with one running now (wait for one to end).
 * @template {TestTraits} Job
 * @param {Job[]} queue
 * @param {Iterable<Job>} running
 * @returns {Job | undefined}
 */
export function takeNextJob(queue, running) {
  const busy = [...running];
  const index = queue.findIndex((job) => !busy.some((other) => clash(job, other)));
  return index === -1 ? undefined : queue.splice(index, 1)[0];
}

/**
 * Runs `jobs`, in their order, `concurrency` at a time, never two that clash at the same time.
 * @template {TestTraits} Job
 * @param {Job[]} jobs
 * @param {number} concurrency
 * @param {(job: Job) => Promise<void>} run
 */
export async function runScheduled(jobs, concurrency, run) {
  const queue = [...jobs];
  const running = new Set();
  const waitingForAnEnd = new Set();
  // A job counts as running from the moment it is taken: the workers start together, and the
  // next one must already see it.
  async function next() {
    for (;;) {
      if (queue.length === 0) return undefined;
      const job = takeNextJob(queue, running);
      if (job) {
        running.add(job);
        return job;
      }
      await new Promise((resolve) => waitingForAnEnd.add(resolve));
    }
  }
  async function worker() {
    for (let job = await next(); job; job = await next()) {
      try {
        await run(job);
      } finally {
        running.delete(job);
        for (const wake of waitingForAnEnd) wake();
        waitingForAnEnd.clear();
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
}
