import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate } from 'node:timers';
import { clash, runScheduled, takeNextJob } from './test-schedule.mjs';

const network = { name: 'chapter 06', changesHostNetwork: true };
const browser = { name: 'browser tests', usesBrowser: true };
const plain = { name: 'chapter 02' };

describe('which package tests may run side by side', () => {
  it('a package that changes the machine network never runs beside one that drives a browser', () => {
    assert.equal(clash(network, browser), true);
    assert.equal(clash(browser, network), true);
  });

  it('any other pair runs side by side, two browsers or two lab networks too', () => {
    assert.equal(clash(plain, browser), false);
    assert.equal(clash(plain, network), false);
    assert.equal(clash(browser, { ...browser }), false);
    assert.equal(clash(network, { ...network }), false);
  });

  it('the next job is the first of the queue that clashes with nothing running', () => {
    const queue = [browser, plain, network];
    assert.equal(takeNextJob(queue, [network]), plain, 'the browser job waits, chapter 02 goes');
    assert.deepEqual(queue, [browser, network]);
  });

  it('when every job left clashes with a running one, there is none to start yet', () => {
    const queue = [browser];
    assert.equal(takeNextJob(queue, [network]), undefined);
    assert.deepEqual(queue, [browser], 'the job stays queued');
    assert.equal(takeNextJob(queue, []), browser, 'once the network job ended, it starts');
  });
});

describe('running the packages', () => {
  /** Runs the jobs with the scheduler; each "runs" until the test ends it. */
  function start(jobs, concurrency) {
    const running = new Map();
    const overlaps = [];
    const done = runScheduled(jobs, concurrency, (job) => {
      for (const other of running.keys())
        if (clash(job, other)) overlaps.push(`${job.name} beside ${other.name}`);
      return new Promise((resolve) => running.set(job, resolve));
    });
    const end = async (job) => {
      running.get(job)();
      running.delete(job);
      await new Promise((resolve) => setImmediate(resolve)); // the scheduler moves on
    };
    return { running, overlaps, done, end };
  }
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('never starts clashing packages together, not even in the first round', async () => {
    const harness = { name: 'harness', changesHostNetwork: true };
    const chapter01 = { name: 'chapter 01', usesBrowser: true };
    const others = ['a', 'b', 'c'].map((name) => ({ name }));
    const run = start([harness, chapter01, ...others], 4);
    await settle();
    assert.deepEqual(
      [...run.running.keys()].map((job) => job.name),
      ['harness', 'a', 'b', 'c'],
      'chapter 01 waits while the harness makes lab networks',
    );
    await run.end(harness);
    assert.ok(run.running.has(chapter01), 'chapter 01 starts once the harness has ended');
    for (const job of [...run.running.keys()]) await run.end(job);
    await run.done;
    assert.deepEqual(run.overlaps, []);
  });

  it('runs every package once, as many at a time as asked', async () => {
    const jobs = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name }));
    const run = start(jobs, 2);
    await settle();
    const seen = [];
    while (run.running.size > 0) {
      assert.ok(run.running.size <= 2, `${run.running.size} packages at once`);
      const [first] = run.running.keys();
      seen.push(first.name);
      await run.end(first);
    }
    await run.done;
    assert.deepEqual(seen, ['a', 'b', 'c', 'd', 'e']);
  });
});
