import { describe, expect, it } from 'vitest';
import { createAuth, hashPin, verifyPin } from '../../main/core/auth/auth.ts';
import type { Ticket } from '../../main/contract/schemas.ts';
import { citizen, manualClock, ok, tempDir, testCore } from '../helpers/core.ts';

describe('PIN hashes', () => {
  it('verifies the right PIN only, and never stores the PIN', () => {
    const h = hashPin('482913');
    expect(h).toMatch(/^scrypt:/);
    expect(h).not.toContain('482913');
    expect(verifyPin('482913', h)).toBe(true);
    expect(verifyPin('482914', h)).toBe(false);
    expect(verifyPin('482913', 'plain:482913')).toBe(false);
  });
});

describe('named staff accounts', () => {
  const clock = manualClock('2026-03-02T01:00:00Z');
  const users = [
    { id: 'lan.nt', name: 'Nguyễn Thị Lan', role: 'counter' as const, pinHash: hashPin('246810') },
    { id: 'minh.tv', name: 'Trần Văn Minh', role: 'supervisor' as const, pinHash: hashPin('135790') },
  ];
  const auth = () => createAuth({ clock, pins: { counter: '1111', supervisor: '2222', technician: '3333' }, users, tokenTtlMinutes: 60 });

  it('logs a user in under their own id, only for their own role', () => {
    const a = auth();
    const s = a.login('counter', '246810', 'o1', 'lan.nt');
    expect(a.callerOf(s.token)).toEqual({ role: 'counter', actor: 'lan.nt' });
    expect(() => a.login('supervisor', '246810', 'o2', 'lan.nt')).toThrow(/wrong staff id, PIN or role/);
    expect(() => a.login('counter', '000000', 'o3', 'lan.nt')).toThrow(/wrong staff id/);
    expect(() => a.login('counter', '246810', 'o4', 'nobody')).toThrow(/wrong staff id/);
    // the shared role PIN still works, and acts as the role
    expect(a.callerOf(a.login('counter', '1111', 'o5').token)).toEqual({ role: 'counter', actor: 'counter' });
  });

  it('records the user on the ticket history and in the audit log', async () => {
    const d = tempDir();
    const core = testCore({ dataDir: d.dir, clock, config: { auth: { users } } });
    try {
      const session = await ok<{ token: string }>(core.dispatch('login', { role: 'counter', pin: '246810', userId: 'lan.nt' }, citizen));
      const caller = { ...core.auth.callerOf(session.token), origin: '10.0.0.7' };
      await ok<Ticket>(core.dispatch('issueTicket', { serviceId: 'ho-tich' }, citizen));
      await ok(core.dispatch('openCounter', { counterId: '1' }, caller));
      const t = await ok<Ticket>(core.dispatch('callNext', { counterId: '1' }, caller));
      expect(core.db.prepare("SELECT actor FROM ticket_events WHERE ticket_id = ? AND kind = 'called'").get(t.id)).toEqual({ actor: 'lan.nt' });
      expect(core.db.prepare("SELECT actor, role, origin FROM audit_log WHERE action = 'callNext'").get()).toEqual({ actor: 'lan.nt', role: 'counter', origin: '10.0.0.7' });
    } finally {
      await core.close();
      d.remove();
    }
  });

  it('refuses a config user whose PIN is not hashed', async () => {
    const { parseConfig } = await import('../../main/core/config/load.ts');
    expect(() => parseConfig({ auth: { users: [{ id: 'x1', name: 'X', role: 'counter', pinHash: '1234' }] } })).toThrow(/auth\.users\.0\.pinHash/);
  });
});
