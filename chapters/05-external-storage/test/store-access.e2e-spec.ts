import { useLab } from '@sessions/harness';
import { externalStorageLab } from '../lab/lab';
import { redisAccessTests } from './support/store-access';

// The same checks on the plain Redis run in redis-store.e2e-spec.ts, on that file's lab; the
// PostgreSQL ones in postgres-store.e2e-spec.ts.
describe('chapter 05 with redis-sentinel: another local user and the store', () => {
  const lab = useLab(externalStorageLab('redis-sentinel'), { servers: 1 });

  redisAccessTests(lab);
});
