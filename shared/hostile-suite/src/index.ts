export type {
  CaseContext,
  CaseOutcome,
  Check,
  HostileCase,
  Reply,
  Sending,
  Target,
} from './cases/hostile-case';
export { balancerCases } from './cases/balancer-cases';
export { stickyCases } from './cases/sticky-cases';
export { appCases } from './cases/app-cases';
export { replicationCases } from './cases/replication-cases';
export { runCase } from './run-case';
export {
  startHostileWorld,
  type HostileWorld,
  type HostileWorldOptions,
} from './world/hostile-world';
export { leftoverProcesses } from './world/leftovers';
export type { FaultCase, FaultOutcome, ExpectedLoss, ExpectedFailures } from './faults/fault-case';
export { faultCases } from './faults/fault-cases';
export { measureFault, type FaultLoad } from './faults/measure-fault';
export { startFaultLab } from './faults/fault-lab';
export { referencedExperiments, runReferencedExperiment } from './faults/chapter-experiments';
export { sendRaw, httpRequest, type RawReply } from './send/raw-http';
export { appChapters, balancerChapter, faultChapters } from './suite';
