// Installs the VS Code server build shipped by code-server into .cache/vscode-server on
// first use (desktop VS Code cannot be downloaded here) and reuses it afterwards.
// Run directly with `npx tsx test/vscode/harness/install.ts` to pre-install.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { codeServerVersion, nodePackageSpec, serverCacheDir } from './paths';

export interface VSCodeServerInstall {
  /** Node 24 binary used to run the server. */
  node: string;
  /** lib/vscode/out/server-main.js inside code-server. */
  serverMain: string;
}

interface Marker {
  nodePackage: string;
  nodeVersion: string;
  codeServer: string;
}

const markerFile = path.join(serverCacheDir, 'installed.json');
/** Beside the cache folder, so a failed install's log survives the next attempt's wipe. */
const installLog = `${serverCacheDir}-install.log`;
const nodeDir = path.join(serverCacheDir, 'node');
const codeServerPrefix = path.join(serverCacheDir, 'code-server');
const nodeBin = path.join(nodeDir, 'bin', 'node');
const serverMain = path.join(
  codeServerPrefix, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js',
);

/** pkg-config modules the native modules of VS Code compile against, with their Debian package. */
const nativeBuildDeps: Array<[module: string, debianPackage: string]> = [
  ['krb5-gssapi', 'libkrb5-dev'],
  ['x11', 'libx11-dev'],
  ['xkbfile', 'libxkbfile-dev'],
  ['libsecret-1', 'libsecret-1-dev'],
];

function log(message: string): void {
  process.stderr.write(`[vscode-server] ${message}\n`);
}

function readMarker(): Marker | undefined {
  try {
    return JSON.parse(fs.readFileSync(markerFile, 'utf8')) as Marker;
  } catch {
    return undefined;
  }
}

function isInstalled(): boolean {
  const marker = readMarker();
  return marker?.codeServer === codeServerVersion
    && marker.nodePackage === nodePackageSpec
    && fs.existsSync(nodeBin)
    && fs.existsSync(serverMain);
}

interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Return stdout instead of printing it. */
  capture?: boolean;
  /** Send stdout and stderr to this file instead of the terminal. */
  logFile?: string;
}

function run(command: string, args: string[], options: RunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const logFd = options.logFile ? fs.openSync(options.logFile, 'a') : undefined;
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: logFd !== undefined ? ['ignore', logFd, logFd]
        : options.capture ? ['ignore', 'pipe', 'inherit'] : ['ignore', 'inherit', 'inherit'],
    });
    if (logFd !== undefined) fs.closeSync(logFd);
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

async function checkNativeBuildDeps(): Promise<void> {
  const missing: string[] = [];
  for (const [module, debianPackage] of nativeBuildDeps) {
    try {
      await run('pkg-config', ['--exists', module], { cwd: serverCacheDir });
    } catch {
      missing.push(debianPackage);
    }
  }
  if (missing.length > 0) {
    throw new Error(
      `code-server builds native modules and needs: ${missing.join(' ')}. `
      + `Install them with: apt-get install -y ${missing.join(' ')} pkg-config`,
    );
  }
}

async function installNode(): Promise<string> {
  log(`downloading ${nodePackageSpec} from the npm registry (Node binary + headers)`);
  const downloads = path.join(serverCacheDir, 'downloads');
  fs.mkdirSync(downloads, { recursive: true });
  const packed = await run('npm', ['pack', nodePackageSpec, '--pack-destination', downloads, '--silent'], {
    cwd: serverCacheDir, capture: true,
  });
  const tarball = path.join(downloads, packed.trim().split('\n').pop()!.trim());
  fs.mkdirSync(nodeDir, { recursive: true });
  await run('tar', ['xzf', tarball, '-C', nodeDir, '--strip-components=1', 'package/bin/node', 'package/include', 'package/package.json'], { cwd: serverCacheDir });
  fs.rmSync(downloads, { recursive: true, force: true });
  const version = (await run(nodeBin, ['--version'], { cwd: serverCacheDir, capture: true })).trim();
  log(`Node ${version} is at ${nodeBin}`);
  return version;
}

