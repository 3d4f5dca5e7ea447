import { sleep, useLab } from '@sessions/harness';
import { externalStorageLab } from '../../lab/lab';
import { loggedInUser, type Me } from '../../test/user';
import { callsBetween, labRedisCommand, labRedisOf, redisCalls } from '../redis-calls';

const touchIntervalMs = 2_000;
const reads = 20;

describe(`with SESSION_TOUCH_INTERVAL_MS=${touchIntervalMs}, reads refresh the expiry at most once per interval`, () => {
  const lab = useLab(externalStorageLab('redis'), {
    servers: 1,
    env: { SESSION_TOUCH_INTERVAL_MS: String(touchIntervalMs) },
  });
  const redis = () => labRedisOf(lab);

  it(`${reads} reads right after a login cost fewer EXPIREs than reads, and every read still finds the session`, async () => {
    const user = await loggedInUser(lab.url, 'hana');
    const before = await redisCalls(redis());
    const answers: Array<string | null> = [];
    for (let i = 0; i < reads; i++) answers.push((await user.get<Me>('/me')).body.userid);
    const after = await redisCalls(redis());

    const expires = callsBetween(before, after, 'expire');
    const gets = callsBetween(before, after, 'get');
    if (answers.some((userid) => userid !== 'hana'))
      throw new Error(`a read lost the session: ${JSON.stringify(answers)}`);
    if (gets < reads)
      throw new Error(`only ${gets} GETs for ${reads} reads: throttle the touches, not the reads`);
    if (expires >= reads)
      throw new Error(
        `${reads} reads sent ${expires} EXPIREs to Redis: every read still refreshes the expiry ` +
          `(the session's and its user index's). With a ${touchIntervalMs} ms interval, reads ` +
          'within the interval of the last save or touch should send none.',
      );
  });

  it('a read after the interval refreshes the expiry again, so an active session never times out', async () => {
    const user = await loggedInUser(lab.url, 'ivan');
    const sessionId = (await user.get<Me>('/me')).body.sessionId!;
    await sleep(touchIntervalMs + 200); // the interval itself: the next read must touch
    const ttlBefore = Number(await labRedisCommand(redis(), ['PTTL', `course:sess:${sessionId}`]));
    const before = await redisCalls(redis());
    await user.get<Me>('/me');
    const after = await redisCalls(redis());
    const ttlAfter = Number(await labRedisCommand(redis(), ['PTTL', `course:sess:${sessionId}`]));

    if (callsBetween(before, after, 'expire') < 1)
      throw new Error(
        'the first read after the interval sent no EXPIRE: the session would time out while in use',
      );
    if (ttlAfter <= ttlBefore)
      throw new Error(
        `the session's time to live did not move forward (${ttlBefore} ms, then ${ttlAfter} ms)`,
      );
  });
});
