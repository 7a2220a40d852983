import type { Browser, Page } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/core.ts';
import { byTestIdText, useHeadlessAndBrowser } from '../helpers/e2e.ts';
import { fixtureDecision, writeDecisionFile } from '../helpers/holiday-fixtures.ts';

// The core starts with a day-off decisions folder holding one refused file (a TEST FIXTURE with an impossible
// date): the dashboard must show it, whatever today's date (the missing-year notice depends on the date and is
// checked with a manual clock in tests/unit/supervision-service.test.ts).
const decisions = tempDir('letan-decisions-');
const configFile = join(decisions.dir, 'config.json');
beforeAll(() => {
  writeDecisionFile(join(decisions.dir, 'holidays'), 'vn-2030.json', fixtureDecision(2030, { breaks: [{ from: '2030-02-30', to: '2030-03-01', name: 'x', replaces: [] }] }));
  writeFileSync(configFile, JSON.stringify({ calendar: { decisionsDir: join(decisions.dir, 'holidays') } }));
});
afterAll(() => decisions.remove());
const env = useHeadlessAndBrowser(['--config', configFile]);
const wait = { timeout: 15_000 };


async function api<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown, token?: string): Promise<{ status: number; ok: boolean; value: T; error?: { messageVi?: string } }> {
  const res = await fetch(`${env.core().url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json()) as { ok: boolean; value: T; error?: { messageVi?: string } };
  return { status: res.status, ...json };
}
const login = async (role: string, pin: string) => (await api<{ token: string }>('POST', '/api/login', { role, pin })).value.token;
const text = byTestIdText;

describe('supervisor dashboard in Chromium', () => {
  it('follows the hall live, closes a counter, sets a quota, and a notice reaches the hall display', async () => {
    const page = await env.browser().newPage({ viewport: { width: 1600, height: 1200 } });
    await page.goto(`${env.core().url}/supervisor`);
    await page.fill('[data-testid=pin]', '1111'); // the counter PIN is not a supervisor's
    await page.click('[data-testid=login]');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Mã PIN không đúng');
    await page.fill('[data-testid=pin]', '2222');
    await page.click('[data-testid=login]');
    await expect.poll(() => text(page, 'svc-waiting-ho-tich'), wait).toBe('0');
    await expect.poll(() => text(page, 'calendar-notice-bad-file'), wait).toContain('vn-2030.json: tệp ngày nghỉ không hợp lệ — breaks.0.from: ngày phải là YYYY-MM-DD có thật');

    // tickets issued elsewhere show up without a reload
    await api('POST', '/api/tickets', { serviceId: 'ho-tich' });
    await api('POST', '/api/tickets', { serviceId: 'ho-tich' });
    await expect.poll(() => text(page, 'svc-waiting-ho-tich'), wait).toBe('2');

    // a counter opens and calls: the dashboard follows
    const counter = await login('counter', '1111');
    expect((await api('POST', '/api/counters/1/open', {}, counter)).ok).toBe(true);
    await expect.poll(() => text(page, 'counter-status-1'), wait).toBe('Sẵn sàng');
    expect((await api('POST', '/api/counters/1/call-next', {}, counter)).ok).toBe(true);
    await expect.poll(() => text(page, 'svc-waiting-ho-tich'), wait).toBe('1');
    await expect.poll(() => text(page, 'counter-status-1'), wait).toBe('Đang phục vụ');

    // the supervisor closes counter 1 from the dashboard
    await page.click('[data-testid=close-counter-1]');
    await expect.poll(() => text(page, 'counter-status-1'), wait).toBe('Đóng');
    const snap = await api<{ counters: { id: string; open: boolean }[] }>('GET', '/api/queue');
    expect(snap.value.counters.find((c) => c.id === '1')!.open).toBe(false);

    // a daily quota of 1 for Chứng thực: the second ticket is refused in Vietnamese
    await page.fill('[data-testid=quota-input-chung-thuc]', '1');
    await page.click('[data-testid=quota-set-chung-thuc]');
    await expect.poll(() => text(page, 'quota-chung-thuc'), wait).toBe('0/1 *');
    expect((await api('POST', '/api/tickets', { serviceId: 'chung-thuc' })).ok).toBe(true);
    const refused = await api('POST', '/api/tickets', { serviceId: 'chung-thuc' });
    expect(refused.status).toBe(409);
    expect(refused.error?.messageVi).toMatch(/hết số thứ tự/);
    await expect.poll(() => text(page, 'quota-chung-thuc'), wait).toBe('1/1 *');

    // a notice, broadcast from the steering tab, scrolls on the hall display
    const hall = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await hall.goto(`${env.core().url}/display`);
    await expect.poll(() => text(hall, 'hall-waiting-ho-tich'), wait).toContain('1');
    await page.click('[data-testid=tab-steering]');
    await page.fill('[data-testid=notice-text]', 'Hệ thống điện tạm gián đoạn, mời quý vị vui lòng chờ trong giây lát.');
    await page.click('[data-testid=notice-send]');
    await expect.poll(() => text(hall, 'hall-notices'), wait).toContain('Hệ thống điện tạm gián đoạn');
    await expect.poll(() => text(page, 'notice-list'), wait).toContain('Hệ thống điện tạm gián đoạn');

    // the dashboard is the supervisor's only
    expect((await api('GET', '/api/supervisor/dashboard', undefined, counter)).status).toBe(403);
  });

  it('rates a served ticket at the counter’s screen, once', async () => {
    const counter = await login('counter', '1111');
    await api('POST', '/api/counters/2/open', { serviceIds: ['ly-lich-tu-phap'] }, counter);
    const t = await api<{ id: number; number: string; publicId: string }>('POST', '/api/tickets', { serviceId: 'ly-lich-tu-phap' });
    await api('POST', '/api/counters/2/call-next', {}, counter);
    const screen = await env.browser().newPage({ viewport: { width: 1024, height: 768 } });
    await screen.goto(`${env.core().url}/rate?counter=2`);
    await screen.fill('[data-testid=pin]', '1111');
    await screen.click('[data-testid=login]');
    await expect.poll(() => screen.locator('[data-testid=rating]').textContent(), wait).toContain('Xin kính chào');
    await api('POST', `/api/tickets/${t.value.id}/served`, {}, counter);
    await expect.poll(() => text(screen, 'rating-number'), wait).toBe(t.value.number);
    await screen.click('[data-testid=rate-very_satisfied]');
    await expect.poll(() => text(screen, 'rating-thanks'), wait).toContain('Rất hài lòng');
    const again = await api('POST', `/api/tickets/${t.value.publicId}/rating`, { level: 'dissatisfied' });
    expect(again.status).toBe(409);
    const supervisor = await login('supervisor', '2222');
    const d = await api<{ services: { id: string; satisfaction: { very_satisfied: number } }[] }>('GET', '/api/supervisor/dashboard', undefined, supervisor);
    expect(d.value.services.find((s) => s.id === 'ly-lich-tu-phap')!.satisfaction.very_satisfied).toBe(1);
  });

  it('exports the day’s report as CSV (BOM, Vietnamese) and PDF, for supervisors only', async () => {
    const supervisor = await login('supervisor', '2222');
    const day = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const q = `period=day&date=${day}&groupBy=service`;
    const csv = await fetch(`${env.core().url}/exports/report.csv?${q}`, { headers: { authorization: `Bearer ${supervisor}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain(`bao-cao-day-service-${day}.csv`);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = new TextDecoder().decode(bytes);
    expect(body).toContain('Hộ tịch,');
    expect(body).toContain('Tổng cộng,');
    const pdf = await fetch(`${env.core().url}/exports/report.pdf?${q}`, { headers: { authorization: `Bearer ${supervisor}` } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await fetch(`${env.core().url}/exports/report.csv?${q}`)).status).toBe(401);
    expect((await fetch(`${env.core().url}/exports/report.csv?period=year&date=${day}&groupBy=service`, { headers: { authorization: `Bearer ${supervisor}` } })).status).toBe(400);

    const page = await env.browser().newPage({ viewport: { width: 1600, height: 1200 } });
    await page.goto(`${env.core().url}/supervisor`);
    await page.fill('[data-testid=pin]', '2222');
    await page.click('[data-testid=login]');
    await page.click('[data-testid=tab-reports]');
    await expect.poll(() => page.locator('[data-testid=report-table]').textContent(), wait).toContain('Hộ tịch');
    expect(await page.locator('[data-testid=reports] svg').count()).toBe(3);
    const download = page.waitForEvent('download');
    await page.click('[data-testid=export-csv]');
    expect((await download).suggestedFilename()).toBe(`bao-cao-day-service-${day}.csv`);
  });
});
