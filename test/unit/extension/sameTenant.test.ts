import * as assert from 'assert';
import type { Connection } from '../../../src/core/model';
import { connectionToSameTenant } from '../../../src/extension/connections/sameTenant';

const existing: Connection[] = [
  { id: 'us', label: 'Surfsight US', vendor: 'surfsight', baseUrl: 'https://api.de.surfsight.net' },
  { id: 'axp', label: 'AXP prod', vendor: 'axp', baseUrl: 'https://na.api.avayacloud.com', accountId: 'ABCDEF' },
  { id: 'p', label: 'Perfecto', vendor: 'perfecto', baseUrl: 'https://acme.app.perfectomobile.com/prefix' },
];

describe('extension: a new connection to a tenant already connected', () => {
  it('finds the connection with the same vendor, address and account, however the address is written', () => {
    assert.strictEqual(connectionToSameTenant({ vendor: 'surfsight', baseUrl: 'https://API.de.surfsight.net/' }, existing)?.id, 'us');
    assert.strictEqual(connectionToSameTenant({ vendor: 'axp', baseUrl: 'https://na.api.avayacloud.com', accountId: ' abcdef ' }, existing)?.id, 'axp');
    assert.strictEqual(connectionToSameTenant({ vendor: 'perfecto', baseUrl: 'https://acme.app.perfectomobile.com/prefix/' }, existing)?.id, 'p');
  });

  it('tells apart another region, account, path prefix or vendor', () => {
    assert.strictEqual(connectionToSameTenant({ vendor: 'surfsight', baseUrl: 'https://api.us.surfsight.net' }, existing), undefined);
    assert.strictEqual(connectionToSameTenant({ vendor: 'axp', baseUrl: 'https://na.api.avayacloud.com', accountId: 'OTHER' }, existing), undefined);
    assert.strictEqual(connectionToSameTenant({ vendor: 'perfecto', baseUrl: 'https://acme.app.perfectomobile.com' }, existing), undefined);
    assert.strictEqual(connectionToSameTenant({ vendor: 'zluri', baseUrl: 'https://api.de.surfsight.net' }, existing), undefined);
  });

  it('leaves the demo\'s connections out: they come and go with the demo', () => {
    const demo: Connection = { id: 'demo-zluri', label: 'Demo Zluri', vendor: 'zluri', baseUrl: 'http://127.0.0.1:4000/zluri', demo: true };
    assert.strictEqual(connectionToSameTenant({ vendor: 'zluri', baseUrl: 'http://127.0.0.1:4000/zluri' }, [demo]), undefined);
  });

  it('matches nothing for an address that is not a URL', () => {
    assert.strictEqual(connectionToSameTenant({ vendor: 'surfsight', baseUrl: 'not a url' }, [...existing, { id: 'bad', label: 'bad', vendor: 'surfsight', baseUrl: 'not a url' }]), undefined);
  });
});
