import { LabClient, sleep } from '@sessions/harness';
import { absoluteTimeoutMs, useShortTimeoutsLab, type Me } from '../../test/support/short-timeouts';

// The short timeouts of test/support/short-timeouts.ts: the last quarter of 8 s starts at 6 s.
const lastQuarterSeconds = absoluteTimeoutMs / 4 / 1000;

describe('exercise 01.2: answers warn in the last quarter of a session’s life', () => {
  const lab = useShortTimeoutsLab();

  it('a busy user is told how many seconds are left before the absolute timeout logs them out', async () => {
    const user = new LabClient(lab.url, { name: 'busy' });
    await user.post('/login', { userid: 'a' });
    const first = await user.get<Me>('/me');
    if (first.headers.get('x-session-ends-in') !== null)
      throw new Error(
        `X-Session-Ends-In came right after login (${first.headers.get('x-session-ends-in')}): warn only in the last quarter of the session's life.`,
      );

    const warnings: string[] = [];
    const started = Date.now();
    while (Date.now() - started < absoluteTimeoutMs + 3_000) {
      await sleep(250);
      const me = await user.get<Me>('/me');
      if (me.body.userid !== 'a') break;
      const warning = me.headers.get('x-session-ends-in');
      if (warning !== null) warnings.push(warning);
    }

    if (warnings.length === 0)
      throw new Error(
        'The absolute timeout ended the session and no answer before it carried X-Session-Ends-In: set it on every answer in the last quarter of the session.',
      );
    const wrong = warnings.filter(
      (value) => !/^\d+$/.test(value) || Number(value) < 1 || Number(value) > lastQuarterSeconds,
    );
    if (wrong.length > 0)
      throw new Error(
        `X-Session-Ends-In said ${wrong.join(', ')}: it must be the whole seconds left, rounded up (1 to ${lastQuarterSeconds} here).`,
      );
  });
});
