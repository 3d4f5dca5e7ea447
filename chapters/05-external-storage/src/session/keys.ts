// Every key this app writes starts with one namespace, so the sessions share a Redis with
// other data without colliding, and `SCAN course:sess:*` finds sessions and nothing else.
export const keyNamespace = 'course:';
export const sessionKeyPrefix = `${keyNamespace}sess:`;
export const userIndexKeyPrefix = `${keyNamespace}user-sessions:`;
