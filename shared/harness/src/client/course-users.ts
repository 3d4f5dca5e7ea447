import { LabClient } from './lab-client';

/**
 * `count` users of the course API, each with cookies of its own, named user-1 … user-N (the
 * name the dashboard shows beside their requests; the experiments log them in by it too).
 */
export function courseUsers(baseUrl: string, count: number): LabClient[] {
  return Array.from({ length: count }, (_, i) => new LabClient(baseUrl, { name: `user-${i + 1}` }));
}
