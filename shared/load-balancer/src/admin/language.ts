/** The languages the lab's fixed text (banners, dashboard labels) comes in. */
export const labLanguages = ['en', 'ko'] as const;
export type LabLanguage = (typeof labLanguages)[number];

/**
 * The lab's language from the environment: LAB_LANG first, else the system's LANG
 * (`ko_KR.UTF-8` reads as Korean). Anything else is English. Server messages and API JSON
 * stay English whatever this says: only the fixed text around them follows it.
 */
export function labLanguage(env: NodeJS.ProcessEnv = process.env): LabLanguage {
  const chosen = (env.LAB_LANG || env.LANG || '').toLowerCase();
  return chosen.startsWith('ko') ? 'ko' : 'en';
}
