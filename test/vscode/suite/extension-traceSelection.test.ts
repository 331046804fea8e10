import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, ScriptedPrompts, type Answer } from './extension-helpers';

const HEX32 = '2cb2986430cf420f97ce0a74e69ffd0f';

/** Scripted prompts that also keep the value each input box opened with. */
class PrefillRecorder extends ScriptedPrompts {
  readonly prefills: (string | undefined)[] = [];

  override async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    this.prefills.push(options.value);
    return super.input(options);
  }
}

/** Selects `text`'s range [from, to) in a new log editor, runs Search Trace ID with `answers`. */
async function searchSelection(text: string, from: number, to: number, answers: Answer[]) {
  const { services } = await api();
  const document = await vscode.workspace.openTextDocument({ language: 'log', content: text });
  const editor = await vscode.window.showTextDocument(document);
  editor.selection = new vscode.Selection(document.positionAt(from), document.positionAt(to));
  const prompts = new PrefillRecorder(answers);
  const previous = services.prompts.current;
  services.prompts.current = prompts;
  try {
    const opened = await vscode.commands.executeCommand<{ query: string } | undefined>('auditLens.searchTraceId');
    assert.strictEqual(prompts.remaining, 0, `unused answers; asked: ${prompts.asked.join('; ')}`);
    return { opened, prompts };
  } finally {
    services.prompts.current = previous;
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

describe('extension: Search Trace ID from a selection', () => {
  it('asks before searching a selected word that is no trace id, with the word filled in', async () => {
    const line = '12:00:02 error upstream failed\n';
    const from = line.indexOf('error');
    const { opened, prompts } = await searchSelection(line, from, from + 'error'.length, [{ input: undefined }]);
    assert.strictEqual(opened, undefined, 'cancelling the question searches nothing');
    assert.deepStrictEqual(prompts.asked, ['input: Audit Lens: Search Trace ID']);
    assert.deepStrictEqual(prompts.prefills, ['error']);
  });

  it('searches the selected word once the question is confirmed', async () => {
    const { opened, prompts } = await searchSelection('user req_8f3kd92mx logged in\n', 5, 18, [{ input: 'req_8f3kd92mx' }, { pick: 'Last 7 days' }]);
    assert.deepStrictEqual(prompts.prefills, ['req_8f3kd92mx']);
    assert.strictEqual(opened?.query, 'trace:req_8f3kd92mx since:7d');
  });

  it('takes a selected labelled id without asking for it', async () => {
    const line = 'GET /api 502 x-request-id: req_8f3kd92mx\n';
    const { opened, prompts } = await searchSelection(line, line.indexOf('x-request-id'), line.length - 1, [{ pick: undefined }]);
    assert.strictEqual(opened, undefined);
    assert.deepStrictEqual(prompts.asked, ['pick: Audit Lens: Search Trace ID'], 'only the range is asked');
  });

  it('reads only the first 4 KB of a large selection', async () => {
    const text = `${'word '.repeat(1_000)}trace_id=${HEX32}\n`;
    const { opened, prompts } = await searchSelection(text, 0, text.length - 1, [{ input: undefined }]);
    assert.strictEqual(opened, undefined);
    assert.deepStrictEqual(prompts.asked, ['input: Audit Lens: Search Trace ID'], 'the id past 4 KB was not read');
    assert.ok((prompts.prefills[0] ?? '').length <= 4_096);
  });
});
