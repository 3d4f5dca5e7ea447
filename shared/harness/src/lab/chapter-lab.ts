import type { LabDefinition } from './lab-definition';

/**
 * What a chapter's lab module exports (its `lab/lab.ts`, published as
 * `@sessions/chapter-NN-name/lab`). The lab catalog (`@sessions/labs`) imports every one by
 * its package name, so a renamed export fails the build, not a learner's `npm start`.
 */
export interface ChapterLabModule {
  /** The lab `npm start -- NN` starts. */
  lab: LabDefinition;
  /** The same lab in another configuration, by name (chapter 03's sticky modes, 05's stores). */
  labModes?: Readonly<Record<string, () => LabDefinition>>;
}
