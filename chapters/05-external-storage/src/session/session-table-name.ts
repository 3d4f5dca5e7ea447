/** The PostgreSQL table the sessions live in: the lab creates it, the store uses it. */
export const sessionTable = 'session';
