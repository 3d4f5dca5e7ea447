import { LabClient } from '@sessions/harness';

export interface Me {
  server: string;
  sessionId: string | null;
  userid: string | null;
  cart: string[];
}

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

/** A request the tests send gives up after this: a hang fails the test instead of waiting forever. */
export const userTimeoutMs = 5000;

/** A user as the tests drive one: a cookie jar and the short client timeout. */
export async function loggedInUser(url: string, userid: string, name = userid): Promise<LabClient> {
  const user = new LabClient(url, { name, timeoutMs: userTimeoutMs });
  const login = await user.post('/login', { userid });
  if (login.status !== 200)
    throw new Error(`login as ${userid} answered ${login.status}: ${JSON.stringify(login.body)}`);
  return user;
}
