import { busyMachineSlackMs, LabClient, type Lab, useLab, waitFor } from '@sessions/harness';
import { statsOf } from '../lab/experiments/cluster-probe';
import { measureCrashLoss, type CrashOptions } from '../lab/experiments/crash';
import { measureConcurrentWrites } from '../lab/experiments/last-writer-wins';
import { measureStaleReads } from '../lab/experiments/timing-window';
import { lab as definition } from '../lab/lab';

// A replication delay far above anything the machine adds, so the window is unmistakable.
const delayMs = 500;
const healthCheck = { intervalMs: 200, fall: 2, rise: 1, timeoutMs: 1000 };

/** A lab of three servers replicating in `mode` after `delayMs`, with fast health checks. */
const replicatingLab = (mode: 'async' | 'sync', delayMs: number) =>
  useLab(definition, {
    env: { REPLICATION_MODE: mode, REPLICATION_DELAY_MS: String(delayMs) },
    balancer: { healthCheck },
  });

/** The balancer's health checks take the dead server out: `fall` failed checks, plus room for a busy machine. */
async function takenOut(lab: Lab, id: string) {
  const withinMs =
    healthCheck.fall * (healthCheck.intervalMs + healthCheck.timeoutMs) + busyMachineSlackMs;
  await waitFor(
    () => lab.balancer?.pool.get(id)?.health === 'down',
    `health checks to take server ${id} out`,
    withinMs,
  );
  return lab.balancer?.pool.get(id)?.health;
}
const crashLoad: Omit<CrashOptions, 'victim'> = {
  users: 6,
  thinkMs: 1000,
  warmupMs: 800,
  afterMs: 1200,
};

describe(`asynchronous replication with a ${delayMs} ms delay`, () => {
  const lab = replicatingLab('async', delayMs);

  it('a read on server 2 right after a write on server 1 often misses the write (the timing window)', async () => {
    const result = await measureStaleReads(lab, 8);

    expect(result.staleReads).toBeGreaterThan(0);
    // Nearly every read falls inside a 500 ms window.
    expect(result.staleRate).toBeGreaterThanOrEqual(0.5);
  });

  it('two concurrent cart writes on two servers: both answer 200, one item is lost, and all servers agree on the winner', async () => {
    const result = await measureConcurrentWrites(lab, 2);

    expect(result.example.acknowledged).toEqual(['apple', 'banana']);
    expect(result.roundsWithLostItem).toBe(2);
    expect(result.roundsConverged).toBe(2);
    for (const cart of Object.values(result.example.finalCartPerServer))
      expect(cart).toHaveLength(1);
  });
});

/**
 * The kill follows server 2's acknowledgement as fast as the test can send it, but a busy
 * machine can delay that by more than half a second, long enough for a 500 ms window to
 * close. A window wider than any such stall keeps the moment of the kill inside it.
 */
const crashWindowMs = delayMs + busyMachineSlackMs;

describe(`asynchronous replication with a ${crashWindowMs} ms delay: a crash`, () => {
  const lab = replicatingLab('async', crashWindowMs);

  it('kill -9 under load loses only writes the dead server acknowledged inside the replication window', async () => {
    const result = await measureCrashLoss(lab, {
      ...crashLoad,
      // Each user writes again only after the last write has replicated: only the crash loses.
      thinkMs: crashWindowMs + 500,
      // One round is enough: the kill follows the victim's first acknowledgement, and the
      // writes the other two servers acknowledged in that round replicate and survive.
      warmupMs: 0,
      settleWithinMs: crashWindowMs + busyMachineSlackMs,
      victim: '2',
    });

    // The kill came right after server 2 acknowledged a write it had not replicated yet.
    expect(result.lostWrites).toBeGreaterThanOrEqual(1);
    expect(result.lostOnVictim).toBe(result.lostWrites);
    expect(result.lostWrites).toBeLessThan(result.acknowledgedWrites);
    // The balancer's health checks took the dead server out.
    expect(await takenOut(lab, '2')).toBe('down');
  });
});

describe(`synchronous replication with the same ${delayMs} ms delay`, () => {
  const lab = replicatingLab('sync', delayMs);

  it('a read right after a write never misses it: the answer waited for every peer', async () => {
    const result = await measureStaleReads(lab, 8);

    expect(result.staleReads).toBe(0);
  });

  it('synchronous replication does not stop the lost update: concurrent writes still lose an item', async () => {
    const result = await measureConcurrentWrites(lab, 1);

    expect(result.roundsWithLostItem).toBe(1);
    expect(result.roundsConverged).toBe(1);
  });

  it('kill -9 under load loses no acknowledged write', async () => {
    const result = await measureCrashLoss(lab, { ...crashLoad, victim: '2' });

    expect(result.acknowledgedByVictim).toBeGreaterThan(0);
    expect(result.lostWrites).toBe(0);
    expect(await takenOut(lab, '2')).toBe('down');
  });
});

describe('a peer that stays unreachable', () => {
  const peerTimeoutMs = 1000;
  const lab = useLab(definition, { env: { PEER_TIMEOUT_MS: String(peerTimeoutMs) } });

  it('is dropped from the peers after PEER_TIMEOUT_MS, and taken back when it returns and announces itself', async () => {
    const survivor = lab.server('1');
    const victim = lab.server('3');
    await victim.kill();

    // Every write is a message to every peer: the dead one fails until it is dropped.
    const user = new LabClient(survivor.url, { name: 'writer' });
    await user.post('/login', { userid: 'writer' });
    await waitFor(
      async () => {
        await user.post('/cart', { item: 'x' });
        return !(await statsOf(survivor)).replication.peers.includes(victim.url);
      },
      `server 1 to drop server 3 after ${peerTimeoutMs} ms of failures`,
      peerTimeoutMs + 15_000,
      100,
    );
    expect((await statsOf(survivor)).replication.peersDropped).toBe(1);

    await victim.start();
    expect((await statsOf(survivor)).replication.peers).toContain(victim.url);
  });
});
