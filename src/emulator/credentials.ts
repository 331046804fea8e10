import type { Credentials, VendorId } from '../core/model';

/**
 * The credentials the emulator accepts. They are fake and public on purpose: the demo
 * and the tests use them; any other value is refused with the vendor's 401.
 */
export const EMULATOR_CREDENTIALS: Record<VendorId, Credentials> = {
  perfecto: { token: 'emulator-perfecto-security-token' },
  axp: { token: 'emulator-axp-bearer-token', appKey: 'emulator-axp-app-key' },
  descope: { token: 'P2emulatorproject:emulator-descope-management-key' },
  surfsight: { token: 'emulator-surfsight-bearer-token' },
  zluri: { token: 'emulator-zluri-api-key' },
};

/** Surfsight's `/v2/authenticate` login for the emulator. */
export const EMULATOR_SURFSIGHT_LOGIN = { email: 'demo@example.com', password: 'demo-password' };

/** The AXP account id the emulator serves. */
export const EMULATOR_AXP_ACCOUNT = 'ASDJGE';
