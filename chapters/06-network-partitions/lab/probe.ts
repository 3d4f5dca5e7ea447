/** Anything with a base URL: a server of the lab, asked directly (not through the balancer). */
export interface Reachable {
  id: string;
  url: string;
}

export interface Me {
  server: string;
  userid: string | null;
  cart: string[];
}

/** The part of chapter 04's /__internal/stats this chapter reads. */
export interface ReplicationFigures {
  pending: number;
  sent: { messages: number; failed: number };
}

export async function replicationOf(server: Reachable): Promise<ReplicationFigures> {
  const response = await fetch(`${server.url}/__internal/stats`);
  if (!response.ok)
    throw new Error(`server ${server.id} /__internal/stats answered ${response.status}`);
  return ((await response.json()) as { replication: ReplicationFigures }).replication;
}

export async function meOn(server: Reachable, cookie: string): Promise<Me> {
  const response = await fetch(`${server.url}/me`, { headers: { cookie } });
  return (await response.json()) as Me;
}

/** POST /cart on one server; the status says whether the write was acknowledged. */
export async function addItemOn(server: Reachable, cookie: string, item: string): Promise<number> {
  const response = await fetch(`${server.url}/cart`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ item }),
  });
  await response.arrayBuffer();
  return response.status;
}
