/**
 * Runs one round of an experiment again when its lab could not start (a server missed its
 * readiness deadline on a busy machine): such a round measured nothing. Any other failure is
 * a result and is thrown at once.
 */
export async function againIfNotStarted<T>(
  round: () => Promise<T>,
  attempts = 3,
  log: (line: string) => void = console.log,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await round();
    } catch (error) {
      const couldNotStart = /to answer \/health/.test((error as Error).message);
      if (!couldNotStart || attempt === attempts) throw error;
      log(`\n(the lab did not start in time, attempt ${attempt} of ${attempts}: again)`);
    }
  }
}
