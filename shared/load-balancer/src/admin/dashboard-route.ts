import escapeHtml from 'escape-html';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from '../http-replies';
import { dashboardAsset } from './dashboard-assets';
import type { LabLanguage } from './language';

/**
 * Strict: scripts and styles only from the balancer's own files, no inline code, no
 * other origin, never framed. The token therefore travels in a <meta> tag, not a script.
 */
const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const pageHeaders = {
  'cache-control': 'no-store',
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/**
 * GET /__lb/: the live dashboard. The page carries the control token so its buttons work, and
 * its language in `<html lang>`: the page's script picks its labels from that.
 */
export function serveDashboard(
  request: IncomingMessage,
  response: ServerResponse,
  token: string | undefined,
  language: LabLanguage = 'en',
): void {
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return sendError(response, 405, `${request.method} is not allowed on the dashboard page`);
  const page = dashboardAsset('index.html')!;
  const html = page.body
    .replace('{{LAB_TOKEN}}', escapeHtml(token ?? ''))
    .replace('<html lang="en">', `<html lang="${language}">`);
  response.writeHead(200, { ...pageHeaders, 'content-type': page.contentType });
  response.end(request.method === 'HEAD' ? undefined : html);
}

/** GET /__lb/assets/<name>: the page's stylesheet and script. */
export function serveDashboardAsset(
  request: IncomingMessage,
  response: ServerResponse,
  name: string,
): void {
  const asset = dashboardAsset(name);
  if (!asset || name === 'index.html')
    return sendError(response, 404, `no such dashboard file: ${name}`);
  response.writeHead(200, { ...pageHeaders, 'content-type': asset.contentType });
  response.end(request.method === 'HEAD' ? undefined : asset.body);
}
