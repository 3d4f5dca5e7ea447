import { useLab, type Lab } from '@sessions/harness';
import { lab as definition } from '../../lab/lab';

/** What GET /me answers about the session's user. */
export interface Me {
  userid: string | null;
}

// Short timeouts so a test can wait them out (the chapter's defaults are 30 min and 8 h), with
// room between them: only a stall of over 3.7 s between two requests could end the session early.
export const idleTimeoutMs = 4_000;
export const absoluteTimeoutMs = 8_000;

/** The chapter's lab with the short timeouts, for the tests of the calling `describe`. */
export function useShortTimeoutsLab(): Lab {
  return useLab(definition, {
    env: {
      SESSION_IDLE_TIMEOUT_MS: String(idleTimeoutMs),
      SESSION_ABSOLUTE_TIMEOUT_MS: String(absoluteTimeoutMs),
    },
  });
}
