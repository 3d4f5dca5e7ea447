import { countStoreOperations, type StoreOperations } from '../lab/experiments/store-operations';

/**
 * The source's claim "an RDB costs a database round trip on every request" (and so does any
 * external store): counted by the store itself, per request, on reads and on writes.
 */
describe.each(['redis', 'postgres'] as const)('every request goes to the store (%s)', (store) => {
  const requests = 10;
  let operations: StoreOperations;

  beforeAll(async () => {
    operations = await countStoreOperations(store, requests);
  });

  it('a read (GET /me with a session) costs at least one store operation, every time', () => {
    expect(operations.perRead).toBeGreaterThanOrEqual(1);
    // Whole operations per request: every request paid the same, none was served from a cache.
    expect(Number.isInteger(operations.perRead)).toBe(true);
  });

  it('a write (POST /cart) costs at least one store operation, and one of them stores the session', () => {
    expect(operations.perWrite).toBeGreaterThanOrEqual(1);
    const writes = Object.keys(operations.writesByOperation).map((name) => name.toLowerCase());
    expect(writes).toEqual(expect.arrayContaining([store === 'redis' ? 'set' : 'insert']));
  });

  it('a read fetches the session by its id from the store', () => {
    const reads = Object.keys(operations.readsByOperation).map((name) => name.toLowerCase());
    expect(reads).toEqual(expect.arrayContaining([store === 'redis' ? 'get' : 'select']));
  });
});