async function installCodeServer(): Promise<void> {
  log(`installing code-server@${codeServerVersion}; its postinstall compiles VS Code's native modules (about 4 minutes)`);
  fs.mkdirSync(codeServerPrefix, { recursive: true });
  fs.writeFileSync(path.join(codeServerPrefix, 'package.json'), '{ "private": true }\n');
  const env: NodeJS.ProcessEnv = {
    // Drop npm_* variables of an enclosing `npm run`/`npx`: npm reads them as config, and an
    // inherited npm_config_user_agent would tell code-server's postinstall it runs on Node 20.
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_'))),
    // npm runs under Node 24 so code-server's postinstall sees the Node major it requires.
    PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`,
    // Overrides `nodedir=/usr` from ~/.npmrc: node-gyp must use Node 24's headers.
    npm_config_nodedir: nodeDir,
    // The postinstall runs nested `npm install`s (lib/vscode, its extensions) whose native
    // modules need their install scripts; npm 11 only runs scripts it was told to allow, and
    // the nested installs see only the environment. The cache is a throw-away tool folder.
    npm_config_dangerously_allow_all_scripts: 'true',
    npm_config_ignore_scripts: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  log(`build output goes to ${installLog}`);
  fs.writeFileSync(installLog, '');
  const started = Date.now();
  const heartbeat = setInterval(() => log(`still installing… ${Math.round((Date.now() - started) / 1000)} s`), 30_000);
  try {
    await run('npm', [
      'install', `code-server@${codeServerVersion}`, `--nodedir=${nodeDir}`,
      '--foreground-scripts', '--omit=dev', '--no-save', '--no-package-lock',
    ], { cwd: codeServerPrefix, env, logFile: installLog });
  } catch (err) {
    const tail = fs.readFileSync(installLog, 'utf8').split('\n').slice(-60).join('\n');
    process.stderr.write(`${tail}\n`);
    throw err;
  } finally {
    clearInterval(heartbeat);
  }
  if (!fs.existsSync(serverMain)) throw new Error(`code-server installed but ${serverMain} is missing`);
}

const lockDir = `${serverCacheDir}.lock`;
const lockOwnerFile = path.join(lockDir, 'pid');

function lockOwnerAlive(): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(lockOwnerFile, 'utf8'));
  } catch {
    // No pid yet: alive if the owner created the folder moments ago.
    const stat = fs.statSync(lockDir, { throwIfNoEntry: false });
    return stat !== undefined && Date.now() - stat.mtimeMs < 60_000;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs install under a lock folder so concurrent test runs don't install over each other. */
async function withInstallLock(install: () => Promise<void>): Promise<void> {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(lockOwnerFile, String(process.pid));
      break;
    } catch {
      if (!lockOwnerAlive()) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (attempt % 12 === 0) log(`another process is installing the VS Code server (${lockDir}); waiting`);
      await new Promise((r) => setTimeout(r, 5_000));
    }
  }
  try {
    if (!isInstalled()) await install();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

async function install(): Promise<void> {
  const started = Date.now();
  log(`first use: installing VS Code server (code-server ${codeServerVersion}) into ${serverCacheDir}`);
  fs.rmSync(serverCacheDir, { recursive: true, force: true });
  fs.mkdirSync(serverCacheDir, { recursive: true });
  await checkNativeBuildDeps();
  const nodeVersion = await installNode();
  await installCodeServer();
  const marker: Marker = { nodePackage: nodePackageSpec, nodeVersion, codeServer: codeServerVersion };
  fs.writeFileSync(markerFile, `${JSON.stringify(marker, null, 2)}\n`);
  log(`installed in ${Math.round((Date.now() - started) / 1000)} s; later runs reuse the cache`);
}

/** Returns the cached install, installing it first if the cache is missing or stale. */
export async function ensureVSCodeServer(): Promise<VSCodeServerInstall> {
  if (!isInstalled()) await withInstallLock(install);
  return { node: nodeBin, serverMain };
}

if (require.main === module) {
  ensureVSCodeServer().then(
    (install) => log(`ready: ${install.serverMain}`),
    (err: unknown) => {
      log(`install failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
