// Copies the published procedure facts (with their source notes) from ../shared into assets/, so that the
// app never needs ../shared at run time. Run after the shared file changes: node --import tsx scripts/import-catalog.ts
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCatalogFile } from '../main/core/catalog/catalog-file.ts';

const from = fileURLToPath(new URL('../../shared/data/procedures-catalog.json', import.meta.url));
const to = fileURLToPath(new URL('../assets/catalog/procedures-catalog.json', import.meta.url));
loadCatalogFile(from); // validate before copying
copyFileSync(from, to);
console.log(`copied ${from} -> ${to}`);
