import { formatSpread, round2, spreadOf, startLab, type Figure } from '@sessions/harness';
import { relayedStoreLab, type SessionStoreKind } from '../relayed-store';
import { measureRoundTrips, slope, type RoundTripSample } from '../round-trips';
import { report } from './report';

// 20 ms besides the 0, 1 and 5 of a data centre: on a noisy machine the slope needs a long lever.
const addedRtts = [0, 1, 5, 20];
const rounds = 3;
const requests = 60;
const stores: SessionStoreKind[] = ['redis', 'postgres'];

export async function runRoundTrips(): Promise<void> {
  console.log(
    `\n[round-trips] ${rounds} rounds x ${requests} sequential GET /me per added RTT (${addedRtts.join(', ')} ms), Redis and PostgreSQL`,
  );
  const figures: Record<string, Figure> = { requests, rounds };
  const rows: Array<Record<string, Figure>> = [];
  for (const kind of stores) {
    const { definition, store } = relayedStoreLab(kind);
    const lab = await startLab(definition, { serverReadyTimeoutMs: 60_000 });
    const byRound: RoundTripSample[][] = [];
    try {
      for (let round = 0; round < rounds; round++) {
        byRound.push(await measureRoundTrips(lab, store(), addedRtts, requests));
      }
    } finally {
      await lab.stop();
    }
    const at = (added: number) =>
      byRound.map((samples) => samples.find((s) => s.addedRttMs === added)!);
    const base = at(0);
    const put = (name: string, values: number[]) => {
      const spread = spreadOf(values);
      figures[`${kind}.${name}`] = spread.median;
      figures[`${kind}.${name}Range`] = `${spread.min}–${spread.max}`;
      return spread;
    };
    put(
      'directMs',
      base.map((s) => s.directMedianMs),
    );
    put(
      'relayCostMs',
      base.map((s) => s.medianMs - s.directMedianMs),
    );
    const trips = put(
      'roundTripsPerRequest',
      byRound.flat().map((s) => s.roundTripsPerRequest),
    );
    const slopes = put(
      'slope',
      byRound.map((samples) =>
        slope(samples.map((s) => ({ x: s.appliedDelayMs, y: s.medianMs - samples[0].medianMs }))),
      ),
    );
    for (const added of addedRtts) {
      const samples = at(added);
      const extra = put(
        `added${added}ms.extraMs`,
        samples.map((s, i) => s.medianMs - base[i].medianMs),
      );
      const applied = put(
        `added${added}ms.appliedMs`,
        samples.map((s) => s.appliedDelayMs),
      );
      rows.push({
        store: kind,
        'added RTT': `${added} ms`,
        'applied by relay (ms)': formatSpread(applied, 2),
        'extra per request (ms)': formatSpread(extra, 2),
        'round trips / request': formatSpread(trips, 2),
        slope: formatSpread(slopes, 2),
      });
    }
    figures[`${kind}.slopeOverRoundTrips`] = round2(slopes.median / trips.median);
  }
  report('Round trips cost distance: median (min–max) of the rounds', rows, {
    experiment: 'round-trips',
    parameters: { rounds, requests, addedRtts: addedRtts.join(', ') },
    figures,
    tables: { settings: rows },
  });
}
