import { progress } from '@sessions/harness';
import { canMeasureCpu, treeCpuSeconds } from './process-cpu';
import { runLoad, type LoadResult } from './run-load';

export interface RoundsOptions {
  rounds: number;
  durationSeconds: number;
  connections: number;
  /** A short untimed run per contender first, so JIT warm-up is not measured. */
  warmupSeconds: number;
  path: string;
}

export interface Loadable {
  readonly name: string;
  readonly url: string | string[];
  headersForConnection?: (connection: number) => Record<string, string>;
  readonly pid?: number;
}

export interface RoundResult extends LoadResult {
  /** CPU the measured process (and its children) spent per request, in microseconds: the balancer, or the app server. */
  cpuMicros?: number;
}

/**
 * Every contender runs once per round, and the order rotates from round to round, so a
 * noisy neighbour or a thermal dip hits all of them rather than one.
 */
export async function alternateRounds(
  contenders: readonly Loadable[],
  options: RoundsOptions,
  label: string,
): Promise<Map<string, RoundResult[]>> {
  const results = new Map<string, RoundResult[]>(contenders.map((c) => [c.name, []]));
  const measureCpu = canMeasureCpu();
  const load = async (contender: Loadable, durationSeconds: number): Promise<RoundResult> => {
    const pid = measureCpu ? contender.pid : undefined;
    const cpuBefore = pid ? treeCpuSeconds(pid) : 0;
    const result = await runLoad({
      url: [contender.url].flat().map((base) => `${base}${options.path}`),
      durationSeconds,
      connections: options.connections,
      headersForConnection: contender.headersForConnection,
    });
    if (!pid || result.requests === 0) return result;
    const cpuSeconds = treeCpuSeconds(pid) - cpuBefore;
    return { ...result, cpuMicros: Math.round((cpuSeconds * 1e6) / result.requests) };
  };
  if (options.warmupSeconds > 0)
    for (const contender of contenders) await load(contender, options.warmupSeconds);
  const total = options.rounds * contenders.length;
  let done = 0;
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < contenders.length; i++) {
      const contender = contenders[(round + i) % contenders.length];
      results.get(contender.name)!.push(await load(contender, options.durationSeconds));
      progress(label, ++done, total);
    }
  }
  return results;
}

/** Runs `round` once per round, one after another, showing the progress as `label`. */
export async function eachRound(
  rounds: number,
  label: string,
  round: (index: number) => Promise<void>,
): Promise<void> {
  for (let index = 0; index < rounds; index++) {
    await round(index);
    progress(label, index + 1, rounds);
  }
}
