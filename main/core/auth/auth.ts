import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../contract/result.ts';
import type { Role, Session } from '../../contract/schemas.ts';
import type { Clock } from '../util/clock.ts';

export interface AuthOptions {
  clock: Clock;
  pins: Record<Exclude<Role, 'citizen'>, string>;
  tokenTtlMinutes: number;
  /** Failed logins allowed per origin before it must wait. */
  maxFailures?: number;
  lockoutMinutes?: number;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Staff sessions: short-lived random tokens, kept in memory (a restart logs everyone out, by design). */
export function createAuth(opts: AuthOptions) {
  const sessions = new Map<string, { role: Exclude<Role, 'citizen'>; expires: number }>();
  const failures = new Map<string, { count: number; until: number }>();
  const maxFailures = opts.maxFailures ?? 5;
  const lockoutMs = (opts.lockoutMinutes ?? 5) * 60_000;

  return {
    login(role: Exclude<Role, 'citizen'>, pin: string, origin: string): Session {
      const now = opts.clock.now().getTime();
      const f = failures.get(origin);
      if (f && f.count >= maxFailures && f.until > now) {
        throw new AppError('rate_limited', `too many failed logins from ${origin}; try again after ${new Date(f.until).toISOString()}`, 'Nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.');
      }
      if (!sameSecret(pin, opts.pins[role])) {
        const count = (f && f.until > now ? f.count : 0) + 1;
        failures.set(origin, { count, until: now + lockoutMs });
        throw new AppError('unauthorized', 'wrong PIN', 'Mã PIN không đúng.');
      }
      failures.delete(origin);
      const token = randomBytes(24).toString('base64url');
      const expires = now + opts.tokenTtlMinutes * 60_000;
      sessions.set(token, { role, expires });
      return { token, role, expiresAt: new Date(expires).toISOString() };
    },

    /** The caller's role: a valid token's, otherwise the citizen's. */
    roleOf(token: string | undefined): Role {
      if (!token) return 'citizen';
      const s = sessions.get(token);
      if (!s) return 'citizen';
      if (s.expires <= opts.clock.now().getTime()) {
        sessions.delete(token);
        return 'citizen';
      }
      return s.role;
    },
  };
}
export type Auth = ReturnType<typeof createAuth>;
