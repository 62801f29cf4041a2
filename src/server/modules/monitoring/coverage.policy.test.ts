import { describe, expect, it } from 'vitest';
import { annualValue, combineCoverage, coverageOf, coverageText, coversYear, type Assignment } from './coverage.policy';

const q = (period: string, value: number) => ({ period, value });
const street = (code: string, period: string, accepted: boolean, value: number | null = accepted ? 1 : null): Assignment => ({
  unitKey: code,
  regionCode: code,
  isInstitution: false,
  period,
  accepted,
  value,
});
const STREETS = Array.from({ length: 18 }, (_, i) => `330105${String(i + 1).padStart(3, '0')}`);

describe('annual figures from periods', () => {
  it.each([
    ['sum', [q('2026Q1', 10), q('2026Q2', 20), q('2026Q4', 5)], 35],
    ['average', [q('2026Q1', 10), q('2026Q2', 20)], 15],
    ['latest', [q('2026Q4', 7), q('2026Q1', 10), q('2026Q2', 20)], 7],
    ['sum', [], null],
  ] as const)('%s of %j is %s', (rule, periods, expected) => expect(annualValue(rule, [...periods])).toBe(expected));

  it.each([
    [['2026'], true],
    [['2026H1', '2026H2'], true],
    [['2026Q1', '2026Q2', '2026Q3', '2026Q4'], true],
    [['2026Q4'], false],
    [['2026Q1', '2026Q2', '2026Q3'], false],
    [Array.from({ length: 12 }, (_, i) => `2026M${String(i + 1).padStart(2, '0')}`), true],
    [['2026M01'], false],
  ])('periods %j cover the year: %s', (periods, expected) => expect(coversYear(periods)).toBe(expected));
});

describe('coverage', () => {
  it('one of 18 streets reporting one quarter is 1/18, and not the whole year for a sum', () => {
    const c = coverageOf('sum', [street(STREETS[0], '2026Q4', true)], () => STREETS)!;
    expect(c).toMatchObject({
      expected: 18,
      reported: 1,
      unit: 'street',
      yearComplete: false,
      complete: false,
      periods: [{ period: '2026Q4', expected: 18, accepted: 1 }],
    });
    expect(coverageText(c, 'zh-CN')).toBe('1/18 个街道已报送（2026Q4，未覆盖全年）');
    expect(coverageText(c, 'en')).toBe('1 of 18 streets reported (2026Q4; not the whole year)');
  });

  it('a latest-value figure needs every unit, not every period; a returned or pending report is not reported', () => {
    const all = STREETS.map((s) => street(s, '2026Q4', true));
    expect(coverageOf('latest', all, () => STREETS)).toMatchObject({ reported: 18, complete: true });
    expect(coverageOf('sum', all, () => STREETS)).toMatchObject({ reported: 18, complete: false });
    const one = [...all.slice(1), street(STREETS[0], '2026Q4', false)];
    expect(coverageOf('latest', one, () => STREETS)).toMatchObject({ reported: 17, complete: false });
    // A unit that reported Q1 but not Q2 has not reported the year.
    const halves = STREETS.flatMap((s, i) => [street(s, '2026H1', true), street(s, '2026H2', i !== 3)]);
    expect(coverageOf('sum', halves, () => STREETS)).toMatchObject({ reported: 17, yearComplete: true, complete: false });
  });

  it('institutions asked are the units expected; nothing asked is no coverage at all', () => {
    const inst = (id: string, accepted: boolean): Assignment => ({
      unitKey: id,
      regionCode: '330105012',
      isInstitution: true,
      period: '2026',
      accepted,
      value: accepted ? 5 : null,
    });
    expect(coverageOf('sum', [inst('a', true), inst('b', false)], () => STREETS)).toMatchObject({ expected: 2, reported: 1, unit: 'unit', complete: false });
    expect(coverageOf('sum', [], () => STREETS)).toBeNull();
  });

  it('a derived figure is as complete as its least complete input', () => {
    const full = coverageOf(
      'sum',
      STREETS.map((s) => street(s, '2026', true)),
      () => STREETS,
    )!;
    const part = coverageOf('sum', [street(STREETS[0], '2026', true)], () => STREETS)!;
    expect(combineCoverage([{ code: 'FUNDING', coverage: full }])).toMatchObject({ complete: true, from: ['FUNDING'] });
    expect(
      combineCoverage([
        { code: 'A', coverage: full },
        { code: 'B', coverage: part },
      ]),
    ).toMatchObject({ complete: false, reported: 1, expected: 18, from: ['A', 'B'] });
    expect(combineCoverage([])).toBeNull();
  });
});
