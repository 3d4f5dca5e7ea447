export const SERVER_ID = Symbol('SERVER_ID');
export const SESSION_COOKIE_NAME = Symbol('SESSION_COOKIE_NAME');
export const CHAPTER_TITLE = Symbol('CHAPTER_TITLE');
