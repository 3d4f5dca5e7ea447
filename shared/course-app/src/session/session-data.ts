// The course session holds exactly the source material's picture: {"userid":"a","cart":[...]}.
declare module 'express-session' {
  interface SessionData {
    userid: string;
    cart: string[];
  }
}

export {};
