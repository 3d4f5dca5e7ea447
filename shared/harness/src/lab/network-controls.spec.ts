import { ControlParamsError } from '@sessions/load-balancer';
import type { HostNetwork } from '../network/host-network';
import { NetworkInputError } from '../network/names';
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
