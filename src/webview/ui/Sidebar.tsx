/** Field sidebar: top values per field; click includes, Alt-click (or −) excludes. */
import type { FacetField, LocalFilter } from '../../shared/viewState';
import { showBidiControls } from '../model/bidi';
import type { Facet } from '../model/facets';
import { FACET_LABELS } from '../model/fields';
import { Icon } from './icons';

/** What a facet value reads as (a connection's name for its id); filters keep the value itself. */
type ValueName = (field: FacetField, value: string) => string;

export function Sidebar(props: { facets: readonly Facet[]; shown: number; valueName: ValueName; onFilter(field: FacetField, value: string, exclude: boolean): void }) {
  // A field without values (no trace ids in this search, or nothing loaded yet) is only a heading with 0.
  const counted = props.facets.filter((facet) => facet.distinct > 0);
  return (
    <nav id="field-sidebar" class="sidebar" aria-label="Fields">
      {counted.length === 0 && <p class="muted facet-empty">No values to count yet.</p>}
      {counted.map((facet) => (
        <section key={facet.field} class="facet">
          <h3 class="facet-title">{FACET_LABELS[facet.field]} <span class="muted">{facet.distinct}</span></h3>
          <ul class="facet-values">
            {facet.top.map((v) => { const shown = showBidiControls(props.valueName(facet.field, v.value)); return (
              <li key={v.value} class="facet-value">
                <button
                  type="button"
                  class="facet-include"
                  title={`Show only ${shown} (Alt-click to exclude)`}
                  onClick={(e) => props.onFilter(facet.field, v.value, e.altKey)}
                >
                  <span class="facet-bar" style={{ width: `${props.shown ? (v.count / props.shown) * 100 : 0}%` }} />
                  <span class="facet-label" dir="auto">{shown}</span>
                  <span class="facet-count">{v.count}</span>
                </button>
                <button type="button" class="icon-button facet-exclude" aria-label={`Exclude ${shown}`} title="Exclude" onClick={() => props.onFilter(facet.field, v.value, true)}>
                  <Icon name="remove" />
                </button>
              </li>
            ); })}
          </ul>
        </section>
      ))}
    </nav>
  );
}

export function FilterChips(props: { filters: readonly LocalFilter[]; valueName: ValueName; onRemove(filter: LocalFilter): void }) {
  if (props.filters.length === 0) return null;
  return (
    <ul class="chips" aria-label="Local filters">
      {props.filters.map((f) => {
        const label = `${f.exclude ? 'not ' : ''}${FACET_LABELS[f.field]}: ${showBidiControls(props.valueName(f.field, f.value))}`;
        return (
        <li key={`${f.field}:${f.value}:${f.exclude}`} class={f.exclude ? 'chip exclude' : 'chip'}>
          <span class="chip-label" dir="auto" title={label}>{label}</span>
          <button type="button" class="icon-button" aria-label={`Remove filter ${label}`} onClick={() => props.onRemove(f)}>
            <Icon name="close" />
          </button>
        </li>
        );
      })}
    </ul>
  );
}
