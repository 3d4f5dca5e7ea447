// marp-cli settings for every deck (scripts/build.mjs passes this file explicitly).
export default {
  // Our own decks only: HTML lets a slide caption a code block with its source file.
  html: true,
  // Diagrams are local SVG files next to the expanded decks.
  allowLocalFiles: true,
  // `theme: course` (`course-ko` in the Korean decks) in a deck's front matter.
  themeSet: ['theme/course.css', 'theme/course-ko.css'],
  browser: 'chrome',
  browserTimeout: 120,
};
