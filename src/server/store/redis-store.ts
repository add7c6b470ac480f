// The shared store in Redis (REDIS_URL), for several instances behind one load balancer. The rate
// window is one Lua script, so checking and taking a start is atomic across instances, and it reads
// Redis's own clock (TIME): instances whose clocks disagree still count in one window.
import { Redis } from 'ioredis';
import type { SharedStore } from './shared-store.ts';

const TAKE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

// The start held under ARGV[1] moves to Redis's now (added, when it has already left the window).
const RETIME_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 0
`;

export type RedisStoreOptions = {
  url: string;
  /** Prefix of every key, so one Redis can serve other applications too. */
  prefix?: string;
};

export function createRedisStore({ url, prefix = 'klb:' }: RedisStoreOptions): SharedStore {
  // Fail fast instead of queueing commands while Redis is down: a sign-in or a request then gets a
  // clear 503 rather than hanging.
  const redis = new Redis(url, { keyPrefix: prefix, maxRetriesPerRequest: 1, enableOfflineQueue: true, lazyConnect: false });
  // ioredis reports connection trouble as 'error' events; without a listener Node would crash.
  redis.on('error', () => undefined);
  return {
    kind: 'redis',
    async setIfAbsent(key, value, ttlMs) {
      return (await redis.set(key, value, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK';
    },
    get: (key) => redis.get(key),
    async set(key, value, ttlMs) {
      await redis.set(key, value, 'PX', Math.max(1, Math.ceil(ttlMs)));
    },
    async delete(key) {
      await redis.del(key);
    },
    async takeSlot(key, limit, windowMs, id) {
      const wait = await redis.eval(TAKE_SLOT, 1, key, String(limit), String(windowMs), id);
      return typeof wait === 'number' ? wait : Number(wait);
    },
    async retimeSlot(key, id, windowMs) {
      await redis.eval(RETIME_SLOT, 1, key, id, String(windowMs));
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
