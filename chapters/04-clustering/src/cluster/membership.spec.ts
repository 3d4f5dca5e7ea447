import { Membership } from './membership';

const self = 'http://127.0.0.1:3001';
const member = (port: number) => `http://127.0.0.1:${port}`;

describe('Membership', () => {
  it('adds only servers in the configured members, and no more than the peer limit', () => {
    const membership = new Membership(self, [member(3002)], {
      allowed: [self, member(3002), member(3003), member(3004)],
      maxPeers: 2,
      peerTimeoutMs: 0,
    });

    expect(membership.add('http://attacker.example:80')).toBe('not-a-member');
    expect(membership.add(member(3003))).toBe('added');
    expect(membership.add(member(3003))).toBe('known');
    expect(membership.add(member(3004))).toBe('full');
    expect(membership.peers()).toEqual([member(3002), member(3003)]);
  });

  it('drops a peer that stays unreachable past the timeout, and takes it back when it announces itself', () => {
    const membership = new Membership(self, [member(3002)], {
      allowed: [self, member(3002)],
      maxPeers: 16,
      peerTimeoutMs: 1000,
    });

    expect(membership.missed(member(3002), 0)).toBe(false);
    expect(membership.missed(member(3002), 999)).toBe(false);
    expect(membership.missed(member(3002), 1000)).toBe(true);
    expect(membership.peers()).toEqual([]);
    expect(membership.dropped).toBe(1);
    expect(membership.add(member(3002))).toBe('added');
  });

  it('forgets a failure once a message gets through', () => {
    const membership = new Membership(self, [member(3002)], {
      allowed: [self, member(3002)],
      maxPeers: 16,
      peerTimeoutMs: 1000,
    });
    membership.missed(member(3002), 0);
    membership.reached(member(3002));
    expect(membership.missed(member(3002), 5000)).toBe(false);
    expect(membership.peers()).toEqual([member(3002)]);
  });
});
