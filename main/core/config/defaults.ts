import type { CounterConfig, ServiceConfig } from './schema.ts';

// A center's usual floor when the config file does not describe one: the catalog's fields grouped into
// five queues, four counters, and the priority groups the one-stop-shop rules name.

export const defaultServices: ServiceConfig[] = [
  { id: 'ho-tich', prefix: 'A', name: { vi: 'Hộ tịch', en: 'Civil status' }, fields: ['Hộ tịch'], targetWaitMinutes: 20, defaultServiceMinutes: 8, dailyQuota: null },
  { id: 'chung-thuc', prefix: 'B', name: { vi: 'Chứng thực', en: 'Certification' }, fields: ['Chứng thực'], targetWaitMinutes: 15, defaultServiceMinutes: 4, dailyQuota: null },
  { id: 'ly-lich-tu-phap', prefix: 'C', name: { vi: 'Lý lịch tư pháp', en: 'Judicial record' }, fields: ['Lý lịch tư pháp'], targetWaitMinutes: 20, defaultServiceMinutes: 6, dailyQuota: null },
  {
    id: 'bao-chi-xuat-ban',
    prefix: 'D',
    name: { vi: 'Báo chí, xuất bản, in', en: 'Press, publishing, printing' },
    fields: ['Báo chí', 'Xuất bản, In và Phát hành'],
    targetWaitMinutes: 30,
    defaultServiceMinutes: 10,
    dailyQuota: null,
  },
  {
    id: 'buu-chinh-vien-thong',
    prefix: 'E',
    name: { vi: 'Bưu chính, phát thanh, truyền hình', en: 'Posts, broadcasting, online media' },
    fields: ['Bưu chính', 'Phát thanh, truyền hình và thông tin điện tử'],
    targetWaitMinutes: 30,
    defaultServiceMinutes: 10,
    dailyQuota: null,
  },
];

export const defaultCounters: CounterConfig[] = [
  { id: '1', name: '1', serviceIds: ['ho-tich', 'chung-thuc'] },
  { id: '2', name: '2', serviceIds: ['ho-tich', 'ly-lich-tu-phap'] },
  { id: '3', name: '3', serviceIds: ['bao-chi-xuat-ban', 'buu-chinh-vien-thong'] },
  { id: '4', name: '4', serviceIds: ['chung-thuc', 'ly-lich-tu-phap', 'bao-chi-xuat-ban', 'buu-chinh-vien-thong'] },
];

export const defaultPriorities = [
  { id: 'elderly', label: { vi: 'Người cao tuổi', en: 'Elderly person' } },
  { id: 'disabled', label: { vi: 'Người khuyết tật', en: 'Person with a disability' } },
  { id: 'pregnant', label: { vi: 'Phụ nữ mang thai', en: 'Pregnant woman' } },
  { id: 'small-child', label: { vi: 'Người đi cùng trẻ nhỏ', en: 'With a small child' } },
];
