import { describe, expect, it } from 'vitest';
import { canMoveTo, canOpenCallIn, canSeeCall, fitsBudget, scoreOutOfRange, submitRefusal, submitterKindOf, weightedTotal } from './calls.policy';
import { staffActor } from '../../kernel/test-actors';

const district = staffActor('region_admin', ['330105']);
const street = staffActor('region_admin', ['330105012']);
const otherStreet = staffActor('region_admin', ['330105013']);
const school = staffActor('institution_staff', [], [{ id: 'i1', regionCode: '330105012' }]);
const instructor = staffActor('instructor', ['330105012']);
const reviewer = staffActor('leader', ['330105'], [], 'r1');
const deadline = new Date('2026-12-01T00:00:00Z');
const call = (ownerRegionCode: string, status = 'open') => ({ ownerRegionCode, status, reviewerIds: ['r1'], deadline });
const before = new Date('2026-11-23T00:00:00Z');
const after = new Date('2026-12-02T00:00:00Z');

describe('calls policy', () => {
  it.each([
    [district, '330105', true],
    [district, '330105012', true],
    [street, '330105012', true],
    [street, '330105', false],
    [district, '330105012001', false],
    [school, '330105012', false],
  ])('who opens a call where (%#)', (a, code, expected) => expect(canOpenCallIn(a, code)).toBe(expected));

  it.each([
    [school, call('330105'), true],
    [school, call('330105', 'draft'), false],
    [otherStreet, call('330105012'), false],
    [district, call('330105012', 'draft'), true],
    [reviewer, call('330105012', 'draft'), true],
    [instructor, call('330105'), true],
  ])('who sees a call (%#)', (a, c, expected) => expect(canSeeCall(a, c)).toBe(expected));

  it.each([
    [school, call('330105'), before, null],
    [school, call('330105'), after, 'call.deadline_passed'],
    [instructor, call('330105', 'reviewing'), before, 'call.not_open'],
    [reviewer, call('330105'), before, 'auth.forbidden'],
    [otherStreet, call('330105012'), before, 'auth.forbidden'],
    [district, call('330105'), before, null],
  ])('who may submit when (%#)', (a, c, now, expected) => expect(submitRefusal(a, c, now)).toBe(expected));

  it('names the kind of submitter', () => {
    expect([school, instructor, district, reviewer].map(submitterKindOf)).toEqual(['institution', 'instructor', 'outside', null]);
  });

  it.each([
    ['draft', 'open', true],
    ['open', 'reviewing', true],
    ['reviewing', 'closed', true],
    ['draft', 'closed', false],
    ['closed', 'open', false],
    ['open', 'draft', false],
  ])('%s → %s', (from, to, expected) => expect(canMoveTo(from, to)).toBe(expected));

  it('weighs scores out of 100 and finds scores above their maximum', () => {
    const criteria = [
      { name: 'a', maxScore: 10, weight: 3 },
      { name: 'b', maxScore: 20, weight: 1 },
    ];
    expect(weightedTotal(criteria, [10, 20])).toBe(100);
    expect(weightedTotal(criteria, [5, 20])).toBe(62.5);
    expect(scoreOutOfRange(criteria, [10, 21])).toBe(1);
    expect(scoreOutOfRange(criteria, [10, 20])).toBe(-1);
  });

  it.each([
    [100000, 0, 100000, true],
    [100000, 1, 100000, false],
    [100000, 40000, 60000, true],
  ])('budget %i, spent %i, price %i', (b, s, p, expected) => expect(fitsBudget(b, s, p)).toBe(expected));
});
