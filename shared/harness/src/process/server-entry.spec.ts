import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundledEntry, plainEntry, serverEntry } from './server-entry';

describe('the file a chapter server starts from', () => {
  let chapter: string;
  const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));
  const write = (file: string, text: string, seconds: number) => {
    writeFileSync(path.join(chapter, file), text);
    utimesSync(path.join(chapter, file), at(seconds), at(seconds));
  };
  const bundleMadeFrom = (inputs: string[], seconds: number) => {
    write(bundledEntry, '// bundle', seconds);
    write('dist/main.bundle.inputs.json', JSON.stringify(inputs), seconds);
  };

  beforeEach(() => {
    chapter = mkdtempSync(path.join(os.tmpdir(), 'sessions-entry-'));
    mkdirSync(path.join(chapter, 'dist/session'), { recursive: true });
    write(plainEntry, '// main', 1);
    write('dist/session/store.js', '// store', 1);
  });
  afterEach(() => rmSync(chapter, { recursive: true, force: true }));

  it('is dist/main.js when the build made no bundle', () => {
    expect(serverEntry(chapter)).toBe(plainEntry);
  });

  it('is the bundle while it is newer than every file it was made from', () => {
    bundleMadeFrom(['dist/main.js', 'dist/session/store.js'], 2);
    expect(serverEntry(chapter)).toBe(bundledEntry);
  });

  it('is dist/main.js again once any of those files was rebuilt after the bundle: never old code', () => {
    bundleMadeFrom(['dist/main.js', 'dist/session/store.js'], 2);
    write('dist/session/store.js', '// edited', 3);
    expect(serverEntry(chapter)).toBe(plainEntry);
  });

  it('is dist/main.js when a file the bundle was made from is gone, or its list is unreadable', () => {
    bundleMadeFrom(['dist/main.js', 'dist/session/removed.js'], 2);
    expect(serverEntry(chapter)).toBe(plainEntry);
    write('dist/main.bundle.inputs.json', 'not json', 2);
    expect(serverEntry(chapter)).toBe(plainEntry);
  });
});
