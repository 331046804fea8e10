/** Timeline of the shown events; dragging across it narrows the search's time range. */
import { useRef, useState } from 'preact/hooks';
import type { Bin } from '../model/histogram';
import { dragToRange } from '../model/histogram';

const WIDTH = 1000;
const HEIGHT = 56;

export function Histogram(props: { bins: readonly Bin[]; range: { from: number; to: number } | null; onNarrow(from: number, to: number): void }) {
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const { bins, range } = props;
  if (!range || bins.length === 0) return <div class="histogram empty-histogram">No timeline yet.</div>;
  const max = Math.max(1, ...bins.map((b) => b.count));
  // The chart spans exactly the range: bins on round boundaries outside it are cut at its ends.
  const x = (t: number) => Math.min(WIDTH, Math.max(0, ((t - range.from) / (range.to - range.from)) * WIDTH));
  const fraction = (clientX: number) => {
    const box = svg.current!.getBoundingClientRect();
    return (clientX - box.left) / box.width;
  };
  const total = bins.reduce((n, b) => n + b.count, 0);
  if (total === 0) return <div class="histogram empty-histogram">No events to draw in this range.</div>;
  return (
    <div class="histogram">
      <svg
        ref={svg}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Timeline: ${total} events in ${bins.length} intervals. Drag across it to narrow the time range, or type from: and to: in the query to narrow it by keyboard.`}
        onPointerDown={(e) => { svg.current!.setPointerCapture(e.pointerId); const f = fraction(e.clientX); setDrag({ a: f, b: f }); }}
        onPointerMove={(e) => { if (drag) setDrag({ a: drag.a, b: fraction(e.clientX) }); }}
        onPointerUp={() => {
          if (drag && Math.abs(drag.b - drag.a) > 0.005) {
            const narrowed = dragToRange(range, drag.a, drag.b);
            props.onNarrow(narrowed.from, narrowed.to);
          }
          setDrag(null);
        }}
      >
        {bins.map((bin) => {
          const h = (bin.count / max) * (HEIGHT - 2);
          const fh = (bin.failures / max) * (HEIGHT - 2);
          const w = Math.max(1, x(bin.end) - x(bin.start) - 1);
          return (
            <g key={bin.start}>
              <title>{`${new Date(bin.start).toISOString()}: ${bin.count} events, ${bin.failures} failures`}</title>
              <rect class="bar" x={x(bin.start)} y={HEIGHT - h} width={w} height={h} />
              {fh > 0 && <rect class="bar-failure" x={x(bin.start)} y={HEIGHT - fh} width={w} height={fh} />}
            </g>
          );
        })}
        {drag && <rect class="drag" x={Math.min(drag.a, drag.b) * WIDTH} y={0} width={Math.abs(drag.b - drag.a) * WIDTH} height={HEIGHT} />}
      </svg>
      <div class="axis">
        <span>{axisLabel(range.from)}</span>
        <span>{axisLabel(range.to)}</span>
      </div>
    </div>
  );
}

function axisLabel(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}
