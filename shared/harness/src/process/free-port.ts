import { randomInt } from 'node:crypto';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pidExists } from '../runtime/process-identity';
import { ownFolder, runFolder } from '../runtime/run-folder';

/**
 * A port nobody listens on, kept for this process until it exits. A port is only reserved
 * here, and the server that will listen on it starts later, so two things must not take it
 * in between:
 * - an outgoing connection of any process: the kernel picks their local ports from its
 *   ephemeral range, so the port is chosen below that range;
 * - another test run choosing the same port: each choice is a file named after the port in
 *   this user's folder, made only if it does not exist yet (or its owner has exited).
 * Where neither is possible (no room below the range, no folder), the kernel picks one.
 */
export async function freePort(): Promise<number> {
  reservations ??= reservationsHere();
  if (!reservations) return kernelPort();
  const { range, folder } = reservations;
  const size = range.high - range.low + 1;
  const start = randomInt(size);
  for (let step = 0; step < Math.min(size, 500); step++) {
    const port = range.low + ((start + step) % size);
    if (reservePort(folder, port) && (await bindable(port))) return port;
  }
  return kernelPort();
}

/** Takes `port` for this process: false when a live process (this one included) holds it. */
export function reservePort(folder: string, port: number): boolean {
  const file = path.join(folder, String(port));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return false;
    }
    // Empty: its maker has created it and not yet written its pid.
    const owner = Number(readFileSync(file, 'utf8').trim() || process.pid);
    if (owner === process.pid || (owner > 0 && pidExists(owner))) return false;
    // Its owner has exited: whoever removes the file and makes it again first has the port.
    try {
      unlinkSync(file);
    } catch {
      return false;
    }
  }
  return false;
}

/** The ports from 10000 up to where the kernel's ephemeral range starts, if there are any. */
export function portsBelowEphemeral(): { low: number; high: number } | undefined {
  try {
    const [ephemeralLow] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    const low = 10_000;
    const high = ephemeralLow - 1;
    return Number.isInteger(high) && high - low >= 1000 ? { low, high } : undefined;
  } catch {
    return undefined;
  }
}

/** Where ports are chosen from and reserved: found once per process; null where it cannot be done. */
let reservations: { range: { low: number; high: number }; folder: string } | null | undefined;

function reservationsHere(): typeof reservations {
  const range = portsBelowEphemeral();
  if (!range) return null;
  try {
    // Next to the run records, and checked like them: this user's alone.
    return { range, folder: ownFolder(path.join(path.dirname(runFolder()), 'ports')) };
  } catch {
    return null;
  }
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port nobody listens on right now, chosen by the kernel. */
function kernelPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
