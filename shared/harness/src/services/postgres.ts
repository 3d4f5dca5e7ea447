import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, writeFileSync } from 'node:fs';
import { freshSecret } from '../lab/lab-secrets';
import path from 'node:path';
import { requireBinary } from '../system/system-binary';
import { freePort } from '../process/free-port';
import { ManagedProcess } from '../process/managed-process';
import { waitFor } from '../process/wait';
import { makeTempDir, removeTempDir } from './temp-dir';

export interface StartPostgresOptions {
  /** A free port unless given. */
  port?: number;
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

/** PostgreSQL refuses to run as root: as root, its binaries run as the `postgres` user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    return {
      uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
      gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
    };
  } catch {
    throw new Error(
      'running as root, PostgreSQL needs the `postgres` user (the Debian postgresql package creates it)',
    );
  }
}

/**
 * A throwaway PostgreSQL cluster: `initdb` into a temp folder, the server in the foreground
 * on a free port (so the harness tracks it), `fsync=off` because nothing here must outlive a
 * power cut. Restarts keep the port and the data; stop() deletes the cluster.
 *
 * Every connection needs a password (scram-sha-256): on a shared machine any account can
 * reach a loopback port, and a superuser can run programs as the lab's user (`COPY ... TO
 * PROGRAM`). The application logs in as `lab`, an ordinary role; the superuser's password
 * stays inside the harness.
 */
export class PostgresServer {
  private process: ManagedProcess | undefined;
  readonly host = '127.0.0.1';
  /** host:port, safe to show. */
  readonly address: string;
  /** What the application connects with, as the `lab` role: it holds the password, never print it. */
  readonly url: string;
  readonly user = appRole;
  readonly database = appDatabase;
  readonly password = freshSecret();
  private readonly superuserPassword = freshSecret();

  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly bin: string,
    private readonly runAsUser: { uid: number; gid: number } | undefined,
  ) {
    this.address = `${this.host}:${port}`;
    this.url = `postgres://${appRole}:${encodeURIComponent(this.password)}@${this.host}:${port}/${appDatabase}`;
  }

  static async start(options: StartPostgresOptions = {}): Promise<PostgresServer> {
    const bin = path.dirname(requireBinary('postgres'));
    const user = runAs();
    const dir = makeTempDir('postgres');
    if (user) chownSync(dir, user.uid, user.gid);
    const server = new PostgresServer(options.port ?? (await freePort()), dir, bin, user);
    try {
      // initdb reads the superuser's password from a file (never from its command line).
      const passwordFile = path.join(dir, 'superuser.password');
      writeFileSync(passwordFile, `${server.superuserPassword}\n`, { mode: 0o600 });
      if (user) chownSync(passwordFile, user.uid, user.gid);
      // prettier-ignore
      const initdb = spawnSync(
        path.join(bin, 'initdb'),
        [
          '-D', server.dataDir, '-U', 'postgres', '-E', 'UTF8', '--locale=C',
          '--auth=scram-sha-256', `--pwfile=${passwordFile}`,
        ],
        { cwd: dir, encoding: 'utf8', uid: user?.uid, gid: user?.gid },
      );
      if (initdb.status !== 0)
        throw new Error(`initdb failed (exit ${initdb.status}):\n${initdb.stderr}${initdb.stdout}`);
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

  get alive(): boolean {
    return this.process?.alive ?? false;
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
      command: path.join(this.bin, 'postgres'),
      args,
      cwd: this.dir,
      label: `postgres :${this.port}`,
      uid: this.runAsUser?.uid,
      gid: this.runAsUser?.gid,
    });
    this.process = process;
    try {
      await waitFor(
        () => !process.alive || process.recentOutput().includes('ready to accept connections'),
        `PostgreSQL on port ${this.port} to accept connections`,
        20_000,
        50,
      );
    } catch (error) {
      await process.kill();
      throw new Error(`${(error as Error).message}\n${process.recentOutput()}`, { cause: error });
    }
    if (!process.alive)
      throw new Error(`PostgreSQL exited while starting:\n${process.recentOutput()}`);
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

  /** A clean "fast" shutdown (SIGINT): open connections are closed, committed data is kept. */
  async shutdown(): Promise<void> {
    const process = this.process;
    if (!process?.alive) return;
    process.signal('SIGINT');
    const timer = setTimeout(() => process.signal('SIGKILL'), 10_000);
    await process.exited;
    clearTimeout(timer);
  }

  /** kill -9 of the postmaster. */
  async kill(): Promise<void> {
    await this.process?.kill();
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

  recentOutput(): string {
    return this.process?.recentOutput() ?? '';
  }
}

export function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  return PostgresServer.start(options);
}
