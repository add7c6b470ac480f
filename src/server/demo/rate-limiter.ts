// Kommo's limit of 7 requests a second per client, as a sliding one-second window: a request is
// refused when 7 requests were ACCEPTED in the 1000 ms before it (refused ones do not count, so a
// client that honours Retry-After gets through).

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };
export type RateLimiter = { check: (client: string) => RateDecision };

export function createRateLimiter(perSecond: number, now: () => number): RateLimiter {
  const windows = new Map<string, number[]>();
  return {
    check(client) {
      const t = now();
      // Bounded memory whatever clients send in X-Demo-Client.
      if (windows.size > 1000) for (const [key, times] of windows) if ((times.at(-1) ?? 0) <= t - 1000) windows.delete(key);
      const recent = (windows.get(client) ?? []).filter((at) => at > t - 1000);
      if (recent.length >= perSecond) {
        windows.set(client, recent);
        const oldest = recent[0] ?? t;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + 1000 - t) / 1000)) };
      }
      recent.push(t);
      windows.set(client, recent);
      return { allowed: true };
    },
  };
}
