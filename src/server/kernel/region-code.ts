// Official statistical division codes are prefix-hierarchical: province 2 digits, city 4, county 6,
// street/township 9, community/village 12. We key regions by the shortest form (330105012) and accept
// the zero-padded 12-digit form (330105012000) as the same region.
export type RegionLevel = 'province' | 'city' | 'district' | 'street' | 'community';

/** How many digits a region's code has at each level. */
export const CODE_LENGTH: Record<RegionLevel, number> = { province: 2, city: 4, district: 6, street: 9, community: 12 };
const LEVEL_BY_LENGTH: Record<number, RegionLevel> = Object.fromEntries(Object.entries(CODE_LENGTH).map(([level, length]) => [length, level as RegionLevel]));

export function normalizeRegionCode(raw: string): string | null {
  let code = raw.trim();
  if (!/^\d+$/.test(code) || !LEVEL_BY_LENGTH[code.length]) return null;
  if (code.length === 12) {
    if (code.endsWith('000')) code = code.slice(0, 9);
    if (code.length === 9 && code.endsWith('000')) code = code.slice(0, 6);
    if (code.length === 6 && code.endsWith('00')) code = code.slice(0, 4);
    if (code.length === 4 && code.endsWith('00')) code = code.slice(0, 2);
  }
  return code;
}

export const levelOfCode = (code: string): RegionLevel => LEVEL_BY_LENGTH[code.length];

/** "May act on X": X lies in (or is) one of the scope regions. */
export function isWithin(code: string, scopeCodes: readonly string[]): boolean {
  return scopeCodes.some((scope) => code.startsWith(scope));
}
