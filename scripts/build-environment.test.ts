import { describe, expect, it } from 'vitest';
import { buildEnvironment } from './build-environment.ts';

describe('build environment', () => {
  it('holds no KOMMO_* variable and nothing named like a credential', () => {
    const env = buildEnvironment({
      PATH: '/usr/bin',
      HOME: '/root',
      NODE_ENV: 'production',
      KOMMO_TOKEN: 'tok',
      KOMMO_SUBDOMAIN: 'acme',
      KOMMO_BASE_URL: 'https://acme.amocrm.ru',
      VITE_KOMMO_TOKEN: 'tok',
      kommo_token: 'tok',
      NPM_TOKEN: 'npm',
      GITHUB_TOKEN: 'gh',
      AWS_SECRET_ACCESS_KEY: 'aws',
      DB_PASSWORD: 'pw',
      OPENAI_API_KEY: 'k',
    });
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/root', NODE_ENV: 'production' });
  });
});
