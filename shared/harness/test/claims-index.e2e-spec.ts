import { checkClaims } from '../src/results/claims-index';

describe('the index of lesson claims (docs/claims.json)', () => {
  it('every claim names a lesson section and tests that npm test runs under those exact names', async () => {
    const { checked, problems } = await checkClaims();
    expect(checked).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
