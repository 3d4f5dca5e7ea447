import { CookieJar } from 'tough-cookie';

export interface LabResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON, the text otherwise. */
  body: T;
  /** The X-Served-By header: which server answered. */
  servedBy: string | null;
  ms: number;
}

export interface ClientRecord {
  method: string;
  path: string;
  status: number;
  servedBy: string | null;
  ms: number;
}

export interface LabClientOptions {
  /** Sent as X-Lab-Client, so the dashboard shows this user's requests by name. */
  name?: string;
  /** false: a client that refuses cookies (chapter 01's URL rewriting). */
  cookies?: boolean;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * A browser-like user: a real cookie jar (tough-cookie applies Domain, Path, Expires,
 * Secure and HttpOnly rules like a browser), and a record of who served each request.
 */
export class LabClient {
  readonly jar = new CookieJar();
  readonly history: ClientRecord[] = [];

  constructor(
    readonly baseUrl: string,
    private readonly options: LabClientOptions = {},
  ) {}

  get name(): string | undefined {
    return this.options.name;
  }

  get<T = unknown>(path: string, headers: Record<string, string> = {}): Promise<LabResponse<T>> {
    return this.request<T>('GET', path, undefined, headers);
  }

  post<T = unknown>(
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LabResponse<T>> {
    return this.request<T>('POST', path, body, headers);
  }

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LabResponse<T>> {
    const url = new URL(path, this.baseUrl).toString();
    const sent: Record<string, string> = { ...this.options.headers, ...headers };
    if (this.options.name) sent['x-lab-client'] = this.options.name;
    if (body !== undefined) sent['content-type'] ??= 'application/json';
    if (this.options.cookies !== false) {
      const cookie = await this.jar.getCookieString(url);
      if (cookie) sent.cookie = cookie;
    }
    const started = performance.now();
    const response = await fetch(url, {
      method,
      headers: sent,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    if (this.options.cookies !== false) {
      for (const setCookie of response.headers.getSetCookie())
        await this.jar.setCookie(setCookie, url, { ignoreError: true });
    }
    const isJson = response.headers.get('content-type')?.includes('json');
    const parsed = (isJson && text ? JSON.parse(text) : text) as T;
    const servedBy = response.headers.get('x-served-by');
    this.history.push({ method, path, status: response.status, servedBy, ms });
    return { status: response.status, headers: response.headers, body: parsed, servedBy, ms };
  }

  /** The value of one cookie in the jar for the base URL, or undefined. */
  async cookie(name: string): Promise<string | undefined> {
    const cookies = await this.jar.getCookies(this.baseUrl);
    return cookies.find((cookie) => cookie.key === name)?.value;
  }

  async setCookie(name: string, value: string): Promise<void> {
    await this.jar.setCookie(`${name}=${value}; Path=/`, this.baseUrl);
  }
}
