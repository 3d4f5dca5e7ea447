import {
  chapterDir,
  figuresOverRounds,
  formatTable,
  inFreshLab,
  writeResults,
  type Figure,
} from '@sessions/harness';
import { lab as definition } from '../lab';
import { measureCarrierBytes, type CarrierBytes } from './carrier-bytes';

export async function runCarrierBytes(): Promise<void> {
  const views = 20;
  // The cookie's signature changes with every session and secret, and with it the bytes it
  // takes once URL-encoded: each round is a fresh lab (a fresh secret) and a fresh session.
  const rounds = 3;
  console.log(
    `Chapter 01 experiment: one user logs in, adds two items and looks ${views} more times, once per carrier (cookie, URL rewriting, X-Auth-Token); counting the bytes that only carry the session id; ${rounds} rounds.`,
  );
  const byRound: Array<Record<string, Figure>> = [];
  const rows: Array<Record<string, Figure>> = [];
  for (let round = 1; round <= rounds; round++) {
    const results = await inFreshLab(definition, (lab) => measureCarrierBytes(lab.url, { views }));
    const roundRows = results.map((r) => ({
      round,
      carrier: r.carrier,
      requests: r.requests,
      'id bytes sent': r.sentBytes,
      'id bytes received': r.receivedBytes,
      'responses carrying it': r.responsesCarryingId,
      'bytes per request': perRequest(r),
    }));
    rows.push(...roundRows);
    console.log(`\n${formatTable(roundRows, 'Bytes on the wire that carry the session id')}\n`);
    const byCarrier = Object.fromEntries(results.map((r) => [r.carrier, r]));
    byRound.push({
      cookieBytesPerRequest: perRequest(byCarrier.cookie),
      urlBytesPerRequest: perRequest(byCarrier.url),
      headerBytesPerRequest: perRequest(byCarrier.header),
      cookieRequests: byCarrier.cookie.requests,
      cookieResponsesWithSetCookie: byCarrier.cookie.responsesCarryingId,
      urlResponsesWithId: byCarrier.url.responsesCarryingId,
      headerResponsesWithToken: byCarrier.header.responsesCarryingId,
      headerRequests: byCarrier.header.requests,
    });
  }
  const file = writeResults(chapterDir('01-session-basics'), {
    experiment: 'carrier-bytes',
    parameters: { rounds, views, itemsAdded: 2 },
    figures: { rounds, ...figuresOverRounds(byRound) },
    tables: { carriers: rows },
  });
  console.log(`wrote ${file}`);
}

const perRequest = (r: CarrierBytes) => Math.round((r.sentBytes + r.receivedBytes) / r.requests);
