import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update'] });
const p = await b.newPage({ viewport: { width: 1280, height: 900 } });
p.on('console', m => console.log('console', m.text()));
await p.goto(process.argv[2]);
await p.waitForTimeout(1200);
if (process.argv[4]) { for (const sel of process.argv[4].split(',')) { await p.click(sel); await p.waitForTimeout(500);} }
await p.screenshot({ path: process.argv[3] });
await b.close();
