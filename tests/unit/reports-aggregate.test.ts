import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateError, mean, p90, satisfaction, stat, summarize, summarizeBy, type TicketFact } from '../../main/core/reports/aggregate.ts';
import { CSV_BOM, csvField, reportCsv } from '../../main/core/reports/csv.ts';
import { reportPdf } from '../../main/core/reports/pdf.ts';
import { buildReport, type DatedFact, periodRange } from '../../main/core/reports/report.ts';
import { loadReceiptFonts } from '../../main/core/receipt/fonts.ts';

// 2026-03-02 is a Monday; times are UTC (Hà Nội = UTC+7), so 01:00Z is 08:00 local.
const at = (hhmm: string, day = '2026-03-02') => `${day}T${hhmm}:00.000Z`;
function fact(over: Partial<TicketFact>): TicketFact {
  return { serviceId: 'a', counterId: '1', staff: 'counter', state: 'served', issuedAt: at('01:00'), calledAt: at('01:10'), finishedAt: at('01:15'), estimate: null, rating: null, priority: null, ...over };
}

describe('statistics', () => {
  it('mean and p90 by nearest rank; nothing gives null, not 0', () => {
    expect(mean([])).toBeNull();
    expect(p90([])).toBeNull();
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    const tenToHundred = [100, 10, 20, 30, 40, 50, 60, 70, 80, 90];
    expect(p90(tenToHundred)).toBe(90); // ceil(0.9 × 10) = 9th value
    expect(p90([5])).toBe(5);
    expect(p90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toBe(10); // ceil(9.9) = 10th
    expect(stat([1, 2, 2])).toEqual({ count: 3, avg: 1.7, p90: 2 });
    expect(stat([])).toEqual({ count: 0, avg: null, p90: null });
  });

  it('summarises waits (issued→called), service times (called→finished, served only) and no-shows', () => {
    const facts = [
      fact({ issuedAt: at('01:00'), calledAt: at('01:10'), finishedAt: at('01:16') }), // wait 10, service 6
      fact({ issuedAt: at('01:00'), calledAt: at('01:20'), finishedAt: at('01:24') }), // wait 20, service 4
      fact({ state: 'no_show', issuedAt: at('01:05'), calledAt: at('01:35'), finishedAt: at('01:37') }), // wait 30, no service
      fact({ state: 'waiting', calledAt: null, finishedAt: null, staff: null }),
      fact({ state: 'called', issuedAt: at('01:30'), calledAt: at('01:30'), finishedAt: null, staff: null }), // wait 0
    ];
    const row = summarize('a', 'A', facts);
    expect(row.tickets).toBe(5);
    expect(row.served).toBe(2);
    expect(row.noShows).toBe(1);
    expect(row.wait).toEqual({ count: 4, avg: 15, p90: 30 });
    expect(row.service).toEqual({ count: 2, avg: 5, p90: 6 });
  });

  it('measures estimate accuracy as mean absolute error and bias over called tickets with an estimate', () => {
    const facts = [
      fact({ estimate: 10, issuedAt: at('01:00'), calledAt: at('01:14') }), // said 10, waited 14: −4
      fact({ estimate: 20, issuedAt: at('01:00'), calledAt: at('01:18') }), // said 20, waited 18: +2
      fact({ estimate: 5, state: 'waiting', calledAt: null, finishedAt: null }), // not called yet: not counted
      fact({ estimate: null }), // issued before estimates were recorded
    ];
    expect(estimateError(facts)).toEqual({ count: 2, mae: 3, bias: -1 });
    expect(estimateError([])).toEqual({ count: 0, mae: null, bias: null });
  });

  it('counts the four satisfaction levels and the satisfied share', () => {
    expect(satisfaction(['very_satisfied', 'satisfied', 'satisfied', 'dissatisfied', null])).toEqual({
      very_satisfied: 1,
      satisfied: 2,
      neutral: 0,
      dissatisfied: 1,
      total: 4,
      satisfiedShare: 0.75,
    });
    expect(satisfaction([]).satisfiedShare).toBeNull();
  });

  it('counts the priorities claimed and what the counters made of them', () => {
    const row = summarize('a', 'A', [fact({ priority: 'confirmed' }), fact({ priority: 'rejected' }), fact({ priority: 'unchecked' }), fact({ priority: 'confirmed' }), fact({})]);
    expect(row.priority).toEqual({ claimed: 4, confirmed: 2, rejected: 1, unchecked: 1 });
    expect(summarize('a', 'A', [fact({})]).priority).toEqual({ claimed: 0, confirmed: 0, rejected: 0, unchecked: 0 });
  });

  it('groups by a key, largest group first, unknown keys under a dash', () => {
    const rows = summarizeBy([fact({ counterId: '2' }), fact({ counterId: '1' }), fact({ counterId: '2' }), fact({ counterId: null })], (f) => f.counterId, (k) => `Quầy ${k}`);
    expect(rows.map((r) => [r.key, r.label, r.tickets])).toEqual([
      ['2', 'Quầy 2', 2],
      ['1', 'Quầy 1', 1],
      ['—', '—', 1],
    ]);
  });
});

describe('report periods and series', () => {
  it('a week runs Monday to Sunday; a month to its last day', () => {
    expect(periodRange('day', '2026-03-04')).toEqual({ from: '2026-03-04', to: '2026-03-04' });
    expect(periodRange('week', '2026-03-04')).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    expect(periodRange('week', '2026-03-08')).toEqual({ from: '2026-03-02', to: '2026-03-08' }); // a Sunday
    expect(periodRange('month', '2026-02-14')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodRange('month', '2028-02-14')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  const labels = { service: (id: string) => (id === 'a' ? 'Hộ tịch' : id), counter: (id: string) => `Quầy ${id}`, staff: (s: string) => s };
  const dated = (day: string, over: Partial<TicketFact>): DatedFact => ({ ...fact(over), day });

  it('per week per counter, with a tickets-per-day series and only days inside the period', () => {
    const facts = [
      dated('2026-03-02', { counterId: '1' }),
      dated('2026-03-02', { counterId: '2', rating: 'satisfied' }),
      dated('2026-03-04', { counterId: '1', state: 'no_show' }),
      dated('2026-03-09', { counterId: '1' }), // next week
    ];
    const r = buildReport({ period: 'week', date: '2026-03-05', groupBy: 'counter' }, facts, labels);
    expect(r.from).toBe('2026-03-02');
    expect(r.rows.map((x) => [x.label, x.tickets, x.noShows])).toEqual([
      ['Quầy 1', 2, 1],
      ['Quầy 2', 1, 0],
    ]);
    expect(r.total.tickets).toBe(3);
    expect(r.series.map((p) => p.tickets)).toEqual([2, 0, 1, 0, 0, 0, 0]);
    expect(r.series[0]!.label).toBe('02/03');
  });

  it('a single day is charted per hour of issue in Vietnam time', () => {
    const facts = [dated('2026-03-02', { issuedAt: at('01:05') }), dated('2026-03-02', { issuedAt: at('01:50') }), dated('2026-03-02', { issuedAt: at('06:10') })];
    const r = buildReport({ period: 'day', date: '2026-03-02', groupBy: 'service' }, facts, labels);
    const byHour = Object.fromEntries(r.series.map((p) => [p.label, p.tickets]));
    expect(byHour['8h']).toBe(2);
    expect(byHour['13h']).toBe(1);
    expect(byHour['7h']).toBe(0);
    expect(r.rows[0]!.label).toBe('Hộ tịch');
  });

  it('CSV for Excel: BOM, CRLF, quoted fields, Vietnamese headers, dot decimals, empty for no value', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(null)).toBe('');
    const r = buildReport({ period: 'day', date: '2026-03-02', groupBy: 'service' }, [dated('2026-03-02', { serviceId: 'x,y', rating: 'very_satisfied', priority: 'rejected' }), dated('2026-03-02', { serviceId: 'x,y', calledAt: at('01:07'), finishedAt: at('01:10') })], labels);
    const csv = reportCsv(r);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('Báo cáo theo ngày từ 2026-03-02 đến 2026-03-02');
    expect(lines[1]).toBe('Dịch vụ,Số vé,Đã phục vụ,Vắng mặt,Chờ TB (phút),Chờ P90 (phút),Phục vụ TB (phút),Phục vụ P90 (phút),Rất hài lòng,Hài lòng,Bình thường,Không hài lòng,Tỷ lệ hài lòng (%),Khai ưu tiên,Ưu tiên được xác nhận,Ưu tiên không đủ điều kiện,Ưu tiên chưa xét');
    expect(lines[2]).toBe('"x,y",2,2,0,8.5,10,4,5,1,0,0,0,100,1,0,1,0');
    expect(lines[3]).toBe('Tổng cộng,2,2,0,8.5,10,4,5,1,0,0,0,100,1,0,1,0');
    expect(lines[4]).toBe('');
  });

  it('PDF: Vietnamese text extracts intact (embedded Be Vietnam Pro)', async () => {
    const r = buildReport({ period: 'month', date: '2026-03-02', groupBy: 'service' }, [dated('2026-03-02', { rating: 'dissatisfied', priority: 'confirmed' })], labels);
    const bytes = await reportPdf(r, loadReceiptFonts(), 'Trung tâm Phục vụ hành chính công', '2026-03-31 17:00');
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'letan-report-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), bytes);
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('BÁO CÁO THEO THÁNG');
      expect(text).toContain('Trung tâm Phục vụ hành chính công');
      expect(text).toContain('Hộ tịch');
      expect(text).toContain('Tổng cộng');
      expect(text).toContain('Không hài lòng');
      expect(text).toContain('Số vé theo ngày');
      expect(text).toContain('Ưu tiên: 1 vé khai ưu tiên — 1 được xác nhận, 0 không đủ điều kiện, 0 chưa xét.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
