/**
 * The fee the kiosk asks for, from a procedure's published fee text. Those texts are prose ("Phí 500.000
 * đồng", "Phí: Không; Lệ phí: Không", "2.000 đ/trang…"), so only the clear cases are read: a text that says
 * there is no fee gives 0, a text whose amounts are all the same gives that amount. Anything else gives null
 * and the center must set the amount in config (intake.fees).
 */
export function feeFromText(text: string | null): number | null {
  if (!text || text.trim() === '') return null;
  // "no information", "not yet set", "left blank" say nothing about the amount.
  if (/không có thông tin|chưa quy định|để trống|không tìm thấy/i.test(text)) return null;
  const amounts = [...text.matchAll(/(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:đồng|đ\b|VNĐ|VND)/gi)].map((m) => Number(m[1]!.replace(/\./g, '')));
  if (amounts.length === 0) {
    return /^\s*(phí\s*:?\s*)?không\b|lệ phí\s*:?\s*không|không có|không thu/i.test(text) ? 0 : null;
  }
  return amounts.every((a) => a === amounts[0]) && !/\/trang|\/bản|trường hợp|từ trang/i.test(text) ? amounts[0]! : null;
}
