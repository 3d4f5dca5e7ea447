import { skipMarkers, testTitles } from './claims-index';

describe('reading test titles from a test file', () => {
  it('finds the titles of it, test and describe, also after .each, in any quotes', () => {
    const source = [
      "describe('a group', () => {",
      "  it('plain', async () => {});",
      '  test("double \\"quoted\\"", () => {});',
      "  it.each([['a', 1], ['b', 2]])('each %s', () => {});",
      '  it(`template`, () => {});',
      '});',
    ].join('\n');

    expect(testTitles(source)).toEqual([
      'a group',
      'plain',
      'double "quoted"',
      'each %s',
      'template',
    ]);
  });

  it('notices a skipped, focused or to-do test, which npm test would not run as written', () => {
    expect(skipMarkers("it.skip('x', () => {}); xit('y', () => {}); fit('z', () => {});")).toEqual([
      'it.skip(',
      'xit(',
      'fit(',
    ]);
    expect(skipMarkers("it('is not skipped', () => {}); const xitems = [];")).toEqual([]);
  });
});
