import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/core.ts';
import { useHeadlessAndBrowser } from '../helpers/e2e.ts';
import { startHeadless } from '../helpers/headless.ts';

const env = useHeadlessAndBrowser();
// The first call-out renders the chime and the speech with espeak-ng and sox.
const wait = { timeout: 25_000 };


async function post<T = unknown>(path: string, body: unknown = {}, token?: string): Promise<T> {
  const res = await fetch(`${env.core().url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  const json = (await res.json()) as { ok: boolean; value: T; error?: unknown };
  if (!json.ok) throw new Error(`${path}: ${JSON.stringify(json.error)}`);
  return json.value;
}

describe('hall display in Chromium', () => {
  it('a call shows the number at its counter and offers a WAV call-out in an <audio> element', async () => {
    const hall = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await hall.goto(`${env.core().url}/display`);
    await expect.poll(() => hall.locator('[data-testid=hall-waiting-ho-tich]').textContent(), wait).toContain('0');
    expect(await hall.locator('audio[data-testid=call-audio]').getAttribute('src')).toBeNull();

    const { token } = await post<{ token: string }>('/api/login', { role: 'counter', pin: '1111' });
    await post('/api/tickets', { serviceId: 'ho-tich' });
    await expect.poll(() => hall.locator('[data-testid=hall-waiting-ho-tich]').textContent(), wait).toContain('1');
    await post('/api/counters/1/open', {}, token);
    const called = await post<{ number: string }>('/api/counters/1/call-next', {}, token);
    expect(called.number).toBe('A001');

    await expect.poll(() => hall.locator('[data-testid=hall-counter-1]').textContent(), wait).toContain('A001');
    await expect.poll(() => hall.locator('[data-testid=hall-latest]').textContent(), wait).toBe('Mời công dân có số thứ tự A001 đến quầy số 1');
    await expect.poll(() => hall.locator('[data-testid=hall-recent]').textContent(), wait).toContain('A001');
    await expect.poll(() => hall.locator('[data-testid=hall-waiting-ho-tich]').textContent(), wait).toContain('0');

    await expect.poll(() => hall.locator('audio[data-testid=call-audio]').getAttribute('src'), wait).toMatch(/^\/voice\/[0-9a-f]{32}\.wav$/);
    const src = (await hall.locator('audio[data-testid=call-audio]').getAttribute('src'))!;
    const res = await fetch(`${env.core().url}${src}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    const wav = Buffer.from(await res.arrayBuffer());
    expect(wav.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(wav.subarray(8, 12).toString('ascii')).toBe('WAVE');
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    expect(wav.length).toBeGreaterThan(44 + 22_050); // chime + speech: well over a second of 16-bit audio

    // only clip names the voice renderer accepts are served
    expect((await fetch(`${env.core().url}/voice/..%2F..%2Fletan.db`)).status).toBe(404);
    expect((await fetch(`${env.core().url}/voice/${'0'.repeat(32)}.wav`)).status).toBe(404);
    expect((await fetch(`${env.core().url}/voice/letan.db`)).status).toBe(404);

    // the display needs no login, and its voice is reported healthy on the supervisor's dashboard
    const { token: sup } = await post<{ token: string }>('/api/login', { role: 'supervisor', pin: '2222' });
    const d = await fetch(`${env.core().url}/api/supervisor/dashboard`, { headers: { authorization: `Bearer ${sup}` } });
    const dash = (await d.json()) as { value: { devices: { deviceId: string; state: string }[] } };
    expect(dash.value.devices.find((x) => x.deviceId === 'voice')?.state).toBe('ready');
  });

  // Two real clips (chime + speech, repeated) play in turn: about 20 s of audio on its own.
  it('plays call-outs one at a time: a second call waits for the first clip', { timeout: 90_000 }, async () => {
    const hall = await env.browser().newPage({ viewport: { width: 1280, height: 720 } });
    await hall.goto(`${env.core().url}/display`);
    await expect.poll(() => hall.locator('[data-testid=hall-counter-1]').textContent(), wait).toContain('A001');
    // Record, for each clip the page starts, how many clips had played to their end before it.
    await hall.evaluate(() => {
      const w = window as unknown as { endedBefore: number[]; srcs: string[] };
      w.endedBefore = [];
      w.srcs = [];
      let ended = 0;
      const el = document.querySelector('audio[data-testid=call-audio]') as HTMLAudioElement;
      el.addEventListener('playing', () => {
        w.endedBefore.push(ended);
        w.srcs.push(el.currentSrc);
      });
      el.addEventListener('ended', () => (ended += 1));
    });
    const { token } = await post<{ token: string }>('/api/login', { role: 'counter', pin: '1111' });
    await post('/api/tickets', { serviceId: 'chung-thuc' });
    await post('/api/tickets', { serviceId: 'chung-thuc' });
    await post('/api/counters/4/open', {}, token);
    await post('/api/counters/4/call-next', {}, token);
    await post('/api/counters/1/call-next', {}, token); // counter 1 serves chung-thuc too
    await expect.poll(() => hall.locator('[data-testid=hall-calls]').textContent(), wait).toMatch(/B00[12][\s\S]*B00[12]/);
    // Playwright's Chromium allows sound without a tap (as a hall TV's kiosk browser must be set up to).
    expect(await hall.getByRole('button', { name: /Bật âm thanh/ }).count()).toBe(0);
    await expect.poll(() => hall.evaluate(() => (window as unknown as { endedBefore: number[] }).endedBefore), { timeout: 45_000 }).toEqual([0, 1]);
    const srcs = await hall.evaluate(() => (window as unknown as { srcs: string[] }).srcs);
    expect(new Set(srcs).size).toBe(2); // two different call-outs, the second only after the first ended
  });
});

