import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clash, takeNextJob } from './test-schedule.mjs';

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
