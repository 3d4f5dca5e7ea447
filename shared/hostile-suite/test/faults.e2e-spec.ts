import type { Lab } from '@sessions/harness';
import { faultCases } from '../src/faults/fault-cases';
import { startFaultLab } from '../src/faults/fault-lab';
import { measureFault, type FaultLoad } from '../src/faults/measure-fault';
import { faultChapters } from '../src/suite';
import { leftoverProcesses } from '../src/world/leftovers';

const load: FaultLoad = { users: 6, requestsPerUser: 20, paceMs: 80, victim: '2' };

describe.each(faultChapters.filter((lab) => !lab.reportOnly))(
  'faults under load in $name',
  ({ chapter, variant, testedKinds }) => {
    let lab: Lab;
    const pids: Array<number | undefined> = [];
    const rememberPids = () => pids.push(...lab.servers.map((server) => server.pid));

    beforeAll(async () => {
      lab = await startFaultLab(chapter, variant);
      rememberPids();
    });
    afterAll(async () => {
      await lab?.stop();
    });

    const faults = faultCases(chapter, variant).filter(
      (fault) => !testedKinds || testedKinds.includes(fault.kind),
    );

    it.each(faults.map((fault) => [fault.kind, fault] as const))(
      '%s: loses the sessions and fails the requests the chapter predicts, and recovers',
      async (_kind, fault) => {
        const outcome = await measureFault(lab, fault, load);
        rememberPids();
        expect({ fault: fault.kind, problems: outcome.problems }).toEqual({
          fault: fault.kind,
          problems: [],
        });
        expect(outcome.lost).toBe(outcome.expectedLost);
      },
    );

    it('leaves no process it started running once the lab is stopped', async () => {
      await lab.stop();
      expect(leftoverProcesses(pids)).toEqual([]);
    });
  },
);