describe('hall display without espeak-ng', () => {
  it('still shows the call, without a clip, and the dashboard lists the voice as a device in trouble', { timeout: 90_000 }, async () => {
    const dir = tempDir();
    // No espeak-ng or sox on the PATH: as on a box where the Debian packages were never installed.
    const bare = await startHeadless(['--data-dir', dir.dir], { PATH: '/nonexistent' });
    try {
      const hall = await env.browser().newPage({ viewport: { width: 1280, height: 720 } });
      await hall.goto(`${bare.url}/display`);
      await expect.poll(() => hall.locator('[data-testid=hall-waiting-ho-tich]').textContent(), wait).toContain('0');
      const login = async (role: string, pin: string) =>
        ((await (await fetch(`${bare.url}/api/login`, { method: 'POST', body: JSON.stringify({ role, pin }) })).json()) as { value: { token: string } }).value.token;
      const token = await login('counter', '1111');
      const call = (path: string, body: unknown = {}) => fetch(`${bare.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      await call('/api/tickets', { serviceId: 'ho-tich' });
      await call('/api/counters/2/open');
      await call('/api/counters/2/call-next');
      await expect.poll(() => hall.locator('[data-testid=hall-counter-2]').textContent(), wait).toContain('A001');
      await expect.poll(() => hall.locator('[data-testid=hall-latest]').textContent(), wait).toBe('Mời công dân có số thứ tự A001 đến quầy số 2');
      expect(await hall.locator('audio[data-testid=call-audio]').getAttribute('src')).toBeNull();

      const sup = await login('supervisor', '2222');
      const voice = async () => {
        const r = (await (await fetch(`${bare.url}/api/supervisor/dashboard`, { headers: { authorization: `Bearer ${sup}` } })).json()) as {
          value: { devices: { deviceId: string; state: string; trouble: boolean; message: string | null }[] };
        };
        return r.value.devices.find((d) => d.deviceId === 'voice');
      };
      await expect.poll(voice, wait).toMatchObject({ state: 'error', trouble: true });
      expect((await voice())!.message).toMatch(/^Không phát được lời gọi số \(tool-missing/);
    } finally {
      // Stopping takes ~30 s here: Node keeps spawn()'s `timeout` timer alive when the binary is missing
      // (voice/run-tool.ts passes one), so the process lingers that long after its work is done.
      await bare.stop();
      dir.remove();
    }
  });
});
