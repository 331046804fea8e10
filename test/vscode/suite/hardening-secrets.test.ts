// Reliability rows 7 (editor half), 14, 15 and 17 (editor half): credentials in the real
// extension host. SecretStorage failing, hostile pastes, a vendor refusing the credential,
// and a final grep of the log, the messages shown and the data folders for every test token.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Connection } from '../../../src/core/model';
import { EMULATOR_CREDENTIALS } from '../../../src/emulator/credentials';
import type { Emulator } from '../../../src/emulator/server';
import { ConnectionStatus } from '../../../src/extension/connections/connectionStatus';
import { CredentialStore } from '../../../src/extension/secrets/credentialStore';
import { api, waitFor, withPrompts, type ScriptedPrompts } from './extension-helpers';
import { addEmulatorConnection, filesContaining, lastStatus, logText, newestPanel, removeEmulatorConnection, runRoot, spyOnPanel } from './hardening-helpers';

const GOOD = EMULATOR_CREDENTIALS.zluri.token;
const WRONG = 'hardening-wrong-zluri-key-7f3a';
const UNSTORABLE = 'hardening-never-on-disk-91c2';
const CONNECTION = { id: 'sec-zluri', label: 'Sec Zluri', vendor: 'zluri' } as const;

/** A SecretStorage whose every call fails, as a locked or missing OS keyring does. */
function brokenSecretStorage(): vscode.SecretStorage {
  const fail = () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'));
  return { get: fail, store: fail, delete: fail, keys: fail, onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event };
}

