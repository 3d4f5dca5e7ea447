import { ControlParamsError } from '@sessions/load-balancer';
import type { HostNetwork } from '../network/host-network';
import { NetworkInputError } from '../network/names';
import { checkDelay } from '../network/link-delays';
import { networkControls } from './network-controls';

/** Just enough of a network for the controls: it knows hosts s1 and s2 only. */
const network = {
  cut: (a: string, b: string) => {
    for (const host of [a, b])
      if (!['s1', 's2'].includes(host)) throw new NetworkInputError(`no host "${host}"`);
  },
} as unknown as HostNetwork;

describe('the link controls of the dashboard', () => {
  it('answers a missing host with a 400-style error that names the parameter', async () => {
    await expect(networkControls(network)['cut-link']({ a: 's1' })).rejects.toThrow(
      new ControlParamsError('"b" must name a host (see network.hosts in /__lb/state)'),
    );
  });

  it('turns an unknown host into the caller’s mistake, not a failure of the lab', async () => {
    await expect(networkControls(network)['cut-link']({ a: 's1', b: 's9' })).rejects.toBeInstanceOf(
      ControlParamsError,
    );
  });

  it('cuts a link between two known hosts', async () => {
    await expect(networkControls(network)['cut-link']({ a: 's1', b: 's2' })).resolves.toEqual({
      cut: 's1 - s2: nothing passes either way (dropped, not refused)',
    });
  });
});

describe('the link-delay control', () => {
  const delayed: unknown[] = [];
  const delaying = {
    setDelay: async (a: string, b: string, ms: number, jitterMs: number) => {
      checkDelay(ms, jitterMs);
      delayed.push({ a, b, ms, jitterMs });
    },
  } as unknown as HostNetwork;

  it('adds a delay with jitter between two hosts', async () => {
    await expect(
      networkControls(delaying)['link-delay']({ a: 's1', b: 'redis', ms: 5, jitterMs: 1 }),
    ).resolves.toEqual({
      delay:
        's1 - redis: +5 ms (±1) per round trip, through a delay relay; open connections were reset',
    });
    expect(delayed).toContainEqual({ a: 's1', b: 'redis', ms: 5, jitterMs: 1 });
  });

  it.each([
    [{ a: 's1', b: 'redis', ms: -1 }, /"ms" must be a whole number/],
    [{ a: 's1', b: 'redis', ms: 'soon' }, /"ms" must be a whole number/],
    [{ a: 's1', b: 'redis', ms: 20_000 }, /from 0 to 10000/],
    [{ a: 's1', b: 'redis', ms: 5, jitterMs: 9 }, /"jitterMs" must be .* from 0 to the delay/],
  ])('refuses %j with a 400 that says why', async (params, reason) => {
    const answer = networkControls(delaying)['link-delay'](params);
    await expect(answer).rejects.toBeInstanceOf(ControlParamsError);
    await expect(answer).rejects.toThrow(reason);
  });
});
