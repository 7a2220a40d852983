import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnameseDate } from '../../renderer/src/pages/kiosk/format.ts';
import { launchChromium } from '../helpers/browser.ts';
import { tempDir } from '../helpers/core.ts';
import { type Headless, startHeadless } from '../helpers/headless.ts';
import { loadProfile } from '../../drivers/printer/profile.ts';
import { openPtyPair, type PtyPair } from '../helpers/pty.ts';
import { startVirtualPrinter, type VirtualPrinter } from '../helpers/virtual-printer.ts';
import { expectedAppointment, startDossier, tapKeys, wedgeScanUntil, writeConfig } from './kiosk-helpers.ts';
import { byTestIdText } from '../helpers/e2e.ts';

// Cấp lại văn bản xác nhận thông báo hoạt động bưu chính: 7 working days, 500.000 đồng, two documents.
const SERVICE = 'buu-chinh-vien-thong';
const PROCEDURE = '1.005442';
const DAYS = 7;
const QR = (id: string, name: string, dob: string) => `${id}||${name}|${dob}|Nữ|Số 5 Lê Lợi, Phường Thuận Hoá, Huế|15082021`;

let browser: Browser;
let core: Headless;
let data: ReturnType<typeof tempDir>;
let pty: PtyPair;
let printer: VirtualPrinter;

beforeAll(async () => {
  data = tempDir();
  // The receipt prints on a virtual ESC/POS printer at the end of a real pty.
  pty = await openPtyPair();
  printer = await startVirtualPrinter(pty.peerPath, loadProfile('epson-tm-t88'));
  // The core runs on the real clock: expected appointments are computed from the time of submitting.
  const config = writeConfig(data.dir, {
    center: { unitId: '000.00.12.H57' },
    kiosk: { inactivitySeconds: 15 },
    payment: { bankBin: '970436', account: '0011001234567' },
    devices: { printer: { path: pty.devicePath, profile: 'epson-tm-t88' } },
  });
  core = await startHeadless(['--data-dir', data.dir, '--config', config]);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await core?.stop();
  await printer?.close();
  await pty?.close();
  data?.remove();
});

async function kiosk(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(`${core.url}/`);
  await page.waitForSelector(`[data-testid=service-${SERVICE}]`);
  return page;
}

const text = byTestIdText;

let dossierCode = '';

