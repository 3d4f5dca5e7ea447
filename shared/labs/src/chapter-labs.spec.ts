import { listChapters } from '@sessions/harness';
import { chapterLabs, chapterNamed, chapterNames, loadChapterLab } from './chapter-labs';

describe('the lab catalog', () => {
  it('lists every chapter folder of the course, so a new chapter cannot be left out', () => {
    expect(chapterNames).toEqual(listChapters());
  });

  it.each(chapterNames)('loads chapter %s’s own lab under its name', async (chapter) => {
    const { lab } = await chapterLabs[chapter]();
    expect(lab.title).toMatch(new RegExp(`^Chapter ${chapter.slice(0, 2)} `));
  });

  it('finds a chapter by its number, with or without the leading zero, or by its full name', () => {
    expect(chapterNamed('03')).toBe('03-sticky');
    expect(chapterNamed(3)).toBe('03-sticky');
    expect(chapterNamed('05-external-storage')).toBe('05-external-storage');
  });

  it('refuses a chapter the course does not have and lists the ones it has', () => {
    expect(() => chapterNamed('09')).toThrow(/no chapter 09; the chapters are 01-session-basics, /);
  });

  it('starts a chapter in another mode when the chapter has that mode', async () => {
    const insert = await loadChapterLab('03-sticky', 'insert');
    expect(insert.title).toContain('insert mode');
  });

  it('refuses a mode the chapter does not have and names the modes it has', async () => {
    await expect(loadChapterLab('03-sticky', 'sideways')).rejects.toThrow(
      'chapter 03-sticky has no mode sideways; its modes are app, insert',
    );
    await expect(loadChapterLab('02-inconsistency', 'app')).rejects.toThrow(
      'chapter 02-inconsistency has no modes',
    );
  });
});
