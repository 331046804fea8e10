// Shared by the extension-*.test.ts suites: the extension's API and scripted answers
// to the questions its commands ask (the UI tests drive the real widgets instead).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AuditLensApi } from '../../../src/extension/extension';
import type { Prompts } from '../../../src/extension/ui/prompts';

export const extensionId = 'audit-lens.audit-lens';

export async function api(): Promise<AuditLensApi> {
  const extension = vscode.extensions.getExtension<AuditLensApi>(extensionId);
  assert.ok(extension, `${extensionId} is not installed`);
  return extension.activate();
}

export type Answer =
  | { input: string | undefined }
  | { pick: string | undefined }
  | { confirm: boolean }
  | { offer: string | undefined }
  | { save: vscode.Uri | undefined };

/** Answers prompts in order; a question without a scripted answer fails the test. */
export class ScriptedPrompts implements Prompts {
  readonly asked: string[] = [];
  /** Messages an input box showed without refusing the value (Info or Warning). */
  readonly notes: string[] = [];

  constructor(private readonly answers: Answer[]) {}

  get remaining(): number {
    return this.answers.length;
  }

  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    this.asked.push(`input: ${options.title ?? options.prompt ?? ''}`);
    const answer = this.next('input');
    if (!('input' in answer)) throw new Error('expected an input answer');
    if (answer.input !== undefined && options.validateInput) {
      const problem = await options.validateInput(answer.input);
      // An Info or Warning message informs; only a string or an Error refuses the value, as in VS Code.
      const refused = typeof problem === 'string' ? problem : problem?.severity === vscode.InputBoxValidationSeverity.Error ? problem.message : undefined;
      if (refused) throw new Error(`scripted input "${answer.input}" was refused: ${refused}`);
      if (problem && typeof problem !== 'string') this.notes.push(problem.message);
    }
    return answer.input;
  }

  async pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
    this.asked.push(`pick: ${options.title ?? options.placeHolder ?? ''}`);
    const answer = this.next('pick');
    if (!('pick' in answer)) throw new Error('expected a pick answer');
    if (answer.pick === undefined) return undefined;
    const wanted = answer.pick;
    const item = items.find((i) => i.label.includes(wanted));
    if (!item) throw new Error(`no item "${wanted}" among ${items.map((i) => i.label).join(' | ')}`);
    return item;
  }

  async confirm(message: string): Promise<boolean> {
    this.asked.push(`confirm: ${message}`);
    const answer = this.next('confirm');
    if (!('confirm' in answer)) throw new Error('expected a confirm answer');
    return answer.confirm;
  }

  async offer(message: string, ...actions: string[]): Promise<string | undefined> {
    this.asked.push(`offer: ${message} [${actions.join(', ')}]`);
    const answer = this.next('offer');
    if (!('offer' in answer)) throw new Error('expected an offer answer');
    if (answer.offer !== undefined && !actions.includes(answer.offer)) throw new Error(`no action "${answer.offer}" among ${actions.join(', ')}`);
    return answer.offer;
  }

  /** The save dialogs' starting files, in order. */
  readonly saveDefaults: (vscode.Uri | undefined)[] = [];

  async saveAs(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    this.asked.push(`save: ${options.title ?? ''}`);
    this.saveDefaults.push(options.defaultUri);
    const answer = this.next('save');
    if (!('save' in answer)) throw new Error('expected a save answer');
    return answer.save;
  }

  private next(kind: string): Answer {
    const answer = this.answers.shift();
    if (!answer) throw new Error(`unexpected ${kind} question (asked so far: ${this.asked.join('; ')})`);
    return answer;
  }
}

/** Runs `body` with scripted prompts, then restores the real ones and checks every answer was used. */
export async function withPrompts<T>(answers: Answer[], body: (prompts: ScriptedPrompts) => Thenable<T>): Promise<T> {
  const { services } = await api();
  const scripted = new ScriptedPrompts(answers);
  const previous = services.prompts.current;
  services.prompts.current = scripted;
  try {
    const result = await body(scripted);
    assert.strictEqual(scripted.remaining, 0, `unused answers; asked: ${scripted.asked.join('; ')}`);
    return result;
  } finally {
    services.prompts.current = previous;
  }
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function setUserConnections(value: unknown[]): Promise<void> {
  await vscode.workspace.getConfiguration('auditLens').update('connections', value, vscode.ConfigurationTarget.Global);
}
