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
  /** Share of all samples spent in this function itself (not its callees), in percent. */
  selfPercent: number;
};

/** The functions a V8 `.cpuprofile` spent most of its samples in, by self time. */
export function hotSpots(file: string, top = 15): HotSpot[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  for (const id of profile.samples) {
    const frame = byId.get(id)!.callFrame;
    const line = frame.url ? `:${frame.lineNumber + 1}` : '';
    const where = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}${line}`;
    self.set(where, (self.get(where) ?? 0) + 1);
  }
  const total = profile.samples.length;
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, count]) => ({ where, selfPercent: Math.round((count / total) * 1000) / 10 }));
}

/** Self time by who owns the code: the course balancer, http-proxy-3, Node itself, the kernel calls, idle. */
export function ownerShares(file: string): Array<{ owner: string; selfPercent: number }> {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const shares = new Map<string, number>();
  for (const id of profile.samples) {
    const { url, functionName } = byId.get(id)!.callFrame;
    const owner = url.includes('/shared/load-balancer/')
      ? 'course balancer code'
      : url.includes('/http-proxy-3/')
        ? 'http-proxy-3'
        : url.startsWith('node:')
          ? 'Node.js (http, streams, events)'
          : functionName === '(idle)'
            ? 'idle'
            : functionName === '(garbage collector)'
              ? 'garbage collector'
              : url === ''
                ? `native: ${functionName || '(anonymous)'}`
                : `other: ${shortUrl(url)}`;
    shares.set(owner, (shares.get(owner) ?? 0) + 1);
  }
  const total = profile.samples.length;
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
