import { MessageSigner, signatureHeader, timestampHeader } from './message-signing';

describe('replication message signing (HMAC-SHA256 over timestamp, method, path and body)', () => {
  const signer = new MessageSigner('a-cluster-secret-of-some-length');
  const body = Buffer.from('{"kind":"set"}');
  const now = 1_800_000_000_000;
  const signed = signer.sign('POST', '/__internal/replication/messages', body, now);
  const verify = (
    overrides: Partial<{
      body: Buffer;
      path: string;
      timestamp: string;
      signature: string;
      now: number;
    }>,
  ) =>
    signer.verify(
      'POST',
      overrides.path ?? '/__internal/replication/messages',
      overrides.body ?? body,
      overrides.timestamp ?? signed[timestampHeader],
      overrides.signature ?? signed[signatureHeader],
      overrides.now ?? now,
    );

  it('accepts exactly what was signed', () => {
    expect(verify({})).toEqual({ ok: true });
  });

  it('refuses a body changed by a single byte', () => {
    expect(verify({ body: Buffer.from('{"kind":"sex"}') })).toMatchObject({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('refuses the same signature on another path', () => {
    expect(verify({ path: '/__internal/replication/snapshot' })).toMatchObject({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('refuses a message signed with another secret', () => {
    const other = new MessageSigner('somebody-elses-secret-value').sign(
      'POST',
      '/__internal/replication/messages',
      body,
      now,
    );
    expect(verify({ signature: other[signatureHeader] })).toMatchObject({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('refuses a replayed message older than the allowed clock skew', () => {
    expect(verify({ now: now + 31_000 })).toMatchObject({ ok: false, reason: 'stale' });
  });

  it('tells unsigned from malformed signatures', () => {
    expect(signer.verify('POST', '/p', body, undefined, undefined, now)).toMatchObject({
      reason: 'unsigned',
    });
    expect(verify({ signature: 'md5=abc' })).toMatchObject({ reason: 'malformed' });
    expect(verify({ timestamp: 'yesterday' })).toMatchObject({ reason: 'malformed' });
  });
});
