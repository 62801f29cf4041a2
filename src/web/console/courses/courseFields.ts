// The fields a course starts with: a new course in the library, and a proposal to a call for courses (which becomes
// a course in the library when it is accepted).
import type { CourseMode, TargetGroup } from '../../../contracts/courses';

export const blankCourseFields = () => ({
  title: '',
  category: '',
  targetGroups: [] as TargetGroup[],
  mode: 'offline' as CourseMode,
  learningHours: 8,
  description: '',
  syllabus: '',
});
