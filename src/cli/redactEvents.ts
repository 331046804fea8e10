import type { AuditEvent } from '../core/model';
import { redactedForms, redactSecrets } from '../core/redact';

/**
 * The events with every credential replaced in each string, number and object key, before any
 * format escapes them: in JSON a `"` or `\` in the credential is written `\"` or `\\`, in
 * CSV `""`, so the formatted text no longer holds it as typed and could not be redacted.
 * Events that hold no credential are passed on as they are, not copied.
 */
export function redactEvents(events: readonly AuditEvent[], secrets: readonly (string | undefined)[]): readonly AuditEvent[] {
  const forms = redactedForms(secrets);
  if (forms.length === 0) return events;
  const clean = (value: unknown): unknown => {
    if (typeof value === 'string') return forms.some((form) => value.includes(form)) ? redactSecrets(value, secrets) : value;
    // A numeric credential may sit in a record as a number: it becomes the redacted text. One
    // of 16 or more digits was rounded when the record was parsed, so it is compared as a number too.
    if (typeof value === 'number') {
      const rounded = forms.find((form) => /^\d+$/.test(form) && Number(form) === value);
      const text = rounded ?? String(value);
      return forms.some((form) => text.includes(form)) ? redactSecrets(text, secrets) : value;
    }
    if (Array.isArray(value)) {
      const items = value.map(clean);
      return items.some((item, at) => item !== value[at]) ? items : value;
    }
    if (value !== null && typeof value === 'object') {
      let changed = false;
      const entries = Object.entries(value).map(([key, item]) => {
        const entry = [clean(key) as string, clean(item)] as const;
        changed ||= entry[0] !== key || entry[1] !== item;
        return entry;
      });
      return changed ? Object.fromEntries(entries) : value;
    }
    return value;
  };
  return events.map((event) => clean(event) as AuditEvent);
}
