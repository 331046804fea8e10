// Settings mistakes reach the user as one warning per change, and a mistyped proxy or a CA
// file that is not a certificate stops requests instead of silently going without them.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { SettingsWarning } from '../../../src/extension/settings/settingsWarning';
import { api, waitFor } from './extension-helpers';
import { logText } from './hardening-helpers';

const NAMES = ['proxy', 'extraCaFile', 'pageSize', 'maxEvents'] as const;

async function setUser(name: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('auditLens').update(name, value, vscode.ConfigurationTarget.Global);
}

describe('settings feedback: bad settings are shown, not only logged', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-lens-settings-'));
  });
  after(async () => {
    for (const name of NAMES) await setUser(name, undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('warns once naming each bad setting, with a Settings search for exactly those, and refuses requests until the proxy and CA file are fixed', async () => {
    const { services } = await api();
    const warnings: SettingsWarning[] = [];
    const listening = services.settings.onDidWarn((warning) => warnings.push(warning));
    try {
      const notPem = path.join(dir, 'corp.cer');
      fs.writeFileSync(notPem, Buffer.from([0x30, 0x82, 0x01, 0x0a, 0x02, 0x82]));
      await setUser('extraCaFile', notPem);
      await setUser('pageSize', { zluri: 100, perfecto: 0 });
      await setUser('proxy', 'http://user:s3cret@proxy corp:3128');
      const last = await waitFor('a warning naming all three settings', () =>
        warnings.find((w) => ['auditLens.proxy:', 'auditLens.extraCaFile:', 'auditLens.pageSize.perfecto:'].every((name) => w.message.includes(name))));
      assert.match(last.message, /^3 Audit Lens settings need fixing: /);
      assert.match(last.message, /corp\.cer is not a PEM certificate: it looks like a binary \(DER\) certificate/);
      assert.ok(!last.message.includes('s3cret'), 'the proxy credentials were shown');
      assert.deepStrictEqual(last.query.replace('@id:', '').split(',').sort(), ['auditLens.extraCaFile', 'auditLens.pageSize', 'auditLens.proxy']);
      assert.deepStrictEqual(services.settings.value.pageSize, { zluri: 100 });

      const refusal = await services.http.send({ vendor: 'zluri', method: 'GET', url: 'http://127.0.0.1:9/x', headers: {}, idempotent: true })
        .then(() => undefined, (error: unknown) => error as Error);
      assert.ok(refusal, 'a request went out with a mistyped proxy');
      assert.match(refusal.message, /^auditLens\.proxy is not a valid http:\/\/ or https:\/\/ URL, so Audit Lens sends no requests/);

      const shown = warnings.length;
      // Every reading logs its mistakes: one more logged line shows the new reading was checked.
      const notPemLine = 'corp.cer is not a PEM certificate';
      const loggedBefore = (await logText()).split(notPemLine).length - 1;
      await setUser('maxEvents', 4000);
      await waitFor('the new maxEvents', () => services.settings.value.maxEvents === 4000);
      await logText(new RegExp(`(${notPemLine.replace('.', '\\.')}[\\s\\S]*){${loggedBefore + 1}}`));
      assert.strictEqual(warnings.length, shown, 'an unrelated change repeated the same warning');

      for (const name of NAMES) await setUser(name, undefined);
      await waitFor('the proxy and CA file to be accepted', () => !services.settings.invalid.has('proxy') && services.settings.value.extraCaFile === '');
      const direct = await services.http.send({ vendor: 'zluri', method: 'GET', url: 'http://127.0.0.1:9/x', headers: {}, idempotent: false })
        .then(() => undefined, (error: unknown) => error as Error & { reason?: string });
      assert.strictEqual(direct?.reason, 'network', `requests are still refused: ${direct?.message}`);
    } finally {
      listening.dispose();
    }
  });
});
