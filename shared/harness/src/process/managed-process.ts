import { spawn, type ChildProcess } from 'node:child_process';
import { track } from './process-registry';

export interface ManagedProcessOptions {
  command: string;
  args: string[];
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Shown in error messages: "server 2", "redis". */
  label: string;
  /** Run as another user (PostgreSQL refuses to run as root). */
  uid?: number;
  gid?: number;
  /** 'pipe' to write to the process (a control channel); ignored by default. */
  stdin?: 'pipe' | 'ignore';
}

/** A child process with its recent output kept for error messages, and a promise of its exit. */
export class ManagedProcess {
  readonly child: ChildProcess;
  private readonly output: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(private readonly options: ManagedProcessOptions) {
    this.child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'],
      uid: options.uid,
      gid: options.gid,
      // Its own process group, so ending the group ends whatever it forked (PostgreSQL's
      // backends), and a terminal's Ctrl-C or hang-up reaches only the harness, which stops it.
      detached: true,
    });
    track(this.child, options.label);
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString());
      if (this.output.length > 200) this.output.shift();
      if (process.env.SESSIONS_KEEP_LOGS) process.stderr.write(`[${options.label}] ${chunk}`);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    this.child.once('error', (error) => this.output.push(`spawn error: ${error.message}`));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Whether it printed `text` (in the output kept so far: its first lines, for a new process). */
  hasPrinted(text: string): boolean {
    return this.output.join('').includes(text);
  }

  /** The last lines the process printed, for a learner reading a failure. */
  recentOutput(): string {
    return this.output.join('').split('\n').slice(-30).join('\n');
  }

  signal(signal: NodeJS.Signals): void {
    if (this.alive) this.child.kill(signal);
  }

  /** SIGTERM, then SIGKILL if it has not gone after `graceMs`. */
  async stop(graceMs = 3000): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGCONT');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  async kill(): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  describe(): string {
    return `${this.options.label} (${this.options.command} ${this.options.args.join(' ')})`;
  }
}
