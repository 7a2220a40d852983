import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderFilledForm, renderTextPage, type FormValues } from '../../main/core/ocr/synthetic.ts';
import type { FormTemplate } from '../../main/core/ocr/template.ts';
import { blur, cameraShot, jpegArtefacts, noise, rescale, skew } from './degrade.ts';
import { PAGES } from './texts.ts';

// Builds the OCR corpus into bench/out/corpus: real Vietnamese text pages and filled forms, clean and damaged
// the ways scanners and cameras damage them, each with its ground truth (manifest.json).

export interface CorpusPage {
  id: string;
  file: string;
  /** 'clean' or 'noisy' (the CER target differs). */
  quality: 'clean' | 'noisy';
  dpi: number;
  /** Ground truth text (text pages). */
  text?: string;
  /** Form pages: template and the values written on it. */
  templateId?: string;
  values?: FormValues;
  /** Camera pages: rectify first. */
  camera?: boolean;
}

const FORM_VALUES: Record<string, FormValues> = {
  'khai-sinh': {
    kinh_gui: 'UBND phường Phú Hội',
    nguoi_yeu_cau: 'NGUYỄN VĂN AN',
    noi_cu_tru: '12 Lê Lợi, phường Phú Hội, TP Huế',
    giay_to_tuy_than: '046085001234',
    quan_he: 'Cha',
    ho_ten: 'NGUYỄN THỊ HOA',
    ngay_sinh: '12/03/2024',
    gioi_tinh: 'Nữ',
    dan_toc: 'Kinh',
    quoc_tich: 'Việt Nam',
    noi_sinh: 'Bệnh viện Trung ương Huế',
    que_quan: 'Thừa Thiên Huế',
    me_ho_ten: 'TRẦN THỊ LAN',
    cha_ho_ten: 'NGUYỄN VĂN AN',
    ban_sao_co: true,
    ban_sao_khong: false,
    so_ban_sao: '2',
  },
  'ly-lich-tu-phap': {
    ho_ten: 'LÊ THỊ MINH THƯ',
    ten_goi_khac: '',
    gioi_tinh: 'Nữ',
    ngay_sinh: '09/07/1990',
    noi_sinh: 'Phú Vang, Thừa Thiên Huế',
    quoc_tich: 'Việt Nam',
    noi_thuong_tru: '5 Trần Hưng Đạo, phường Phú Hòa, TP Huế',
    so_giay_to: '046190001234',
    ngay_cap: '15/08/2021',
    ho_ten_cha: 'LÊ VĂN HÙNG',
    ho_ten_me: 'PHAN THỊ MAI',
    dien_thoai: '0905123456',
    email: 'minhthu.le@example.vn',
    phieu_so_1: false,
    phieu_so_2: true,
    muc_dich: 'Bổ sung hồ sơ xin việc',
    so_luong: '2',
  },
  'ket-hon': {
    kinh_gui: 'UBND phường Vĩnh Ninh',
    nu_ho_ten: 'HOÀNG THỊ YẾN',
    nam_ho_ten: 'ĐẶNG QUỐC BẢO',
    nu_ngay_sinh: '04/11/1996',
    nam_ngay_sinh: '21/06/1994',
    nu_dan_toc: 'Kinh',
    nam_dan_toc: 'Tày',
    nu_quoc_tich: 'Việt Nam',
    nam_quoc_tich: 'Việt Nam',
    nu_noi_cu_tru: 'Phường Vĩnh Ninh, Huế',
    nam_noi_cu_tru: 'Phường An Cựu, Huế',
    nu_cccd: '046196004512',
    nam_cccd: '046094007788',
    nu_lan_ket_hon: '1',
    nam_lan_ket_hon: '2',
    ban_sao_co: true,
    ban_sao_khong: false,
    so_ban_sao: '2',
  },
};

export async function generateCorpus(outDir: string, templates: Map<string, FormTemplate>): Promise<CorpusPage[]> {
  mkdirSync(outDir, { recursive: true });
  const pages: CorpusPage[] = [];
  const put = (p: Omit<CorpusPage, 'file'>, png: Buffer) => {
    const file = join(outDir, `${p.id}.png`);
    writeFileSync(file, png);
    pages.push({ ...p, file });
  };
  const [p0, p1, p2] = PAGES as [string[], string[], string[]];
  const t0 = p0.join('\n');
  const t1 = p1.join('\n');
  const t2 = p2.join('\n');
  // Text pages: fonts × resolutions, then damage.
  put({ id: 'text-serif-300', quality: 'clean', dpi: 300, text: t0 }, await renderTextPage(p0, { dpi: 300, formFont: 'Liberation Serif' }));
  put({ id: 'text-sans-300', quality: 'clean', dpi: 300, text: t1 }, await renderTextPage(p1, { dpi: 300, formFont: 'Liberation Sans' }));
  put({ id: 'text-dejavu-150', quality: 'clean', dpi: 150, text: t2 }, await renderTextPage(p2, { dpi: 150, formFont: 'DejaVu Serif' }));
  put({ id: 'text-serif-150', quality: 'clean', dpi: 150, text: t1 }, await rescale(await renderTextPage(p1, { dpi: 300 }), 0.5));
  put({ id: 'text-skew3-300', quality: 'noisy', dpi: 300, text: t2 }, await skew(await renderTextPage(p2, { dpi: 300 }), 3));
  put({ id: 'text-blur-300', quality: 'noisy', dpi: 300, text: t0 }, await blur(await renderTextPage(p0, { dpi: 300, formFont: 'Liberation Sans' }), 1.2));
  put({ id: 'text-noise-300', quality: 'noisy', dpi: 300, text: t1 }, await noise(await renderTextPage(p1, { dpi: 300 }), 28, 3));
  put({ id: 'text-jpeg-150', quality: 'noisy', dpi: 150, text: t2 }, await jpegArtefacts(await renderTextPage(p2, { dpi: 150 }), 20));
  put({ id: 'text-camera', quality: 'noisy', dpi: 220, text: t0, camera: true }, (await cameraShot(await renderTextPage(p0, { dpi: 200 }))).photo);
  // Filled forms.
  const form = (id: string) => templates.get(id)!;
  put({ id: 'form-khai-sinh-300', quality: 'clean', dpi: 300, templateId: 'khai-sinh', values: FORM_VALUES['khai-sinh']! }, await renderFilledForm(form('khai-sinh'), FORM_VALUES['khai-sinh']!, { dpi: 300 }));
  put({ id: 'form-lltp-150', quality: 'clean', dpi: 150, templateId: 'ly-lich-tu-phap', values: FORM_VALUES['ly-lich-tu-phap']! }, await renderFilledForm(form('ly-lich-tu-phap'), FORM_VALUES['ly-lich-tu-phap']!, { dpi: 150, valueFont: 'Liberation Sans' }));
  put(
    { id: 'form-ket-hon-noisy-300', quality: 'noisy', dpi: 300, templateId: 'ket-hon', values: FORM_VALUES['ket-hon']! },
    await noise(await skew(await renderFilledForm(form('ket-hon'), FORM_VALUES['ket-hon']!, { dpi: 300, valueFont: 'DejaVu Serif' }), -1.5), 20, 11),
  );
  put(
    { id: 'form-khai-sinh-jpeg-200', quality: 'noisy', dpi: 200, templateId: 'khai-sinh', values: FORM_VALUES['khai-sinh']! },
    await jpegArtefacts(await skew(await renderFilledForm(form('khai-sinh'), FORM_VALUES['khai-sinh']!, { dpi: 200, valueFont: 'Liberation Sans' }), 2), 35),
  );
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(pages, null, 1));
  return pages;
}
