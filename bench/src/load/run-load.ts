import autocannon from 'autocannon';
import { percentile } from '@sessions/harness';

export interface LoadOptions {
  /** One URL, or several that autocannon's connections take in turn (the backends reached directly). */
  url: string | string[];
  durationSeconds: number;
  connections: number;
  headers?: Record<string, string>;
  /** Per-connection headers, e.g. one sticky cookie per simulated client. */
  headersForConnection?: (connection: number) => Record<string, string>;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Connection errors, timeouts and non-2xx answers: a contender that fails is not fast. */
  failures: number;
}

/**
 * Bounded, loopback-only load from autocannon. Latencies come from autocannon's
 * per-response event (fractional milliseconds) rather than its histogram, which
 * rounds to whole milliseconds: too coarse for a 2 ms target.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  for (const url of [options.url].flat()) {
    const host = new URL(url).hostname;
    if (host !== '127.0.0.1' && host !== 'localhost')
      throw new Error(`the benchmark only loads loopback addresses, not ${url}`);
  }
  const latencies: number[] = [];
  let nextConnection = 0;
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        // autocannon accepts several URLs (its connections take them in turn); its types say one.
        url: options.url as string,
        duration: options.durationSeconds,
        connections: options.connections,
        headers: options.headers,
        setupClient: options.headersForConnection
          ? (client) => {
              const connection = nextConnection++;
              client.setHeaders({
                ...options.headers,
                ...options.headersForConnection!(connection),
              });
            }
          : undefined,
      },
      (error, result) => (error ? reject(error as Error) : resolve(result)),
    );
  });
  instance!.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
  const result = await finished;
  const requests = result.requests.total;
  return {
    requestsPerSecond: Math.round(requests / result.duration),
    p50Ms: round2(percentile(latencies, 50)),
    p99Ms: round2(percentile(latencies, 99)),
    requests,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

const round2 = (value: number) => Math.round(value * 100) / 100;
