import {
  measurePostgresPromotion,
  type PromotionResult,
} from '../lab/experiments/postgres-promotion';

/**
 * PostgreSQL streaming replication beside Redis Sentinel: a standby, the primary killed,
 * the standby promoted by hand and the servers pointed at it.
 */
describe('PostgreSQL: a standby promoted by hand after the primary dies', () => {
  let result: PromotionResult;

  beforeAll(async () => {
    result = await measurePostgresPromotion({
      servers: 1,
      settledUsers: 5,
      writers: 2,
      afterKillMs: 500,
    });
  });

  it('a session written (and replicated) before the promotion is readable after it', () => {
    expect(result.settledSessions).toBe(5);
    expect(result.settledSurvived).toBe(result.settledSessions);
  });

  it('once promoted and repointed, the app acknowledges writes again', () => {
    expect(result.writeOutageMs).toBeGreaterThanOrEqual(result.promotionMs);
    expect(result.acknowledgedWrites).toBeGreaterThan(0);
  });

  it('the operator did the work: promote the standby, then repoint each server', () => {
    expect(result.operatorSteps).toBe(1 + 1);
  });
});
