import type { HostileCase } from '../../src/cases/hostile-case';
import { runCase } from '../../src/run-case';
import type { HostileWorld } from '../../src/world/hostile-world';
import { leftoverProcesses } from '../../src/world/leftovers';

/**
 * One test per hostile case against the world of the calling describe, each named by `title`,
 * then one that stops the world and finds none of its processes still running.
 */
export function hostileCaseTests(
  world: () => HostileWorld,
  pids: ReadonlyArray<number | undefined>,
  cases: readonly HostileCase[],
  title: (hostile: HostileCase) => string,
) {
  it.each(cases.map((c) => [title(c), c] as const))('%s', async (_title, hostile) => {
    const outcome = await runCase(world(), hostile);
    expect({ case: hostile.name, problems: outcome.problems }).toEqual({
      case: hostile.name,
      problems: [],
    });
  });

  it('leaves no process it started running once the lab is stopped', async () => {
    await world().stop();
    expect(leftoverProcesses([...pids])).toEqual([]);
  });
}
