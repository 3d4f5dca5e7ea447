import type { CaseContext, CaseOutcome, HostileCase, Reply } from './cases/hostile-case';
import { sendFetch } from './send/fetch-http';
import { sendRaw } from './send/raw-http';
import type { HostileWorld } from './world/hostile-world';

/** Sends one hostile case and judges everything that came of it. */
export async function runCase(world: HostileWorld, hostile: HostileCase): Promise<CaseOutcome> {
  const context = world.context(hostile.target);
  const poolBefore = world.poolRequests(hostile.target);
  const canaryBefore = world.canary.connections();
  const countersBefore = world.counters(hostile.target);

  const reply = await send(hostile, context);

  const poolAfter = world.poolRequests(hostile.target);
  const reachedPool =
    poolBefore === undefined || poolAfter === undefined ? undefined : poolAfter - poolBefore;
  const outsidePool = world.canary.connections() - canaryBefore;
  const counted = difference(world.counters(hostile.target), countersBefore);
  const crashed = await world.unresponsive();
  return {
    case: hostile,
    reply,
    reachedPool,
    outsidePool,
    crashed,
    problems: [
      ...judge(hostile, reply, reachedPool, outsidePool, crashed),
      ...(hostile.checks ?? []).flatMap((check) => check(reply, context, counted) ?? []),
    ],
  };
}

async function send(hostile: HostileCase, context: CaseContext): Promise<Reply> {
  const how = hostile.send;
  switch (how.via) {
    case 'raw':
      return sendRaw(context.port, how.bytes(context), {
        trickle: how.trickle,
        trickleEveryMs: how.trickleEveryMs,
        giveUpMs: how.giveUpMs,
        readAll: how.readAll,
      });
    case 'fetch':
      return sendFetch(`${context.baseUrl}${how.path}`, {
        method: how.method,
        headers: how.headers?.(context),
        body: how.body,
      });
    case 'steps':
      try {
        return await how.run(context);
      } catch (error) {
        return {
          status: null,
          headers: {},
          body: '',
          ended: 'closed',
          ms: 0,
          problems: [`a step failed: ${(error as Error).message}`],
        };
      }
  }
}

function difference(
  after: Record<string, number>,
  before: Record<string, number>,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after)
      .map(([name, value]) => [name, value - (before[name] ?? 0)] as const)
      .filter(([, value]) => value !== 0),
  );
}

function judge(
  hostile: HostileCase,
  reply: Reply,
  reachedPool: number | undefined,
  outsidePool: number,
  crashed: string[],
): string[] {
  const problems = [...(reply.problems ?? [])];
  if (reply.ended === 'gave-up')
    problems.push(`held the connection for ${Math.round(reply.ms)} ms without an answer`);
  if (reply.status !== hostile.expectedStatus)
    problems.push(
      `expected status ${hostile.expectedStatus ?? 'none'}, got ${reply.status ?? 'none'}`,
    );
  if (reply.status !== null && reply.status >= 400 && !isJsonError(reply))
    problems.push(`the ${reply.status} answer is not a JSON body with a message`);
  if (outsidePool > 0)
    problems.push(`${outsidePool} connection(s) reached an address outside the pool`);
  if (hostile.target !== 'app' && reachedPool !== undefined) {
    if (hostile.forwarded === 'never' && reachedPool > 0)
      problems.push(
        `forwarded to a server ${reachedPool} time(s); the balancer must answer itself`,
      );
    if (hostile.forwarded === 'pool' && reachedPool === 0)
      problems.push('never reached a server of the pool');
  }
  if (crashed.length > 0) problems.push(`not answering afterwards: ${crashed.join(', ')}`);
  return problems;
}

function isJsonError(reply: Reply): boolean {
  try {
    const body = JSON.parse(reply.body) as { message?: unknown };
    return typeof body.message === 'string' && body.message.length > 0;
  } catch {
    return false;
  }
}
