export { clusterOnHosts as lab } from './cluster-lab';
