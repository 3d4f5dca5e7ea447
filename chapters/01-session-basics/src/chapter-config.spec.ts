import { readChapterConfig } from './chapter-config';

describe('which proxies chapter 01 believes', () => {
  it('believes no proxy by default: the browser talks to the server directly', () => {
    expect(readChapterConfig({}).trustProxyHops).toBe(0);
  });

  it('TRUST_PROXY_HOPS=1 believes one TLS-terminating proxy put in front by hand', () => {
    expect(readChapterConfig({ TRUST_PROXY_HOPS: '1' }).trustProxyHops).toBe(1);
  });

  it('refuses a value that is not a small count of hops, with a message', () => {
    expect(() => readChapterConfig({ TRUST_PROXY_HOPS: 'yes' })).toThrow(
      /TRUST_PROXY_HOPS must be/,
    );
    expect(() => readChapterConfig({ TRUST_PROXY_HOPS: '-1' })).toThrow(/TRUST_PROXY_HOPS must be/);
  });
});
