/**
 * ZIP code → state, by the first three digits (the sectional center facility prefix).
 *
 * Source: USPS 3-digit ZIP Code prefix assignments (USPS Publication 65 "National Five-Digit
 * ZIP Code and Post Office Directory"; the "L002 3-Digit ZIP Code Prefix Matrix" of the Domestic
 * Mail Manual), compiled for rules 2026-11-27.1. Unassigned prefixes and military mail
 * (AA 340, AE 090–098, AP 962–966) map to nothing: they add no candidate state.
 * 969 (Guam, Northern Marianas and the freely associated states) is left out because it spans
 * several jurisdictions; American Samoa's 96799 falls under 967 (Hawaii) and is treated as HI.
 *
 * Canadian postal codes are read by their first letter (Canada Post forward sortation areas).
 */

const RANGES: readonly [from: number, to: number, state: string][] = [
  [5, 5, 'NY'],
  [6, 7, 'PR'],
  [8, 8, 'VI'],
  [9, 9, 'PR'],
  [10, 27, 'MA'],
  [28, 29, 'RI'],
  [30, 38, 'NH'],
  [39, 49, 'ME'],
  [50, 54, 'VT'],
  [55, 55, 'MA'],
  [56, 59, 'VT'],
  [60, 69, 'CT'],
  [70, 89, 'NJ'],
  [100, 149, 'NY'],
  [150, 196, 'PA'],
  [197, 199, 'DE'],
  [200, 200, 'DC'],
  [201, 201, 'VA'],
  [202, 205, 'DC'],
  [206, 219, 'MD'],
  [220, 246, 'VA'],
  [247, 268, 'WV'],
  [270, 289, 'NC'],
  [290, 299, 'SC'],
  [300, 319, 'GA'],
  [320, 339, 'FL'],
  [341, 349, 'FL'],
  [350, 369, 'AL'],
  [370, 385, 'TN'],
  [386, 397, 'MS'],
  [398, 399, 'GA'],
  [400, 427, 'KY'],
  [430, 459, 'OH'],
  [460, 479, 'IN'],
  [480, 499, 'MI'],
  [500, 528, 'IA'],
  [530, 549, 'WI'],
  [550, 567, 'MN'],
  [569, 569, 'DC'],
  [570, 577, 'SD'],
  [580, 588, 'ND'],
  [590, 599, 'MT'],
  [600, 629, 'IL'],
  [630, 658, 'MO'],
  [660, 679, 'KS'],
  [680, 693, 'NE'],
  [700, 714, 'LA'],
  [716, 729, 'AR'],
  [730, 731, 'OK'],
  [733, 733, 'TX'],
  [734, 749, 'OK'],
  [750, 799, 'TX'],
  [800, 816, 'CO'],
  [820, 831, 'WY'],
  [832, 838, 'ID'],
  [840, 847, 'UT'],
  [850, 865, 'AZ'],
  [870, 884, 'NM'],
  [885, 885, 'TX'],
  [889, 898, 'NV'],
  [900, 961, 'CA'],
  [967, 968, 'HI'],
  [970, 979, 'OR'],
  [980, 994, 'WA'],
  [995, 999, 'AK'],
];

/** Index = 3-digit prefix; built once so a lookup is one array read. */
const STATE_BY_PREFIX: readonly (string | undefined)[] = (() => {
  const table: (string | undefined)[] = new Array(1000).fill(undefined);
  for (const [from, to, state] of RANGES) {
    for (let prefix = from; prefix <= to; prefix++) {
      if (table[prefix]) throw new Error(`ZIP prefix ${prefix} is listed twice`);
      table[prefix] = state;
    }
  }
  return table;
})();

const PROVINCE_BY_POSTAL_LETTER: Readonly<Record<string, readonly string[]>> = {
  A: ['NL'],
  B: ['NS'],
  C: ['PE'],
  E: ['NB'],
  G: ['QC'],
  H: ['QC'],
  J: ['QC'],
  K: ['ON'],
  L: ['ON'],
  M: ['ON'],
  N: ['ON'],
  P: ['ON'],
  R: ['MB'],
  S: ['SK'],
  T: ['AB'],
  V: ['BC'],
  X: ['NT', 'NU'],
  Y: ['YT'],
};

const US_ZIP = /^(\d{3})\d{2}(?:-?\d{4})?$/;
const CANADIAN_POSTAL_CODE = /^([A-Z])\d[A-Z] ?\d[A-Z]\d$/;

/** States (or provinces) a postal code belongs to; empty when it tells us nothing. */
export function regionsForPostalCode(postalCode: string): readonly string[] {
  const code = postalCode.trim().toUpperCase();
  const zip = US_ZIP.exec(code);
  if (zip) {
    const state = STATE_BY_PREFIX[Number(zip[1])];
    return state ? [state] : [];
  }
  const postal = CANADIAN_POSTAL_CODE.exec(code);
  if (postal) return PROVINCE_BY_POSTAL_LETTER[postal[1]] ?? [];
  return [];
}
