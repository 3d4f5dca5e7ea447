import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chapterDir, type LabDefinition } from '@sessions/harness';

/** A chapter's lab definition from its build, exactly as the launcher loads it. */
export async function loadLabDefinition(chapter: string): Promise<LabDefinition> {
  const file = path.join(chapterDir(chapter), 'dist/lab/lab.js');
  if (!existsSync(file)) throw new Error(`${file} is missing: build the chapter first`);
  const module = (await import(pathToFileURL(file).href)) as { lab: LabDefinition };
  return module.lab;
}

/** GET <server>/__internal/stats as JSON: the figures a chapter server reports about itself. */
export async function internalStats<T>(server: { id: string; url: string }): Promise<T> {
  const response = await fetch(`${server.url}/__internal/stats`);
  if (!response.ok)
    throw new Error(`server ${server.id} /__internal/stats answered ${response.status}`);
  return (await response.json()) as T;
}

/** Logs a new user in on one server directly and returns the session cookie it set. */
export async function logInOn(server: { url: string }, userid: string): Promise<string> {
  const response = await fetch(`${server.url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userid }),
  });
  await response.arrayBuffer();
  if (response.status !== 200)
    throw new Error(`login on ${server.url} answered ${response.status}`);
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
  if (cookies.length === 0) throw new Error(`login on ${server.url} set no cookie`);
  return cookies.join('; ');
}
