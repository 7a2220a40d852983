/** Folds Vietnamese for search: "khai sinh", "Khai Sinh" and "khai sính" all match "Khai sinh". */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}
