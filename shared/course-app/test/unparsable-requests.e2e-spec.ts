import net from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { courseTestApp } from './support/course-test-app';

/** Raw bytes: these requests are broken in ways no HTTP client library would send. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let reply = '';
    socket.on('data', (chunk) => (reply += chunk.toString()));
    socket.on('close', () => resolve(reply));
    socket.on('error', reject);
  });
}

describe('requests Node cannot parse (chapter 01 has no balancer in front)', () => {
  let app: NestExpressApplication;
  let port: number;

  beforeAll(async () => {
    app = await courseTestApp();
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await app.close();
  });

  it.each([
    [
      'headers over 16 KiB',
      `GET /me HTTP/1.1\r\nHost: x\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`,
      431,
    ],
    ['a request line that is not HTTP', 'HELLO THERE\r\n\r\n', 400],
  ])('answer %s with a JSON message and the server id', async (_name, text, status) => {
    const reply = await rawRequest(port, text);
    const [head, body] = reply.split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toContain(String(status));
    expect(head).toContain('X-Served-By: 7');
    expect(JSON.parse(body)).toMatchObject({ statusCode: status, message: expect.any(String) });
  });
});
