/** Bundled on its own (dist/lazyHttp.js): undici is half the extension's code, and only a search needs it. */
export { createHttpClient } from '../../core/http/client';
