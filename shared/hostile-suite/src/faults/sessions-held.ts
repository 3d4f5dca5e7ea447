import type { Lab } from '@sessions/harness';

/**
 * Which live servers hold each session id, read from every server's /__internal/sessions
 * (directly, not through the balancer). A session nobody holds any more is lost.
 */
export async function sessionsHeld(lab: Lab): Promise<Map<string, string[]>> {
  const held = new Map<string, string[]>();
  for (const server of lab.servers) {
    if (!server.alive) continue;
    const response = await fetch(`${server.url}/__internal/sessions`, {
      signal: AbortSignal.timeout(3000),
    });
    const body = (await response.json()) as { sessions?: Array<{ id: string }>; message?: string };
    if (!response.ok || !Array.isArray(body.sessions))
      throw new Error(
        `server ${server.id} cannot list its sessions: ${response.status} ${body.message}`,
      );
    const { sessions } = body;
    for (const { id } of sessions) held.set(id, [...(held.get(id) ?? []), server.id]);
  }
  return held;
}

/** True once every live server can list its sessions again (its store answers). */
export async function sessionsReadable(lab: Lab): Promise<boolean> {
  try {
    await sessionsHeld(lab);
    return true;
  } catch {
    return false;
  }
}
