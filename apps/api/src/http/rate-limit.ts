/**
 * Rate limits shared by every API process through Redis (README.md, "Rate limits"; SECURITY.md):
 * counters live under `<QUEUE_PREFIX>:ratelimit:*`, so all instances of one deployment count
 * together (rate-limiter-flexible's fixed window per minute, one Lua call per request).
 *
 * - Each key: `RATE_LIMIT_PER_MINUTE` requests, counted after authentication under a hash of
 *   the key (the key itself never reaches Redis).
 * - Each client address: `RATE_LIMIT_FAILED_AUTH_PER_MINUTE` requests refused with a 401. Past
 *   that, every request from the address is a 429 before its key is even checked, so guessing
 *   keys gets nowhere (a right guess would be refused too).
 *
 * Answers carry the IETF draft's `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`
 * (seconds); a 429 also `Retry-After`. When Redis cannot be reached the request goes through
 * unlimited (logged): the limits protect the service, they must not take it down with Redis.
 */
import { createHash } from "node:crypto";
import type { Logger } from "@segflow/logger";
import type { Producer } from "@segflow/queues";
import type { ErrorRequestHandler, Request, RequestHandler, Response } from "express";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { presentedKey } from "./auth.js";
import { AppError } from "./errors.js";

export interface RateLimitOptions {
  /** The Redis every instance shares (the producer's connection). */
  redis: Producer["connection"];
  /** QUEUE_PREFIX: instances of one deployment share counters, test runs do not. */
  prefix: string;
  /** Requests per key per minute; 0 turns the limit off. */
  perKeyPerMinute: number;
  /** Failed authentications per client address per minute; 0 turns the limit off. */
  failedAuthPerMinute: number;
  logger: Logger;
}

export interface RateLimits {
  /** Before authentication: a 429 for an address over its failed-authentication budget. */
  addressGate: RequestHandler;
  /** An error handler right after authentication: counts its 401s per address. */
  countFailedAuth: ErrorRequestHandler;
  /** After authentication: each key's budget. */
  perKey: RequestHandler;
}

const WINDOW_SECONDS = 60;

const keyIdentity = (req: Request) =>
  createHash("sha256")
    .update(presentedKey(req.headers.authorization) ?? "", "utf8")
    .digest("hex")
    .slice(0, 32);

const address = (req: Request) => req.ip ?? req.socket.remoteAddress ?? "unknown";

function setHeaders(res: Response, limit: number, state: RateLimiterRes): void {
  res.set("RateLimit-Limit", String(limit));
  res.set("RateLimit-Remaining", String(Math.max(0, state.remainingPoints)));
  res.set("RateLimit-Reset", String(Math.ceil(state.msBeforeNext / 1000)));
}

function tooMany(res: Response, state: RateLimiterRes, what: string): AppError {
  const seconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  res.set("Retry-After", String(seconds));
  return new AppError("rate_limited", `${what}; retry in ${seconds} s`, { retryAfterSeconds: seconds });
}

export function rateLimits(options: RateLimitOptions): RateLimits {
  const { redis, prefix, perKeyPerMinute, failedAuthPerMinute, logger } = options;
  const limiter = (name: string, points: number) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:ratelimit:${name}`,
      points,
      duration: WINDOW_SECONDS,
      // Fail at once when Redis is down rather than wait for it (the request then goes through).
      rejectIfRedisNotReady: true,
    });
  const keys = perKeyPerMinute > 0 ? limiter("key", perKeyPerMinute) : undefined;
  const failures = failedAuthPerMinute > 0 ? limiter("auth-failures", failedAuthPerMinute) : undefined;
  const redisDown = (error: unknown) =>
    logger.warn({ err: error }, "rate limit not applied: Redis unavailable");

  return {
    addressGate: async (req, res, next) => {
      if (!failures) return next();
      try {
        const state = await failures.get(address(req));
        if (state && state.remainingPoints <= 0) {
          setHeaders(res, failedAuthPerMinute, state);
          return next(
            tooMany(res, state, "too many requests with a missing or wrong API key from this address"),
          );
        }
      } catch (error) {
        redisDown(error);
      }
      next();
    },
    countFailedAuth: async (error, req, _res, next) => {
      if (failures && error instanceof AppError && error.code === "unauthorized") {
        try {
          await failures.consume(address(req));
        } catch (outcome) {
          // Over the budget: this 401 still answers; the next request meets the gate.
          if (!(outcome instanceof RateLimiterRes)) redisDown(outcome);
        }
      }
      next(error);
    },
    perKey: async (req, res, next) => {
      if (!keys) return next();
      try {
        const state = await keys.consume(keyIdentity(req));
        setHeaders(res, perKeyPerMinute, state);
      } catch (outcome) {
        if (!(outcome instanceof RateLimiterRes)) {
          redisDown(outcome);
          return next();
        }
        setHeaders(res, perKeyPerMinute, outcome);
        return next(
          tooMany(res, outcome, `more than ${perKeyPerMinute} requests a minute with this API key`),
        );
      }
      next();
    },
  };
}
