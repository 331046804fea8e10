import type { VendorRoute } from './types';
import { axpRoute } from './vendors/axp';
import { descopeRoute } from './vendors/descope';
import { perfectoRoute } from './vendors/perfecto';
import { surfsightRoute } from './vendors/surfsight';
import { zluriRoute } from './vendors/zluri';

/** Every vendor the emulator speaks. */
export const ALL_ROUTES: readonly VendorRoute[] = [perfectoRoute, axpRoute, descopeRoute, surfsightRoute, zluriRoute];
