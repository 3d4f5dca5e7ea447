#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startBalancer } from './balancer';
import { labLanguage } from './admin/language';
import { strategies } from './strategies';

// sessions-lb --port 8080 --strategy round-robin --server 1=http://127.0.0.1:3001 --server 2=...
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.LB_PORT ?? '8080' },
    strategy: { type: 'string', default: 'round-robin' },
    server: { type: 'string', multiple: true, default: [] },
    help: { type: 'boolean', default: false },
  },
});

if (values.help || values.server.length === 0) {
  console.log(
    `usage: sessions-lb [--port 8080] [--strategy ${Object.keys(strategies).join('|')}] --server ID=URL ...`,
  );
  process.exit(values.help ? 0 : 2);
}

const servers = values.server.map((spec) => {
  const [id, url] = spec.split(/=(.*)/s);
  return { id, url };
});

startBalancer({
  port: Number(values.port),
  strategy: values.strategy,
  servers,
  language: labLanguage(),
}).then((balancer) => {
  console.log(
    `balancer (${balancer.strategy().name}) on ${balancer.url} -> ${servers.map((s) => `${s.id}=${s.url}`).join(', ')}`,
  );
  const stop = () => void balancer.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
});
