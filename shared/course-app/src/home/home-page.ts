import escapeHtml from 'escape-html';
import type { Me } from '../me/describe-me';

/** The cart as list items, each escaped: a user's item is the user's text. */
export function cartItems(cart: readonly string[]): string {
  return cart.length
    ? cart.map((item) => `<li>${escapeHtml(item)}</li>`).join('')
    : '<li><i>empty</i></li>';
}

/**
 * The learner's page: who am I, which server answered, the cart. Reload it behind the
 * balancer and watch the server (and, in chapter 02, the user) change.
 */
export function renderHomePage(me: Me, chapterTitle: string): string {
  const user = me.userid
    ? `logged in as <b id="userid">${escapeHtml(me.userid)}</b>`
    : '<b id="userid">not logged in</b> (this server has no session for you)';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(chapterTitle)} · server ${escapeHtml(me.server)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
 body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1d2433}
 .server{display:inline-block;padding:.2rem .7rem;border-radius:1rem;color:#fff;background:hsl(${hue(me.server)} 60% 42%);font-weight:600}
 code{background:#eef1f6;padding:.1rem .3rem;border-radius:.25rem} form{display:inline} button{margin:.2rem}
</style></head>
<body>
<h1>${escapeHtml(chapterTitle)}</h1>
<p>Answered by <span class="server" id="server">server ${escapeHtml(me.server)}</span></p>
<p>You are ${user}.<br>Session id on this server: <code id="session-id">${me.sessionId ? escapeHtml(me.sessionId) : 'none'}</code></p>
<h2>Cart</h2><ul id="cart">${cartItems(me.cart)}</ul>
<p>
 <input id="name" value="a" size="8" aria-label="user id"> <button id="login">Log in</button>
 <input id="item" value="apple" size="8" aria-label="item"> <button id="add">Add to cart</button>
 <button id="logout">Log out</button> <button onclick="location.reload()">Reload</button>
</p>
<p id="message" role="status"></p>
<script>
 async function call(path, body) {
   const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body || {}) });
   const json = await response.json();
   document.getElementById('message').textContent = response.status + ' from server ' + response.headers.get('x-served-by') + ': ' + JSON.stringify(json);
   setTimeout(() => location.reload(), 900);
 }
 document.getElementById('login').onclick = () => call('/login', { userid: document.getElementById('name').value });
 document.getElementById('add').onclick = () => call('/cart', { item: document.getElementById('item').value });
 document.getElementById('logout').onclick = () => call('/logout');
</script>
</body></html>`;
}

/** One colour per server id, the same on this page and on the dashboard. */
export function hue(serverId: string): number {
  const n = Number.parseInt(serverId, 10);
  return Number.isNaN(n) ? 200 : (n * 137) % 360;
}
