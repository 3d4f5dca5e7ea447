// Chapter 01 adds one field to the course session: when it started, for the absolute timeout.
declare module 'express-session' {
  interface SessionData {
    startedAt: number;
  }
}

export {};
