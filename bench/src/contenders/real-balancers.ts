import path from 'node:path';
import { freePort, Haproxy, Nginx, repoRoot, type RealBalancer } from '@sessions/harness';
import type { Contender } from './contender';

type Backends = ReadonlyArray<{ id: string; url: string }>;

/** bench/configs: the balancer configurations, kept in the repository. */
const configPath = (name: string) => path.join(repoRoot(), 'bench', 'configs', name);

/** Where a real balancer listens and the backends as its config names them (SERVER_<id>=host:port). */
async function listening(backends: Backends) {
  return {
    port: await freePort(),
    servers: backends.map((backend) => ({ id: backend.id, address: new URL(backend.url).host })),
  };
}

/** HAProxy (the Debian package) on bench/configs/haproxy.cfg, started as the labs start it. */
export async function startHaproxy(backends: Backends): Promise<Contender> {
  const configFile = configPath('haproxy.cfg');
  return contender('HAProxy', await Haproxy.start({ configFile, ...(await listening(backends)) }));
}

/** nginx (the Debian package) on bench/configs/nginx.conf.template, started as the labs start it. */
export async function startNginx(backends: Backends): Promise<Contender> {
  const templateFile = configPath('nginx.conf.template');
  return contender('nginx', await Nginx.start({ templateFile, ...(await listening(backends)) }));
}

function contender(name: string, balancer: RealBalancer): Contender {
  return { name, url: balancer.url, pid: balancer.pid, stop: () => balancer.stop() };
}
