/** Codicons and theme-coloured badges for status and vendor. */
import type { AuditStatus, VendorId } from '../../core/model';

export function Icon({ name, label }: { name: string; label?: string }) {
  return label
    ? <span class={`codicon codicon-${name}`} role="img" aria-label={label} />
    : <span class={`codicon codicon-${name}`} aria-hidden="true" />;
}

export function StatusBadge({ status }: { status: AuditStatus }) {
  if (status === null) return <span class="status status-none">—</span>;
  return (
    <span class={`status status-${status}`}>
      <Icon name={status === 'success' ? 'pass' : 'error'} />
      {status}
    </span>
  );
}

export function VendorBadge({ vendor }: { vendor: VendorId }) {
  return <span class={`vendor vendor-${vendor}`}>{vendor}</span>;
}
