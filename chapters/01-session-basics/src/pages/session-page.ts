import { cartItems } from '@sessions/course-app';
import { escapeHtml as e, layout } from './html';
import type { SessionView } from './session-view';

const carrierText: Record<SessionView['carrier'], string> = {
  cookie: 'in the <b>cookie</b> <code>sid</code>',
  url: 'in the <b>URL</b>, as the path parameter <code>;jsessionid=</code> (no cookie came)',
  header: 'in the <b>X-Auth-Token</b> header',
  none: '<b>nowhere</b>: no cookie, no id in the URL',
};

/** The learner's page: the session id, the cookie, and links that carry the id when cookies do not. */
export function renderSessionPage(view: SessionView): string {
  const user = view.userid
    ? `logged in as <b id="userid">${e(view.userid)}</b>`
    : '<b id="userid">not logged in</b>';
  return layout(
    `Chapter 01 · session basics · server ${view.server}`,
    `<h1>Chapter 01 · session basics</h1>
<p>You are ${user}. This request brought its session id <span id="carrier" data-carrier="${view.carrier}">${carrierText[view.carrier]}</span>.</p>
<dl>
 <dt>Session id on the server</dt>
 <dd><code id="session-id">${view.sessionId ? e(view.sessionId) : 'none'}</code>
  ${view.sessionId ? '' : '<span class="note">(nothing stored yet, so the server sent no cookie)</span>'}</dd>
 <dt>Cookie header your client sent</dt>
 <dd><code id="cookie-header">${view.cookieHeader ? e(view.cookieHeader) : 'none'}</code>
  <span class="note">HttpOnly: scripts on this page cannot read it; only the server sees it.</span></dd>
 <dt>Links on this page</dt>
 <dd><a id="home-link" href="${e(view.links.home)}">this page</a> ·
  <a id="cart-link" href="${e(view.links.cart)}">your cart</a>
  <span class="note">(${view.urlRewriting ? 'rewritten with <code>;jsessionid=</code> whenever no cookie came' : 'URL rewriting is off'})</span><br>
  <code id="cart-href">${e(view.links.cart)}</code></dd>
 <dt>A link to another site</dt>
 <dd><a id="outside-link" href="${e(view.links.outside)}">${e(view.links.outside)}</a>
  <span class="note">Referrer-Policy: <code>${e(view.referrerPolicy)}</code> decides whether that site sees this page's URL, id included.</span></dd>
</dl>
<h2>Cart</h2><ul id="cart">${cartItems(view.cart)}</ul>
<form method="post" action="${e(view.forms.login)}"><input name="userid" value="a" size="8" aria-label="user id"> <button id="login">Log in</button></form>
<form method="post" action="${e(view.forms.addToCart)}"><input name="item" value="apple" size="8" aria-label="item"> <button id="add">Add to cart</button></form>
<form method="post" action="${e(view.forms.logout)}"><button id="logout">Log out</button></form>
<p class="note">Block cookies for this site in your browser and log in again: the links and forms carry the id instead.</p>`,
  );
}

export function renderCartPage(view: SessionView): string {
  return layout(
    `Cart · server ${view.server}`,
    `<h1>Your cart</h1>
<p>${view.userid ? `Cart of <b id="userid">${e(view.userid)}</b>` : '<b id="userid">not logged in</b>'}</p>
<ul id="cart">${cartItems(view.cart)}</ul>
<p><a id="home-link" href="${e(view.links.home)}">back</a></p>`,
  );
}
