// `npm run demo`: the vendor emulator plus a throw-away VS Code server with Audit Lens
// loaded; prints the URL to open and runs until Ctrl+C.
// `npm run demo -- --screenshot shot.png`: instead drives the workbench in headless
// Chromium (opens the view, runs "Try the Demo" and a demo search), saves a screenshot
// and exits. `--port N` fixes the VS Code server's port.
import * as fs from 'fs';
import * as path from 'path';
import { startEmulator } from '../../src/emulator/start';
import { Workbench } from '../ui/workbench';
import { startVSCodeServer } from './harness/launch';
import { repoRoot } from './harness/paths';

function arg(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function contributedCommands(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    contributes?: { commands?: Array<{ command: string }> };
  };
  return (manifest.contributes?.commands ?? []).map((c) => c.command);
}

/** Best effort: each step that fails is reported and the screenshot is still taken. */
async function step(name: string, action: () => Promise<void>): Promise<void> {
  try {
    await action();
    process.stdout.write(`  ✓ ${name}\n`);
  } catch (err) {
    process.stdout.write(`  ✗ ${name}: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}\n`);
  }
}

async function screenshot(file: string): Promise<void> {
  const workbench = await Workbench.start({ viewport: { width: 1600, height: 1000 } });
  try {
    await step('open the Audit Lens view', async () => { await workbench.openViewContainer('Audit Lens'); });
    if (contributedCommands().includes('auditLens.tryDemo')) {
      await step('run "Audit Lens: Try the Demo"', async () => {
        await workbench.runCommand('Audit Lens: Try the Demo');
        // The demo adds saved searches to the tree once its emulator is up.
        await workbench.page.locator('.part.sidebar .monaco-list-row', { hasText: 'Failures this week' }).first().waitFor({ timeout: 30_000 });
      });
      await step('run the demo search "Failures this week, all vendors"', async () => {
        await workbench.page.locator('.part.sidebar .monaco-list-row', { hasText: 'Failures this week' }).first().click();
        const frame = await workbench.webviewFrame('table, [role="grid"]', 30_000);
        await frame.locator('table tr, [role="row"]').nth(1).waitFor({ timeout: 30_000 });
      });
    }
    await workbench.page.mouse.move(5, 995); // no hover tooltip in the picture
    await workbench.page.waitForTimeout(500);
    const out = path.resolve(file);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    await workbench.page.screenshot({ path: out });
    process.stdout.write(`screenshot saved to ${out}\n`);
  } finally {
    await workbench.close();
  }
}

async function serve(port: number | undefined): Promise<void> {
  const emulator = await startEmulator({ port: 0 });
  const server = await startVSCodeServer({ port });
  process.stdout.write([
    '',
    `Vendor emulator: ${emulator.origin} (fake data)`,
    'Open VS Code with Audit Lens loaded (then run "Audit Lens: Try the Demo"):',
    '',
    `  ${server.workbenchUrl}`,
    '',
    'The server listens on 127.0.0.1 only; from another machine forward the port first.',
    'Press Ctrl+C to stop.',
    '',
  ].join('\n'));
  const stop = async (): Promise<void> => {
    await server.close();
    await emulator.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await server.exited;
  process.stderr.write(`the VS Code server stopped unexpectedly:\n${server.serverLog()}\n`);
  await emulator.close();
  process.exit(1);
}

const shot = arg('--screenshot');
const port = arg('--port') === undefined ? undefined : Number(arg('--port'));
(shot ? screenshot(shot) : serve(port)).catch((err: unknown) => {
  process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
