export { repoRoot, chapterDir, listChapters } from './repo';
export { freePort } from './process/free-port';
export { busyMachineSlackMs, sleep, waitFor, isHealthy } from './process/wait';
export { endWith, hasEnded, outputOf } from './process/child-output';
export { ManagedProcess, type ManagedProcessOptions } from './process/managed-process';
export { ManagedService, waitUntilReady, type Readiness } from './process/managed-service';
export { runningProcesses, killAllTracked } from './process/process-registry';
export {
  ChapterServer,
  serverReadyTimeoutMs,
  type ChapterServerOptions,
} from './process/chapter-server';
export { labSessionSecret, freshSecret, formerConstantSecrets } from './lab/lab-secrets';
export { runFolder, currentUid, hostUid } from './runtime/run-folder';
export {
  currentRun,
  runRecordPath,
  runPrivateFolder,
  netnsName,
  recordNetns,
  forgetNetns,
  type RunRecord,
  type RecordedProcess,
} from './runtime/run-record';
export { cleanStaleRuns, describeStaleRuns, type StaleRunReport } from './runtime/stale-runs';
export { processStartTicks, isSameProcess, pidNamespace } from './runtime/process-identity';
export {
  LabClient,
  type LabClientOptions,
  type LabResponse,
  type ClientRecord,
} from './client/lab-client';
export {
  median,
  percentile,
  summarizeLatency,
  countBy,
  maxOverMean,
  type LatencySummary,
} from './measure/stats';
export { signedSessionCookie } from './client/signed-cookie';
export { courseUsers } from './client/course-users';
export { startLab, type Lab, type StartLabOptions } from './lab/lab';
export { useLab, useMeasurement } from './lab/use-lab';
export { inFreshLab } from './lab/in-fresh-lab';
export { againIfNotStarted } from './lab/again-if-not-started';
export { connectLines, type ServiceEndpoint } from './lab/connect-lines';
export { labBanner, type BannerFacts } from './lab/lab-banner';
export { launcherText, type LauncherText } from './lab/launcher-text';
export { launchLab, type LaunchedLab, type LaunchOptions } from './lab/launched-lab';
export { labLanguage, type LabLanguage } from '@sessions/load-balancer';
export type { LabContext, LabDefinition, LabServices, ServerAddress } from './lab/lab-definition';
export type { ChapterLabModule } from './lab/chapter-lab';
export { UserSimulation, type SimulationStatus } from './lab/simulated-users';
export {
  writeResults,
  readResults,
  resultsPath,
  type ExperimentResults,
  type Figure,
} from './results/results-file';
export {
  fillResultMarkers,
  checkResultMarkers,
  formatFigure,
  type MarkerProblem,
} from './results/markers';
export { formatTable, markdownTable, progress } from './results/table';
export {
  runExperiments,
  runExperimentsFromCommandLine,
  UnknownExperimentError,
  type Experiments,
} from './results/run-experiments';
export { barChartSvg, type Bar } from './results/bar-chart';
export { describeMachine } from './results/machine';
export { seededRandom, shuffled } from './measure/seeded-random';
export { requireBinary } from './system/system-binary';
export { extractRegion, fillCodeRegions, checkCodeRegions } from './results/code-regions';
export {
  redisCommand,
  redisInfo,
  type RespValue,
  type RedisCommandOptions,
} from './services/redis-command';
export { RedisServer, startRedis, type StartRedisOptions } from './services/redis';
export {
  SentinelGroup,
  startSentinels,
  startReplicatedRedis,
  type ReplicatedRedis,
  type RedisNodeAddress,
  type StartSentinelsOptions,
  type StartReplicatedRedisOptions,
  replicatedRedisHosts,
} from './services/sentinel';
export {
  PostgresServer,
  startPostgres,
  appRole,
  appDatabase,
  type StartPostgresOptions,
} from './services/postgres';
export {
  runSkewWorkload,
  type SkewWorkloadOptions,
  type SkewWorkloadResult,
} from './workloads/skew-workload';
export { courseSkewWorkload, measureEvenLoad, type EvenLoadResult } from './workloads/even-load';
export {
  openChromium,
  chromiumArgs,
  type ChromiumSession,
  type OpenChromiumOptions,
} from './browser/chromium';
export {
  HostNetwork,
  launcherHost,
  type NetworkHost,
  type HostSpec,
  type LinkState,
} from './network/host-network';
export {
  networkCapability,
  requireNetworkCapability,
  labNetworkAccess,
  type NetworkCapability,
  type LabNetworkAccess,
} from './network/capability';
export {
  runLabInUserNamespace,
  insideLabUserNamespace,
  prepareLabUserNamespace,
  exposeToOuterHalf,
  stopWhenOuterHalfEnds,
} from './network/user-namespace';
export { networkTestGate, testGate, type TestGate } from './network/test-gate';
export { type Placement } from './process/chapter-server';
export { DelayRelay, type RelayDelay, type RelayCounters } from './network/delay-relay';
export {
  figuresOverRounds,
  formatSpread,
  formatSpreadOf,
  round2,
  spreadOf,
  type Spread,
} from './measure/spread';
export { renderTemplate, renderTemplateFile } from './balancers/config-template';
export { Haproxy, type StartHaproxyOptions } from './balancers/haproxy';
export { Nginx, type StartNginxOptions } from './balancers/nginx';
export {
  parseShowStat,
  statsSocketCommand,
  type HaproxyServerStat,
} from './balancers/haproxy-stats';
export type {
  RealBalancer,
  RealBalancerKind,
  UpstreamServer,
  UpstreamView,
} from './balancers/real-balancer';
export { type RealBalancerChoice } from './lab/real-balancer-front';
