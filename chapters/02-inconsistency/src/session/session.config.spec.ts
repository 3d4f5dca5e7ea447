import { MemoryStore } from 'express-session';
import { createSessionStore } from './session.config';

describe('chapter 02 session store', () => {
  it("is express-session's MemoryStore: sessions live in this process only", () => {
    expect(createSessionStore()).toBeInstanceOf(MemoryStore);
  });
});
