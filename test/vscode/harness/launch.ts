// Starts a throw-away VS Code (the server build from code-server) with this extension and
// opens its workbench in headless Chromium. Everything it starts is torn down by close(),
// also when the caller fails, hangs past its timeout or the process is interrupted.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Browser, chromium, Page } from 'playwright-core';
import { formatLogMessage } from './hostOutput';
import { ensureVSCodeServer } from './install';
import { installVsix } from './installVsix';
import { chromiumPath, repoRoot } from './paths';
import { cleanupOnExit, freePort, stopGroup, killGroup, waitForHttp, withTimeout } from './processes';

export interface LaunchOptions {
  /** Folder opened as the workspace; an empty temporary folder when omitted. */
  workspace?: string;
  /**
   * More empty folders opened beside it, as a multi-root workspace (a `.code-workspace`
   * file listing them all); none by default.
   */
  extraFolders?: number;
  /**
   * Called with every workspace folder (the first, then the extra ones) before the workbench
   * opens, to put files in them: files written later may land before VS Code watches them.
   */
  prepareFolders?: (folders: string[]) => void;
  /**
   * The extension under test: by default the repository itself (extensionDevelopmentPath);
   * `installedFrom` installs that .vsix into the run's fresh extensions folder instead, as a
   * user gets it, and VS Code runs it as an installed extension (not under development).
   */
  extension?: { installedFrom: string };
  /** Absolute path of a compiled module exporting run(); runs it in the extension host. */
  extensionTestsPath?: string;
  /** Trusted workspace (default); false starts in Restricted Mode. */
  trustWorkspace?: boolean;
  /** Machine-level settings written before the server starts. */
  settings?: Record<string, unknown>;
  /** Receives each workbench log message (extension host console included); default prints it. */
  onLog?: (level: string, message: string) => void;
  viewport?: { width: number; height: number };
  /** Extra environment for the server, and so for its extension host. */
  env?: Record<string, string>;
}

/** A gallery without an address is off: the workbench then asks no extension marketplace for anything. */
const NO_GALLERY = { EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '' }) };

const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

function defaultLog(level: string, message: string): void {
  const text = message.replace(/\n$/, '');
  if (level === 'error' || level === 'warn') process.stderr.write(`${text}\n`);
  else process.stdout.write(`${text}\n`);
}

export interface VSCodeServer {
  /** Base URL of the server, e.g. http://127.0.0.1:40123/ */
  serverUrl: string;
  /** Workbench URL opening the workspace with this extension (and tests, if given) loaded. */
  workbenchUrl: string;
  workspace: string;
  /** Last lines the server printed, for diagnosing failures. */
  serverLog(): string;
  /** Resolves when the server process ends. */
  exited: Promise<void>;
  close(): Promise<void>;
}

export interface VSCodeSession extends VSCodeServer {
  page: Page;
  browser: Browser;
  /** Resolves with the extension host's exit code once an extensionTestsPath run ends. */
  exitCode: Promise<number>;
}

