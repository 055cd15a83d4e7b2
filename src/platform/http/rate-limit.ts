/**
 * A per-actor request budget (issue 7): one compromised client cannot bulk-read an area. In-memory per
 * process (rate-limiter-flexible); a multi-instance deployment would swap in its Redis store.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimitVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

export function createActorRateLimiter(perMinute: number) {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return async (actorKey: string): Promise<RateLimitVerdict> => {
    try {
      await limiter.consume(actorKey);
      return { allowed: true, retryAfterSeconds: 0 };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      throw rejection;
    }
  };
}
