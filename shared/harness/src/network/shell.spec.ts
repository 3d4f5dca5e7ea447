import { describe, expect, it } from '@jest/globals';
import { runCommandAsync } from './shell';

describe('runCommandAsync', () => {
  it('answers with the output of a command that never reads what it was given', async () => {
    // `true` exits at once; a megabyte does not fit the pipe, so the write meets a closed pipe.
    const output = await runCommandAsync('true', [], 'x'.repeat(1 << 20));
    expect(output).toBe('');
  });

  it('passes the input to a command that reads it', async () => {
    await expect(runCommandAsync('cat', [], 'nft rules\n')).resolves.toBe('nft rules\n');
  });

  it('fails with the command, its arguments and what it printed on stderr', async () => {
    await expect(
      runCommandAsync('sh', ['-c', 'echo no such namespace >&2; exit 1']),
    ).rejects.toThrow('sh -c echo no such namespace >&2; exit 1 failed: no such namespace');
  });
});
