import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** A store a lab started, as the launcher lists it. */
export interface ServiceEndpoint {
  /** "redis", "redis replica", "sentinel 1", "postgres". */
  name: string;
  kind: 'redis' | 'sentinel' | 'postgres';
  host: string;
  port: number;
  /** Never printed: written to a file only the lab's user can read. */
  password: string;
  /** PostgreSQL's role and database. */
  user?: string;
  database?: string;
}

/**
 * One line per service (name and port) and a ready-to-paste client command for each. The
 * password goes into a file in `folder` (mode 0600, in a 0700 folder), and the command reads
 * it from there into the client's environment: never onto a command line, which `ps` shows
 * to every account, nor onto the screen.
 */
export function connectLines(
  endpoints: readonly ServiceEndpoint[],
  folder: string,
): { services: string[]; connect: string[] } {
  const services: string[] = [];
  const connect: string[] = [];
  endpoints.forEach((endpoint, index) => {
    const where = `${endpoint.host}:${endpoint.port}`;
    if (endpoint.kind === 'postgres') {
      const file = path.join(folder, `pgpass-${index}`);
      const escape = (text: string) => text.replaceAll('\\', '\\\\').replaceAll(':', '\\:');
      writeFileSync(
        file,
        `${endpoint.host}:${endpoint.port}:${escape(endpoint.database ?? '*')}:${escape(endpoint.user ?? '*')}:${escape(endpoint.password)}\n`,
        { mode: 0o600 },
      );
      services.push(
        `${endpoint.name.padEnd(14)} ${where}  (database ${endpoint.database}, role ${endpoint.user})`,
      );
      connect.push(
        `PGPASSFILE=${shellQuoted(file)} psql -h ${endpoint.host} -p ${endpoint.port} -U ${endpoint.user} ${endpoint.database}`,
      );
      return;
    }
    const file = path.join(folder, `redis-password-${index}`);
    writeFileSync(file, endpoint.password, { mode: 0o600 });
    services.push(`${endpoint.name.padEnd(14)} ${where}`);
    connect.push(
      `REDISCLI_AUTH="$(cat ${shellQuoted(file)})" redis-cli -h ${endpoint.host} -p ${endpoint.port}`,
    );
  });
  return { services, connect };
}

/** A path as one shell word, whatever it holds (a TMPDIR with spaces). */
function shellQuoted(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
