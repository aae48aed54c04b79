// Colours for switched-role sessions: the presets the switch-role form offers (AWS console's
// five), a check that a colour from the server is a plain hex value before it reaches a style,
// and a readable text colour to put on it.

export interface PresetColor {
  name: string;
  value: string;
}

export const PRESET_COLORS: readonly PresetColor[] = [
  { name: 'Red', value: '#F2B0A9' },
  { name: 'Orange', value: '#FBBF93' },
  { name: 'Yellow', value: '#FAD791' },
  { name: 'Green', value: '#B7CA9D' },
  { name: 'Blue', value: '#99BCE3' },
];

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** The colour if it is #rgb or #rrggbb, otherwise a neutral grey. */
export function safeColor(color: string): string {
  return HEX.test(color) ? color : '#c8ccd0';
}

function channels(color: string): [number, number, number] {
  const hex = safeColor(color).slice(1);
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255) as [number, number, number];
}

/** Black or white, whichever contrasts more with the colour (WCAG relative luminance). */
export function textColorOn(color: string): string {
  const [r, g, b] = channels(color).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.179 ? '#111111' : '#ffffff';
}
