import { describe, expect, it } from 'vitest';
import { canAuthorCourses, canEditCourse, canFeatureCourse, completesResource, resourceFileAccess } from './courses.policy';
import { staffActor } from '../../kernel/test-actors';

const district = staffActor('region_admin', ['330105']);
const street = staffActor('region_admin', ['330105012']);
const school = staffActor('institution_staff', [], [{ id: 'i1', regionCode: '330105012' }]);
const leader = staffActor('leader', ['330105']);
const districtCourse = { ownerRegionCode: '330105', ownerInstitutionId: null, shared: true };
const schoolCourse = { ownerRegionCode: '330105012', ownerInstitutionId: 'i1', shared: false };

describe('course policy', () => {
  it.each([
    [district, true],
    [street, true],
    [school, true],
    [leader, false],
    [staffActor('instructor', ['330105']), false],
  ])('who authors courses (%#)', (a, expected) => expect(canAuthorCourses(a)).toBe(expected));

  it.each([
    [district, districtCourse, true, true],
    [street, districtCourse, false, false],
    [street, schoolCourse, true, true],
    [school, schoolCourse, true, false],
    [school, districtCourse, false, false],
    [leader, schoolCourse, false, false],
  ])('edit and feature (%#)', (a, course, edit, feature) => {
    expect(canEditCourse(a, course)).toBe(edit);
    expect(canFeatureCourse(a, course)).toBe(feature);
  });

  it.each([
    ['published', 'published', 'public'],
    ['draft', 'published', 'staff'],
    ['published', 'draft', 'staff'],
    ['archived', 'published', 'staff'],
  ])('file access of a %s course with a %s resource', (c, r, access) => expect(resourceFileAccess(c, r)).toBe(access));

  it.each([
    ['video', { secondsSpent: 90, furthestSeconds: 90, durationSeconds: 100 }, true],
    ['video', { secondsSpent: 89, furthestSeconds: 100, durationSeconds: 100 }, false],
    ['video', { secondsSpent: 500, furthestSeconds: 0, durationSeconds: null }, false],
    ['document', { secondsSpent: 0, furthestSeconds: 0, durationSeconds: null, opened: true }, true],
    ['link', { secondsSpent: 0, furthestSeconds: 0, durationSeconds: null }, false],
  ] as const)('completion of a %s (%#)', (kind, report, expected) => expect(completesResource(kind, report)).toBe(expected));
});
