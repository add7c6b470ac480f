// What a build may see of the environment: nothing that could hold the Kommo token or another
// credential. Build plugins run arbitrary code with process.env in reach (vite's loadEnv, a
// compromised dependency); the token lives only in the server's process.

const SECRET_NAME = /^(?:VITE_)?KOMMO_|TOKEN|SECRET|PASSW(?:OR)?D|CREDENTIAL|API_?KEY|PRIVATE_?KEY/i;

/** The environment without KOMMO_* and any variable named like a credential. */
export function buildEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !SECRET_NAME.test(name)));
}
