// The page's language, as the balancer served it (<html lang>), and its fixed labels in it.
import { textFor, type DashboardText, type PageTextKey } from './strings.js';

export const text: DashboardText = textFor(document.documentElement.lang);

function label(key: string | undefined): string | undefined {
  const value = key === undefined ? undefined : text[key as PageTextKey];
  return typeof value === 'string' ? value : undefined;
}

/** Writes the labels index.html marks with data-text (and data-placeholder-text). */
export function applyPageText(): void {
  for (const element of document.querySelectorAll<HTMLElement>('[data-text]')) {
    const value = label(element.dataset.text);
    if (value !== undefined) element.textContent = value;
  }
  for (const element of document.querySelectorAll<HTMLElement>('[data-placeholder-text]')) {
    const value = label(element.dataset.placeholderText);
    if (value !== undefined) element.setAttribute('placeholder', value);
  }
}
