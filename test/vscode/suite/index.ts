// Entry loaded by VS Code's extension host (extensionTestsPath): runs every bundled
// *.test.js next to this file with mocha and rejects when any test fails.
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import Mocha from 'mocha';
import { hostOutputMarker } from '../harness/hostOutput';

/** Tags every console line of the run so the driver can tell it from workbench noise. */
function tagConsole(): () => void {
  const original = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  for (const method of ['log', 'info', 'warn', 'error'] as const) {
    console[method] = (...args: unknown[]) => {
      const text = util.format(...args).split('\n').map((line) => hostOutputMarker + line).join('\n');
      original[method].call(console, text);
    };
  }
  return () => Object.assign(console, original);
}

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith('.test.js') ? [full] : [];
  }).sort();
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 30_000 });
  const grep = process.env.AUDIT_LENS_TEST_GREP;
  if (grep) mocha.grep(grep);
  const files = testFiles(__dirname);
  const restoreConsole = tagConsole();
  for (const file of files) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    if (files.length === 0) {
      restoreConsole();
      reject(new Error(`no *.test.js files found in ${__dirname}`));
      return;
    }
    const runner = mocha.run((failures) => {
      const passed = runner.stats?.passes ?? 0;
      console.log(`${passed} passed, ${failures} failed`);
      restoreConsole();
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else if (passed === 0) reject(new Error('no integration test ran'));
      else resolve();
    });
  });
}
