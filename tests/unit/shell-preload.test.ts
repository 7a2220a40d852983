import { build } from 'esbuild';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { operations } from '../../main/contract/operations.ts';
import { KIOSK_IPC_OPS } from '../../main/shell/ipc-ops.ts';
import { isEscapeShortcut } from '../../main/shell/lockdown.ts';

async function exposedByPreload(): Promise<{ api: Record<string, (i: unknown) => unknown>; invoked: [string, unknown][] }> {
  const out = await build({ entryPoints: ['preload/preload.ts'], bundle: true, write: false, platform: 'node', format: 'cjs', external: ['electron'] });
  const code = out.outputFiles[0]!.text;
  let api: Record<string, (i: unknown) => unknown> = {};
  const invoked: [string, unknown][] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (_name: string, value: typeof api) => (api = value) },
    ipcRenderer: { invoke: (ch: string, input: unknown) => invoked.push([ch, input]), on: () => undefined, removeListener: () => undefined },
  };
  const module = { exports: {} };
  runInNewContext(code, { module, exports: module.exports, require: (m: string) => { if (m !== 'electron') throw new Error(`preload may not require ${m}`); return electron; } });
  return { api, invoked };
}

describe('preload bridge', () => {
  it('exposes exactly one named method per kiosk operation, plus onEvent, and no generic send/invoke', async () => {
    const { api, invoked } = await exposedByPreload();
    expect(Object.keys(api).sort()).toEqual([...KIOSK_IPC_OPS, 'onEvent'].sort());
    for (const op of KIOSK_IPC_OPS) {
      expect(operations[op].roles).toContain('citizen');
      api[op]!({ x: 1 });
    }
    expect(invoked.map(([ch]) => ch)).toEqual(KIOSK_IPC_OPS.map((op) => `letan:${op}`));
  });

  it('keeps staff operations out of the kiosk window', () => {
    const staffOnly = Object.entries(operations).filter(([, d]) => !(d.roles as readonly string[]).includes('citizen')).map(([n]) => n);
    for (const op of staffOnly) expect(KIOSK_IPC_OPS as readonly string[]).not.toContain(op);
  });
});

describe('kiosk lockdown', () => {
  const key = (k: string, mods: Partial<{ control: boolean; alt: boolean; meta: boolean; shift: boolean }> = {}) => ({ key: k, control: false, alt: false, meta: false, shift: false, ...mods });
  it('swallows the shortcuts that leave, reload or inspect the kiosk', () => {
    expect(isEscapeShortcut(key('F4', { alt: true }))).toBe(true);
    expect(isEscapeShortcut(key('w', { control: true }))).toBe(true);
    expect(isEscapeShortcut(key('I', { control: true, shift: true }))).toBe(true);
    expect(isEscapeShortcut(key('F11'))).toBe(true);
    expect(isEscapeShortcut(key('r', { control: true }))).toBe(true);
  });
  it('lets ordinary typing through', () => {
    expect(isEscapeShortcut(key('a'))).toBe(false);
    expect(isEscapeShortcut(key('Enter'))).toBe(false);
    expect(isEscapeShortcut(key('ư'))).toBe(false);
  });
});
