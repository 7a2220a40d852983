import { describe, expect, it } from 'vitest';
import { cleanValue, readSpec, validateField } from '../../main/core/ocr/fields.ts';
import { anchorsOf, loadTemplates, parseTemplate } from '../../main/core/ocr/template.ts';

describe('field values', () => {
  it('cleans dotted leaders and stray punctuation around an answer', () => {
    expect(cleanValue('text', ': Thừa Thiên Huế ……....')).toBe('Thừa Thiên Huế');
    expect(cleanValue('date', '12 / 03 / 2024')).toBe('12/03/2024');
    expect(cleanValue('id12', '046 085 001 234')).toBe('046085001234');
    expect(cleanValue('name', 'NGUYÊ\u0303N VĂN AN')).toBe('NGUYỄN VĂN AN'); // NFC
  });

  it('validates each type', () => {
    const f = (type: Parameters<typeof validateField>[0]['type'], required = true) => ({ type, required });
    expect(validateField(f('date'), '29/02/2024').valid).toBe(true);
    expect(validateField(f('date'), '29/02/2023')).toEqual({ valid: false, reason: 'ngày không hợp lệ (dd/mm/yyyy)' });
    expect(validateField(f('id12'), '046085001234').valid).toBe(true);
    expect(validateField(f('id12'), '04608500123').valid).toBe(false);
    expect(validateField(f('id12'), '003085001234').reason).toBe('mã tỉnh của số định danh không tồn tại');
    expect(validateField(f('phone'), '0912345678').valid).toBe(true);
    expect(validateField(f('phone'), '+84912345678').valid).toBe(true);
    expect(validateField(f('phone'), '0112345678').valid).toBe(false);
    expect(validateField(f('email'), 'an.nguyen@example.vn').valid).toBe(true);
    expect(validateField(f('email'), 'an.nguyen@').valid).toBe(false);
    expect(validateField(f('amount'), '1.500.000').valid).toBe(true);
    expect(validateField(f('amount'), '0').valid).toBe(false);
    expect(validateField(f('name'), 'NGUYỄN VĂN AN').valid).toBe(true);
    expect(validateField(f('name'), 'AN3').valid).toBe(false);
    expect(validateField(f('text'), '').valid).toBe(false);
    expect(validateField(f('text', false), '').valid).toBe(true);
    expect(validateField({ type: 'text', required: true, oneOf: ['Nam', 'Nữ'] }, 'NỮ').valid).toBe(true);
    expect(validateField({ type: 'text', required: true, oneOf: ['Nam', 'Nữ'] }, 'Khác').valid).toBe(false);
    expect(validateField(f('checkbox'), true).valid).toBe(true);
  });

  it('reads numeric fields with a digits-only whitelist and a single-line PSM', () => {
    expect(readSpec('id12')).toEqual({ psm: 7, whitelist: '0123456789' });
    expect(readSpec('date').whitelist).toBe('0123456789/');
    expect(readSpec('name').whitelist).toContain('Ữ');
    expect(readSpec('text').whitelist).toBeUndefined();
  });
});

describe('form templates', () => {
  const templates = loadTemplates();

  it('ships the three procedure forms, each with anchors and typed fields', () => {
    expect([...templates.keys()].sort()).toEqual(['ket-hon', 'khai-sinh', 'ly-lich-tu-phap']);
    for (const t of templates.values()) {
      expect(anchorsOf(t).length).toBeGreaterThanOrEqual(3);
      expect(t.fields.some((f) => f.type === 'date')).toBe(true);
      expect(t.fields.some((f) => f.type === 'id12')).toBe(true);
    }
    const lltp = templates.get('ly-lich-tu-phap')!;
    expect(new Set(lltp.fields.map((f) => f.type))).toEqual(new Set(['name', 'text', 'date', 'id12', 'phone', 'email', 'checkbox', 'amount']));
  });

  it('rejects a template whose field leaves the page or whose anchors repeat', () => {
    const base = structuredClone(templates.get('khai-sinh')!);
    base.fields[0]!.region.x = 0.95;
    expect(() => parseTemplate(base, 'x.json')).toThrow(/region leaves the page/);
    const dup = structuredClone(templates.get('khai-sinh')!);
    dup.printed.push({ ...dup.printed.find((p) => p.anchor)! });
    expect(() => parseTemplate(dup, 'x.json')).toThrow(/not unique/);
    expect(() => parseTemplate({ id: 'BAD ID' }, 'x.json')).toThrow(/x\.json/);
  });
});
