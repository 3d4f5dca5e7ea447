import type { Lab } from '@sessions/harness';

export const testControlToken = 'chapter-05-test-token';

/** Presses a dashboard control of the lab (started with `controlToken: testControlToken`). */
export async function control(lab: Lab, action: string): Promise<unknown> {
  const response = await fetch(`${lab.url}/__lb/control/${action}`, {
    method: 'POST',
    headers: { 'x-lab-token': testControlToken, 'content-type': 'application/json' },
    body: '{}',
  });
  const body = await response.json();
  if (response.status !== 200)
    throw new Error(`control ${action} answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}
