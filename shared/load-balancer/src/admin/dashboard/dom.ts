// Plain DOM helpers. Text goes in only through textContent: nothing a request carries is HTML.

type Attributes = Record<string, string | boolean | undefined>;
type Child = Node | string | undefined | null;

/** The page's element with this id; the page is static, so a missing one is a bug here. */
export function byId<T extends Element = HTMLElement>(id: string): T {
  const element = document.querySelector<T>(`#${id}`);
  if (!element) throw new Error(`the dashboard page has no #${id}`);
  return element;
}

/** document.createElement with attributes and text or element children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Array<Child | Child[]>
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name === 'class') element.className = String(value);
    else if (name === 'text') element.textContent = String(value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

const svgNs = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes and an optional text. */
export function svg(
  tag: string,
  attributes: Record<string, string | number>,
  text?: string,
): SVGElement {
  const element = document.createElementNS(svgNs, tag) as SVGElement;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** A short message in the corner: a control's result, or why it failed. */
export function toast(message: string, isError = false): void {
  const item = h('div', { class: `toast${isError ? ' error' : ''}`, text: message });
  byId('toasts').append(item);
  setTimeout(() => item.remove(), isError ? 7000 : 4000);
}
