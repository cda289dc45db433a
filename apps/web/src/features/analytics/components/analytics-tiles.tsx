import type { AnalyticsTile, BusinessAnalytics } from '@beaker/contracts';

const TILES: { key: keyof BusinessAnalytics['tiles']; label: string; format: (n: number) => string; lowerIsBetter?: boolean }[] = [
  { key: 'calls', label: 'Calls', format: (n) => n.toLocaleString('en-US') },
  { key: 'leads', label: 'Leads', format: (n) => n.toLocaleString('en-US') },
  { key: 'answeredRate', label: 'Answered', format: (n) => `${Math.round(n * 100)}%` },
  { key: 'minutes', label: 'Minutes', format: (n) => n.toLocaleString('en-US', { maximumFractionDigits: 1 }) },
  { key: 'timeToCall', label: 'Time to call (median)', format: (n) => `${n.toLocaleString('en-US', { maximumFractionDigits: 1 })} s`, lowerIsBetter: true },
];

function changeText(tile: AnalyticsTile): string {
  if (tile.change === null) return 'no earlier figure to compare';
  if (tile.change === 0) return 'same as the previous period';
  const percent = Math.round(Math.abs(tile.change) * 100);
  return `${tile.change > 0 ? '▲' : '▼'} ${percent}% vs the previous period`;
}

/** The period's headline figures, each against the period of the same length before it. */
export function AnalyticsTiles({ tiles }: { tiles: BusinessAnalytics['tiles'] }) {
  return (
    <ul className="analytics-tiles" aria-label="Key figures">
      {TILES.map(({ key, label, format, lowerIsBetter }) => {
        const tile = tiles[key];
        const good = tile.change === null || tile.change === 0 ? '' : (tile.change > 0) !== Boolean(lowerIsBetter) ? 'is-up' : 'is-down';
        return (
          <li key={key} className="card analytics-tile" data-testid={`tile-${key}`}>
            <span className="analytics-tile__label">{label}</span>
            <strong className="analytics-tile__value">{tile.value === null ? '—' : format(tile.value)}</strong>
            <span className={`analytics-tile__change ${good}`}>{changeText(tile)}</span>
          </li>
        );
      })}
    </ul>
  );
}
