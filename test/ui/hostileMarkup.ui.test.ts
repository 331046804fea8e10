// Reliability row 10 in the real workbench: vendor data full of markup (`<img onerror>`,
// `<script>`, `<svg onload>`, `javascript:` links) in ids, actions, descriptions, actor
// names, resources, trace ids, change field names and values reaches the results panel
// through a real search. Every payload would set `window.__xss` and call a local beacon
// server if it ran; the test proves each string is shown as text, no element was made
// from it, nothing ran and nothing called the beacon.
import * as assert from 'assert';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame, Page } from 'playwright-core';
import { EMULATOR_CREDENTIALS } from '../../src/emulator/credentials';
import type { Emulator } from '../../src/emulator/server';
import { startEmulator } from '../../src/emulator/start';
import { QuickInput, resultsPanel, settledRows, treeRow } from './people';
import { useWorkbench } from './workbench';

/** Records every request; a payload that ran (or an image that loaded) would call it. */
async function startBeacon(): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** The attack strings, each calling the beacon under its own path if it ever runs. */
function payloads(beacon: string) {
  const run = (name: string) => `window.__xss='${name}';fetch('${beacon}/${name}')`;
  return {
    img: `<img src=x onerror="${run('img')}">`,
    script: `<script>${run('script')}</script>`,
    svg: `<svg onload="${run('svg')}">`,
    link: `<a href="javascript:${run('link')}">open</a>`,
    jsUrl: `javascript:${run('url')}`,
    beaconImg: `<img src="${beacon}/beacon-img">`,
  };
}

type Payloads = ReturnType<typeof payloads>;

function perfectoPage(p: Payloads, time: string): string {
  return JSON.stringify({
    hits: {
      total: { value: 1, relation: 'eq' },
      hits: [{
        _id: `${p.img}perfecto-id`,
        _source: {
          timestamp: time,
          action: `${p.script}Update role`,
          status: 'SUCCESS',
          description: `Perfecto said ${p.img}${p.script}${p.beaconImg}`,
          resourceType: p.svg,
          resourceId: p.jsUrl,
          actorId: `${p.img}mallory@example.com`,
          actorType: 'user',
          trace_id: `${p.svg}trace`,
          custom_fields: { name: p.link },
          changes: {
            [`${p.img}role`]: { old: `${p.script}viewer`, new: `${p.svg}admin` },
            [p.link]: { old: { [p.img]: p.jsUrl }, new: { [p.img]: p.script } },
          },
        },
      }],
    },
  });
}

function zluriPage(p: Payloads, time: string): string {
  // Zluri sends HTML in descriptions; entity-encoded markup must not come back to life.
  const encoded = p.img.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return JSON.stringify({
    count: 1, page: 1, page_size: 100,
    items: [{
      _id: `${p.script}zluri-id`,
      actor: 'user',
      actor_id: p.jsUrl,
      actor_name: `${p.img}Mallory`,
      actor_role: p.svg,
      entity: p.link,
      event: `${p.svg}user_updated`,
      event_description: `Zluri said ${encoded} in <b>bold</b>`,
      event_title: p.script,
      event_timestamp: time,
      event_type: 'user',
    }],
  });
}

/** What a payload could have left behind in a document. */
interface Traces {
  xss: unknown;
  images: number;
  inlineScripts: number;
  handlers: string[];
  scriptUrls: number;
  text: string;
}

async function traces(frame: Frame): Promise<Traces> {
  return frame.evaluate(`(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      xss: window.__xss ?? null,
      images: document.querySelectorAll('img, image, iframe, object, embed').length,
      inlineScripts: [...document.scripts].filter((s) => s.textContent.includes('__xss')).length,
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => el.tagName + ' ' + a.name + '=' + a.value)),
      scriptUrls: all.filter((el) => ['href', 'src', 'action', 'formaction', 'xlink:href']
        .some((name) => /^\\s*javascript:/i.test(el.getAttribute(name) ?? ''))).length,
      text: document.body.innerText,
    };
  })()`);
}

function assertInert(where: string, found: Traces): void {
  assert.strictEqual(found.xss, null, `${where}: no payload ran`);
  assert.strictEqual(found.images, 0, `${where}: no image or frame was created from vendor text`);
  assert.strictEqual(found.inlineScripts, 0, `${where}: no script element was created from vendor text`);
  assert.deepStrictEqual(found.handlers, [], `${where}: no element carries an event handler`);
  assert.strictEqual(found.scriptUrls, 0, `${where}: no javascript: link or source`);
}

function assertShown(where: string, text: string, needles: string[]): void {
  for (const needle of needles) assert.ok(text.includes(needle), `${where} shows as text: ${needle}`);
}

