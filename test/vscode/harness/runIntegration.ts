// `npm run test:vscode`: bundles the integration suites, starts VS Code with the
// extension, runs the suites inside its extension host and exits with their result.
// Options: --grep <pattern> runs only matching tests; AUDIT_LENS_VSCODE_TIMEOUT_S caps the
// run (default 600); AUDIT_LENS_VSCODE_VERBOSE=1 also prints the workbench and server logs.
import { buildSuite } from './buildSuite';
import { testOutput } from './hostOutput';
import { launchVSCode, VSCodeSession } from './launch';

const timeoutSeconds = Number(process.env.AUDIT_LENS_VSCODE_TIMEOUT_S ?? 600);

function log(message: string): void {
  process.stderr.write(`[test:vscode] ${message}\n`);
}

async function main(): Promise<number> {
  const grepIndex = process.argv.indexOf('--grep');
  // The extension host inherits the server's environment, and so this process's.
  if (grepIndex > 0) process.env.AUDIT_LENS_TEST_GREP = process.argv[grepIndex + 1];
  process.env.AUDIT_LENS_TEST_COLOR = process.stdout.isTTY ? '1' : '0';

  const started = Date.now();
  const entry = await buildSuite();
  let session: VSCodeSession | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const verbose = Boolean(process.env.AUDIT_LENS_VSCODE_VERBOSE);
    session = await launchVSCode({
      extensionTestsPath: entry,
      onLog: (_level, message) => {
        const output = testOutput(message);
        if (output !== undefined) process.stdout.write(`${output}\n`);
        else if (verbose) process.stderr.write(`[workbench] ${message}\n`);
      },
    });
    log(`VS Code started at ${session.serverUrl}; running suites in the extension host`);
    const timedOut = new Promise<'timeout'>((r) => { timer = setTimeout(() => r('timeout'), timeoutSeconds * 1000); });
    const result = await Promise.race([session.exitCode, timedOut]);
    if (result === 'timeout') {
      log(`no result after ${timeoutSeconds} s: the extension host hung. Last server output:\n${session.serverLog()}`);
      return 1;
    }
    log(`extension host exited with code ${result} after ${Math.round((Date.now() - started) / 1000)} s`);
    return result === 0 ? 0 : 1;
  } finally {
    clearTimeout(timer);
    await session?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(`failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    process.exit(1);
  },
);