describe('a citizen submits a dossier at the kiosk', () => {
  it('types their identity with Telex, completes the dossier and gets the receipt with the right appointment', { timeout: 120_000 }, async () => {
    const page = await kiosk();
    await startDossier(page, SERVICE, PROCEDURE);
    await page.click('[data-testid=identity-type]');

    // Name with Telex on the on-screen keyboard (Telex is on by default).
    await page.click('[data-testid=field-name]');
    await tapKeys(page, 'Nguyeenx Thij Hoaf');
    expect(await page.getAttribute('[data-testid=field-name]', 'data-value')).toBe('Nguyễn Thị Hoà');
    await page.click('[data-testid=field-id]');
    expect(await page.getAttribute('[data-testid=keyboard]', 'data-mode')).toBe('numeric');
    await tapKeys(page, '046190001234');
    await page.click('[data-testid=field-dob]');
    await tapKeys(page, '01021990');
    expect(await text(page, 'field-dob')).toBe('01/02/1990');
    await page.click('[data-testid=field-address]');
    await tapKeys(page, '12 Lee Lowij, Huees');
    expect(await page.getAttribute('[data-testid=field-address]', 'data-value')).toBe('12 Lê Lợi, Huế');
    await page.click('[data-testid=identity-next]');

    expect(await text(page, 'confirm-name')).toBe('Nguyễn Thị Hoà');
    expect(await text(page, 'confirm-id')).toBe('046190001234');
    expect(await text(page, 'confirm-dob')).toBe('01/02/1990');
    await page.click('[data-testid=confirm-yes]');

    // Contact: phone on the keypad; the address comes from the identity.
    await page.waitForSelector('[data-testid=contact-step]');
    expect(await page.getAttribute('[data-testid=field-contact-address]', 'data-value')).toBe('12 Lê Lợi, Huế');
    await page.click('[data-testid=contact-next]');
    await expect.poll(() => page.locator('.kfield-error').first().textContent()).toContain('Số điện thoại');
    await page.click('[data-testid=field-phone]');
    await tapKeys(page, '0905123456');
    await page.click('[data-testid=contact-next]');

    await page.waitForSelector('[data-testid=documents-step]');
    expect(await page.locator('[data-testid=scan-slot]').textContent()).toContain('Quét giấy tờ');
    await page.click('[data-testid=doc-0-scanned]');
    await page.click('[data-testid=doc-1-original_at_counter]');
    await page.click('[data-testid=documents-next]');

    await page.click('[data-testid=delivery-post]');
    expect(await page.getAttribute('[data-testid=field-post-address]', 'data-value')).toBe('12 Lê Lợi, Huế');
    await page.click('[data-testid=delivery-next]');
    expect(await text(page, 'review-delivery')).toContain('12 Lê Lợi, Huế');

    const before = new Date();
    await page.click('[data-testid=submit-dossier]');
    await page.waitForSelector('[data-testid=receipt-screen]');
    const after = new Date();

    dossierCode = (await text(page, 'dossier-code')) ?? '';
    expect(dossierCode).toMatch(/^000\.00\.12\.H57-\d{6}-\d{4}$/);
    // The clock is not ours: the appointment is the one for the moment of submitting (either side of it).
    const expected = new Set([expectedAppointment(before, DAYS), expectedAppointment(after, DAYS)].map((d) => vietnameseDate(d)));
    expect(expected).toContain(await text(page, 'appointment'));
    expect(await text(page, 'appointment')).toMatch(/^Thứ (Hai|Ba|Tư|Năm|Sáu), ngày \d{2} tháng \d{1,2} năm \d{4}$/);
    expect(await text(page, 'fee')).toContain('500.000 đồng');
    expect(await page.locator('[data-testid=vietqr] .qr svg').count()).toBe(1);
    expect(await page.getAttribute('[data-testid=vietqr] .qr', 'data-qr')).toMatch(/^000201010212.*5406500000/);
    expect(await page.locator('[data-testid=vietqr]').textContent()).toContain('Quét mã bằng ứng dụng ngân hàng để nộp phí');
    await expect.poll(() => page.getAttribute('[data-testid=receipt-print-status]', 'data-state'), { timeout: 20_000 }).toBe('done');
    // The printed receipt carries the dossier code, the appointment and the fee's VietQR.
    const printed = printer.tickets.at(-1)!;
    const printedText = printed.items.flatMap((i) => (i.kind === 'text' ? [i.text] : [])).join('\n');
    expect(printedText).toContain(dossierCode);
    const shownDate = (await text(page, 'appointment'))!.replace(/^Thứ [^,]+, /, ''); // "ngày 08 tháng 5 năm 2026"
    expect(printedText.replace(/\s+/g, ' ')).toContain(shownDate);
    expect(printed.items.some((i) => i.kind === 'qr' && i.data.startsWith('000201010212'))).toBe(true);
    expect(printedText).not.toContain('?');
    // The receipt no longer shows the person.
    expect(await page.content()).not.toContain('046190001234');

    // Originals must be shown: a queue number for the counter.
    await page.click('[data-testid=receipt-take-number]');
    await expect.poll(() => text(page, 'ticket-number')).toMatch(/^[A-Z]{1,2}\d{3}$/);
    await page.close();
  });

  it('tells what is missing before queueing, and offers a queue number instead of submitting', async () => {
    const page = await kiosk();
    await startDossier(page, SERVICE, PROCEDURE);
    await wedgeScanUntil(page, QR('046180004321', 'Lê Văn Tám', '08081980'), '[data-testid=identity-confirm]');
    expect(await text(page, 'confirm-name')).toBe('Lê Văn Tám');
    await page.click('[data-testid=confirm-yes]');
    await page.click('[data-testid=field-phone]');
    await tapKeys(page, '0912345678');
    await page.click('[data-testid=contact-next]');
    await page.click('[data-testid=documents-next]');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Mời quý vị chọn cho tất cả giấy tờ');
    await page.click('[data-testid=doc-0-scanned]');
    await page.click('[data-testid=doc-1-missing]');
    await page.click('[data-testid=documents-next]');
    await page.waitForSelector('[data-testid=missing-step]');
    const missing = await text(page, 'missing-list');
    expect(missing).toContain('Bản gốc văn bản xác nhận thông báo hoạt động bưu chính');
    expect(missing).not.toContain('Giấy đề nghị');
    await page.click('[data-testid=missing-take-number]');
    await expect.poll(() => text(page, 'ticket-number')).toMatch(/^[A-Z]{1,2}\d{3}$/);
    await page.close();
  });

  it('looks up the dossier by its typed code and by a scanned receipt QR, with the age of the kiosk’s own copy', async () => {
    expect(dossierCode).not.toBe('');
    const page = await kiosk();
    await page.click('[data-testid=home-status]');
    await tapKeys(page, dossierCode.toLowerCase()); // typed in small letters: the kiosk writes the code in capitals
    await page.click('[data-testid=status-search]');
    await page.waitForSelector('[data-testid=status-result]');
    expect(await text(page, 'status-text')).toBe('Đã tiếp nhận tại ki-ốt, đang chờ chuyển lên hệ thống một cửa');
    expect(await text(page, 'status-payment')).toBe('Chưa nộp phí');
    expect(await text(page, 'status-appointment')).toMatch(/^Thứ .+, ngày \d{2} tháng \d{1,2} năm \d{4} lúc \d{2}:\d{2}$/);
    expect(await text(page, 'status-offline')).toMatch(/^Thông tin lúc \d{2}:\d{2}, hệ thống một cửa tạm thời không kết nối được$/);

    // From the home screen, the receipt's QR (the dossier code) read by a wedge scanner opens its status.
    await page.click('.link-button');
    await page.waitForSelector(`[data-testid=service-${SERVICE}]`);
    await wedgeScanUntil(page, dossierCode, '[data-testid=status-result]');
    expect(await page.locator('[data-testid=status-result] .dossier-code').textContent()).toBe(dossierCode);

    // An unknown code says so in Vietnamese.
    await page.click('[data-testid=field-code]');
    await wedgeScanUntil(page, 'https://dichvucong.example/tra-cuu?ma=000.00.12.H57-200101-9999', '[data-testid=status-error]');
    expect(await text(page, 'status-error')).toBe('Không tìm thấy hồ sơ với mã này.');
    await page.close();
  });
});

