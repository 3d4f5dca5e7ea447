import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { forgetProcess, recordProcess } from '../runtime/run-record';
import { runCommand } from './shell';

/**
 * An ordinary user may not add named network namespaces (`ip netns add` writes /run/netns),
 * but may make a user namespace in which it is root: `unshare --user --map-root-user --net
 * --mount`. The launcher then runs its lab in there (outer half: this machine; inner half:
 * the lab's private network). The learner's browser reaches the balancer through a relay:
 * the outer half listens on 127.0.0.1:<port> and carries each connection over a Unix socket
 * (the file system is shared by both halves) to the inner half, which connects to
 * 127.0.0.1:<port> inside.
 */

/** Set in the inner half's environment: the folder (0700) that holds the relays' sockets. */
const socketFolderVariable = 'SESSIONS_LAB_RELAY_FOLDER';

/** The Unix socket that carries connections to one port of the inner half. */
const socketOf = (folder: string, port: number) => path.join(folder, `${port}.sock`);

/** Whether this process is the inner half of a lab started by runLabInUserNamespace. */
export function insideLabUserNamespace(): boolean {
  return process.env[socketFolderVariable] !== undefined;
}

/** The arguments that start `command` as root of a new user, network and mount namespace. */
export function unshareArguments(command: string, args: readonly string[]): string[] {
  return ['--user', '--map-root-user', '--net', '--mount', '--', command, ...args];
}

/**
 * Outer half. Listens on 127.0.0.1 at each port (so a taken port fails here, before anything
 * starts), then runs `node <script> <args>` in a new user namespace and relays every
 * connection to it. Stop signals are passed on; the inner half also ends on its own when this
 * process dies, even by kill -9 (its IPC channel closes: see stopWhenOuterHalfEnds).
 * Resolves with the inner half's exit code.
 */
export async function runLabInUserNamespace(options: {
  script: string;
  args: readonly string[];
  ports: readonly number[];
  /** A folder only this user can enter; the sockets live there while the lab runs. */
  socketFolder: string;
}): Promise<number> {
  const listeners = await Promise.all(
    options.ports.map((port) => listenOnHost(port, socketOf(options.socketFolder, port))),
  );
  const inner = spawn(
    'unshare',
    unshareArguments(process.execPath, [options.script, ...options.args]),
    {
      env: { ...process.env, [socketFolderVariable]: options.socketFolder },
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      // A group of its own: the terminal's Ctrl-C reaches this process only, which passes it
      // on once (twice would make the lab skip its orderly stop).
      detached: true,
    },
  );
  const pid = inner.pid;
  if (pid !== undefined)
    recordProcess({ pid, label: 'the lab in its user namespace', group: true });
  const passOn = (signal: NodeJS.Signals) => () => inner.kill(signal);
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map(
    (signal) => [signal, passOn(signal)] as const,
  );
  for (const [signal, handler] of handlers) process.on(signal, handler);
  const code = await new Promise<number>((resolve) => {
    inner.once('error', () => resolve(1));
    inner.once('exit', (exitCode) => resolve(exitCode ?? 1));
  });
  for (const [signal, handler] of handlers) process.off(signal, handler);
  for (const listener of listeners) listener.close();
  if (pid !== undefined) forgetProcess(pid);
  return code;
}

/** A TCP listener on this machine's 127.0.0.1 that forwards each connection to a Unix socket. */
function listenOnHost(port: number, socket: string): Promise<net.Server> {
  const server = net.createServer((client) => pipe(client, net.connect(socket)));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** Inner half, before anything else: a private /run/netns for `ip netns`, and loopback up. */
export function prepareLabUserNamespace(): void {
  // A tmpfs seen only in this mount namespace: /run/netns itself where it exists (the rest
  // of /run stays visible), else all of /run, which this user cannot write.
  runCommand('mount', ['-t', 'tmpfs', 'tmpfs', existsSync('/run/netns') ? '/run/netns' : '/run']);
  runCommand('ip', ['link', 'set', 'lo', 'up']);
}

/**
 * Inner half, once the lab listens: one Unix socket per port, each connection forwarded to
 * 127.0.0.1:<port> here. Returns a function that closes them (and removes their files).
 */
export async function exposeToOuterHalf(ports: readonly number[]): Promise<() => void> {
  const folder = process.env[socketFolderVariable];
  if (!folder) throw new Error('exposeToOuterHalf runs only inside runLabInUserNamespace');
  const servers = await Promise.all(
    ports.map(
      (port) =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer((client) => pipe(client, net.connect(port, '127.0.0.1')));
          server.once('error', reject);
          server.listen(socketOf(folder, port), () => resolve(server));
        }),
    ),
  );
  return () => {
    for (const server of servers) server.close();
  };
}

/**
 * Inner half: the outer half is gone (its IPC channel closed, even after a kill -9 of it),
 * so nothing can reach this lab any more: stop it. The outer half's run record lists only
 * this process and its socket folder; once this process has stopped the lab, it removes
 * both, the record being `<socket folder>.json` (see runPrivateFolder).
 */
export function stopWhenOuterHalfEnds(stop: () => void): void {
  const folder = process.env[socketFolderVariable];
  process.once('disconnect', () => {
    if (folder)
      process.once('exit', () => {
        rmSync(folder, { recursive: true, force: true });
        rmSync(`${folder}.json`, { force: true });
      });
    stop();
  });
}

function pipe(a: net.Socket, b: net.Socket): void {
  a.pipe(b).pipe(a);
  for (const [side, other] of [
    [a, b],
    [b, a],
  ])
    side.once('error', () => other.destroy()).once('close', () => other.destroy());
}