describe('hardening: credentials in the editor (rows 7, 14, 15, 17)', () => {
  let emulator: Emulator;
  let connection: Connection;
  /** Everything the extension said to the user in these tests (prompts, offers, panel errors). */
  const shown: string[] = [];

  before(async () => {
    ({ emulator, connection } = await addEmulatorConnection(CONNECTION, false));
  });

  after(() => removeEmulatorConnection(CONNECTION.id, emulator));

  it('14: SecretStorage throwing on store: a clear message, and without consent nothing is kept anywhere', async () => {
    const { services } = await api();
    const holder = { current: undefined as unknown as ScriptedPrompts };
    const store = new CredentialStore(brokenSecretStorage(), services.logger, holder);
    try {
      await withPrompts([{ confirm: false }], async (prompts) => {
        holder.current = prompts;
        await assert.rejects(store.write(connection, { token: UNSTORABLE }), (error: Error) => {
          assert.strictEqual(error.message, 'The credential was not saved: the OS keychain is unavailable. Install or unlock a keyring and try again.');
          shown.push(error.message, ...prompts.asked);
          return true;
        });
        assert.match(prompts.asked[0] ?? '', /keychain is not available.*this session only/);
      });
      await assert.rejects(store.read(CONNECTION.id), /The OS keychain could not be read\. Unlock it/);
      const status = await new ConnectionStatus(store).stateOf(connection);
      assert.strictEqual(status.kind, 'error');
      assert.match(status.kind === 'error' ? status.message : '', /OS keychain could not be read/);

      // With consent, it lives in memory for this session only: readable, never written to a file.
      await withPrompts([{ confirm: true }], async (prompts) => {
        holder.current = prompts;
        assert.strictEqual(await store.write(connection, { token: UNSTORABLE }), 'session');
      });
      assert.strictEqual((await store.forConnection(connection)).token, UNSTORABLE);
      await new Promise((r) => setTimeout(r, 1000)); // let any write (storage flush, log) reach the disk
      assert.deepStrictEqual(filesContaining(runRoot(), UNSTORABLE), [], 'no plain-text copy in the workspace, user or global storage');
    } finally {
      store.dispose();
    }
  });

  it('15: pasted credentials are cleaned (whitespace, quotes, Bearer) or refused with a reason (line breaks, inner quotes, non-ASCII); never sent broken', async () => {
    const { services } = await api();
    const refused: [string, RegExp][] = [
      [`${GOOD}\r\nX-Injected: yes`, /line break/],
      [`${GOOD}\nX-Injected: yes`, /line break/],
      [`${GOOD}\u2028X-Injected: yes`, /line break/],
      [`${GOOD}"; x="1`, /space|quote/],
      [`${GOOD}"`, /quote/],
      [`${GOOD.slice(0, -1)}é`, /not plain ASCII/],
      [`${GOOD}\u200b`, /not plain ASCII/],
      [`${GOOD}\u0000`, /control character/],
      [`${GOOD} ${GOOD}`, /space/],
    ];
    await services.credentials.write(connection, { token: WRONG });
    for (const [paste, reason] of refused) {
      const before = emulator.requests.length;
      const result = await vscode.commands.executeCommand('auditLens.setCredential', { connectionId: CONNECTION.id }, { token: paste });
      assert.strictEqual(result, undefined, `refused: ${JSON.stringify(paste)}`);
      assert.strictEqual((await services.credentials.read(CONNECTION.id))?.token, WRONG, 'the stored credential is unchanged');
      assert.strictEqual(emulator.requests.length, before, 'nothing was sent');
      // The same paste typed into the input box is refused there, with the reason; the user cancels.
      const reasons: string[] = [];
      const previous = services.prompts.current;
      services.prompts.current = {
        input: async (options) => { reasons.push(String((await options.validateInput?.(paste)) ?? '')); return undefined; },
        pick: () => Promise.reject(new Error('unexpected pick')),
        confirm: () => Promise.reject(new Error('unexpected confirm')),
        offer: () => Promise.reject(new Error('unexpected offer')),
        saveAs: () => Promise.reject(new Error('unexpected save dialog')),
      };
      try {
        assert.strictEqual(await vscode.commands.executeCommand('auditLens.setCredential', { connectionId: CONNECTION.id }), false);
      } finally {
        services.prompts.current = previous;
      }
      assert.match(reasons[0] ?? '', reason, JSON.stringify(paste));
      assert.ok(!(reasons[0] ?? '').includes(GOOD), 'the reason does not repeat the credential');
      shown.push(...reasons);
    }
    for (const paste of [`  ${GOOD}\n`, `"${GOOD}"`, `Bearer ${GOOD}`, `\t'Bearer   ${GOOD}'  `, `\u201c${GOOD}\u201d`]) {
      await services.credentials.write(connection, { token: WRONG });
      assert.strictEqual(await vscode.commands.executeCommand('auditLens.setCredential', { connectionId: CONNECTION.id }, { token: paste }), true);
      assert.strictEqual((await services.credentials.read(CONNECTION.id))?.token, GOOD, `cleaned: ${JSON.stringify(paste)}`);
      const outcome = await vscode.commands.executeCommand<{ ok: boolean }>('auditLens.testConnection', CONNECTION.id);
      assert.strictEqual(outcome?.ok, true);
      assert.strictEqual(emulator.requests.at(-1)?.headers['api-key'], GOOD, 'the vendor received exactly the clean key');
    }
    assert.ok(emulator.requests.every((r) => r.headers['x-injected'] === undefined), 'no header was ever injected');
    // Typed into the input box, a value that is cleaned says what was taken off, and is accepted.
    await withPrompts([{ input: `"Bearer ${GOOD}"` }], async (prompts) => {
      assert.strictEqual(await vscode.commands.executeCommand('auditLens.setCredential', { connectionId: CONNECTION.id }), true);
      assert.deepStrictEqual(prompts.notes, ['Removed the quotes around the value. Removed a leading "Bearer " (Audit Lens adds it where the vendor needs it).']);
    });
    assert.strictEqual((await services.credentials.read(CONNECTION.id))?.token, GOOD);
  });

  it('7: a 401 in a search names the connection and offers to update the credential; the credential is never deleted', async () => {
    const { services } = await api();
    await services.credentials.write(connection, { token: WRONG });
    await withPrompts([{ offer: undefined }], async (prompts) => {
      await vscode.commands.executeCommand('auditLens.quickSearch', CONNECTION.id, 'since:1d');
      const { sent } = spyOnPanel(await newestPanel());
      await waitFor('the offer', () => prompts.asked.length === 1);
      assert.match(prompts.asked[0] ?? '', /^offer: The credential of "Sec Zluri" was refused: .+ Set a new one\? \[Set Credential\]$/);
      const status = await waitFor('the failed status', () => { const s = lastStatus(sent); return s?.phase === 'done' || s?.phase === 'failed' ? s : undefined; });
      assert.strictEqual(status.errors[0]?.connection, 'Sec Zluri');
      shown.push(...prompts.asked, ...status.errors.map((e) => e.message));
    });
    assert.strictEqual(emulator.requests.filter((r) => r.headers['api-key'] === WRONG).length, 1, 'a 401 is not retried');
    assert.strictEqual((await services.credentials.read(CONNECTION.id))?.token, WRONG, 'dismissing the offer deletes nothing');
    const state = await services.status.stateOf(connection);
    assert.match(state.kind === 'error' ? state.message : '', /./, 'the tree shows the connection in error');
  });

  it('7: a 403 from Test Connection offers Set Credential, which replaces the credential, and the connection works again', async () => {
    const { services } = await api();
    emulator.faults.add({ fault: { kind: 'status', status: 403, body: { message: 'Forbidden: missing scope audit:read' } }, vendor: 'zluri', times: 1 });
    await withPrompts([{ offer: 'Set Credential' }, { input: GOOD }], async (prompts) => {
      const outcome = await vscode.commands.executeCommand<{ ok: boolean; error?: { reason: string } }>('auditLens.testConnection', CONNECTION.id);
      assert.strictEqual(outcome?.error?.reason, 'permission');
      assert.strictEqual((await services.credentials.read(CONNECTION.id))?.token, WRONG, 'not deleted by the refusal');
      await waitFor('the new credential', async () => (await services.credentials.read(CONNECTION.id))?.token === GOOD);
      assert.match(prompts.asked[0] ?? '', /^offer: The credential of "Sec Zluri" lacks the permission to read audit logs: /);
      shown.push(...prompts.asked);
    });
    const outcome = await vscode.commands.executeCommand<{ ok: boolean }>('auditLens.testConnection', CONNECTION.id);
    assert.strictEqual(outcome?.ok, true);
  });

  it('14: writes, renewals and deletes of one credential in VS Code\'s SecretStorage take effect in the order asked, none lost', async () => {
    const { services } = await api();
    const credentials = services.credentials;
    await credentials.write(connection, { token: GOOD });
    const old = await credentials.forConnection(connection);
    const renewed = { token: `${GOOD}-renewed` };
    try {
      // A renewal asked before a removal: both happen, in that order, and the removal wins.
      const renewal = credentials.replaceIfUnchanged(connection, old, renewed);
      const removal = credentials.delete(CONNECTION.id);
      assert.strictEqual((await renewal).token, renewed.token);
      await removal;
      assert.strictEqual(await credentials.read(CONNECTION.id), undefined);

      // A renewal asked after a removal finds nothing to renew and brings nothing back.
      await credentials.write(connection, { token: GOOD });
      const current = await credentials.forConnection(connection);
      const removalFirst = credentials.delete(CONNECTION.id);
      await assert.rejects(credentials.replaceIfUnchanged(connection, current, renewed), /has no credential/);
      await removalFirst;
      assert.strictEqual(await credentials.read(CONNECTION.id), undefined);

      // A renewal from a stale value leaves a credential set meanwhile as it is.
      await credentials.write(connection, { token: GOOD });
      const stale = await credentials.forConnection(connection);
      const setMeanwhile = credentials.write(connection, { token: `${GOOD}-set-by-user` });
      const after = await credentials.replaceIfUnchanged(connection, stale, renewed);
      await setMeanwhile;
      assert.strictEqual(after.token, `${GOOD}-set-by-user`);
      assert.strictEqual((await credentials.read(CONNECTION.id))?.token, `${GOOD}-set-by-user`);
    } finally {
      await credentials.write(connection, { token: GOOD });
    }
  });

  it('17: the log channel, the messages shown and the data folders hold none of the test credentials', async () => {
    const log = await logText();
    assert.ok(log.includes('Sec Zluri') || log.includes(CONNECTION.id), 'the log covers these tests');
    const tokens = [WRONG, UNSTORABLE, ...Object.values(EMULATOR_CREDENTIALS).flatMap((c) => [c.token, c.appKey].filter((t): t is string => Boolean(t)))];
    for (const token of tokens) {
      assert.ok(!log.includes(token), `the log holds a credential (${token.slice(0, 12)}…)`);
      for (const message of shown) assert.ok(!message.includes(token), `a message shown holds a credential: ${message.slice(0, 60)}`);
    }
    assert.ok(shown.length >= 5, `${shown.length} messages checked`);
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? runRoot();
    for (const token of tokens) assert.deepStrictEqual(filesContaining(workspace, token), [], 'no credential in the workspace');
  });
});
