import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, portsBelowEphemeral, reservePort } from './free-port';

describe('a free port for a server that starts later', () => {
  it('is never handed out twice while this process lives', async () => {
    const ports = [];
    for (let i = 0; i < 40; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('lies below the range the kernel takes outgoing connections’ ports from, where there is room', async () => {
    const range = portsBelowEphemeral();
    if (!range) return expect(await freePort()).toBeGreaterThan(0);
    const port = await freePort();
    expect(port).toBeGreaterThanOrEqual(range.low);
    expect(port).toBeLessThanOrEqual(range.high);
  });
});

describe('a port reservation', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'sessions-ports-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('is refused while its holder lives, this process included', () => {
    expect(reservePort(folder, 20_001)).toBe(true);
    expect(reservePort(folder, 20_001)).toBe(false);
  });

  it('is taken over once the process that held it has exited', () => {
    const exited = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
    const deadPid = exited.pid;
    expect(deadPid).toBeGreaterThan(0);
    writeFileSync(path.join(folder, '20002'), String(deadPid));
    expect(reservePort(folder, 20_002)).toBe(true);
  });
});