describe('reliability row 10 in the workbench: hostile vendor markup', function () {
  this.timeout(120_000);
  const workbench = useWorkbench({ viewport: { width: 1600, height: 900 } });
  let emulator: Emulator;
  let beacon: Awaited<ReturnType<typeof startBeacon>>;
  let p: Payloads;

  before(async () => {
    beacon = await startBeacon();
    p = payloads(beacon.url);
    emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
    const time = new Date(Date.now() - 3_600_000).toISOString();
    // Every request to these vendors, the connection test included, gets the hostile page.
    emulator.faults.add({ vendor: 'perfecto', fault: { kind: 'raw-body', body: perfectoPage(p, time) } });
    emulator.faults.add({ vendor: 'zluri', fault: { kind: 'raw-body', body: zluriPage(p, time) } });
  });
  after(async () => {
    await emulator?.close();
    await beacon?.close();
  });

  const page = (): Page => workbench().page;
  const quickInput = () => new QuickInput(page());

  async function addConnection(vendor: 'Perfecto' | 'Zluri', label: string, token: string): Promise<void> {
    await workbench().runCommand('Audit Lens: Add Connection');
    const input = quickInput();
    await input.step('Add Connection (1/4)');
    await input.pick(vendor);
    await input.step('Add Connection (2/4)');
    await input.type(emulator.baseUrl(vendor.toLowerCase() as 'perfecto' | 'zluri'));
    await page().keyboard.press('Enter');
    await input.step('Add Connection (3/4)');
    await input.type(label);
    await page().keyboard.press('Enter');
    await input.step(`for ${label}`);
    await input.type(token);
    await page().keyboard.press('Enter');
    await input.hidden();
    await treeRow(page(), label).locator('.codicon-pass').waitFor({ state: 'visible' });
  }

  it('adds a Perfecto and a Zluri connection whose vendor answers with hostile records', async () => {
    await workbench().openViewContainer('Audit Lens');
    await addConnection('Perfecto', 'Hostile Perfecto', EMULATOR_CREDENTIALS.perfecto.token!);
    await addConnection('Zluri', 'Hostile Zluri', EMULATOR_CREDENTIALS.zluri.token!);
  });

  it('shows every hostile string as text in the table, the detail pane and the change diff, and runs none', async () => {
    await workbench().runCommand('Audit Lens: Quick Search');
    const input = quickInput();
    await input.step('Quick Search (1/2)');
    await input.pick('All connections');
    await input.step('Quick Search (2/2)');
    await input.type('since:24h');
    await page().keyboard.press('Enter');
    await input.hidden();
    const panel = await resultsPanel(page(), 'since:24h');
    assert.strictEqual(await settledRows(panel), 2, 'one event from each vendor');
    // Room for the table and the detail pane side by side.
    await workbench().runCommand('View: Close Primary Side Bar');
    await page().locator('.part.sidebar').waitFor({ state: 'hidden' });
    assertInert('the table', await traces(panel));
    assertShown('the table', (await traces(panel)).text, [`${p.img}Mallory`, `${p.img}mallory@example.com`]);

    const grid = panel.locator('[role="grid"]');
    const seen: Record<string, string> = {};
    for (let row = 0; row < 2; row++) {
      await grid.focus();
      await page().keyboard.press('j');
      await page().keyboard.press('d'); // the detail pane, scrolled to the changes
      await panel.locator('#detail-changes').waitFor({ state: 'visible' });
      const found = await traces(panel);
      assertInert(`the detail pane of row ${row + 1}`, found);
      const vendor = found.text.includes('perfecto-id') ? 'perfecto' : 'zluri';
      seen[vendor] = found.text;
    }
    await workbench().screenshot('hostile-markup-detail');
    assert.deepStrictEqual(Object.keys(seen).sort(), ['perfecto', 'zluri'], 'both events were opened');
    assertShown('Perfecto\'s detail pane', seen.perfecto!, [
      `${p.img}perfecto-id`, `${p.script}Update role`, `Perfecto said ${p.img}${p.script}${p.beaconImg}`,
      `${p.img}mallory@example.com`, `${p.svg}trace`, p.link, `${p.img}role`, `${p.script}viewer`, `${p.svg}admin`,
    ]);
    assertShown('Zluri\'s detail pane', seen.zluri!, [
      `${p.script}zluri-id`, `${p.img}Mallory`, `${p.svg}user_updated`, `Zluri said ${p.img} in bold`, p.link, p.jsUrl, p.svg,
    ]);
  });

  it('opens a hostile change in the diff editor: the field name and values stay text there too', async () => {
    const panel = await resultsPanel(page(), 'since:24h');
    const change = panel.locator('.change-diff .diff-row', { hasText: `${p.img}role` });
    if (!(await change.isVisible())) {
      // The Zluri event is selected: go back to the Perfecto one, which has the changes.
      await panel.locator('[role="grid"]').focus();
      await page().keyboard.press('k');
      await page().keyboard.press('d');
    }
    await change.waitFor({ state: 'visible' });
    assertInert('the Perfecto detail pane', await traces(panel));
    await change.getByRole('button', { name: /^Open .+ in diff editor$/ }).click();
    const diffEditor = page().locator('.editor-instance .monaco-diff-editor');
    await diffEditor.waitFor({ state: 'visible' });
    await page().locator('.tabs-container .tab.active', { hasText: `${p.img}role` }).waitFor({ state: 'visible' });
    await diffEditor.locator('.view-line', { hasText: 'viewer' }).first().waitFor({ state: 'visible' });
    const diffText = (await diffEditor.locator('.view-lines').allInnerTexts()).join('\n').replace(/\u00a0/g, ' ');
    assertShown('the diff editor', diffText, [`${p.script}viewer`, `${p.svg}admin`]);
    // The workbench has images, frames and handlers of its own: look for the payloads' only.
    const outside = await traces(page().mainFrame());
    assertInert('the workbench', {
      ...outside,
      images: await page().locator('img[src="x"], svg[onload]').count(),
      handlers: outside.handlers.filter((handler) => handler.includes('__xss')),
    });
    await workbench().screenshot('hostile-markup-diff');
  });

  it('nothing called the beacon: no payload ran and no markup loaded anything', async () => {
    await page().waitForTimeout(500); // room for a late request
    assert.deepStrictEqual(beacon.hits, []);
  });
});