/** Starts the VS Code server with throw-away data dirs; no browser. */
export async function startVSCodeServer(options: LaunchOptions & { port?: number } = {}): Promise<VSCodeServer> {
  const install = await ensureVSCodeServer();

  const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-lens-vscode-'));
  const serverDataDir = path.join(tempRoot, 'server-data');
  const userDataDir = path.join(tempRoot, 'user-data');
  const extensionsDir = path.join(tempRoot, 'extensions');
  const workspace = options.workspace ?? path.join(tempRoot, 'workspace');
  for (const dir of [serverDataDir, userDataDir, extensionsDir, workspace]) fs.mkdirSync(dir, { recursive: true });
  const machineSettingsDir = path.join(serverDataDir, 'data', 'Machine');
  fs.mkdirSync(machineSettingsDir, { recursive: true });
  fs.writeFileSync(path.join(machineSettingsDir, 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'telemetry.telemetryLevel': 'off',
    ...options.settings,
  }, null, 2));

  if (options.extension) {
    try {
      await installVsix(install, options.extension.installedFrom, { extensionsDir, serverDataDir, userDataDir }, NO_GALLERY);
    } catch (err) {
      fs.rmSync(tempRoot, { recursive: true, force: true });
      throw err;
    }
  }

  const port = options.port ?? await freePort();
  const host = `127.0.0.1:${port}`;
  const serverArgs = [
    install.serverMain, '--host', '127.0.0.1', '--port', String(port),
    '--without-connection-token', '--accept-server-license-terms', '--enable-smoke-test-driver',
    '--disable-telemetry', '--server-data-dir', serverDataDir, '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  if (options.trustWorkspace !== false) serverArgs.push('--disable-workspace-trust');

  const serverLogLines: string[] = [];
  // detached: the server and its extension hosts form one process group, killed as a whole.
  const server = spawn(install.node, serverArgs, {
    cwd: tempRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...NO_GALLERY, ...options.env },
  });
  const exited = new Promise<void>((r) => server.once('exit', () => r()));
  const keepLog = (chunk: Buffer): void => {
    serverLogLines.push(...chunk.toString().split('\n').filter(Boolean));
    if (serverLogLines.length > 200) serverLogLines.splice(0, serverLogLines.length - 200);
    if (process.env.AUDIT_LENS_VSCODE_VERBOSE) process.stderr.write(`[server] ${chunk.toString()}`);
  };
  server.stdout!.on('data', keepLog);
  server.stderr!.on('data', keepLog);

  const forgetCleanup = cleanupOnExit(() => {
    killGroup(server, 'SIGKILL');
    fs.rmSync(tempRoot, { recursive: true, force: true });
  });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= stopGroup(server).then(() => {
      fs.rmSync(tempRoot, { recursive: true, force: true });
      forgetCleanup();
    });
    return closing;
  };

  const serverUrl = `http://${host}/`;
  try {
    await waitForHttp(serverUrl, server, 60_000);
  } catch (err) {
    await close();
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${serverLogLines.join('\n')}`);
  }
  const remote = (p: string): string => `vscode-remote://${host}${p}`;
  // VS Code runs extension tests only beside an extensionDevelopmentPath. For an installed
  // extension that path is an empty folder: it adds no extension, so the installed one runs.
  const developmentPath = options.extension ? path.join(tempRoot, 'no-development-extension') : repoRoot;
  if (options.extension) fs.mkdirSync(developmentPath);
  const payload: Array<[string, string]> = [
    ['extensionDevelopmentPath', remote(developmentPath)],
    ['skipWelcome', 'true'],
  ];
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  const extra = Array.from({ length: options.extraFolders ?? 0 }, (_, i) => path.join(tempRoot, `workspace-${i + 2}`));
  for (const dir of extra) fs.mkdirSync(dir, { recursive: true });
  options.prepareFolders?.([workspace, ...extra]);
  let opened = `folder=${encodeURIComponent(workspace)}`;
  if (extra.length > 0) {
    const file = path.join(tempRoot, 'audit-lens.code-workspace');
    fs.writeFileSync(file, JSON.stringify({ folders: [workspace, ...extra].map((folder) => ({ path: folder })) }, null, 2));
    opened = `workspace=${encodeURIComponent(file)}`;
  }
  const workbenchUrl = `${serverUrl}?${opened}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return { serverUrl, workbenchUrl, workspace, exited, close, serverLog: () => serverLogLines.join('\n') };
}

/** Starts the server and opens its workbench in headless Chromium. */
export async function launchVSCode(options: LaunchOptions = {}): Promise<VSCodeSession> {
  const server = await startVSCodeServer(options);
  let browser: Browser | undefined;
  let closing = false;
  const close = async (): Promise<void> => {
    closing = true;
    if (browser) await withTimeout(browser.close().catch(() => undefined), 10_000);
    await server.close();
  };
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    const onLog = options.onLog ?? defaultLog;
    let resolveExit!: (code: number) => void;
    const exitCode = new Promise<number>((r) => { resolveExit = r; });
    await page.exposeFunction('codeAutomationLog', (level: string, message: unknown) => {
      onLog(level, formatLogMessage(message));
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => { resolveExit(code); });
    // A crash ends the run at once instead of waiting for the caller's timeout.
    page.on('crash', () => {
      process.stderr.write('[vscode] the workbench page crashed\n');
      resolveExit(1);
    });
    void server.exited.then(() => {
      if (!closing) process.stderr.write(`[vscode] the VS Code server exited:\n${server.serverLog()}\n`);
      resolveExit(1);
    });
    await page.goto(server.workbenchUrl);
    return { ...server, page, browser, exitCode, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Waits until the workbench has rendered its activity bar. */
export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: timeoutMs });
}
