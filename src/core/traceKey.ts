/**
 * One trace id however it was written. A W3C `traceparent`'s trace id, an AWS X-Ray id
 * (`1-<8 hex>-<24 hex>`), a UUID and 32 hex digits are the same 128 bits: they reduce to
 * 32 lowercase hex digits. Any other shape is kept as written (trimmed).
 */
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/i;
const X_RAY = /^1-([0-9a-f]{8})-([0-9a-f]{24})$/i;
const UUID = /^\{?([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\}?$/i;
const HEX_32 = /^[0-9a-f]{32}$/i;

export function traceKey(id: string): string {
  const text = id.trim();
  const hex = TRACEPARENT.exec(text)?.[1]
    ?? X_RAY.exec(text)?.slice(1).join('')
    ?? UUID.exec(text)?.slice(1).join('')
    ?? (HEX_32.test(text) ? text : undefined);
  return hex === undefined ? text : hex.toLowerCase();
}

/** Whether `id` is a 128-bit trace id (in any of the shapes above). */
export function isHexTraceId(id: string): boolean {
  return HEX_32.test(traceKey(id));
}
