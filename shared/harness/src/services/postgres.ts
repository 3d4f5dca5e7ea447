import { execFile, spawnSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { freshSecret } from '../lab/lab-secrets';
import type { Placement } from '../process/chapter-server';
import { requireBinary } from '../system/system-binary';
import { freePort } from '../process/free-port';
import { ManagedProcess } from '../process/managed-process';
import { ManagedService, waitUntilReady } from '../process/managed-service';
import { makeTempDir, removeTempDir } from './temp-dir';
import {
  asPostgres,
  giveToPostgres,
  postgresAccount,
  type PostgresAccount,
} from './postgres-account';

export interface StartPostgresOptions {
  /** A free port unless given. */
  port?: number;
  /** Run on this host of a lab network, on its address, instead of 127.0.0.1. */
  placement?: Placement;
  /**
   * SQL run once by the superuser to create the tables the application uses; the
   * application's role then owns exactly these tables and may create nothing else.
   * Without it, the role may create tables (and owns what it creates).
   */
  schema?: { sql: string; tables: string[] };
}

/** The ordinary role the application logs in as, and its database. */
export const appRole = 'lab';
export const appDatabase = 'sessions';

/** The passwords of one cluster (a standby, a copy of its primary, shares them). */
interface ClusterSecrets {
  password: string;
  superuserPassword: string;
}

/**
 * A throwaway PostgreSQL cluster: `initdb` into a temp folder, the server in the foreground
 * on a free port (so the harness tracks it), `fsync=off` because nothing here must outlive a
 * power cut. Restarts keep the port and the data; stop() deletes the cluster.
 */
export class PostgresServer extends ManagedService {
  readonly host: string;
  /** host:port, safe to show. */
  readonly address: string;
  /** What the application connects with, as the `lab` role: it holds the password, never print it. */
  readonly url: string;
  readonly user = appRole;
  readonly database = appDatabase;
  readonly password: string;
  private readonly superuserPassword: string;

  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly bin: string,
    private readonly account: PostgresAccount,
    private readonly placement: Placement | undefined,
    secrets: ClusterSecrets = { password: freshSecret(), superuserPassword: freshSecret() },
  ) {
    super();
    this.host = placement ? placement.network.host(placement.host).address : '127.0.0.1';
    this.password = secrets.password;
    this.superuserPassword = secrets.superuserPassword;
    this.address = `${this.host}:${port}`;
    this.url = `postgres://${appRole}:${encodeURIComponent(this.password)}@${this.host}:${port}/${appDatabase}`;
  }

  static async start(options: StartPostgresOptions = {}): Promise<PostgresServer> {
    const bin = path.dirname(requireBinary('postgres'));
    const user = postgresAccount();
    const dir = makeTempDir('postgres');
    giveToPostgres(user, dir);
    const port = options.port ?? (options.placement ? 5432 : await freePort());
    const server = new PostgresServer(port, dir, bin, user, options.placement);
    try {
      // initdb reads the superuser's password from a file (never from its command line).
      const passwordFile = path.join(dir, 'superuser.password');
      writeFileSync(passwordFile, `${server.superuserPassword}\n`, { mode: 0o600 });
      giveToPostgres(user, passwordFile);
      // prettier-ignore
      const initdb = asPostgres(user, path.join(bin, 'initdb'), [
        '-D', server.dataDir, '-U', 'postgres', '-E', 'UTF8', '--locale=C',
        '--auth=scram-sha-256', `--pwfile=${passwordFile}`,
      ]);
      const initialised = spawnSync(initdb.command, initdb.args, {
        cwd: dir,
        encoding: 'utf8',
        uid: initdb.uid,
        gid: initdb.gid,
      });
      if (initialised.status !== 0)
        throw new Error(
          `initdb failed (exit ${initialised.status}):\n${initialised.stderr}${initialised.stdout}`,
        );
      // On a lab network the servers connect from their own hosts' addresses.
      if (server.placement)
        appendFileSync(
          path.join(server.dataDir, 'pg_hba.conf'),
          `host all all ${server.placement.network.describe().subnet} scram-sha-256\n`,
        );
      await server.start();
      server.createAppRole(options.schema);
    } catch (error) {
      removeTempDir(dir);
      throw error;
    }
    return server;
  }

  private get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  /** In a lab network's host, `ip netns exec` needs root: it drops to postgres with setpriv. */
  private command(args: string[]): {
    command: string;
    args: string[];
    uid?: number;
    gid?: number;
  } {
    const postgres = path.join(this.bin, 'postgres');
    if (!this.placement) return asPostgres(this.account, postgres, args);
    const { command, args: rest } = asPostgres(this.account, postgres, args, true);
    return this.placement.network.commandIn(this.placement.host, command, rest);
  }

  /** Starts the server (again) on the same port and data; resolves once it accepts connections. */
  async start(): Promise<void> {
    if (this.alive) return;
    // prettier-ignore
    const args = [
      '-D', this.dataDir,
      '-p', String(this.port),
      '-k', this.dir,
      '-c', `listen_addresses=${this.host}`,
      '-c', 'fsync=off',
      '-c', 'max_connections=100',
    ];
    const process = new ManagedProcess({
      ...this.command(args),
      cwd: this.dir,
      label: `postgres :${this.port}`,
    });
    this.process = process;
    // A primary is "ready to accept connections", a hot standby "ready to accept read-only connections".
    await waitUntilReady(process, {
      ready: () => /ready to accept (read-only )?connections/.test(process.recentOutput()),
      waitingFor: `PostgreSQL on port ${this.port} to accept connections`,
      name: 'PostgreSQL',
      timeoutMs: 20_000,
      intervalMs: 50,
    });
  }

  /**
   * A hot standby of this server on its own port: a base backup over the replication
   * protocol (`pg_basebackup -R` also writes `standby.signal` and `primary_conninfo`), then
   * the server, which streams this one's WAL asynchronously and answers reads only.
   */
  async startStandby(): Promise<PostgresServer> {
    const dir = makeTempDir('postgres-standby');
    giveToPostgres(this.account, dir);
    const standby = new PostgresServer(await freePort(), dir, this.bin, this.account, undefined, {
      password: this.password,
      superuserPassword: this.superuserPassword,
    });
    try {
      // prettier-ignore
      const basebackup = asPostgres(this.account, path.join(this.bin, 'pg_basebackup'),
        ['-h', this.host, '-p', String(this.port), '-U', 'postgres', '-D', standby.dataDir, '-R', '-X', 'stream', '-c', 'fast'],
      );
      const backup = spawnSync(basebackup.command, basebackup.args, {
        cwd: dir,
        encoding: 'utf8',
        uid: basebackup.uid,
        gid: basebackup.gid,
        // The password in the environment, never in the arguments; -R writes it into the
        // standby's primary_conninfo (a file of the lab's user only) so it can stream.
        env: { ...process.env, PGPASSWORD: this.superuserPassword },
      });
      if (backup.status !== 0)
        throw new Error(`pg_basebackup failed (exit ${backup.status}):\n${backup.stderr}`);
      await standby.start();
    } catch (error) {
      await standby.kill();
      removeTempDir(dir);
      throw error;
    }
    return standby;
  }

  /** Promotes a standby by hand (`pg_ctl promote`, waiting until it accepts writes). */
  async promote(): Promise<void> {
    // Asynchronous: the clients of the lab keep running while PostgreSQL promotes.
    const pgCtl = asPostgres(this.account, path.join(this.bin, 'pg_ctl'), [
      'promote',
      '-w',
      '-D',
      this.dataDir,
    ]);
    await promisify(execFile)(pgCtl.command, pgCtl.args, {
      cwd: this.dir,
      uid: pgCtl.uid,
      gid: pgCtl.gid,
    }).catch((error: Error & { stderr?: string }) => {
      throw new Error(`pg_ctl promote failed: ${error.stderr ?? error.message}`, { cause: error });
    });
  }

  /** SQL as the superuser, given on psql's standard input (so no secret is in its arguments). */
  private superuserSql(database: string, sql: string): void {
    const result = spawnSync(
      path.join(this.bin, 'psql'),
      [
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '-h',
        this.host,
        '-p',
        String(this.port),
        '-U',
        'postgres',
        '-d',
        database,
      ],
      {
        input: sql,
        encoding: 'utf8',
        env: { ...process.env, PGPASSWORD: this.superuserPassword, PGCONNECT_TIMEOUT: '10' },
      },
    );
    if (result.status !== 0)
      throw new Error(
        `setting up PostgreSQL failed (psql exit ${result.status}):\n${result.stderr}`,
      );
  }

  /** The `lab` role: may log in to its database, owns the application's tables, nothing more. */
  private createAppRole(schema: StartPostgresOptions['schema']): void {
    const password = this.password.replaceAll("'", "''");
    this.superuserSql(
      'postgres',
      [
        `CREATE ROLE ${appRole} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${password}';`,
        `CREATE DATABASE ${appDatabase};`,
        `REVOKE ALL ON DATABASE ${appDatabase} FROM PUBLIC;`,
        `GRANT CONNECT, TEMPORARY ON DATABASE ${appDatabase} TO ${appRole};`,
      ].join('\n'),
    );
    this.superuserSql(
      appDatabase,
      schema
        ? [
            schema.sql,
            ...schema.tables.map((table) => `ALTER TABLE "${table}" OWNER TO ${appRole};`),
          ].join('\n')
        : `GRANT CREATE ON SCHEMA public TO ${appRole};`,
    );
  }

  /**
   * The superuser's connection to the application's database, for the harness's own
   * measurements (the server's statistics views). It holds a password: never print it.
   */
  get superuserUrl(): string {
    return `postgres://postgres:${encodeURIComponent(this.superuserPassword)}@${this.host}:${this.port}/${appDatabase}`;
  }

  /** A clean "fast" shutdown (SIGINT): open connections are closed, committed data is kept. */
  async shutdown(): Promise<void> {
    const process = this.process;
    if (!process?.alive) return;
    process.signal('SIGINT');
    const timer = setTimeout(() => process.signal('SIGKILL'), 10_000);
    await process.exited;
    clearTimeout(timer);
  }

  async restart(): Promise<void> {
    await this.shutdown();
    await this.start();
  }

  /** Stops for good and deletes the cluster. */
  async stop(): Promise<void> {
    await this.shutdown();
    removeTempDir(this.dir);
  }
}

export function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  return PostgresServer.start(options);
}
