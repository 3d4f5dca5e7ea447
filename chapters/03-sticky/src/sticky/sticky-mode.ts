/**
 * Which sticky mode the lab runs: `app` (the server sets `server=<SERVER_ID>`, the source's
 * mechanism) or `insert` (the balancer inserts its own SERVERID cookie; the app sets nothing).
 */
export type StickyMode = 'app' | 'insert';

export const balancerStrategyFor: Record<StickyMode, string> = {
  app: 'sticky-app-cookie',
  insert: 'sticky-insert-cookie',
};

export function readStickyMode(env: NodeJS.ProcessEnv = process.env): StickyMode {
  const mode = env.STICKY_MODE ?? 'app';
  if (mode !== 'app' && mode !== 'insert')
    throw new Error(`STICKY_MODE must be "app" or "insert", got ${JSON.stringify(mode)}`);
  return mode;
}
