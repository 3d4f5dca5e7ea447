import { checkCodeRegions } from '../src';

describe('code shown in lessons', () => {
  it('is exactly the #region block of the source it names (run `npm run results` after changing code)', () => {
    const { checked, problems } = checkCodeRegions();
    expect(checked).toBeGreaterThan(0);
    expect(problems.map((p) => `${p.file}: ${p.region} ${p.problem}`)).toEqual([]);
  });
});
