import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Another site on another port: it records the Referer of every request that reaches it. */
export interface OtherSite {
  url: string;
  referers: Array<string | undefined>;
  close(): Promise<void>;
}

export async function startOtherSite(): Promise<OtherSite> {
  const referers: Array<string | undefined> = [];
  const server = http.createServer((request, response) => {
    if (request.url !== '/favicon.ico') referers.push(request.headers.referer);
    response.writeHead(200, { 'content-type': 'text/html' }).end('<p>another site</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    referers,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // a browser's keep-alive socket must not hold it open
      }),
  };
}
