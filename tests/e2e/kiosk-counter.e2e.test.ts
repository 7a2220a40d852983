import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useHeadlessAndBrowser } from '../helpers/e2e.ts';

const env = useHeadlessAndBrowser();


describe('kiosk and counter in Chromium', () => {
  it('a citizen taps through to a ticket, a counter calls it, and the kiosk’s waiting count drops live', async () => {
    const kiosk = await env.browser().newPage({ viewport: { width: 1280, height: 1000 } });
    await kiosk.goto(`${env.core().url}/`);
    await expect.poll(() => kiosk.locator('[data-testid=waiting-ho-tich]').textContent()).toContain('0 người đang chờ');
    await kiosk.click('[data-testid=service-ho-tich]');
    await kiosk.click('[data-testid=take-number]');
    await kiosk.click('[data-testid=priority-elderly]');
    await expect.poll(() => kiosk.locator('[data-testid=ticket-number]').textContent()).toBe('A001');
    await expect.poll(() => kiosk.locator('[data-testid=print-status]').getAttribute('data-state')).toBe('done');
    expect(await kiosk.locator('.qr svg').count()).toBe(1);
    await kiosk.getByRole('button', { name: 'Về trang chủ' }).click();
    await expect.poll(() => kiosk.locator('[data-testid=waiting-ho-tich]').textContent()).toContain('1 người đang chờ');

    const counter = await env.browser().newPage();
    await counter.goto(`${env.core().url}/counter`);
    await counter.fill('[data-testid=pin]', '0000');
    await counter.click('[data-testid=login]');
    await expect.poll(() => counter.getByRole('alert').textContent()).toContain('Mã PIN không đúng');
    await counter.fill('[data-testid=pin]', '1111');
    await counter.click('[data-testid=login]');
    await counter.click('[data-testid=counter-1]');
    await counter.click('[data-testid=open-counter]');
    await expect.poll(() => counter.locator('[data-testid=counter-state]').textContent()).toBe('Đang mở');
    await expect.poll(() => counter.locator('[data-testid=my-waiting]').textContent()).toBe('1');
    await counter.click('[data-testid=call-next]');
    await expect.poll(() => counter.locator('[data-testid=current-number]').textContent()).toBe('A001');
    expect(await counter.locator('.badge-priority').first().textContent()).toContain('Người cao tuổi');
    // The priority was only declared at the kiosk: staff check it face to face. Not eligible → back in the queue.
    expect(await counter.locator('[data-testid=priority-check]').getAttribute('data-status')).toBe('unchecked');
    expect(await counter.locator('[data-testid=priority-check]').textContent()).toContain('công dân tự khai');
    await counter.click('[data-testid=priority-reject]');
    await expect.poll(() => counter.locator('[data-testid=current-number]').textContent()).toBe('—');
    await expect.poll(() => counter.locator('[data-testid=my-waiting]').textContent()).toBe('1');
    await counter.click('[data-testid=call-next]');
    await expect.poll(() => counter.locator('[data-testid=current-number]').textContent()).toBe('A001');
    expect(await counter.locator('[data-testid=priority-check]').getAttribute('data-status')).toBe('rejected');
    expect(await counter.locator('[data-testid=priority-confirm]').count()).toBe(0);

    // the kiosk follows without a reload
    await expect.poll(() => kiosk.locator('[data-testid=waiting-ho-tich]').textContent()).toContain('0 người đang chờ');
    await counter.click('[data-testid=skip]');
    await expect.poll(() => counter.locator('[data-testid=current-number]').textContent()).toBe('—');
    await expect.poll(() => counter.getByRole('button', { name: 'Gọi lại' }).count()).toBeGreaterThan(1);
  });

  it('the ticket’s QR link opens its live status', async () => {
    const res = await fetch(`${env.core().url}/api/tickets`, { method: 'POST', body: JSON.stringify({ serviceId: 'chung-thuc' }) });
    const { value } = (await res.json()) as { value: { statusUrl: string; number: string } };
    const phone = await env.browser().newPage({ viewport: { width: 390, height: 800 } });
    await phone.goto(value.statusUrl);
    await expect.poll(() => phone.locator('.ticket-number').textContent()).toBe(value.number);
    await expect.poll(() => phone.locator('[data-testid=status]').textContent()).toContain('Đang chờ');
  });

  it('switches to English', async () => {
    const kiosk = await env.browser().newPage();
    await kiosk.goto(`${env.core().url}/`);
    await kiosk.click('[data-testid=lang]');
    await expect.poll(() => kiosk.locator('h1').textContent()).toBe('Touch the service you need');
  });
});
