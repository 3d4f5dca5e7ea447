import { runExperiments, UnknownExperimentError } from './run-experiments';

function recorded() {
  const ran: string[] = [];
  const experiment = (name: string) => async () => void ran.push(name);
  const experiments = { memory: experiment('memory'), crash: experiment('crash') };
  return { ran, experiments };
}

describe('running a chapter’s experiments by name', () => {
  it('runs every experiment in the chapter’s order when no name is given', async () => {
    const { ran, experiments } = recorded();
    await runExperiments(experiments, []);
    expect(ran).toEqual(['memory', 'crash']);
  });

  it('runs only the named experiments, in the order they were named', async () => {
    const { ran, experiments } = recorded();
    await runExperiments(experiments, ['crash', 'memory']);
    expect(ran).toEqual(['crash', 'memory']);
  });

  it('refuses an unknown name before running anything, and lists the known ones', async () => {
    const { ran, experiments } = recorded();
    const run = runExperiments(experiments, ['memory', 'crsh']);
    await expect(run).rejects.toThrow(UnknownExperimentError);
    await expect(runExperiments(experiments, ['crsh'])).rejects.toThrow(
      'unknown experiment crsh; choose from: memory, crash',
    );
    expect(ran).toEqual([]);
  });
});
