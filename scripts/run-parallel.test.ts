import { describe, expect, it } from 'vitest';
import { report, runCommands, type Command } from './run-parallel';

const node = (name: string, code: string): Command => ({ name, file: process.execPath, args: ['-e', code] });

describe('run-parallel', () => {
  it('keeps each command’s output apart, stdout and stderr in their order', async () => {
    const outcomes = await runCommands([
      node('a', "process.stdout.write('a1\\n'); setTimeout(() => process.stdout.write('a2\\n'), 200)"),
      node('b', "process.stderr.write('b1\\n'); setTimeout(() => process.stdout.write('b2\\n'), 100)"),
    ]);
    expect(outcomes.map((o) => [o.name, o.code, o.output])).toEqual([
      ['a', 0, 'a1\na2\n'],
      ['b', 0, 'b1\nb2\n'],
    ]);
  });

  it('fails the step when one command fails, and names it', async () => {
    const outcomes = await runCommands([node('fine', ''), node('broken', "console.error('no'); process.exit(3)")]);
    const { text, ok } = report(outcomes);
    expect(ok).toBe(false);
    expect(text).toContain('── broken (');
    expect(text).toContain('failed: exit 3)\nno');
    expect(text.trimEnd().split('\n').at(-1)).toBe('── failed: broken');
  });

  it('says so when every command passed', async () => {
    const { text, ok } = report(await runCommands([node('one', ''), node('two', '')]));
    expect(ok).toBe(true);
    expect(text.trimEnd().split('\n').at(-1)).toBe('── all passed: one, two');
  });

  it('a command that cannot start is a failure, not a hang', async () => {
    const outcomes = await runCommands([{ name: 'missing', file: '/nonexistent/tool', args: [] }]);
    expect(report(outcomes).ok).toBe(false);
  });
});
