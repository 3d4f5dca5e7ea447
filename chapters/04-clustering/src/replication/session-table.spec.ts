import { SessionTable } from './session-table';

const entry = (at: number, by: string, cart: string[]) => ({
  version: { at, by },
  json: JSON.stringify({ cookie: {}, userid: 'a', cart }),
  expires: null,
});

describe('the session table: last writer wins, the same way on every server', () => {
  it('keeps the newer of two writes whatever order they arrive in', () => {
    const here = new SessionTable();
    const there = new SessionTable();
    const apple = entry(1000, 'server-1', ['apple']);
    const banana = entry(1001, 'server-2', ['banana']);

    here.put('s', apple);
    here.put('s', banana);
    there.put('s', banana);
    there.put('s', apple);

    expect(here.get('s')?.json).toBe(banana.json);
    expect(there.get('s')?.json).toBe(banana.json);
  });

  it('breaks a tie on the time by the server name, so both servers pick the same winner', () => {
    const table = new SessionTable();
    table.put('s', entry(1000, 'b', ['from b']));
    expect(table.put('s', entry(1000, 'a', ['from a']))).toBe(false);
    expect(table.put('s', entry(1000, 'c', ['from c']))).toBe(true);
  });

  it('does not let a late, older write bring a destroyed session back', () => {
    const table = new SessionTable();
    table.put('s', entry(1000, 'a', []));
    table.remove('s', { at: 2000, by: 'a' });

    expect(table.put('s', entry(1500, 'b', ['late']))).toBe(false);
    expect(table.get('s')).toBeUndefined();
  });

  it('drops an expired session when it is read', () => {
    const table = new SessionTable();
    table.put('s', { ...entry(1000, 'a', []), expires: 5000 });
    expect(table.get('s', 4999)).toBeDefined();
    expect(table.get('s', 5000)).toBeUndefined();
  });
});
