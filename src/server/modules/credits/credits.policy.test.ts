import { describe, expect, it } from 'vitest';
import {
  allocateUses,
  canActOnRegion,
  canEditStandards,
  canReadCreditBank,
  canReadRegion,
  conversionCap,
  creditsFor,
  expiredRemainders,
  replayLedger,
  type LedgerLine,
} from './credits.policy';
import { staffActor, residentActor } from '../../kernel/test-actors';

const resident = residentActor();

describe('credits policy', () => {
  it.each([
    [staffActor('credit_bank_officer', ['330105012']), '330105012001', true],
    [staffActor('credit_bank_officer', ['330105012']), '330105001001', false],
    [staffActor('region_admin', ['330105']), '330105001001', true],
    [staffActor('system_admin', []), '110101001001', true],
    [staffActor('institution_staff', ['330105']), '330105001001', false],
    [staffActor('leader', ['330105']), '330105001001', false],
    [resident, '330105012001', false],
  ] as const)('canActOnRegion #%#', (a, code, expected) => expect(canActOnRegion(a, code)).toBe(expected));

  it.each([
    [staffActor('leader', ['330105']), '330105001001', true],
    [staffActor('leader', ['330105012']), '330105001001', false],
    [staffActor('instructor', ['330105']), '330105001001', false],
  ] as const)('canReadRegion #%#', (a, code, expected) => expect(canReadRegion(a, code)).toBe(expected));

  it.each([
    [staffActor('credit_bank_officer', ['330105012']), true],
    [staffActor('region_admin', ['330105']), true],
    [staffActor('region_admin', ['330105012']), false],
    [staffActor('leader', ['330105']), false],
    [resident, false],
  ] as const)('canEditStandards #%#', (a, expected) => expect(canEditStandards(a)).toBe(expected));

  it.each([
    [staffActor('credit_bank_officer', ['330105012']), true],
    [staffActor('region_admin', ['330105012']), true],
    [staffActor('system_admin', []), true],
    [staffActor('leader', ['330105']), true],
    [staffActor('institution_staff', ['330105']), false],
    [staffActor('instructor', ['330105']), false],
    [resident, false],
  ] as const)('canReadCreditBank #%#', (a, expected) => expect(canReadCreditBank(a)).toBe(expected));

  const perHours = { method: 'per_hours', hoursPerCredit: 16, fixedCredits: null, levels: null, maxCredits: null };
  it.each([
    [perHours, { hours: 32 }, 2],
    [perHours, { hours: 40 }, 2.5],
    [perHours, { hours: 15 }, 0.5],
    [perHours, { hours: 7 }, 0],
    [perHours, {}, null],
    [{ ...perHours, maxCredits: 3 }, { hours: 160 }, 3],
    [{ method: 'fixed', hoursPerCredit: null, fixedCredits: 1, levels: null, maxCredits: null }, {}, 1],
    [{ method: 'by_level', hoursPerCredit: null, fixedCredits: null, levels: { 初级: 4, 中级: 6 }, maxCredits: null }, { level: '中级' }, 6],
    [{ method: 'by_level', hoursPerCredit: null, fixedCredits: null, levels: { 初级: 4 }, maxCredits: null }, { level: '高级' }, null],
  ] as const)('creditsFor #%#', (s, o, expected) => expect(creditsFor(s, o)).toBe(expected));

  it('caps conversion at the programme share', () => {
    expect(conversionCap({ totalCredits: 76, capRatio: 0.5 }, 34, 4)).toEqual({ cap: 38, used: 34, isWithin: true });
    expect(conversionCap({ totalCredits: 76, capRatio: 0.5 }, 36, 4).isWithin).toBe(false);
  });

  it('allocates uses from each required category or names the shortfall', () => {
    expect(allocateUses([{ category: 'community_class', minCredits: 2 }], { community_class: 3 })).toEqual({
      ok: true,
      uses: [{ category: 'community_class', credits: 2 }],
    });
    expect(
      allocateUses(
        [
          { category: 'community_class', minCredits: 2 },
          { category: 'community_class', minCredits: 2 },
        ],
        { community_class: 3 },
      ),
    ).toEqual({ ok: false, category: 'community_class', needed: 2, available: 1 });
  });
});

describe('credit expiry', () => {
  const d = (iso: string) => new Date(iso);
  const line = (id: string, kind: string, credits: number, at: string, expires: string | null = null, correctsEntryId: string | null = null): LedgerLine => ({
    id,
    kind,
    category: 'community_class',
    credits,
    createdAt: d(at),
    expiresAt: expires ? d(expires) : null,
    correctsEntryId,
  });

  it('a deposit nobody used expires whole; one not yet due is not listed', () => {
    const out = expiredRemainders([line('a', 'deposit', 2, '2020-01-01', '2025-01-01'), line('b', 'deposit', 1, '2024-01-01', '2029-01-01')], d('2026-01-01'));
    expect([...out]).toEqual([['a', 2]]);
  });

  it('a use spends what expires first, so less is lost', () => {
    const lines = [
      line('a', 'deposit', 2, '2020-01-01', '2025-01-01'),
      line('b', 'deposit', 3, '2021-01-01', '2027-01-01'),
      line('u', 'use', -3, '2023-01-01'),
    ];
    expect([...expiredRemainders(lines, d('2026-01-01'))]).toEqual([['a', 0]]);
    expect(expiredRemainders(lines, d('2028-01-01')).get('b')).toBe(2);
  });

  it('a use after a deposit expired cannot spend it; a correction of a deposit spends that one first', () => {
    expect(
      expiredRemainders(
        [line('a', 'deposit', 2, '2020-01-01', '2025-01-01'), line('b', 'deposit', 2, '2025-06-01', '2030-01-01'), line('u', 'use', -1, '2025-07-01')],
        d('2026-01-01'),
      ).get('a'),
    ).toBe(2);
    const corrected = [
      line('a', 'deposit', 2, '2020-01-01', '2025-01-01'),
      line('b', 'deposit', 2, '2020-02-01', '2030-01-01'),
      line('c', 'correction', -2, '2021-01-01', null, 'b'),
    ];
    expect(expiredRemainders(corrected, d('2026-01-01')).get('a')).toBe(2);
    expect(expiredRemainders([...corrected, line('x', 'expiry', -2, '2025-01-01')], d('2026-01-01')).get('a')).toBe(2);
  });

  it('counts as spendable only what is valid at the moment, whether or not the expiry task has run', () => {
    const lines = [
      line('a', 'deposit', 1.5, '2026-11-01', '2029-11-01'),
      line('b', 'deposit', 1, '2029-11-20', '2034-11-20'),
      line('c', 'correction', 0.5, '2027-01-01'),
    ];
    expect(replayLedger(lines, d('2029-10-01')).spendable.get('community_class')).toBe(3);
    expect(replayLedger(lines, d('2029-12-01')).spendable.get('community_class')).toBe(1.5);
    // A use made before the expiry spends the first-expiring deposit, so less is lost when it expires.
    const used = [lines[0], lines[2], line('u', 'use', -1, '2029-10-01'), lines[1]];
    expect(replayLedger(used, d('2030-01-01'))).toEqual({ expired: new Map([['a', 0.5]]), spendable: new Map([['community_class', 1.5]]) });
    // Entries count in ledger order: one written later with an earlier time (a clock set back) counts from its place.
    expect(replayLedger([...lines, line('u', 'use', -1, '2029-10-01')], d('2030-01-01')).expired.get('a')).toBe(1.5);
  });
});
