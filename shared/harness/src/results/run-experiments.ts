/** A chapter's experiments by name: each one runs, prints its table and writes its results. */
export type Experiments = Readonly<Record<string, () => Promise<void>>>;

/** Names on the command line that are no experiment of the chapter. */
export class UnknownExperimentError extends Error {
  constructor(unknown: readonly string[], known: readonly string[]) {
    super(`unknown experiment ${unknown.join(', ')}; choose from: ${known.join(', ')}`);
  }
}

/**
 * The named experiments in the order given, or all of them in the chapter's order when no
 * name is given. Every name is checked before the first experiment starts.
 */
export async function runExperiments(
  experiments: Experiments,
  names: readonly string[],
): Promise<void> {
  const known = Object.keys(experiments);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new UnknownExperimentError(unknown, known);
  for (const name of names.length > 0 ? names : known) await experiments[name]();
}

/**
 * Every chapter's `npm run experiment -w chapters/NN -- [name…]`. Exits 2 on an unknown
 * name and 1 when an experiment fails (its lab is already stopped by then).
 */
export function runExperimentsFromCommandLine(
  experiments: Experiments,
  names: readonly string[] = process.argv.slice(2),
): void {
  runExperiments(experiments, names).catch((error: unknown) => {
    console.error(error instanceof UnknownExperimentError ? error.message : error);
    process.exit(error instanceof UnknownExperimentError ? 2 : 1);
  });
}
