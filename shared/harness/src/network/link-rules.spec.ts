import { renderHostRules } from './link-rules';

describe('a host firewall made from its links', () => {
  it('drops every packet to and from a cut peer, both ways', () => {
    const rules = renderHostRules({ cut: ['10.213.1.12'], loss: new Map() });
    expect(rules).toContain('ip saddr 10.213.1.12 drop');
    expect(rules).toContain('ip daddr 10.213.1.12 drop');
  });

  it('drops a random share of packets for a lossy link, and nothing for 0 %', () => {
    const rules = renderHostRules({
      cut: [],
      loss: new Map([
        ['10.213.1.1', 20],
        ['10.213.1.13', 0],
      ]),
    });
    expect(rules).toContain('ip saddr 10.213.1.1 numgen random mod 100 < 20 drop');
    expect(rules).not.toContain('10.213.1.13');
  });

  it('drops everything for 100 % loss (numgen counts 0-99 only)', () => {
    const rules = renderHostRules({ cut: [], loss: new Map([['10.213.1.1', 100]]) });
    expect(rules).toContain('ip saddr 10.213.1.1 drop');
  });

  it('replaces the whole table in one script, so an old rule never lingers', () => {
    const rules = renderHostRules({ cut: [], loss: new Map() });
    expect(rules.indexOf('delete table inet sas')).toBeLessThan(rules.indexOf('table inet sas {'));
  });

  it('sends a delayed peer’s new connections to the relay port, before routing (NAT)', () => {
    const rules = renderHostRules({
      cut: [],
      loss: new Map(),
      redirect: [{ from: '10.213.1.11', port: 6379, toPort: 40001 }],
    });
    expect(rules).toContain('type nat hook prerouting priority -100');
    expect(rules).toContain('ip saddr 10.213.1.11 tcp dport 6379 redirect to :40001');
  });

  it('has no NAT chain at all while no link is delayed', () => {
    expect(renderHostRules({ cut: [], loss: new Map() })).not.toContain('nat');
  });
});
