export {
  chapterLabs,
  chapterNames,
  chapterNamed,
  loadChapterLab,
  UnknownLabError,
  type ChapterName,
} from './chapter-labs';
