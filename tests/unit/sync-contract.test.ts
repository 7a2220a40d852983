import { describe, expect, it } from 'vitest';
import { DossierSubmission, canonicalJson, describeIssues, parseContentRange } from '../../main/central/contract.ts';
import { makeDossier } from '../helpers/sync-fixtures.ts';

describe('central contract', () => {
  it('accepts a complete dossier and fills defaults', () => {
    const d = DossierSubmission.parse(makeDossier(1, { attachments: undefined }));
    expect(d.attachments).toEqual([]);
    expect(d.documents[0]!.copies).toBe(0);
  });

  it('names every bad field precisely', () => {
    const bad = { ...makeDossier(1), code: 'x', fee: { amount: -5, currency: 'USD', paymentState: 'paid' }, receivedAt: 'yesterday', extra: 1 };
    const r = DossierSubmission.safeParse(bad);
    expect(r.success).toBe(false);
    const paths = describeIssues(r.error!).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['code', 'fee.amount', 'fee.currency', 'receivedAt', '(body)']));
    expect(describeIssues(r.error!).find((i) => i.path === 'code')!.message).toContain('3-64 characters');
  });

  it('refuses an appointment before reception', () => {
    const r = DossierSubmission.safeParse(makeDossier(1, { appointmentAt: '2024-12-31T08:00:00+07:00' }));
    expect(r.success).toBe(false);
    expect(describeIssues(r.error!)).toEqual([{ path: 'appointmentAt', message: 'appointmentAt must not be before receivedAt' }]);
  });

  it('parses Content-Range and explains what is wrong with a bad one', () => {
    expect(parseContentRange('bytes 0-1023/4096')).toEqual({ start: 0, end: 1023, total: 4096 });
    expect(parseContentRange(undefined)).toMatch(/required/);
    expect(parseContentRange('bytes 10-5/100')).toMatch(/before start/);
    expect(parseContentRange('bytes 0-100/100')).toMatch(/below total/);
    expect(parseContentRange('bytes */100')).toMatch(/not of the form/);
  });

  it('canonical JSON ignores key order and undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: undefined }], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,{"f":1}]},"b":1}');
  });
});
