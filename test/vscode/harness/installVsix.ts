// Installs a .vsix the way a user's `code --install-extension` does, with the server's own
// CLI, into a run's fresh extensions folder. Works offline: a .vsix file needs no gallery.
import { spawn } from 'child_process';
import type { VSCodeServerInstall } from './install';

export interface ServerDirs {
  extensionsDir: string;
  serverDataDir: string;
  userDataDir: string;
}

export function installVsix(server: VSCodeServerInstall, vsix: string, dirs: ServerDirs, env: Record<string, string>): Promise<void> {
  const args = [
    server.serverMain, '--install-extension', vsix, '--accept-server-license-terms',
    '--extensions-dir', dirs.extensionsDir, '--server-data-dir', dirs.serverDataDir, '--user-data-dir', dirs.userDataDir,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(server.node, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`installing ${vsix} failed (${signal ?? `exit ${code}`}):\n${output}`));
    });
  });
}
