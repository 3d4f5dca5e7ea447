import { sleep, useLab } from '@sessions/harness';
import { externalStorageLab } from '../../lab/lab';
import { loggedInUser, type Me } from '../../test/user';
import { callsBetween, labRedisOf, redisCalls } from '../redis-calls';

const cacheMs = 5_000;
const reads = 10;

async function meOn(url: string, cookie: string): Promise<Me> {
  const response = await fetch(`${url}/me`, { headers: { cookie } });
  return (await response.json()) as Me;
}

async function addItemOn(url: string, cookie: string, item: string): Promise<number> {
  const response = await fetch(`${url}/cart`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ item }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe(`with SESSION_READ_CACHE_MS=${cacheMs}, each server keeps sessions it read for a while`, () => {
  const lab = useLab(externalStorageLab('redis'), {
    servers: 2,
    env: { SESSION_READ_CACHE_MS: String(cacheMs) },
  });
  const redis = () => labRedisOf(lab);

  it(`${reads} reads on one server ask Redis for the session at most twice`, async () => {
    const [first] = lab.servers;
    const user = await loggedInUser(first.url, 'lena');
    const cookie = await user.jar.getCookieString(first.url);
    const before = await redisCalls(redis());
    for (let i = 0; i < reads; i++) await meOn(first.url, cookie);
    const gets = callsBetween(before, await redisCalls(redis()), 'get');

    if (gets > 2)
      throw new Error(
        `${reads} reads of one session on one server sent ${gets} GETs to Redis: every read still ` +
          `goes to the store. Keep what this server read for ${cacheMs} ms.`,
      );
  });

  it("a server sees its own write at once, another server's only when its copy is older than the window", async () => {
    const [first, second] = lab.servers;
    const user = await loggedInUser(first.url, 'milo');
    const cookie = await user.jar.getCookieString(first.url);
    await meOn(second.url, cookie); // server 2 now holds a copy with an empty cart

    if ((await addItemOn(first.url, cookie, 'apple')) !== 200)
      throw new Error('adding an item on server 1 failed');
    const ownRead = await meOn(first.url, cookie);
    const otherRead = await meOn(second.url, cookie);

    if (!ownRead.cart.includes('apple'))
      throw new Error(
        'server 1 does not see the item it just wrote: a write must update its own cache',
      );
    if (otherRead.cart.includes('apple'))
      throw new Error(
        "server 2 saw server 1's write at once: it asked Redis, so it keeps no copy of what it read. " +
          'A cache makes this read stale; that is its price.',
      );

    // The stale copy lives at most the window: then server 2 reads Redis again.
    const deadline = Date.now() + cacheMs + 5_000;
    let fresh = otherRead;
    while (!fresh.cart.includes('apple') && Date.now() < deadline) {
      await sleep(200);
      fresh = await meOn(second.url, cookie);
    }
    if (!fresh.cart.includes('apple'))
      throw new Error(
        `server 2 still served the stale cart ${cacheMs + 5_000} ms later: entries must expire`,
      );
  });
});
