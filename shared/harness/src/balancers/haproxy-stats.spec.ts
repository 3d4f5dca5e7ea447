import { parseShowStat } from './haproxy-stats';

// The first columns of HAProxy 2.6's `show stat`, as it printed them for chapter 03's config.
const showStat = [
  '# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,type,rate,rate_lim,rate_max,check_status,check_code,check_duration,hrsp_1xx,hrsp_2xx,hrsp_3xx,hrsp_4xx,hrsp_5xx,hrsp_other,hanafail,req_rate,req_rate_max,req_tot,cli_abrt,srv_abrt,comp_in,comp_out,comp_byp,comp_rsp,lastsess,last_chk,last_agt,qtime,ctime,rtime,ttime,agent_status,agent_code,agent_duration,check_desc,agent_desc,check_rise,check_fall,check_health,agent_rise,agent_fall,agent_health,addr,cookie,',
  'web,FRONTEND,,,0,1,256,7,0,0,0,0,0,,,,,OPEN,,,,,,,,,1,2,0,,,,0,0,0,1,,,,0,7,0,0,0,0,,0,1,7,,,0,0,0,0,,,,,,,,,,,,,,,,,,,,,,,',
  'chapter,s1,0,0,2,1,,5,0,0,,0,,0,0,0,0,UP,1,1,0,0,0,9,0,,1,3,1,,5,,2,0,,1,L7OK,200,0,0,5,0,0,0,0,,,,5,0,0,,,,,0,,,0,0,0,0,,,,Layer7 check passed,,2,3,4,,,,127.0.0.1:41001,1,',
  'chapter,s2,0,0,0,1,,2,0,0,,0,,0,0,0,0,DOWN,1,1,0,1,1,1,1,,1,3,2,,2,,2,0,,1,L4CON,,0,0,2,0,0,0,0,,,,2,0,0,,,,,1,,,0,0,0,0,,,,Layer4 connection problem,,2,3,0,,,,127.0.0.1:41002,2,',
  'chapter,BACKEND,0,0,2,1,26,7,0,0,0,0,,0,0,0,0,UP,1,1,0,,0,9,0,,1,3,0,,7,,1,0,,1,,,,0,7,0,0,0,0,,,,7,0,0,0,0,0,0,0,,,0,0,0,0,,,,,,,,,,,,,,server,',
  '',
].join('\n');

describe("reading HAProxy's show stat", () => {
  it('lists the servers of the backend with their state, open sessions, requests and cookie', () => {
    expect(parseShowStat(showStat)).toEqual([
      {
        id: '1',
        backend: 'chapter',
        status: 'UP',
        currentSessions: 2,
        requests: 5,
        checkStatus: 'L7OK',
        cookie: '1',
      },
      {
        id: '2',
        backend: 'chapter',
        status: 'DOWN',
        currentSessions: 0,
        requests: 2,
        checkStatus: 'L4CON',
        cookie: '2',
      },
    ]);
  });

  it('refuses an answer that is not show stat, instead of reporting no servers', () => {
    expect(() => parseShowStat('Unknown command.\n')).toThrow('not the output of "show stat"');
  });
});