describe('keyboard-wedge scanner', () => {
  it('a CCCD QR burst becomes the identity, never text in a field, while a person’s typing still reaches the field', async () => {
    const page = await kiosk();
    await startDossier(page, SERVICE, PROCEDURE);
    await page.click('[data-testid=identity-type]');
    await page.click('[data-testid=field-name]');
    await page.keyboard.type('Lan', { delay: 120 }); // a person on a physical keyboard
    await expect.poll(() => page.getAttribute('[data-testid=field-name]', 'data-value')).toBe('Lan');
    // Should a stalled try have let part of the burst through, the field would show it: fail on that.
    await wedgeScanUntil(page, QR('046190007777', 'Trần Thị Ngọc Hương', '29021960'), '[data-testid=identity-confirm]', async () => {
      expect(await page.getAttribute('[data-testid=field-name]', 'data-value')).toBe('Lan');
    });
    expect(await text(page, 'confirm-name')).toBe('Trần Thị Ngọc Hương');
    expect(await text(page, 'confirm-id')).toBe('046190007777');
    expect(await text(page, 'confirm-dob')).toBe('29/02/1960');
    expect(await text(page, 'confirm-address')).toBe('Số 5 Lê Lợi, Phường Thuận Hoá, Huế');
    expect(await page.inputValue('[data-testid=key-sink]')).toBe('');
    expect(await page.locator('[data-testid=field-name]').count()).toBe(0);
    await page.close();
  });

  it('a burst that is not a card gives a Vietnamese message and a way on', async () => {
    const page = await kiosk();
    await startDossier(page, SERVICE, PROCEDURE);
    await wedgeScanUntil(page, '001093047064|123|Nguyễn Văn Ánh|05011993|Nam|Hà Nội|15082021', '[data-testid=identity-error]:has-text("Số CMND cũ")');
    expect(await text(page, 'identity-error')).toContain('Không đọc được thẻ: Số CMND cũ');
    expect(await page.locator('[data-testid=identity-type]').count()).toBe(1);
    await page.close();
  });

  it('suggests the elderly priority from the card’s date of birth; the citizen confirms and staff see the reason', { timeout: 60_000 }, async () => {
    const page = await kiosk();
    await page.click(`[data-testid=service-${SERVICE}]`);
    await page.click('[data-testid=take-number]');
    await page.click('[data-testid=priority-use-card]');
    await wedgeScanUntil(page, QR('046150001111', 'Phạm Văn Bảy', '02091950'), '[data-testid=identity-confirm]');
    await page.click('[data-testid=confirm-yes]');
    await expect.poll(() => text(page, 'elderly-suggestion')).toContain('thuộc diện ưu tiên người cao tuổi');
    await page.click('[data-testid=take-elderly]');
    await expect.poll(() => text(page, 'ticket-number')).toMatch(/^[A-Z]{1,2}\d{3}$/);
    const res = await fetch(`${core.url}/api/queue`);
    const q = (await res.json()) as { value: { waiting: { number: string; priority: string | null; priorityCheck: unknown }[] } };
    const number = await text(page, 'ticket-number');
    const mine = q.value.waiting.find((t) => t.number === number);
    expect(mine?.priority).toBe('elderly');
    // Staff will see that the claim rests on the card's date of birth, and still confirm it at the counter.
    expect(mine?.priorityCheck).toEqual({ claim: 'elderly', basis: 'card-birth-date', status: 'unchecked' });

    // One active ticket per person: the same card cannot take a second number for this service today.
    await page.click('.link-button');
    await page.click(`[data-testid=service-${SERVICE}]`);
    await page.click('[data-testid=take-number]');
    await page.click('[data-testid=priority-use-card]');
    await wedgeScanUntil(page, QR('046150001111', 'Phạm Văn Bảy', '02091950'), '[data-testid=identity-confirm]');
    await page.click('[data-testid=confirm-yes]');
    await page.click('[data-testid=no-priority]');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain(`Quý vị đã có số ${number}`);
    await page.close();
  });
});

describe('privacy', () => {
  it('asks "still there?" after inactivity, then wipes the person and goes home', { timeout: 60_000 }, async () => {
    const page = await kiosk();
    await startDossier(page, SERVICE, PROCEDURE);
    await wedgeScanUntil(page, QR('046170005555', 'Đỗ Thị Mười', '10101970'), '[data-testid=identity-confirm]');
    await page.click('[data-testid=confirm-yes]');
    await page.waitForSelector('[data-testid=contact-step]');
    expect(await page.getAttribute('[data-testid=field-contact-address]', 'data-value')).toBe('Số 5 Lê Lợi, Phường Thuận Hoá, Huế');
    await page.waitForSelector('[data-testid=still-there]', { timeout: 20_000 });
    expect(await text(page, 'still-there')).toContain('Quý vị vẫn đang sử dụng?');
    await page.waitForSelector('[data-testid=still-there]', { state: 'detached', timeout: 20_000 });
    await page.waitForSelector(`[data-testid=service-${SERVICE}]`);
    const html = await page.content();
    for (const trace of ['Đỗ Thị Mười', '046170005555', '10/10/1970', 'Số 5 Lê Lợi']) expect(html).not.toContain(trace);
    await page.close();
  });
});
