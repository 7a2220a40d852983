// Loads the Be Vietnam Pro TTFs the PDF builder embeds (full Vietnamese coverage in one file, unlike the
// @fontsource WOFF subsets). Kept apart from the pure builder: this is the only file that touches disk.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ReceiptFonts } from './pdf.ts';

export function loadReceiptFonts(): ReceiptFonts {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('@expo-google-fonts/be-vietnam-pro/package.json'));
  return {
    regular: readFileSync(join(root, '400Regular', 'BeVietnamPro_400Regular.ttf')),
    bold: readFileSync(join(root, '700Bold', 'BeVietnamPro_700Bold.ttf')),
  };
}
