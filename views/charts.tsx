// Charts rendered on the server as HTML, each with its figures as text for screen readers.
import { percent } from './format.ts';

const COLORS: Record<string, string> = {
  pour: '#2e7d32',
  contre: '#c62828',
  abstention: '#f0a500',
  nonVotant: '#9e9e9e',
};

export interface Segment {
  key: keyof typeof COLORS | string;
  label: string;
  n: number;
}

/** A horizontal stacked bar; the accessible name lists every segment with its count. */
export function StackedBar({ segments, label }: { segments: Segment[]; label: string }) {
  const total = segments.reduce((n, s) => n + s.n, 0);
  const text = `${label} : ${segments.map((s) => `${s.label} ${s.n}`).join(', ')}`;
  return (
    <div class="bar" role="img" aria-label={text} title={text}>
      {segments
        .filter((s) => s.n > 0)
        .map((s) => (
          <span
            style={`width:${(100 * s.n) / total}%;background:${COLORS[s.key] ?? '#607d8b'}`}
          ></span>
        ))}
    </div>
  );
}

export function Legend({ segments }: { segments: Segment[] }) {
  return (
    <p class="legend">
      {segments.map((s) => (
        <span>
          <i style={`background:${COLORS[s.key] ?? '#607d8b'}`}></i> {s.label} : {s.n}
        </span>
      ))}
    </p>
  );
}

/** Distribution of rates in ten bands of 10 points, as a bar chart with a data table. */
export function Histogram({ values, caption }: { values: number[]; caption: string }) {
  const bands = Array.from({ length: 10 }, (_, i) => ({
    label: `${i * 10}–${i === 9 ? 100 : i * 10 + 10} %`,
    n: values.filter((v) => Math.min(9, Math.floor(v * 10)) === i).length,
  }));
  const max = Math.max(1, ...bands.map((b) => b.n));
  return (
    <figure class="histogram">
      <figcaption>{caption}</figcaption>
      <div class="columns" aria-hidden="true">
        {bands.map((b) => (
          <div class="column" title={`${b.label} : ${b.n}`}>
            <span style={`height:${(100 * b.n) / max}%`}></span>
            <small>{b.label.split('–')[0]}</small>
          </div>
        ))}
      </div>
      {/* A table ignores width and overflow: the wrapper keeps it out of the page width. */}
      <div class="sr-only">
        <table>
          <caption>{caption}</caption>
          <tbody>
            {bands.map((b) => (
              <tr>
                <th scope="row">{b.label}</th>
                <td>{b.n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** A share as a cell whose shade grows with the value. */
export function ShadedCell({
  value,
  title,
  significant = true,
}: {
  value: number | null;
  title: string;
  /** False for a rate on too few votes: shown unshaded and marked, never ranked. */
  significant?: boolean;
}) {
  if (value === null) return <td class="num muted">–</td>;
  if (!significant)
    return (
      <td class="num muted" title={`${title} (non significatif)`}>
        {percent(value, 1)} <abbr title="non significatif">n.s.</abbr>
      </td>
    );
  return (
    <td class="num shaded" style={`--v:${Math.round(value * 100)}%`} title={title}>
      {percent(value, 1)}
    </td>
  );
}
