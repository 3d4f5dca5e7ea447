import { ServiceUnavailableException } from '@nestjs/common';

/** A failed store call becomes a 503 the learner can read, never a bare 500. */
export function storeUnavailable(error: unknown): ServiceUnavailableException {
  const reason = error instanceof Error ? error.message : String(error);
  return new ServiceUnavailableException(
    `the session store did not answer (${reason}); your session was not changed`,
  );
}
