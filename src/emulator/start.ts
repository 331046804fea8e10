import { ALL_ROUTES } from './routes';
import { Emulator, type EmulatorOptions } from './server';

/** Starts the emulator with all five vendor APIs on loopback (a free port unless given). */
export function startEmulator(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  return Emulator.start({ routes: ALL_ROUTES, ...options });
}
