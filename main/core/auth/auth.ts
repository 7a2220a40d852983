import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../contract/result.ts';
import type { Role, Session } from '../../contract/schemas.ts';
import type { Clock } from '../util/clock.ts';

type StaffRole = Exclude<Role, 'citizen'>;

/** A named staff account: its actions are audited and reported under its id, not just its role. */
export interface StaffUser {
  id: string;
  name: string;
  role: StaffRole;
  /** `scrypt:<salt base64>:<key base64>`, made by `letan hash-pin`. */
  pinHash: string;
}

export interface AuthOptions {
  clock: Clock;
  /** Shared PIN per role (small centers); named users below are preferred. */
  pins: Record<StaffRole, string>;
  users?: readonly StaffUser[];
  tokenTtlMinutes: number;
  /** Failed logins allowed per origin before it must wait. */
  maxFailures?: number;
  lockoutMinutes?: number;
}

export interface Caller {
  role: Role;
  /** Who acts: a named user's id, else the role's name. */
  actor: string;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const SCRYPT_KEYLEN = 32;

/** Hashes a PIN for the config file; PINs are short, so scrypt's cost is what protects a leaked config. */
export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  return `scrypt:${salt.toString('base64')}:${scryptSync(pin, salt, SCRYPT_KEYLEN).toString('base64')}`;
}

export function verifyPin(pin: string, stored: string): boolean {
  const [scheme, salt, key] = stored.split(':');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = scryptSync(pin, Buffer.from(salt, 'base64'), expected.length);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Staff sessions: short-lived random tokens, kept in memory (a restart logs everyone out, by design). */
export function createAuth(opts: AuthOptions) {
  const sessions = new Map<string, { role: StaffRole; actor: string; expires: number }>();
  const failures = new Map<string, { count: number; until: number }>();
  const users = new Map((opts.users ?? []).map((u) => [u.id, u]));
  const maxFailures = opts.maxFailures ?? 5;
  const lockoutMs = (opts.lockoutMinutes ?? 5) * 60_000;

  function check(role: StaffRole, pin: string, userId: string | undefined): { actor: string } | null {
    if (userId === undefined) return sameSecret(pin, opts.pins[role]) ? { actor: role } : null;
    const user = users.get(userId);
    // Same work whether or not the user exists, so a wrong id and a wrong PIN look alike from outside.
    const ok = verifyPin(pin, user?.pinHash ?? hashPin('', Buffer.alloc(16)));
    return user && ok && user.role === role ? { actor: user.id } : null;
  }

  return {
    login(role: StaffRole, pin: string, origin: string, userId?: string): Session {
      const now = opts.clock.now().getTime();
      const f = failures.get(origin);
      if (f && f.count >= maxFailures && f.until > now) {
        throw new AppError('rate_limited', `too many failed logins from ${origin}; try again after ${new Date(f.until).toISOString()}`, 'Nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.');
      }
      const ok = check(role, pin, userId);
      if (!ok) {
        const count = (f && f.until > now ? f.count : 0) + 1;
        failures.set(origin, { count, until: now + lockoutMs });
        throw new AppError('unauthorized', userId ? 'wrong staff id, PIN or role' : 'wrong PIN', userId ? 'Mã nhân viên hoặc mã PIN không đúng.' : 'Mã PIN không đúng.');
      }
      failures.delete(origin);
      const token = randomBytes(24).toString('base64url');
      const expires = now + opts.tokenTtlMinutes * 60_000;
      sessions.set(token, { role, actor: ok.actor, expires });
      return { token, role, expiresAt: new Date(expires).toISOString() };
    },

    /** Who is calling: a valid token's user and role, otherwise a citizen. */
    callerOf(token: string | undefined): Caller {
      const s = token ? sessions.get(token) : undefined;
      if (!s) return { role: 'citizen', actor: 'citizen' };
      if (s.expires <= opts.clock.now().getTime()) {
        sessions.delete(token!);
        return { role: 'citizen', actor: 'citizen' };
      }
      return { role: s.role, actor: s.actor };
    },

    roleOf(token: string | undefined): Role {
      return this.callerOf(token).role;
    },
  };
}
export type Auth = ReturnType<typeof createAuth>;
