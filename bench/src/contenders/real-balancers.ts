import path from 'node:path';
import { freePort, Haproxy, Nginx, repoRoot, type RealBalancer } from '@sessions/harness';
import type { Contender } from './contender';

type Backends = ReadonlyArray<{ id: string; url: string }>;

/** bench/configs: the balancer configurations, kept in the repository. */
const configFile = (name: string) => path.join(repoRoot(), 'bench', 'configs', name);

/** SERVER_<id>=host:port, as the configs name the backends. */
const upstreams = (backends: Backends) =>
  backends.map((backend) => ({ id: backend.id, address: new URL(backend.url).host }));

/** HAProxy (the Debian package) on bench/configs/haproxy.cfg, started as the labs start it. */
export async function startHaproxy(backends: Backends): Promise<Contender> {
  const haproxy = await Haproxy.start({
    configFile: configFile('haproxy.cfg'),
    servers: upstreams(backends),
    port: await freePort(),
  });
  return contender('HAProxy', haproxy);
}

/** nginx (the Debian package) on bench/configs/nginx.conf.template, started as the labs start it. */
export async function startNginx(backends: Backends): Promise<Contender> {
  const nginx = await Nginx.start({
    templateFile: configFile('nginx.conf.template'),
    servers: upstreams(backends),
    port: await freePort(),
  });
  return contender('nginx', nginx);
}

function contender(name: string, balancer: RealBalancer): Contender {
  return { name, url: balancer.url, pid: balancer.pid, stop: () => balancer.stop() };
}
