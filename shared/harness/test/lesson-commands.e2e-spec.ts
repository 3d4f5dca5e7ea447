import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { listChapters, repoRoot } from '../src';
import { npmCommandsIn, problemWithNpmCommand, type NpmCommand } from '../src/docs/npm-commands';
import { documentsWithResults } from '../src/results/markers';

interface LabOptionsModule {
  parseLabArguments(args: string[]): { chapter?: string };
}

const root = repoRoot();
const documents = [
  path.join(root, 'README.md'),
  path.join(root, 'README.ko.md'),
  ...documentsWithResults(root).map((document) => document.file),
];
const commands = documents.flatMap((file) => npmCommandsIn(file));
const describeCommand = (command: NpmCommand) =>
  `${path.relative(root, command.file)}: ${command.line}`;

describe('every npm command a lesson or a slide asks a learner to type', () => {
  let labOptions: LabOptionsModule;
  beforeAll(async () => {
    // The launcher's own option table, so a lesson can only show options the launcher knows.
    const url = pathToFileURL(path.join(root, 'scripts/lib/lab-options.mjs')).href;
    labOptions = (await import(url)) as LabOptionsModule;
  });

  /** What `npm start -- <args>` would refuse, as the launcher says it. */
  const labProblem = (args: string[]): string | undefined => {
    try {
      const { chapter } = labOptions.parseLabArguments(args);
      if (!chapter) return 'npm start needs a chapter number';
      if (!listChapters().some((name) => name.startsWith(`${chapter.slice(0, 2)}-`)))
        return `there is no chapter ${chapter}`;
      return undefined;
    } catch (error) {
      return (error as Error).message.split('\n')[0];
    }
  };

  it('the lessons and decks show npm commands at all (the walk found their sh blocks)', () => {
    expect(commands.length).toBeGreaterThan(20);
    expect(commands.some((command) => command.args[0] === 'start')).toBe(true);
  });

  it('each names a real script of the root or of its -w workspace, and npm start -- NN only options the launcher knows', () => {
    const problems = commands
      .map((command) => ({
        command: describeCommand(command),
        problem: problemWithNpmCommand(command, root, labProblem),
      }))
      .filter(({ problem }) => problem !== undefined);

    expect(problems).toEqual([]);
  });

  it('a command naming a missing script or an unknown launcher option is caught (the check can fail)', () => {
    const [missingScript, unknownOption, goodOne] = npmCommandsIn(
      'example.md',
      '```sh\nnpm run no-such-script -w chapters/02-inconsistency\nnpm start -- 03 --colour blue\nSTICKY_MODE=insert npm start -- 03  # fine\n```\n',
    );

    expect(problemWithNpmCommand(missingScript, root, labProblem)).toMatch(
      /has no "no-such-script"/,
    );
    expect(problemWithNpmCommand(unknownOption, root, labProblem)).toMatch(/colour/);
    expect(problemWithNpmCommand(goodOne, root, labProblem)).toBeUndefined();
  });
});
