import { checkResultMarkers } from '../src';

describe('numbers quoted in lessons and slides', () => {
  it('match the results files they come from (run `npm run results` after an experiment)', () => {
    const { checked, problems } = checkResultMarkers();
    expect(checked).toBeGreaterThan(0);
    expect(problems.map((p) => `${p.file}: ${p.marker} ${p.problem}`)).toEqual([]);
  });
});
