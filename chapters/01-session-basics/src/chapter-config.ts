/** What chapter 01 reads from the environment besides the course's PORT, SERVER_ID and SESSION_SECRET. */
export interface ChapterConfig {
  /** Idle timeout: a session nobody used for this long is gone (OWASP: idle timeout). */
  idleTimeoutMs: number;
  /** Absolute timeout: a session ends this long after it started, however busy it is. */
  absoluteTimeoutMs: number;
  /** false turns URL rewriting off: the defence wherever cookies work. */
  urlRewriting: boolean;
  /** Sent on every response. The lab may loosen it to show the Referer leak; never do that for real. */
  referrerPolicy: ReferrerPolicy;
  /** A link off the site on the page, to watch what the Referer header carries there. */
  outsideLink: string;
  /**
   * Proxy hops in front whose X-Forwarded-* the server believes. 0 here: the browser talks to
   * the server directly, so an X-Forwarded-Proto header can only be the client's own claim.
   */
  trustProxyHops: number;
}

const referrerPolicies = [
  'no-referrer',
  'same-origin',
  'strict-origin',
  'strict-origin-when-cross-origin',
  'origin',
  'no-referrer-when-downgrade',
  'unsafe-url',
] as const;
export type ReferrerPolicy = (typeof referrerPolicies)[number];

export function readChapterConfig(env: NodeJS.ProcessEnv = process.env): ChapterConfig {
  const referrerPolicy = env.REFERRER_POLICY ?? 'no-referrer';
  if (!referrerPolicies.includes(referrerPolicy as ReferrerPolicy))
    throw new Error(`REFERRER_POLICY must be one of ${referrerPolicies.join(', ')}`);
  const urlRewriting = env.URL_REWRITING ?? 'on';
  if (urlRewriting !== 'on' && urlRewriting !== 'off')
    throw new Error(`URL_REWRITING must be on or off, got ${urlRewriting}`);
  const outsideLink = new URL(env.OUTSIDE_LINK ?? 'https://example.org/').toString();
  return {
    idleTimeoutMs: milliseconds(env, 'SESSION_IDLE_TIMEOUT_MS', 30 * 60 * 1000),
    absoluteTimeoutMs: milliseconds(env, 'SESSION_ABSOLUTE_TIMEOUT_MS', 8 * 60 * 60 * 1000),
    urlRewriting: urlRewriting === 'on',
    referrerPolicy: referrerPolicy as ReferrerPolicy,
    outsideLink,
    trustProxyHops: proxyHops(env),
  };
}

function milliseconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 100)
    throw new Error(
      `${name} must be a whole number of milliseconds (100 or more), got ${env[name]}`,
    );
  return value;
}

function proxyHops(env: NodeJS.ProcessEnv): number {
  const value = Number(env.TRUST_PROXY_HOPS ?? 0);
  if (!Number.isInteger(value) || value < 0 || value > 3)
    throw new Error(
      `TRUST_PROXY_HOPS must be how many proxies sit in front (0 to 3), got ${env.TRUST_PROXY_HOPS}`,
    );
  return value;
}

export const CHAPTER_CONFIG = Symbol('CHAPTER_CONFIG');
