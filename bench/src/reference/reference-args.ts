import { parseArgs } from 'node:util';

/** `--port 0 --server http://127.0.0.1:3001 --server ...`, the same for both reference proxies. */
export function referenceArgs(): { port: number; servers: string[] } {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      server: { type: 'string', multiple: true, default: [] },
    },
  });
  if (values.server.length === 0) throw new Error('give at least one --server URL');
  return { port: Number(values.port), servers: values.server };
}
