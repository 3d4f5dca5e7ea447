import { isIP } from 'node:net';

/**
 * DNS rebinding guard: a web page on evil.example can point its own name at 127.0.0.1, and
 * to the browser the lab then looks "same origin". Such a request carries `Host: evil.example`,
 * so the token-bearing page and the controls answer only to localhost or an IP address.
 */
export function isTrustedHost(host: string | undefined): boolean {
  if (!host) return false;
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    return false;
  }
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  return isIP(hostname.replace(/^\[(.*)\]$/, '$1')) !== 0;
}
