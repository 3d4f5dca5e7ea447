import { jestConfig } from '../../jest.preset.mjs';

const base = jestConfig(import.meta.dirname);

// Exercise checks fail until the learner solves them: they run only when asked for
// (`npm run exercise`, which sets SESSIONS_EXERCISE_CHECK=1).
const exerciseCheck = process.env.SESSIONS_EXERCISE_CHECK === '1';

export default {
  ...base,
  testMatch: [...base.testMatch, '<rootDir>/exercises/**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...(exerciseCheck ? [] : ['/exercises/'])],
};
