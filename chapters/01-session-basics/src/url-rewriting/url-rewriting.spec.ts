import type { Request } from 'express';
import { UrlRewriting } from './url-rewriting';

const id = 'Abcdefghijklmnopqrstuvwxyz012345';
/** A request without a cookie whose session holds a user. */
const cookieless = { sessionID: id, session: { cookie: {}, userid: 'a' } } as unknown as Request;
const rewriting = new UrlRewriting({ enabled: true, cookieName: 'sid', secret: 's' });

describe('encodeUrl (the Servlet encodeURL rules)', () => {
  it('puts the id in the path, before the query and the fragment', () => {
    expect(rewriting.encodeUrl(cookieless, '/cart')).toBe(`/cart;jsessionid=${id}`);
    expect(rewriting.encodeUrl(cookieless, '/cart?page=2#top')).toBe(
      `/cart;jsessionid=${id}?page=2#top`,
    );
  });

  it('never writes the id into a link to another site', () => {
    expect(rewriting.encodeUrl(cookieless, 'https://example.org/')).toBe('https://example.org/');
    expect(rewriting.encodeUrl(cookieless, '//example.org/')).toBe('//example.org/');
  });

  it('leaves links alone when nothing is stored (an empty session has no id worth sharing)', () => {
    const empty = { sessionID: id, session: { cookie: {} } } as unknown as Request;
    expect(rewriting.encodeUrl(empty, '/cart')).toBe('/cart');
  });

  it('leaves links alone when URL rewriting is off', () => {
    const off = new UrlRewriting({ enabled: false, cookieName: 'sid', secret: 's' });
    expect(off.encodeUrl(cookieless, '/cart')).toBe('/cart');
  });
});
