import { ControlParamsError, type ControlHandler } from '@sessions/load-balancer';
import type { HostNetwork } from '../network/host-network';
import { NetworkInputError } from '../network/names';

const hostParam = (params: Record<string, unknown>, name: string): string => {
  const value = params[name];
  if (typeof value !== 'string' || value === '')
    throw new ControlParamsError(`"${name}" must name a host (see network.hosts in /__lb/state)`);
  return value;
};

/** An unknown host or a bad percentage is the caller's mistake: a 400 with the reason. */
const asParamsError =
  (handler: ControlHandler): ControlHandler =>
  async (params) => {
    try {
      return await handler(params);
    } catch (error) {
      if (error instanceof NetworkInputError) throw new ControlParamsError(error.message);
      throw error;
    }
  };

/** The dashboard's link controls: cut, heal, isolate a group, loss, delay. */
export function networkControls(network: HostNetwork): Record<string, ControlHandler> {
  const controls: Record<string, ControlHandler> = {
    'cut-link': async (params) => {
      const [a, b] = [hostParam(params, 'a'), hostParam(params, 'b')];
      await network.cut(a, b);
      return { cut: `${a} - ${b}: nothing passes either way (dropped, not refused)` };
    },
    'heal-link': async (params) => {
      const [a, b] = [hostParam(params, 'a'), hostParam(params, 'b')];
      await network.heal(a, b);
      return { healed: `${a} - ${b}` };
    },
    isolate: async (params) => {
      const group = String(params.group ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '');
      if (group.length === 0)
        throw new ControlParamsError('"group" must list hosts, e.g. "s1" or "s1,redis"');
      await network.isolate(group);
      return { isolated: group, note: 'the balancer still reaches every host' };
    },
    'heal-all': async () => {
      await network.healAll();
      return { healed: 'every link, and no loss' };
    },
    'link-loss': async (params) => {
      const [a, b] = [hostParam(params, 'a'), hostParam(params, 'b')];
      const percent = Number(params.percent);
      await network.setLoss(a, b, percent);
      return { loss: `${a} - ${b}: ${percent} % of packets dropped each way` };
    },
    'link-delay': async (params) => {
      const [a, b] = [hostParam(params, 'a'), hostParam(params, 'b')];
      const [ms, jitterMs] = [Number(params.ms), Number(params.jitterMs ?? 0)];
      await network.setDelay(a, b, ms, jitterMs);
      return {
        delay:
          ms === 0
            ? `${a} - ${b}: no added delay`
            : `${a} - ${b}: +${ms} ms (±${jitterMs}) per round trip, through a delay relay; open connections were reset`,
      };
    },
  };
  return Object.fromEntries(
    Object.entries(controls).map(([name, handler]) => [name, asParamsError(handler)]),
  );
}
