import { checkRequestTarget, normalizedPath } from './request-guard';

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
