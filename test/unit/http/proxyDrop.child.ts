/**
 * Run as its own process by proxyTls.test.ts: one HTTPS request through a proxy that drops
 * every connection at once. Prints the outcome as JSON. In its own process because the
 * failure this guards against (undici reconnecting in a loop that starves timers) would
 * freeze the test runner's own timeouts too.
 */
import { createServer, type AddressInfo } from 'node:net';
import { createHttpClient } from '../../../src/core/http/client';

let connections = 0;
const proxy = createServer((socket) => {
  connections++;
  socket.destroy();
});
proxy.listen(0, '127.0.0.1', async () => {
  const http = createHttpClient({ proxyUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, maxRetries: 2, backoffBaseMs: 5, backoffMaxMs: 20 });
  let message = '';
  try {
    await http.send({ vendor: 'perfecto', method: 'GET', url: 'https://acme.app.perfectomobile.com/api/v1/audit/search', headers: {}, idempotent: true });
  } catch (error) {
    message = (error as Error).message;
  }
  process.stdout.write(JSON.stringify({ message, connections }));
  await http.close().catch(() => undefined);
  proxy.close();
});
