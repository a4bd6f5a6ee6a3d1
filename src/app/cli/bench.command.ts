import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EXIT, parseCommandArgs, UsageError, type Command } from './cli-context.js';

const SECTIONS = ['extract', 'regions', 'pipeline', 'dedupe', 'feeds', 'lists'];

/** `syndicator bench`: bench/run-bench.ts with tsx, from the project root. */
export const benchCommand: Command = {
  name: 'bench',
  synopsis: `[${SECTIONS.join('|')}]...`,
  description: 'the benchmark (as npm run bench; needs the dev dependencies)',
  usage: `usage: syndicator bench [${SECTIONS.join('|')}]...

Runs the benchmark, or the named sections of it, as npm run bench does (needs the dev dependencies).
`,
  async run(args) {
    const { positionals } = parseCommandArgs(args, { allowPositionals: true });
    const unknown = positionals.filter((section) => !SECTIONS.includes(section));
    if (unknown.length > 0) throw new UsageError(`no section ${unknown.join(', ')}; the sections are ${SECTIONS.join(', ')}`);
    // dist/app/cli/ or src/app/cli/ → the project root.
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run-bench.ts', ...positionals], { cwd: root, stdio: 'inherit' });
    const code = await new Promise<number | null>((resolve, reject) => child.once('error', reject).once('exit', resolve));
    if (code !== 0) throw new Error(`exited with ${code} (the bench needs the dev dependencies: npm install)`);
    return EXIT.ok;
  },
};
