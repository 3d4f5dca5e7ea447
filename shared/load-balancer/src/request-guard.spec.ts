import { checkHostHeader, checkRequestTarget, normalizedPath } from './request-guard';

describe('normalizedPath', () => {
  it.each([
    ['/me', '/me'],
    ['/A/./b/../C?x=1', '/a/c'],
    ['/cart;jsessionid=abc', '/cart'],
    ['/%5F%5Finternal', '/__internal'],
  ])('reads %s as %s', (raw, expected) => expect(normalizedPath(raw)).toBe(expected));

  it('rejects broken percent-encoding', () => {
    expect(checkRequestTarget('GET', '/%E0%A4%A')).toMatchObject({ ok: false, status: 400 });
  });
});

describe('checkRequestTarget: the path is judged as the server will read it', () => {
  it.each([
    ['/__internal/replication/sessions/x%2F..%2F..%2F..%2F..', 404],
    ['/__lb%2Fstate', 404],
    ['/%2e%2e/__internal/sessions', 404],
    ['/me%2F..%2Fcart', 400],
    ['/me%5Ccart', 400],
    ['/cart/%2E%2E/me', 400],
    ['/cart/../me', 400],
    ['/cart/./me', 400],
    ['/cart\\me', 400],
  ])('refuses %s with a %i', (url, status) => {
    expect(checkRequestTarget('GET', url)).toMatchObject({ ok: false, status });
  });

  it.each(['/me', '/cart?item=a%2Fb', '/%255F%255Finternal', '/files/report.v2'])(
    'forwards %s as it is',
    (url) => expect(checkRequestTarget('GET', url)).toEqual({ ok: true }),
  );
});

describe('checkHostHeader', () => {
  it.each([
    ['two Host headers', '1.1', ['Host', 'a', 'host', 'b'], false],
    ['no Host header on HTTP/1.1', '1.1', ['Accept', '*/*'], false],
    ['no Host header on HTTP/1.0', '1.0', [], true],
    ['exactly one Host header', '1.1', ['Host', 'a'], true],
  ])('%s: ok=%s', (_name, version, raw, ok) => {
    expect(checkHostHeader(version as string, raw as string[]).ok).toBe(ok);
  });
});
