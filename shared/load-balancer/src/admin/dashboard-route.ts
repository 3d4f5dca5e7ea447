import type { IncomingMessage, ServerResponse } from 'node:http';

/** GET /__lb/: the live dashboard. The page carries the control token so its buttons work. */
export function serveDashboard(
  request: IncomingMessage,
  response: ServerResponse,
  token: string | undefined,
): void {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Balancer</title></head><body>
<h1>Balancer state</h1><pre id="state"></pre><script>
const token = ${JSON.stringify(token ?? '')};
async function refresh() { document.getElementById('state').textContent = JSON.stringify(await (await fetch('/__lb/state')).json(), null, 2); }
setInterval(refresh, 1000); refresh();
</script></body></html>`;
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy':
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'",
    'x-frame-options': 'DENY',
  });
  response.end(request.method === 'HEAD' ? undefined : html);
}
