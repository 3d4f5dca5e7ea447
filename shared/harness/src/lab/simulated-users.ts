import { ControlParamsError } from '@sessions/load-balancer';
import { LabClient } from '../client/lab-client';
import { seededRandom } from '../measure/seeded-random';
import { sleep } from '../process/wait';

export interface SimulationStatus {
  running: boolean;
  users: number;
  seconds: number;
  /** ISO time the simulation stops. */
  endsAt: string | null;
  requests: number;
}

/** Users of their own, so they never share a name with the learner's "a". */
const names =
  'kim lee park choi jung kang cho yoon jang lim han oh seo shin kwon hwang ahn song yoo hong'.split(
    ' ',
  );

const items = ['apple', 'banana', 'cherry', 'grape', 'kiwi', 'lemon', 'mango', 'pear'];

/**
 * "Simulate users" on the dashboard: K synthetic users with their own cookie jars browse the
 * lab through the balancer for a bounded time, each under an X-Lab-Client name, so the
 * page has something to show. One simulation at a time; stopping the lab stops it.
 */
export class UserSimulation {
  private abort: AbortController | undefined;
  private current: SimulationStatus = {
    running: false,
    users: 0,
    seconds: 0,
    endsAt: null,
    requests: 0,
  };
  private runs: Promise<void> = Promise.resolve();

  static readonly maxUsers = names.length;
  static readonly maxSeconds = 120;

  constructor(private readonly baseUrl: () => string) {}

  status(): SimulationStatus {
    return { ...this.current };
  }

  /** Starts K users for a number of seconds and returns at once; they stop by themselves. */
  start(params: { users?: unknown; seconds?: unknown }): SimulationStatus {
    const users = boundedInteger(params.users ?? 5, 'users', UserSimulation.maxUsers);
    const seconds = boundedInteger(params.seconds ?? 20, 'seconds', UserSimulation.maxSeconds);
    if (this.current.running) {
      const left = Math.round((Date.parse(this.current.endsAt!) - Date.now()) / 1000);
      throw new Error(`a simulation is already running (${left} s left)`);
    }
    const abort = new AbortController();
    this.abort = abort;
    const endsAt = Date.now() + seconds * 1000;
    this.current = {
      running: true,
      users,
      seconds,
      endsAt: new Date(endsAt).toISOString(),
      requests: 0,
    };
    const stopped = () => abort.signal.aborted || Date.now() >= endsAt;
    this.runs = Promise.all(
      Array.from({ length: users }, (_, index) => this.browse(index, stopped)),
    ).then(() => {
      this.current.running = false;
    });
    return this.status();
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.runs;
  }

  /** One user: logs in, looks at "me", fills a cart, sometimes logs out, with human-ish pauses. */
  private async browse(index: number, stopped: () => boolean): Promise<void> {
    const userid = names[index % names.length];
    const client = new LabClient(this.baseUrl(), { name: `sim-${userid}`, timeoutMs: 5000 });
    const random = seededRandom(index + 1);
    let loggedIn = false;
    // Start at different moments, so the users do not march in step.
    await sleep(random() * 600);
    while (!stopped()) {
      try {
        const roll = random();
        if (!loggedIn) {
          loggedIn = (await client.post('/login', { userid })).status === 200;
        } else if (roll < 0.5) {
          const me = await client.get<{ userid?: string | null }>('/me');
          // Round-robin without shared sessions forgets the user: log in again, as a person would.
          loggedIn = me.status === 200 && me.body?.userid === userid;
        } else if (roll < 0.9) {
          const item = items[Math.floor(random() * items.length)];
          loggedIn = (await client.post('/cart', { item })).status === 200;
        } else {
          await client.post('/logout');
          loggedIn = false;
        }
      } catch {
        // A killed or paused server: the balancer answers for it, or the request times out. Carry on.
      }
      this.current.requests += 1;
      await sleep(250 + random() * 650);
    }
  }
}

function boundedInteger(value: unknown, name: string, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > max)
    throw new ControlParamsError(`"${name}" must be a whole number from 1 to ${max}`);
  return number;
}
