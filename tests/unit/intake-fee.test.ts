import { describe, expect, it } from 'vitest';
import { feeFromText } from '../../main/core/intake/fee.ts';

describe('fee from the published fee text', () => {
  it('reads a single stated amount', () => {
    expect(feeFromText('Phí 500.000 đồng')).toBe(500_000);
    expect(feeFromText('Phí: 5.375.000 đồng')).toBe(5_375_000);
  });
  it('reads "no fee" as 0', () => {
    expect(feeFromText('Phí: Không; Lệ phí: Không')).toBe(0);
    expect(feeFromText('Không có')).toBe(0);
  });
  it('gives up on texts that are not one amount, so the center must configure it', () => {
    expect(feeFromText('2.000 đ/trang cho trang 1 và 2; từ trang thứ 3 trở lên 1.000 đ/trang')).toBeNull();
    expect(feeFromText('Mở rộng phạm vi cung ứng dịch vụ nội tỉnh: 2.750.000 đồng; trường hợp khác: 1.000.000 đồng')).toBeNull();
    expect(feeFromText('')).toBeNull();
    expect(feeFromText(null)).toBeNull();
    expect(feeFromText('Không có thông tin (Quảng Trị)')).toBeNull();
    expect(feeFromText('TP.HCM: Chưa quy định')).toBeNull();
  });
});
