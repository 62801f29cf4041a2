import { describe, expect, it } from 'vitest';
import { canCreateRoundIn, canManageRound, isAcceptingApplications, isCancellable, isDrawable, isEditable, phaseOf } from './lottery.policy';
import { staffActor, residentActor } from '../../kernel/test-actors';

const resident = residentActor();
const round = { ownerRegionCode: '330105012', ownerInstitutionId: 'inst-1' };

describe('canManageRound', () => {
  it.each([
    ["street admin of the round's street", staffActor('region_admin', ['330105012']), true],
    ['district admin above it', staffActor('region_admin', ['330105']), true],
    ["another street's admin", staffActor('region_admin', ['330105001']), false],
    ['staff of the organising institution', staffActor('institution_staff', [], [{ id: 'inst-1', regionCode: '330105012' }]), true],
    ['staff of another institution in the street', staffActor('institution_staff', [], [{ id: 'inst-2', regionCode: '330105012' }]), false],
    ['system admin', staffActor('system_admin', []), true],
    ['a resident', resident, false],
  ])('%s → %s', (_, actor, expected) => expect(canManageRound(actor, round)).toBe(expected));

  it('creation follows the same scope', () => {
    expect(canCreateRoundIn(staffActor('region_admin', ['330105']), '330105012', null)).toBe(true);
    expect(canCreateRoundIn(staffActor('region_admin', ['330105001']), '330105012', null)).toBe(false);
    expect(canCreateRoundIn(resident, '330105012', null)).toBe(false);
  });
});

describe('phases', () => {
  const r = { status: 'published', opensAt: new Date('2026-12-01T00:00:00Z'), closesAt: new Date('2026-12-05T00:00:00Z'), frozenAt: null };
  it.each([
    ['before the window', '2026-11-30T23:59:59Z', 'upcoming', false, false],
    ['at the opening', '2026-12-01T00:00:00Z', 'open', true, false],
    ['just before the close', '2026-12-04T23:59:59Z', 'open', true, false],
    ['at the close', '2026-12-05T00:00:00Z', 'closed', false, true],
  ])('%s', (_, at, phase, accepting, drawable) => {
    const now = new Date(at);
    expect(phaseOf(r, now)).toBe(phase);
    expect(isAcceptingApplications(r, now)).toBe(accepting);
    expect(isDrawable(r, now)).toBe(drawable);
  });
  it('draft, drawn and cancelled rounds take no applications and cannot be drawn', () => {
    for (const status of ['draft', 'drawn', 'cancelled']) {
      const now = new Date('2026-12-06T00:00:00Z');
      expect(phaseOf({ ...r, status }, now)).toBe(status);
      expect(isDrawable({ ...r, status }, now)).toBe(false);
      expect(isAcceptingApplications({ ...r, status }, new Date('2026-12-02T00:00:00Z'))).toBe(false);
    }
  });
  it('a frozen list takes no more changes', () => {
    expect(isAcceptingApplications({ ...r, frozenAt: new Date() }, new Date('2026-12-02T00:00:00Z'))).toBe(false);
  });
});

describe('correcting and cancelling a round', () => {
  const opensAt = new Date('2026-12-01T00:00:00Z');
  it.each([
    ['draft', '2026-12-05T00:00:00Z', true, true],
    ['published', '2026-11-30T23:59:59Z', true, true], // nobody can have applied yet
    ['published', '2026-12-01T00:00:00Z', false, true], // the window is open
    ['drawn', '2026-11-30T00:00:00Z', false, false],
    ['cancelled', '2026-11-30T00:00:00Z', false, false],
  ])('%s at %s: editable %s, cancellable %s', (status, at, editable, cancellable) => {
    expect(isEditable({ status, opensAt }, new Date(at))).toBe(editable);
    expect(isCancellable({ status })).toBe(cancellable);
  });
});
