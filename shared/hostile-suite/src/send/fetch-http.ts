import type { RawReply } from './raw-http';

/** fetch, with the answer in the same shape as a raw socket's, so every case is judged alike. */
export async function sendFetch(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; giveUpMs?: number },
): Promise<RawReply> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: init.headers,
      body: init.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(init.giveUpMs ?? 5000),
    });
    const body = await response.text();
    return {
      status: response.status,
      headers: headersOf(response),
      body,
      ended: 'response',
      ms: performance.now() - started,
    };
  } catch (error) {
    const gaveUp = (error as Error).name === 'TimeoutError';
    return {
      status: null,
      headers: {},
      body: '',
      ended: gaveUp ? 'gave-up' : 'closed',
      ms: performance.now() - started,
    };
  }
}

export function headersOf(response: Response): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = [value];
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  return headers;
}
