import { runInThisContext } from 'node:vm';

/**
 * The process itself. Inside a jest test file `process` is a copy made for that file, whose
 * events never fire: an 'exit' listener added to it never runs, so a test worker would end
 * without ending what its tests started. Code that vm runs in this context sees the real one.
 */
export function realProcess(): NodeJS.Process {
  return runInThisContext('process') as NodeJS.Process;
}

type Cleanup = () => void;
const cleanupsKey = Symbol.for('sessions-at-scale.exit-cleanups');
/** Marks the harness's own signal listeners, so they can tell whether the program has one. */
const harnessListener = Symbol.for('sessions-at-scale.harness-listener');
const stopSignals = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;

/**
 * Runs `cleanup` when the process exits, orderly or not (an uncaught error, process.exit, a
 * stop signal the program does not handle itself); only kill -9 skips it. One listener per
 * process, shared through the process object by every copy of this module (jest loads one per
 * test file), so any number of cleanups never trips Node's listener-leak warning.
 */
export function onProcessExit(cleanup: Cleanup): void {
  const host = realProcess() as NodeJS.Process & { [cleanupsKey]?: Set<Cleanup> };
  let cleanups = host[cleanupsKey];
  if (!cleanups) {
    const registered = new Set<Cleanup>();
    host[cleanupsKey] = cleanups = registered;
    host.once('exit', () => {
      for (const run of registered) {
        try {
          run();
        } catch {
          // one failed cleanup must not keep the others from running
        }
      }
    });
    // Node's default for these signals exits without the 'exit' event. Exit properly unless
    // the program (the launcher) handles the signal itself, to stop in order.
    for (const [signal, number] of Object.entries(stopSignals)) {
      const listener = Object.assign(
        () => {
          const programHandlesIt = host
            .listeners(signal as NodeJS.Signals)
            .some((other) => !(harnessListener in other));
          if (!programHandlesIt) host.exit(128 + number);
        },
        { [harnessListener]: true },
      );
      host.on(signal, listener);
    }
  }
  cleanups.add(cleanup);
}
