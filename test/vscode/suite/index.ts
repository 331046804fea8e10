// Entry loaded by VS Code's extension host (extensionTestsPath): runs the bundled
// *.test.js next to this file with mocha and rejects when any test fails. The driver starts
// four windows (AUDIT_LENS_TEST_WINDOW): a trusted one runs every suite but the three kinds
// below, one in Restricted Mode ('untrusted') runs *.untrusted.test.js, a multi-root
// workspace ('multiroot') runs *.multiroot.test.js, and one with the extension installed
// from its .vsix ('packaged') runs *.packaged.test.js.
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import Mocha from 'mocha';
import { hostOutputMarker } from '../harness/hostOutput';

/** Prints a line tagged so the driver can tell it from workbench noise. */
function print(...args: unknown[]): void {
  console.log(util.format(...args).split('\n').map((line) => hostOutputMarker + line).join('\n'));
}

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith('.test.js') ? [full] : [];
  }).sort();
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: process.env.AUDIT_LENS_TEST_COLOR === '1', timeout: 30_000 });
  const grep = process.env.AUDIT_LENS_TEST_GREP;
  if (grep) mocha.grep(grep);
  const window = process.env.AUDIT_LENS_TEST_WINDOW ?? 'trusted';
  const windowOf = (file: string): string => /\.(untrusted|multiroot|packaged)\.test\.js$/.exec(file)?.[1] ?? 'trusted';
  const files = testFiles(__dirname).filter((file) => windowOf(file) === window);
  // The extension host pins console.* (assignments are ignored), so tag mocha's output instead.
  Mocha.reporters.Base.consoleLog = print;
  for (const file of files) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    if (files.length === 0) {
      reject(new Error(`no *.test.js files found in ${__dirname}`));
      return;
    }
    const runner = mocha.run((failures) => {
      const passed = runner.stats?.passes ?? 0;
      print(`${passed} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      // With --grep, a window may match nothing; the driver checks the total.
      else if (passed === 0 && !grep) reject(new Error('no integration test ran'));
      else resolve();
    });
  });
}
