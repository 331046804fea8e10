/** Every normalized field of the selected event, its change diff and the raw record. */
import type { ComponentChildren } from 'preact';
import type { AuditEvent } from '../../core/model';
import type { FacetField } from '../../shared/viewState';
import { showBidiControls as shown } from '../model/bidi';
import type { EventConnection } from '../model/fields';
import { formatTime, resourceLabel } from '../model/fields';
import { ChangeDiff } from './ChangeDiff';
import { Icon, StatusBadge, VendorBadge } from './icons';
import { JsonTree } from './JsonTree';

export interface DetailActions {
  close(): void;
  pivot(field: FacetField, value: string): void;
  searchTraceEverywhere(traceId: string): void;
  surrounding(by: 'actor' | 'resource'): void;
  openDiff(field: string): void;
  openRaw(): void;
  copyCurl(): void;
}

export function DetailPane({ event, connection, actions }: { event: AuditEvent; connection: EventConnection; actions: DetailActions }) {
  const actor = event.actor.name ?? event.actor.id;
  const resource = resourceLabel(event);
  return (
    <aside class="detail" aria-label="Event details">
      <div class="detail-toolbar">
        <h2 class="detail-title" dir="auto">{shown(event.action) || 'Event'}</h2>
        <span class="spacer" />
        <button type="button" class="icon-button" title="Copy as cURL (credential replaced by a placeholder)" aria-label="Copy as cURL" onClick={actions.copyCurl}><Icon name="terminal" /></button>
        <button type="button" class="icon-button" title="Open raw JSON in an editor" aria-label="Open raw JSON" onClick={actions.openRaw}><Icon name="json" /></button>
        <button type="button" class="icon-button" title="Close (Esc)" aria-label="Close details" onClick={actions.close}><Icon name="close" /></button>
      </div>
      <dl class="fields">
        <Field name="Time">{formatTime(event.time)} UTC</Field>
        <Field name="Vendor"><VendorBadge vendor={event.vendor} /></Field>
        <Field name="Connection"><Pivot label={connection.name} onClick={() => actions.pivot('connection', connection.id)} /></Field>
        <Field name="Event id"><code dir="auto">{shown(event.id)}</code></Field>
        <Field name="Action"><Pivot label={event.action} onClick={() => actions.pivot('action', event.action)} /></Field>
        <Field name="Actor">
          {actor ? <Pivot label={actor} onClick={() => actions.pivot('actor', actor)} /> : '—'}
          {event.actor.id && event.actor.id !== actor && <span class="muted" dir="auto"> {shown(event.actor.id)}</span>}
          {event.actor.type && <span class="muted" dir="auto"> · {shown(event.actor.type)}</span>}
          {event.actor.role && <span class="muted" dir="auto"> · {shown(event.actor.role)}</span>}
        </Field>
        <Field name="Resource">
          {resource ? <Pivot label={resource} onClick={() => actions.pivot('resource', resource)} /> : '—'}
          {event.resource.id && event.resource.name && <span class="muted" dir="auto"> {shown(event.resource.id)}</span>}
        </Field>
        <Field name="Status"><StatusBadge status={event.status} /></Field>
        <Field name="Description"><span class="description" dir="auto">{shown(event.description ?? '—')}</span></Field>
        <Field name="Trace id">
          {event.traceId ? (
            <>
              <Pivot label={event.traceId} onClick={() => actions.pivot('traceId', event.traceId!)} />{' '}
              <button type="button" class="link-button" onClick={() => actions.searchTraceEverywhere(event.traceId!)}>
                <Icon name="globe" /> Search this trace id everywhere
              </button>
            </>
          ) : '—'}
        </Field>
      </dl>
      <div class="detail-actions">
        <span class="muted">Surrounding events (±5 min):</span>
        <button type="button" class="link-button" disabled={!actor} onClick={() => actions.surrounding('actor')}>same actor</button>
        <button type="button" class="link-button" disabled={!resource} onClick={() => actions.surrounding('resource')}>same resource</button>
      </div>
      <h3 id="detail-changes" tabIndex={-1} class="section-title">Changes ({event.changes.length})</h3>
      <ChangeDiff event={event} onOpenDiff={actions.openDiff} />
      <h3 class="section-title">Raw record</h3>
      <JsonTree value={event.raw} />
    </aside>
  );
}

function Field({ name, children }: { name: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Pivot({ label, onClick }: { label: string; onClick(): void }) {
  const text = shown(label);
  return <button type="button" class="pivot" dir="auto" title={`Filter by ${text}`} onClick={onClick}>{text}</button>;
}
