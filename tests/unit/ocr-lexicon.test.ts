import { describe, expect, it } from 'vitest';
import { bare, indexLexicon, lexiconHint, loadLexicon, spelling } from '../../main/core/ocr/lexicon.ts';
import type { OcrJob, OcrPool } from '../../main/core/ocr/pool.ts';
import { createOcrService } from '../../main/core/ocr/service.ts';
import { renderFilledForm } from '../../main/core/ocr/synthetic.ts';
import { loadTemplates } from '../../main/core/ocr/template.ts';

const lexicon = loadLexicon();
const index = indexLexicon(lexicon);

describe('name and place lists (assets/lexicon)', () => {
  it('ship the 63 provinces, common family names and a few place names, without duplicates', () => {
    expect(lexicon.places).toContain('Thừa Thiên Huế');
    expect(lexicon.places).toContain('Bà Rịa Vũng Tàu');
    expect(lexicon.familyNames.slice(0, 3)).toEqual(['Nguyễn', 'Trần', 'Lê']);
    expect(lexicon.familyNames).toContain('Đặng');
    expect(new Set(lexicon.familyNames).size).toBe(lexicon.familyNames.length);
    expect(new Set(lexicon.places).size).toBe(lexicon.places.length);
    // Single syllables would flag ordinary words (Huế / Huệ): the place list has none.
    expect(lexicon.places.filter((p) => !p.includes(' '))).toEqual([]);
  });

  it('compare spellings without caring where the tone mark sits', () => {
    expect(spelling('Hoà')).toBe(spelling('Hòa'));
    expect(spelling('Thiện')).not.toBe(spelling('Thiên'));
    expect(bare('ĐẶNG')).toBe('dang');
  });
});

describe('lexiconHint', () => {
  it('flags a family name read with a wrong mark, with the list spelling in the same case', () => {
    expect(lexiconHint('name', 'NGUYÊN VĂN AN', index)).toEqual({ suggestion: 'NGUYỄN VĂN AN', reason: 'có thể đọc sai dấu: họ "NGUYỄN"?' });
    expect(lexiconHint('name', 'ĐĂNG QUỐC BẢO', index)?.suggestion).toBe('ĐẶNG QUỐC BẢO');
    expect(lexiconHint('name', 'Trân Thị Lan', index)?.suggestion).toBe('Trần Thị Lan');
  });

  it('leaves family names spelt as listed, unknown ones and lone words alone', () => {
    expect(lexiconHint('name', 'NGUYỄN VĂN AN', index)).toBeNull();
    expect(lexiconHint('name', 'LA VĂN AN', index)).toBeNull(); // La and Lã are both family names
    expect(lexiconHint('name', 'LÃ VĂN AN', index)).toBeNull();
    expect(lexiconHint('name', 'KPĂ Y SƠN', index)).toBeNull();
    expect(lexiconHint('name', 'NGUYÊN', index)).toBeNull(); // one word: the validation already refuses it
  });

  it('flags a place name inside an address and suggests the address with only that name changed', () => {
    expect(lexiconHint('text', 'Thừa Thiện Huế', index)).toEqual({ suggestion: 'Thừa Thiên Huế', reason: 'có thể đọc sai dấu: "Thừa Thiên Huế"?' });
    expect(lexiconHint('text', 'Phú Vang, Thừa Thiện Huế', index)?.suggestion).toBe('Phú Vang, Thừa Thiên Huế');
    expect(lexiconHint('text', '12 Lê Lợi, phường Phú Hồi, TP Huế', index)?.suggestion).toBe('12 Lê Lợi, phường Phú Hội, TP Huế');
    expect(lexiconHint('text', 'xã Tân Lập, huyện Đan Phượng, HÀ NỔI', index)?.suggestion).toBe('xã Tân Lập, huyện Đan Phượng, HÀ NỘI');
  });

  it('leaves correct addresses, other tone placement, words across a comma and other field types alone', () => {
    expect(lexiconHint('text', 'Phú Vang, Thừa Thiên Huế', index)).toBeNull();
    expect(lexiconHint('text', '5 Trần Hưng Đạo, phường Phú Hoà, TP Huế', index)).toBeNull();
    expect(lexiconHint('text', 'Bổ sung hồ sơ xin việc', index)).toBeNull();
    expect(lexiconHint('text', 'Thừa, Thiện Huế', index)).toBeNull();
    expect(lexiconHint('date', '12/03/2024', index)).toBeNull();
    expect(lexiconHint('email', 'nguyen@example.vn', index)).toBeNull();
  });
});

describe('the OCR service flags a confident near-miss', () => {
  it('marks the field flagged (still valid) with the suggestion, whatever the confidence', async () => {
    const templates = loadTemplates();
    // The engine is stubbed: it reads every name as NGUYÊN VĂN AN and every free-text line as Thừa Thiện Huế, at 96.
    const pool: OcrPool = {
      size: 1,
      readyCount: () => 1,
      simulateCrash: async () => undefined,
      close: async () => undefined,
      recognize: async (job: OcrJob) => ({
        text: job.psm === 3 ? '' : job.whitelist?.includes('Ữ') ? 'NGUYÊN VĂN AN' : job.whitelist ? '1' : 'Thừa Thiện Huế',
        confidence: 96,
        words: [],
        ms: 1,
      }),
    };
    const ocr = createOcrService({ pool, templates });
    const page = await renderFilledForm(templates.get('khai-sinh')!, { cha_ho_ten: 'NGUYỄN VĂN AN', que_quan: 'Thừa Thiên Huế' }, { dpi: 100 });
    const r = await ocr.readPage(page, { templateId: 'khai-sinh' });
    expect(r.fields!.cha_ho_ten).toMatchObject({ value: 'NGUYÊN VĂN AN', valid: true, flagged: true, suggestion: 'NGUYỄN VĂN AN', confidence: 96 });
    expect(r.fields!.cha_ho_ten!.reason).toBe('có thể đọc sai dấu: họ "NGUYỄN"?');
    expect(r.fields!.que_quan).toMatchObject({ value: 'Thừa Thiện Huế', valid: true, flagged: true, suggestion: 'Thừa Thiên Huế' });
  });
});
