import { describe, expect, it } from 'vitest';
import { PALETTE, STYLESHEET } from './styles';

type Colour = keyof typeof PALETTE;

function luminance(hex: string): number {
  const channel = (i: number) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(foreground: Colour, background: Colour): number {
  const [a, b] = [luminance(PALETTE[foreground]), luminance(PALETTE[background])];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

describe('the form’s colours', () => {
  // [text, background] as the stylesheet pairs them.
  it.each<[Colour, Colour]>([
    ['ink', 'surface'],
    ['muted', 'surface'],
    ['error', 'surface'],
    ['error', 'errorBg'],
    ['onButton', 'button'],
  ])('%s on %s has a contrast of at least 4.5:1', (text, background) => {
    expect(contrast(text, background)).toBeGreaterThanOrEqual(4.5);
  });

  // Field borders and the focus ring: 3:1 against the form's background (WCAG 1.4.11).
  it.each<[Colour, Colour]>([
    ['inputBorder', 'surface'],
    ['focus', 'surface'],
    ['error', 'surface'],
  ])('%s on %s has a contrast of at least 3:1', (line, background) => {
    expect(contrast(line, background)).toBeGreaterThanOrEqual(3);
  });

  it('uses no colour the palette does not name, so the checks above cover the stylesheet', () => {
    const named = new Set<string>(Object.values(PALETTE));
    expect((STYLESHEET.match(/#[0-9a-f]{3,8}\b/gi) ?? []).filter((hex) => !named.has(hex))).toEqual([]);
  });

  it('shows where the keyboard focus is, and sets no fixed width that would overflow a 320px screen', () => {
    expect(STYLESHEET).toMatch(/:focus\{outline:3px solid/);
    expect(STYLESHEET.match(/(?:^|[;{])(?:min-)?width:\s*(\d+(?:\.\d+)?)(px|rem|em)/g)?.filter((rule) => parseFloat(rule.replace(/.*width:\s*/, '')) * (rule.includes('px') ? 1 : 16) > 280) ?? []).toEqual([]);
  });
});
