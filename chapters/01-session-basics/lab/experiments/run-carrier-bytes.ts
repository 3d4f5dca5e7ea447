import { chapterDir, formatTable, startLab, writeResults } from '@sessions/harness';
import { lab as definition } from '../lab';
import { measureCarrierBytes, type CarrierBytes } from './carrier-bytes';

// npm run experiment -w chapters/01-session-basics
async function main() {
  const views = 20;
  console.log(
    `Chapter 01 experiment: one user logs in, adds two items and looks ${views} more times, once per carrier (cookie, URL rewriting, X-Auth-Token); counting the bytes that only carry the session id.`,
  );
  const lab = await startLab(definition);
  try {
    const results = await measureCarrierBytes(lab.url, { views });
    const perRequest = (r: CarrierBytes) =>
      Math.round((r.sentBytes + r.receivedBytes) / r.requests);
    const rows = results.map((r) => ({
      carrier: r.carrier,
      requests: r.requests,
      'id bytes sent': r.sentBytes,
      'id bytes received': r.receivedBytes,
      'responses carrying it': r.responsesCarryingId,
      'bytes per request': perRequest(r),
    }));
    console.log(`\n${formatTable(rows, 'Bytes on the wire that carry the session id')}\n`);
    const byCarrier = Object.fromEntries(results.map((r) => [r.carrier, r]));
    const file = writeResults(chapterDir('01-session-basics'), {
      experiment: 'carrier-bytes',
      parameters: { views, itemsAdded: 2 },
      figures: {
        cookieBytesPerRequest: perRequest(byCarrier.cookie),
        urlBytesPerRequest: perRequest(byCarrier.url),
        headerBytesPerRequest: perRequest(byCarrier.header),
        cookieRequests: byCarrier.cookie.requests,
        cookieResponsesWithSetCookie: byCarrier.cookie.responsesCarryingId,
        urlResponsesWithId: byCarrier.url.responsesCarryingId,
        headerResponsesWithToken: byCarrier.header.responsesCarryingId,
        headerRequests: byCarrier.header.requests,
      },
      tables: { carriers: rows },
    });
    console.log(`wrote ${file}`);
  } finally {
    await lab.stop();
  }
}

void main();
