// Process and network helpers for the launcher: free ports, readiness polling, and
// killing a detached child's whole process group (last resort on exit or signal too).
import { ChildProcess } from 'child_process';
import * as http from 'http';
import * as net from 'net';

const exitCleanups = new Set<() => void>();
let exitHooksInstalled = false;

/** Registers a synchronous cleanup run if the process exits or is interrupted first. */
export function cleanupOnExit(cleanup: () => void): () => void {
  if (!exitHooksInstalled) {
    exitHooksInstalled = true;
    process.on('exit', () => { for (const run of exitCleanups) run(); });
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(signal, () => {
        for (const run of exitCleanups) run();
        process.exit(130);
      });
    }
  }
  exitCleanups.add(cleanup);
  return () => { exitCleanups.delete(cleanup); };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function httpOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => { res.resume(); resolve((res.statusCode ?? 500) < 500); });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => { req.destroy(); resolve(false); });
  });
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Polls url until it answers, failing early if the child serving it exits. */
export async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited(child)) throw new Error(`the server exited early (${child.signalCode ?? `exit ${child.exitCode}`})`);
    if (await httpOk(url)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not answer on ${url} within ${timeoutMs / 1000} s`);
}

/** Signals the process group of a child spawned with detached: true. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => { clearTimeout(timer); resolve(true); });
  });
}

/** Stops a detached child and everything in its process group: TERM, then KILL. */
export async function stopGroup(child: ChildProcess): Promise<void> {
  killGroup(child, 'SIGTERM');
  if (!(await waitForExit(child, 5_000))) {
    killGroup(child, 'SIGKILL');
    await waitForExit(child, 5_000);
  }
  // Children of the group (extension hosts) may outlive its leader by a moment.
  killGroup(child, 'SIGKILL');
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([promise, new Promise<undefined>((r) => { setTimeout(() => r(undefined), ms).unref(); })]);
}
