import type { VendorRoute } from './types';
import { axpRoute } from './vendors/axp/route';
import { descopeRoute } from './vendors/descope/route';
import { perfectoRoute } from './vendors/perfecto/route';
import { surfsightRoute } from './vendors/surfsight/route';
import { zluriRoute } from './vendors/zluri/route';

/** Every vendor the emulator speaks. */
export const ALL_ROUTES: readonly VendorRoute[] = [perfectoRoute, axpRoute, descopeRoute, surfsightRoute, zluriRoute];
