import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
}

export type HotSpot = {
  where: string;
  /** Share of the busy samples spent in this function itself (not its callees), in percent. */
  selfPercent: number;
};

/** Samples where the process was doing something: idle ones (waiting in epoll) say nothing about cost. */
function busySamples(profile: CpuProfile, byId: Map<number, ProfileNode>): number[] {
  return profile.samples.filter((id) => byId.get(id)!.callFrame.functionName !== '(idle)');
}

/** Share of the samples in which the process was busy (not waiting for events), in percent. */
export function busyPercent(file: string): number {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  return Math.round((busySamples(profile, byId).length / profile.samples.length) * 1000) / 10;
}

/** The functions a V8 `.cpuprofile` spent most of its samples in, by self time. */
export function hotSpots(file: string, top = 15): HotSpot[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  const busy = busySamples(profile, byId);
  for (const id of busy) {
    const frame = byId.get(id)!.callFrame;
    const line = frame.url ? `:${frame.lineNumber + 1}` : '';
    const where = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}${line}`.trim();
    self.set(where, (self.get(where) ?? 0) + 1);
  }
  const total = busy.length;
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, count]) => ({ where, selfPercent: Math.round((count / total) * 1000) / 10 }));
}

/** Busy self time by who owns the code: the course balancer, undici (its client), Node itself, system calls. */
export function ownerShares(file: string): Array<{ owner: string; selfPercent: number }> {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const shares = new Map<string, number>();
  const busy = busySamples(profile, byId);
  for (const id of busy) {
    const { url, functionName } = byId.get(id)!.callFrame;
    const owner = url.includes('/shared/load-balancer/')
      ? 'course balancer code'
      : url.includes('/node_modules/undici/') || url.startsWith('wasm://')
        ? 'undici (HTTP client, its parser in WebAssembly)'
        : url.startsWith('node:')
          ? 'Node.js (http, streams, events)'
          : functionName === '(garbage collector)'
            ? 'garbage collector'
            : url === ''
              ? `native: ${functionName || '(anonymous)'}`
              : `other: ${shortUrl(url)}`;
    shares.set(owner, (shares.get(owner) ?? 0) + 1);
  }
  const total = busy.length;
  return [...shares]
    .sort((a, b) => b[1] - a[1])
    .filter(([, count]) => count / total >= 0.005)
    .map(([owner, count]) => ({ owner, selfPercent: Math.round((count / total) * 1000) / 10 }));
}

function shortUrl(url: string): string {
  return url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, '')
    .replace(/^.*\/shared\//, 'shared/');
}
