import type { ManagedProcess } from './managed-process';
import { waitFor } from './wait';

export interface Readiness {
  /** True once the process answers (it is asked again until then). */
  ready: () => boolean | Promise<boolean>;
  /** What is waited for, for the timeout's message: "server 1 on http://… to answer /health". */
  waitingFor: string;
  /** The process's name, for the message when it exits while starting. */
  name: string;
  timeoutMs: number;
  intervalMs?: number;
}

/**
 * Waits until a process that was just started answers. When it exits first or never answers,
 * it is killed and the error carries its recent output, which is where the reason is.
 */
export async function waitUntilReady(process: ManagedProcess, readiness: Readiness): Promise<void> {
  try {
    await waitFor(
      async () => !process.alive || (await readiness.ready()),
      readiness.waitingFor,
      readiness.timeoutMs,
      readiness.intervalMs,
    );
  } catch (error) {
    await process.kill();
    throw new Error(`${(error as Error).message}\n--- its output ---\n${process.recentOutput()}`, {
      cause: error,
    });
  }
  if (!process.alive)
    throw new Error(
      `${readiness.name} exited while starting\n--- its output ---\n${process.recentOutput()}`,
    );
}

/**
 * What every long-running process the course starts shares (a chapter server, Redis,
 * PostgreSQL): a lab can crash it, freeze it and read what it printed.
 */
export abstract class ManagedService {
  protected process: ManagedProcess | undefined;

  /** Stops it for good, with whatever it keeps on disk. */
  abstract stop(): Promise<void>;

  /**
   * Makes `process` this service's and waits until it answers; when it exits or never
   * answers, the service is stopped (its folder removed too) and the error says why.
   */
  protected async runUntilReady(process: ManagedProcess, readiness: Readiness): Promise<void> {
    this.process = process;
    try {
      await waitUntilReady(process, readiness);
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  get alive(): boolean {
    return this.process?.alive ?? false;
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  /** kill -9: a crash. Nothing the process held only in memory survives. */
  async kill(): Promise<void> {
    await this.process?.kill();
  }

  /** SIGSTOP: the process stays and its port stays open, but it answers nothing. */
  pause(): void {
    this.process?.signal('SIGSTOP');
  }

  resume(): void {
    this.process?.signal('SIGCONT');
  }

  recentOutput(): string {
    return this.process?.recentOutput() ?? '';
  }
}
