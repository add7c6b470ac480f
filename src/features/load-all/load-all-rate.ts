// The pace of a load-all walk. Kommo allows 7 requests a second; our proxy forwards at most 6
// (KOMMO_RATE_LIMIT_PER_SECOND - 1, see src/server/create-server-app.ts). Walking at 6 matches the
// proxy exactly: faster only queues at the proxy, slower (the client's default 5) leaves a sixth of
// the budget unused, which on 10,000 leads is the difference between ~1.07x and ~1.25x the floor
// of ceil(N/250)/7 s (see bench/load-all-bench.ts). The app's client runs at this pace by default.
export { DEFAULT_RATE_PER_SECOND as LOAD_ALL_RATE_PER_SECOND } from '@/lib/api/kommo-client';
