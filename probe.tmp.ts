import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/browser.ts';
const browser = await chromium.launch(chromiumLaunchOptions());
for (const [w, h, q] of [[1280, 720, ''], [1280, 720, '?presenter=1'], [1440, 900, ''], [1440, 900, '?presenter=1'], [390, 844, '']] as const) {
  const page = await browser.newPage({ viewport: { width: w, height: h } });
  await page.goto('http://127.0.0.1:4192/' + q);
  await page.getByRole('region', { name: 'Timeline' }).waitFor();
  for (let i = 0; i < 3; i++) { await page.getByRole('button', { name: /Next/ }).first().click(); await page.waitForTimeout(300); }
  console.log(w, h, q, await page.evaluate(`(() => {
    const r = (s) => { const e = document.querySelector(s); if (!e) return 'none'; const b = e.getBoundingClientRect(); return (b.y | 0) + '..' + ((b.y + b.height) | 0); };
    return 'header ' + r('.app__header') + ' controls ' + r('.controls') + ' stage ' + r('.stage') + ' content ' + r('.stage__scroll > *') + ' callout ' + r('.stage__callout > *') + ' legend ' + r('[aria-label=Legend], .legend');
  })()`));
  await page.close();
}
await browser.close();
