import { describe, expect, it } from 'vitest';
import { complianceOf, computationOrder, evaluateFormula, parseFormula, thresholdOf, validateValues, yearOf } from './monitoring.policy';
import type { FormField } from '../../../contracts/monitoring';

describe('formulas', () => {
  it.each([
    ['FUNDING / POP', { FUNDING: 4_000_000, POP: 1_120_985 }, 4_000_000 / 1_120_985],
    ['FT_STAFF / POP * 10000', { FT_STAFF: 60, POP: 1_200_000 }, 0.5],
    ['(A + B) / 2', { A: 1, B: 2 }, 1.5],
    ['A - B - C', { A: 10, B: 3, C: 2 }, 5],
    ['A / B', { A: 1, B: 0 }, null],
    ['A / B', { A: 1, B: null }, null],
  ] as const)('%s', (text, inputs, expected) => {
    const value = evaluateFormula(parseFormula(text), (c) => (inputs as Record<string, number | null>)[c] ?? null);
    if (expected === null) expect(value).toBeNull();
    else expect(value).toBeCloseTo(expected, 10);
  });
  it.each(['A +', '(A', 'A B', 'a / B', 'A; drop table', ''])('rejects %j', (text) => expect(() => parseFormula(text)).toThrow('indicator.formula_invalid'));
  it('orders inputs first and refuses cycles', () => {
    expect(
      computationOrder([
        { code: 'I01', inputs: ['F', 'P'] },
        { code: 'F', inputs: [] },
        { code: 'P', inputs: [] },
      ]),
    ).toEqual(['F', 'P', 'I01']);
    expect(() =>
      computationOrder([
        { code: 'A', inputs: ['B'] },
        { code: 'B', inputs: ['A'] },
      ]),
    ).toThrow();
  });
});

describe('standards', () => {
  it.each([
    [{ value: 4 }, 1_120_985, 4, '4'],
    [{ value: 3, perResidents: 0.0001 }, 62_000, 6.2, 'max(3, 6.2)'],
    [{ value: 3, perResidents: 0.0001 }, 20_000, 3, 'max(3, 2)'],
    [{ value: 3, perResidents: 0.0001 }, null, 3, '3'],
  ])('threshold of %j for %s residents', (rule, residents, threshold, formula) => expect(thresholdOf(rule, residents)).toEqual({ threshold, formula }));
  it.each([
    [3.568, '>=', 4, 2, 'below'],
    [4, '>=', 4, 2, 'meets'],
    [3.996, '>=', 4, 2, 'meets'],
    [null, '>=', 4, 2, 'no_data'],
    [5, '<=', 4, 0, 'above'],
  ] as const)('%s %s %s', (value, op, threshold, decimals, status) => expect(complianceOf(value, op, threshold, decimals)).toBe(status));
});

describe('reported values', () => {
  const fields: FormField[] = [
    { key: 'count', label: 'c', type: 'integer', unit: '', required: true, help: '' },
    { key: 'money', label: 'm', type: 'number', unit: '元', required: false, help: '', max: 100 },
    { key: 'ok', label: 'o', type: 'boolean', unit: '', required: false, help: '' },
  ];
  it('lists every error, not the first', () => {
    expect(validateValues(fields, { count: -1, money: 101, ok: 'maybe' }).errors.map((e) => [e.field, e.key])).toEqual([
      ['count', 'validation.min'],
      ['money', 'validation.max'],
      ['ok', 'validation.one_of'],
    ]);
    expect(validateValues(fields, {}).errors).toEqual([{ field: 'count', key: 'validation.required' }]);
  });
  it('reads numbers written as text', () =>
    expect(validateValues(fields, { count: '1,200', money: '3.5', ok: '是' }).values).toEqual({ count: 1200, money: 3.5, ok: true }));
  it('takes the year of any period', () => expect(['2026', '2026Q4', '2026H1', '2026M07'].map(yearOf)).toEqual([2026, 2026, 2026, 2026]));
});
