import type { IncomingMessage } from 'node:http';
import { checkFraming } from './request-framing';

/** Only what checkFraming reads: the method, the version and the headers as they came. */
const request = (method: string, rawHeaders: string[], httpVersion = '1.1') =>
  ({ method, rawHeaders, httpVersion }) as unknown as IncomingMessage;

describe('checkFraming', () => {
  it.each([
    ['a GET without a body', request('GET', ['Host', 'a']), { kind: 'none' }],
    [
      'a POST with a length',
      request('POST', ['Content-Length', '3']),
      { kind: 'length', bytes: 3 },
    ],
    ['a POST with Content-Length: 0', request('POST', ['Content-Length', '0']), { kind: 'none' }],
    [
      'chunked, in any case',
      request('POST', ['Transfer-Encoding', 'Chunked']),
      { kind: 'chunked' },
    ],
  ])('forwards %s with one framing', (_name, incoming, body) => {
    expect(checkFraming(incoming)).toEqual({ ok: true, body });
  });

  it.each([
    [
      'Transfer-Encoding and Content-Length',
      request('POST', ['Transfer-Encoding', 'chunked', 'Content-Length', '3']),
    ],
    ['a last coding that is not chunked', request('POST', ['Transfer-Encoding', 'chunked, gzip'])],
    ['a coding before chunked', request('POST', ['Transfer-Encoding', 'gzip, chunked'])],
    [
      'two Transfer-Encoding headers',
      request('POST', ['Transfer-Encoding', 'identity', 'Transfer-Encoding', 'chunked']),
    ],
    ['Transfer-Encoding on HTTP/1.0', request('POST', ['Transfer-Encoding', 'chunked'], '1.0')],
    [
      'two different Content-Length',
      request('POST', ['Content-Length', '3', 'Content-Length', '4']),
    ],
    ['a Content-Length that is not a number', request('POST', ['Content-Length', '3 '])],
    ['a chunked body on DELETE', request('DELETE', ['Transfer-Encoding', 'chunked'])],
    ['a chunked body on OPTIONS', request('OPTIONS', ['Transfer-Encoding', 'chunked'])],
    ['a body on GET', request('GET', ['Content-Length', '5'])],
  ])('refuses %s with a 400', (_name, incoming) => {
    expect(checkFraming(incoming)).toMatchObject({ ok: false, status: 400 });
  });
});
