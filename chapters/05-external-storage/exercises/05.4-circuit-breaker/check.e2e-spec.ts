import { sleep, startLab, type Lab, type LabClient } from '@sessions/harness';
import { externalStorageLab } from '../../lab/lab';
import { control, testControlToken } from '../../test/lab-controls';
import { loggedInUser, type Me } from '../../test/user';
import { callsBetween, labRedisOf, redisCalls, type LabRedis } from '../redis-calls';

const failuresToOpen = 3;
const cooldownMs = 3_000;
const requestsWhileHung = 10;

/** Redis readings after SIGCONT: the commands a hung Redis buffered are run first. */
async function settledCalls(redis: LabRedis): Promise<Record<string, number>> {
  let previous = await redisCalls(redis);
  for (let attempt = 0; attempt < 40; attempt++) {
    await sleep(50);
    const now = await redisCalls(redis);
    if (callsBetween(previous, now, 'get') === 0) return now;
    previous = now;
  }
  return previous;
}

describe(`with STORE_BREAKER_FAILURES=${failuresToOpen}, a hung Redis is no longer asked by every request`, () => {
  let lab: Lab;
  let redis: LabRedis;
  let user: LabClient;

  beforeAll(async () => {
    lab = await startLab(externalStorageLab('redis'), {
      servers: 1,
      controlToken: testControlToken,
      env: {
        STORE_BREAKER_FAILURES: String(failuresToOpen),
        STORE_BREAKER_COOLDOWN_MS: String(cooldownMs),
      },
    });
    redis = labRedisOf(lab);
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it(`after ${failuresToOpen} failures in a row, requests get a 503 without a command reaching Redis`, async () => {
    user = await loggedInUser(lab.url, 'june');
    const before = await redisCalls(redis);
    await control(lab, 'pause-redis');
    const statuses: number[] = [];
    try {
      for (let i = 0; i < requestsWhileHung; i++) statuses.push((await user.get('/me')).status);
    } finally {
      await control(lab, 'resume-redis');
    }
    // A paused Redis keeps the commands it was sent and runs them once resumed: count them.
    const reachedRedis = callsBetween(before, await settledCalls(redis), 'get');

    if (statuses.some((status) => status !== 503))
      throw new Error(
        `every request during the hang should be a 503, got ${JSON.stringify(statuses)}`,
      );
    if (reachedRedis > failuresToOpen + 1)
      throw new Error(
        `${reachedRedis} of ${requestsWhileHung} requests during the hang still sent a GET to Redis ` +
          `(each one waiting for the store deadline): after ${failuresToOpen} failures in a row the ` +
          'circuit should open and answer 503 without asking the store.',
      );
  });

  it('once Redis answers again, a trial request after the cooldown closes the circuit', async () => {
    const deadline = Date.now() + cooldownMs + 10_000;
    let me = await user.get<Me>('/me');
    while (me.status !== 200 && Date.now() < deadline) {
      await sleep(100);
      me = await user.get<Me>('/me');
    }
    if (me.status !== 200 || me.body.userid !== 'june')
      throw new Error(
        `${cooldownMs + 10_000} ms after Redis came back, GET /me still answers ${me.status}: the circuit never closed`,
      );
  });
});
