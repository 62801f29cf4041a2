// Routes of the console, served under /console/. Every page but the login needs a staff session.
import { createRouter, createWebHistory } from 'vue-router';
import { canAuthor, loadMe, pagesFor, type PageKey } from './session';

const page = (key: PageKey, loader: () => Promise<unknown>) => ({ path: key, name: key, component: loader, meta: { page: key } });

export const router = createRouter({
  history: createWebHistory('/console/'),
  routes: [
    { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { public: true } },
    {
      path: '/',
      component: () => import('./ConsoleLayout.vue'),
      children: [
        { path: '', name: 'home', component: () => import('./pages/HomePage.vue'), meta: { page: 'home' } },
        page('regions', () => import('./pages/RegionsPage.vue')),
        page('institutions', () => import('./pages/InstitutionsPage.vue')),
        page('instructors', () => import('./pages/InstructorsPage.vue')),
        page('venues', () => import('./pages/VenuesPage.vue')),
        page('bookings', () => import('./pages/BookingsPage.vue')),
        page('coverage', () => import('./pages/CoveragePage.vue')),
        page('staff', () => import('./pages/StaffPage.vue')),
        page('audit', () => import('./pages/AuditPage.vue')),
        page('residents', () => import('./pages/ResidentsPage.vue')),
        page('courses', () => import('./pages/CoursesPage.vue')),
        { path: 'courses/:id', name: 'course', component: () => import('./pages/CourseEditorPage.vue'), meta: { page: 'courses' } },
        page('calls', () => import('./pages/CallsPage.vue')),
        { path: 'calls/:id', name: 'call', component: () => import('./pages/CallDetailPage.vue'), meta: { page: 'calls' } },
        page('categories', () => import('./pages/CategoriesPage.vue')),
        page('offerings', () => import('./pages/OfferingsPage.vue')),
        { path: 'offerings/new', name: 'offering-new', component: () => import('./pages/OfferingEditorPage.vue'), meta: { page: 'offerings' } },
        { path: 'offerings/:id', name: 'offering', component: () => import('./pages/OfferingDetailPage.vue'), meta: { page: 'offerings' } },
        { path: 'offerings/:id/edit', name: 'offering-edit', component: () => import('./pages/OfferingEditorPage.vue'), meta: { page: 'offerings' } },
        page('plans', () => import('./pages/PlansPage.vue')),
        page('awards', () => import('./pages/AwardsPage.vue')),
        page('teams', () => import('./pages/TeamsPage.vue')),
        page('governance', () => import('./pages/GovernancePage.vue')),
        page('assessment', () => import('./pages/AssessmentPage.vue')),
        { path: 'awards/:id', name: 'award-campaign', component: () => import('./pages/AwardCampaignPage.vue'), meta: { page: 'awards' } },
        page('indicators', () => import('./pages/monitoring/IndicatorsPage.vue')),
        page('reporting', () => import('./pages/monitoring/ReportingPage.vue')),
        page('population', () => import('./pages/monitoring/PopulationPage.vue')),
        page('dashboard', () => import('./pages/monitoring/DashboardPage.vue')),
        page('report', () => import('./pages/monitoring/ReportPrintPage.vue')),
        { path: 'report/unesco', name: 'unesco-report', component: () => import('./pages/monitoring/UnescoReportPage.vue'), meta: { page: 'report' } },
        page('partners', () => import('./pages/PartnersPage.vue')),
        page('credits', () => import('./pages/CreditsPage.vue')),
        page('credentials', () => import('./pages/CredentialsPage.vue')),
        page('points', () => import('./pages/PointsRulesPage.vue')),
        page('ratings', () => import('./pages/RatingsPage.vue')),
        { path: 'offerings/:id/attendance', name: 'offering-attendance', component: () => import('./pages/attendance/OfferingAttendancePage.vue') },
        { path: 'sessions/:id/attendance', name: 'session-attendance', component: () => import('./pages/attendance/SessionSheetPage.vue') },
        page('lottery', () => import('./pages/lottery/LotteryPage.vue')),
        { path: 'lottery/:id', name: 'lottery-round', component: () => import('./pages/lottery/LotteryRoundPage.vue'), meta: { page: 'lottery' } },
      ],
    },
    // Full screen for a projector: outside the console's frame, but still behind the staff sign-in.
    { path: '/checkin/:id', name: 'checkin-screen', component: () => import('./pages/attendance/CheckinScreenPage.vue') },
    { path: '/:rest(.*)*', redirect: { name: 'home' } },
  ],
});

router.beforeEach(async (to) => {
  let user;
  try {
    user = await loadMe();
  } catch {
    user = null; // server unreachable: the login page shows the error when the user tries
  }
  const signedIn = !!user && user.kind === 'staff';
  if (to.meta.public) return signedIn && to.name === 'login' ? { name: 'home' } : true;
  if (!signedIn) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  const key = to.meta.page as PageKey | undefined;
  const allowed = pagesFor(user!.role);
  if (key && !allowed.includes(key)) return { name: allowed[0] ?? 'login' };
  // A role that may not write gets the reading view, never a form it could not save.
  const authoring = to.name === 'offering-new' || to.name === 'offering-edit' || (to.name === 'course' && to.params.id === 'new');
  if (authoring && !canAuthor(user!.role, to.name === 'course' ? 'course' : 'offering')) {
    return to.name === 'offering-edit' ? { name: 'offering', params: { id: to.params.id } } : { name: key ?? 'home' };
  }
  return true;
});
