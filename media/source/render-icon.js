// Renders media/source/icon.svg to the 128x128 media/icon.png with the system Chromium.
// Run: node media/source/render-icon.js   (AUDIT_LENS_CHROMIUM overrides /usr/bin/chromium)
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

async function main() {
  const svg = fs.readFileSync(path.join(__dirname, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: process.env.AUDIT_LENS_CHROMIUM ?? '/usr/bin/chromium' });
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(__dirname, '..', 'icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
}

main().catch((error) => { console.error(error); process.exit(1); });
