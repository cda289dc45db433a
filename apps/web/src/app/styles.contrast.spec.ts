import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The design tokens are the only place colours are chosen, so checking their pairings checks the app.
const css = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'styles.css'), 'utf8');
const tokens = Object.fromEntries([...css.matchAll(/--(color-[a-z0-9-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map(([, name, hex]) => [name, hex]));

function luminance(hex: string): number {
  const channel = (i: number) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(foreground: string, background: string): number {
  const [a, b] = [luminance(tokens[foreground]), luminance(tokens[background])];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** [text token, background token] pairs the stylesheet actually uses. */
const TEXT_PAIRS: Array<[string, string]> = [
  ['color-ink', 'color-bg'],
  ['color-ink', 'color-surface'],
  ['color-ink', 'color-tint'],
  ['color-muted', 'color-surface'],
  ['color-muted', 'color-bg'],
  ['color-muted', 'color-tint'],
  // The transcript's times, on the agent's bubble.
  ['color-muted', 'color-brand-soft'],
  ['color-subtle', 'color-surface'],
  ['color-brand', 'color-surface'],
  ['color-brand', 'color-bg'],
  ['color-brand', 'color-tint'],
  ['color-brand', 'color-brand-soft'],
  ['color-brand-strong', 'color-tint'],
  ['color-on-dark', 'color-brand'],
  ['color-on-dark', 'color-brand-strong'],
  ['color-on-dark', 'color-dark'],
  ['color-on-dark', 'color-dark-2'],
  ['color-on-dark-muted', 'color-dark'],
  ['color-on-dark-muted', 'color-dark-2'],
  ['color-accent', 'color-dark'],
  ['color-accent', 'color-dark-2'],
  ['color-ink', 'color-accent'],
  ['color-ink', 'color-accent-strong'],
  ['color-error', 'color-error-bg'],
  ['color-error', 'color-surface'],
  ['color-success', 'color-success-bg'],
  ['color-info', 'color-info-bg'],
  ['color-sandbox', 'color-sandbox-bg'],
];

/** Focus rings and field borders: 3:1 against what surrounds them (WCAG 1.4.11). */
const NON_TEXT_PAIRS: Array<[string, string]> = [
  ['color-focus', 'color-surface'],
  ['color-focus', 'color-bg'],
  ['color-accent', 'color-dark'],
  ['color-accent', 'color-brand'],
  ['color-input-border', 'color-surface'],
  ['color-error', 'color-surface'],
];

describe('design tokens meet WCAG AA contrast', () => {
  it.each(TEXT_PAIRS)('%s on %s reaches 4.5:1', (fg, bg) => {
    expect(tokens[fg], fg).toBeDefined();
    expect(tokens[bg], bg).toBeDefined();
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(NON_TEXT_PAIRS)('%s against %s reaches 3:1', (fg, bg) => {
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(3);
  });
});
