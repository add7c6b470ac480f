// Styles are imported per component (src/app/mantine-styles.ts and the lazy chunks): a component
// used without its CSS would draw unstyled with no error anywhere, so this scan is the guard.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..');
const STYLES = join(import.meta.dirname, '../../node_modules/@mantine/core/styles');

/** Components whose styles live in the components they are built of (Mantine's sources). */
const BUILT_OF: Record<string, string[]> = {
  TextInput: ['Input'],
  NativeSelect: ['Input'],
  Select: ['Input', 'Combobox', 'Popover'],
  MultiSelect: ['Input', 'Combobox', 'Popover', 'PillsInput', 'Pill'],
  TagsInput: ['Input', 'Combobox', 'Popover', 'PillsInput', 'Pill'],
  Checkbox: ['InlineInput', 'CheckboxIndicator'],
  Switch: ['InlineInput'],
  Drawer: ['ModalBase', 'Overlay', 'CloseButton'],
  Button: ['UnstyledButton', 'Loader'],
  ActionIcon: ['UnstyledButton', 'Loader'],
  SegmentedControl: ['FloatingIndicator'],
  Accordion: ['UnstyledButton'],
  Tooltip: ['Popover'],
  DatePickerInput: ['Input', 'Popover', 'UnstyledButton'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('Mantine styles per component', () => {
  it('imports the CSS of every Mantine component the app uses, and of what it is built of', () => {
    const files = sourceFiles(SRC).map((path) => readFileSync(path, 'utf8'));
    const imported = new Set(files.flatMap((text) => [...text.matchAll(/import '@mantine\/core\/styles\/([A-Za-z]+)\.css';/g)].map((m) => m[1])));
    const used = new Set(
      files.flatMap((text) =>
        [...text.matchAll(/import \{([^}]*)\} from '@mantine\/(?:core|dates)';/g)].flatMap((m) =>
          (m[1] ?? '').split(',').map(
            (name) =>
              name
                .trim()
                .replace(/^type /, '')
                .split(' as ')[0] ?? '',
          ),
        ),
      ),
    );
    const needed = [...used].flatMap((name) => [name, ...(BUILT_OF[name] ?? [])]).filter((name) => existsSync(join(STYLES, `${name}.css`)));
    expect(needed.filter((name) => !imported.has(name)).sort()).toEqual([]);
    expect(used.size).toBeGreaterThan(20);
  });

  it('never imports the whole stylesheet again', () => {
    const offenders = sourceFiles(SRC).filter((path) => readFileSync(path, 'utf8').includes("'@mantine/core/styles.css'"));
    expect(offenders).toEqual([]);
  });
});
