import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/browser.ts';
const browser = await chromium.launch(chromiumLaunchOptions());
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await page.goto('http://127.0.0.1:4192/?presenter=1');
await page.getByRole('region', { name: 'Timeline' }).waitFor();
console.log(await page.evaluate(`[...document.querySelector('.controls').children].map((e) => { const r = e.getBoundingClientRect(); const cs = getComputedStyle(e); return e.className + ' x=' + (r.x|0) + ' w=' + (r.width|0) + ' y=' + (r.y|0) + ' flex=' + cs.flex + ' minw=' + cs.minWidth + ' gap=' + getComputedStyle(e.parentElement).gap; }).join('\\n')`));
await browser.close();
