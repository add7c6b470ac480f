// `npm run build`, and the build at install time (`prepare`): vite builds dist/ in a child process
// whose environment holds no secret. Whatever a build plugin reads (process.env, loadEnv), the token
// is not there: KOMMO_* and anything named like a credential are left out. `npm start` only serves.
//
// `--if-available` (the install-time build): a production install (`npm ci --omit=dev`) has no vite;
// it then says so and succeeds, and the server serves a dist/ built elsewhere (an image's build stage).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { buildEnvironment } from './build-environment.ts';

function viteBin(): string | null {
  try {
    const pkg = createRequire(import.meta.url).resolve('vite/package.json');
    const bin = join(dirname(pkg), 'bin', 'vite.js');
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

function main(): number {
  const ifAvailable = process.argv.includes('--if-available');
  const bin = viteBin();
  if (bin === null) {
    if (ifAvailable) {
      console.log('build: vite is not installed (a production install without dev dependencies); serving the dist/ that is there.');
      return 0;
    }
    console.error('build: vite is not installed; run `npm install` (with dev dependencies) first.');
    return 1;
  }
  const extra = process.argv.slice(2).filter((a) => a !== '--if-available');
  const result = spawnSync(process.execPath, [bin, 'build', ...extra], { stdio: 'inherit', env: buildEnvironment(process.env) });
  return result.status ?? 1;
}

process.exit(main());
