// `npm test`'s first step: the checks that do not depend on one another (typecheck, lint, format,
// build) run at once. Each is one process on one core, so run one after another they left the second
// core idle; together they finish in about the time of the sum divided by the cores. Each one's output
// is printed whole when it ends (not interleaved), and the step fails if any of them failed.
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

export type Outcome = { name: string; code: number | null; output: string; seconds: number };
export type Command = { name: string; file: string; args: string[] };

/** `npm run <name>` for a script of package.json. */
export const npmScript = (name: string): Command => ({
  name,
  file: process.platform === 'win32' ? 'npm.cmd' : 'npm',
  args: ['run', '--silent', name],
});

/** Runs the commands at once; resolves when all have ended. */
export function runCommands(commands: readonly Command[]): Promise<Outcome[]> {
  return Promise.all(
    commands.map(
      ({ name, file, args }) =>
        new Promise<Outcome>((resolve) => {
          const started = Date.now();
          const chunks: Buffer[] = [];
          const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
          child.stdout.on('data', (c: Buffer) => chunks.push(c));
          child.stderr.on('data', (c: Buffer) => chunks.push(c));
          const done = (code: number | null, extra = '') =>
            resolve({ name, code, output: Buffer.concat(chunks).toString('utf8') + extra, seconds: (Date.now() - started) / 1000 });
          child.once('error', (err) => done(1, `\n${err.message}\n`));
          child.once('close', (code) => done(code));
        }),
    ),
  );
}

/** The run's report: each script's output under its name and time, failures named last. */
export function report(outcomes: readonly Outcome[]): { text: string; ok: boolean } {
  const failed = outcomes.filter((o) => o.code !== 0).map((o) => o.name);
  const parts = outcomes.map(
    (o) => `── ${o.name} (${o.seconds.toFixed(1)} s, ${o.code === 0 ? 'ok' : `failed: exit ${o.code}`})\n${o.output.trimEnd()}`,
  );
  parts.push(failed.length === 0 ? `── all passed: ${outcomes.map((o) => o.name).join(', ')}` : `── failed: ${failed.join(', ')}`);
  return { text: parts.join('\n') + '\n', ok: failed.length === 0 };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const names = process.argv.slice(2);
  if (names.length === 0) {
    console.error('usage: tsx scripts/run-parallel.ts <npm script>…');
    process.exit(2);
  }
  const { text, ok } = report(await runCommands(names.map(npmScript)));
  process.stdout.write(text);
  process.exit(ok ? 0 : 1);
}
