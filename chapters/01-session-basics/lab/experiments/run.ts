import { runExperimentsFromCommandLine } from '@sessions/harness';
import { experiments } from './index';

runExperimentsFromCommandLine(experiments);
