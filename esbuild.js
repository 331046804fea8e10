// Bundles the extension host, the CLI, the emulator and the webview app.
// `node esbuild.js --watch` rebuilds on change; `--dev` keeps bundles unminified.
const esbuild = require('esbuild');
const fs = require('fs');

const watch = process.argv.includes('--watch');
const dev = process.argv.includes('--dev') || watch;

/** The extension loads these on first use (src/extension/lazy/load.ts): each is a bundle of its own. */
const LAZY_MODULES = { './httpModule': 'lazyHttp', './emulatorModule': 'lazyEmulator' };

/** @type {import('esbuild').Plugin} */
const lazyModules = {
  name: 'lazy-modules',
  setup(build) {
    build.onResolve({ filter: /^\.\/(httpModule|emulatorModule)$/ }, (args) => (
      args.importer.endsWith('lazy/load.ts') ? { path: `./${LAZY_MODULES[args.path]}.js`, external: true } : undefined
    ));
  },
};

/** Bundles being rebuilt right now, across every target. */
let building = 0;

/**
 * In watch mode, one line when a rebuild starts and one when every bundle is done: what
 * the background problem matcher in .vscode/tasks.json waits for before F5 starts the
 * extension (errors are esbuild's own messages, printed between the two).
 * @type {import('esbuild').Plugin}
 */
const watchReport = {
  name: 'watch-report',
  setup(build) {
    build.onStart(() => {
      if (building++ === 0) console.log('[watch] build started');
    });
    build.onEnd(() => {
      if (--building === 0) console.log('[watch] build finished');
    });
  },
};

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  {
    entryPoints: { extension: 'src/extension/extension.ts' },
    platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], plugins: [lazyModules],
  },
  {
    entryPoints: Object.fromEntries(Object.entries(LAZY_MODULES).map(([source, name]) => [name, `src/extension/lazy/${source.slice(2)}.ts`])),
    platform: 'node', format: 'cjs', target: 'node20',
  },
  {
    entryPoints: { cli: 'src/cli/main.ts' },
    platform: 'node', format: 'cjs', target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    entryPoints: { emulator: 'src/emulator/main.ts' },
    platform: 'node', format: 'cjs', target: 'node20',
  },
  {
    entryPoints: { 'webview/panel': 'src/webview/main.tsx' },
    platform: 'browser', format: 'esm', target: 'es2022',
    tsconfig: 'src/webview/tsconfig.json',
    loader: { '.css': 'css', '.ttf': 'file' },
    assetNames: 'webview/[name]-[hash]', // the codicon font next to panel.css, inside localResourceRoots
  },
];

async function main() {
  const existing = targets.filter((t) => Object.values(t.entryPoints).every((p) => fs.existsSync(p)));
  const contexts = await Promise.all(existing.map((t) => esbuild.context({
    bundle: true,
    outdir: 'dist',
    sourcemap: dev ? 'linked' : false,
    minify: !dev,
    legalComments: 'none',
    logLevel: 'warning',
    ...t,
    plugins: [...(t.plugins ?? []), ...(watch ? [watchReport] : [])],
  })));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (fs.existsSync('dist/cli.js')) fs.chmodSync('dist/cli.js', 0o755);
}

main().catch((err) => { console.error(err); process.exit(1); });
