import path from 'node:path';
import { slidesDir } from './decks.mjs';

/**
 * The languages the decks are written in. English decks live in slides/, each translation in
 * slides/<code>/ with the same file names, and builds into dist/<code>/. A translation keeps
 * every directive and result marker of its English deck; only the prose, the speaker-note
 * labels and the diagrams' words change.
 */
export const languages = [
  {
    code: 'en',
    name: 'English',
    sourceDir: slidesDir,
    outSubdir: '',
    notes: { say: 'Say', ask: 'Ask', demo: 'Demo' },
    index: {
      title: 'Sessions at scale · slides',
      help: 'Open a deck, press <kbd>P</kbd> for the presenter view with speaker notes, <kbd>F</kbd> for full screen.',
    },
  },
  {
    code: 'ko',
    name: '한국어',
    sourceDir: path.join(slidesDir, 'ko'),
    outSubdir: 'ko',
    notes: { say: '설명', ask: '질문', demo: '시연' },
    /** The letters of its own script, which most of a translated deck's prose must be. */
    letters: /\p{Script=Hangul}/gu,
    index: {
      title: 'Sessions at scale · 슬라이드',
      help: '덱을 열고 <kbd>P</kbd>를 누르면 발표자 노트가 있는 발표자 보기, <kbd>F</kbd>를 누르면 전체 화면입니다.',
    },
  },
];

export const english = languages[0];
export const translations = languages.slice(1);
