/** Bundled on its own (dist/lazyEmulator.js): only the demo needs the emulator. */
export { startEmulator } from '../../emulator/start';
