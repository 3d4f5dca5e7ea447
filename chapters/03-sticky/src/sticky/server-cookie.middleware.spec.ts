import type { Request, Response } from 'express';
import { serverCookie } from './server-cookie.middleware';

/** Runs the middleware on a request with this Cookie header; returns the cookies it set. */
function cookiesSetFor(serverId: string, cookieHeader?: string) {
  const set: Array<[string, string]> = [];
  const request = { headers: { cookie: cookieHeader } } as unknown as Request;
  const response = {
    cookie: (name: string, value: string) => set.push([name, value]),
  } as unknown as Response;
  let nextCalled = false;
  serverCookie(serverId)(request, response, () => {
    nextCalled = true;
  });
  return { set, nextCalled };
}

describe('the server cookie (application-mode stickiness)', () => {
  it('a first visit gets server=<this server id>', () => {
    expect(cookiesSetFor('2')).toEqual({ set: [['server', '2']], nextCalled: true });
  });

  it('a client already pinned here gets no new Set-Cookie', () => {
    expect(cookiesSetFor('2', 'sid=abc; server=2').set).toEqual([]);
  });

  it('a client pinned to another (dead) server is re-pinned here', () => {
    expect(cookiesSetFor('3', 'server=2; sid=abc').set).toEqual([['server', '3']]);
  });
});
