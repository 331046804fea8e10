/**
 * Modules loaded on first use instead of at activation. esbuild bundles each as its own
 * file beside dist/extension.js (see esbuild.js); from source (tests) they load directly.
 */
export function loadHttpModule(): typeof import('./httpModule') {
  return require('./httpModule') as typeof import('./httpModule');
}

export function loadEmulatorModule(): typeof import('./emulatorModule') {
  return require('./emulatorModule') as typeof import('./emulatorModule');
}
