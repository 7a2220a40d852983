/** A small inline-SVG bar chart (no chart library): one bar per point, value on top, label below. */
export function BarChart({ points, title, unit }: { points: { label: string; value: number | null }[]; title: string; unit?: string }) {
  const w = 720;
  const h = 200;
  const pad = { top: 20, bottom: 28, left: 8, right: 8 };
  const max = Math.max(1, ...points.map((p) => p.value ?? 0));
  const step = (w - pad.left - pad.right) / Math.max(1, points.length);
  const base = h - pad.bottom;
  const shown = (v: number) => `${String(v).replace('.', ',')}${unit ?? ''}`;
  // An image's text alternative carries what it shows (1.1.1): the title and every bar's label and value.
  const alt = `${title}: ${points.map((p) => `${p.label} ${p.value === null ? '—' : shown(p.value)}`).join('; ')}`;
  return (
    <figure className="bar-chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={alt}>
        <line x1={pad.left} x2={w - pad.right} y1={base} y2={base} stroke="#777" strokeWidth="1" />
        {points.map((p, i) => {
          const v = p.value ?? 0;
          const bh = ((base - pad.top) * v) / max;
          const x = pad.left + i * step;
          return (
            <g key={`${p.label}-${i}`}>
              {bh > 0 && <rect x={x + step * 0.15} y={base - bh} width={step * 0.7} height={bh} fill="#0b5394" />}
              {p.value !== null && p.value > 0 && (
                <text x={x + step / 2} y={base - bh - 4} textAnchor="middle" fontSize="12">
                  {shown(p.value)}
                </text>
              )}
              <text x={x + step / 2} y={h - 10} textAnchor="middle" fontSize="11" fill="#444">
                {p.label}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
