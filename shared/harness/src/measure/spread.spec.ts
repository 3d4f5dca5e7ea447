import { figuresOverRounds, formatSpread, spreadOf } from './spread';

describe('spread of rounds', () => {
  it('takes the median and the lowest and highest round', () => {
    expect(spreadOf([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3 });
    expect(spreadOf([4, 1, 2, 3])).toEqual({ median: 2.5, min: 1, max: 4 });
    expect(formatSpread({ median: 3412, min: 3101, max: 3590 })).toBe('3,412 (3,101–3,590)');
  });

  it('turns the rounds of an experiment into median figures with Min and Max before the unit', () => {
    const figures = figuresOverRounds([
      { writeMs: 20, lostPercent: 50, requests: 30, example: 'first' },
      { writeMs: 12, lostPercent: 75, requests: 30, example: 'second' },
      { writeMs: 31, lostPercent: 60, requests: 30, example: 'third' },
    ]);
    expect(figures).toEqual({
      writeMs: 20,
      writeMinMs: 12,
      writeMaxMs: 31,
      lostPercent: 60,
      lostMinPercent: 50,
      lostMaxPercent: 75,
      requests: 30,
      requestsMin: 30,
      requestsMax: 30,
      example: 'first',
    });
  });
});
