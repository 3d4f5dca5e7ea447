// The page's one way to act on the lab: POST /__lb/control/<action> with the token.
import { toast } from './dom.js';
import { text } from './page-text.js';

/** The control token from the page's <meta> tag; empty when the page was not opened through the lab. */
export const token =
  document.querySelector('meta[name="lab-token"]')?.getAttribute('content') ?? '';

/** Fired on the document after a control succeeded, so the views read the state again. */
export const labChanged = 'lab-changed';

export async function control(action: string, params: object = {}): Promise<unknown> {
  const response = await fetch(`/__lb/control/${encodeURIComponent(action)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-lab-token': token },
    body: JSON.stringify(params),
  });
  const body = (await response.json().catch(() => ({}))) as { message?: string; result?: unknown };
  if (!response.ok) throw new Error(body.message ?? `HTTP ${response.status}`);
  document.dispatchEvent(new Event(labChanged));
  return body.result;
}

/** Runs a control from a button: the button waits, the result or the error shows as a toast. */
export async function runControl(
  button: HTMLButtonElement,
  action: string,
  params: object,
  describe?: (result: unknown) => string,
): Promise<void> {
  button.disabled = true;
  try {
    const result = await control(action, params);
    toast(describe ? describe(result) : text.done(action));
  } catch (error) {
    toast(text.failed(action, (error as Error).message), true);
  } finally {
    button.disabled = false;
  }
}

/** A GET of one of the balancer's JSON pages; a failure carries the HTTP status. */
export async function readJson<T>(path: string): Promise<T> {
  const response = await fetch(path);
  const body = (await response.json().catch(() => ({}))) as T & { message?: string };
  if (!response.ok)
    throw Object.assign(new Error(body.message ?? `HTTP ${response.status}`), {
      status: response.status,
    });
  return body;
}
