// Tabs other features add to a class or event's console page (OfferingDetailPage.vue): enrolment list,
// lottery, attendance sheet. Each entry's component receives the prop `offering` (GET /api/offerings/:id).
// Add one line per tab; the label key is looked up in the console's i18n messages.
import type { Component } from 'vue';
import EnrolmentsTab from '../../components/enrolment/EnrolmentsTab.vue';
import AttendanceTab from '../../pages/attendance/AttendanceTab.vue';

export interface OfferingTab {
  name: string;
  labelKey: string;
  component: Component;
  order?: number;
}

export const offeringTabs: OfferingTab[] = [
  { name: 'enrolments', labelKey: 'enrolmentsAdmin.tab', component: EnrolmentsTab, order: 10 },
  { name: 'attendance', labelKey: 'attendance.tab', component: AttendanceTab, order: 30 },
];
