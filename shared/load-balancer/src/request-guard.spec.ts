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
