// The portal's pages. Everything but the home page loads on demand to keep the entry small.
import { nextTick } from 'vue';
import { START_LOCATION, createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import HomePage from './pages/HomePage.vue';
import { loadSession, session } from './session';

// vue-router's RouteMeta is one interface for the whole program, and the web is type-checked as one program (the
// console's routes have no title), so `title` is optional there and required of every portal route by PortalRoute.
declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title */
    title?: string;
    requiresLogin?: boolean;
    guestOnly?: boolean;
  }
}

/** A portal page: it names its title (the document's title and what a screen reader announces). */
type PortalRoute = RouteRecordRaw & { meta: { title: string } };

export const router = createRouter({
  history: createWebHistory('/'),
  routes: [
    { path: '/', name: 'home', component: HomePage, meta: { title: 'home.title' } },
    { path: '/register', name: 'register', component: () => import('./pages/RegisterPage.vue'), meta: { title: 'register.title', guestOnly: true } },
    { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { title: 'login.title', guestOnly: true } },
    { path: '/me', name: 'me', component: () => import('./pages/MePage.vue'), meta: { title: 'me.title' } },
    { path: '/profile', name: 'profile', component: () => import('./pages/ProfilePage.vue'), meta: { title: 'profile.title', requiresLogin: true } },
    { path: '/notices', name: 'notices', component: () => import('./pages/NoticesPage.vue'), meta: { title: 'notices.title' } },
    { path: '/nominate', name: 'nominate', component: () => import('./pages/NominatePage.vue'), meta: { title: 'nominate.title', requiresLogin: true } },
    { path: '/teams', name: 'teams', component: () => import('./pages/TeamsPage.vue'), meta: { title: 'teams.title' } },
    { path: '/teams/new', name: 'team-new', component: () => import('./pages/TeamNewPage.vue'), meta: { title: 'teams.newTitle', requiresLogin: true } },
    { path: '/teams/:id', name: 'team', component: () => import('./pages/TeamPage.vue'), meta: { title: 'teams.title' } },
    { path: '/archive', name: 'archive', component: () => import('./pages/ArchivePage.vue'), meta: { title: 'archive.title', requiresLogin: true } },
    { path: '/credits', name: 'credits', component: () => import('./pages/CreditsPage.vue'), meta: { title: 'credits.title', requiresLogin: true } },
    {
      path: '/credits/recognition',
      name: 'recognition-new',
      component: () => import('./pages/RecognitionNewPage.vue'),
      meta: { title: 'recognition.title', requiresLogin: true },
    },
    {
      path: '/credits/recognition/:id',
      name: 'recognition',
      component: () => import('./pages/RecognitionPage.vue'),
      meta: { title: 'recognition.detailTitle', requiresLogin: true },
    },
    {
      path: '/credits/conversion',
      name: 'conversion',
      component: () => import('./pages/ConversionPage.vue'),
      meta: { title: 'conversion.title', requiresLogin: true },
    },
    {
      path: '/certificates',
      name: 'certificates',
      component: () => import('./pages/CertificatesPage.vue'),
      meta: { title: 'certificates.title', requiresLogin: true },
    },
    {
      path: '/certificates/:id',
      name: 'certificate',
      component: () => import('./pages/CertificatePage.vue'),
      meta: { title: 'certificates.title', requiresLogin: true },
    },
    { path: '/verify/:id?', name: 'verify', component: () => import('./pages/VerifyPage.vue'), meta: { title: 'verify.title' } },
    {
      path: '/forgot-password',
      name: 'forgot-password',
      component: () => import('./features/recovery/ForgotPasswordPage.vue'),
      meta: { title: 'recovery.forgotTitle', guestOnly: true },
    },
    {
      path: '/password/new',
      name: 'set-password',
      component: () => import('./features/recovery/SetPasswordPage.vue'),
      meta: { title: 'recovery.setTitle', requiresLogin: true },
    },
    { path: '/privacy', name: 'privacy', component: () => import('./features/privacy/PrivacyPage.vue'), meta: { title: 'privacy.title' } },
    { path: '/my-data', name: 'my-data', component: () => import('./features/privacy/MyDataPage.vue'), meta: { title: 'myData.title', requiresLogin: true } },
    { path: '/links', name: 'links', component: () => import('./pages/LinkedIdentitiesPage.vue'), meta: { title: 'links.title', requiresLogin: true } },
    { path: '/sso/link', name: 'sso-link', component: () => import('./pages/SsoLinkPage.vue'), meta: { title: 'sso.linkTitle', guestOnly: true } },
    { path: '/checkin', name: 'checkin', component: () => import('./pages/CheckinPage.vue'), meta: { title: 'checkin.title' } }, // signs in itself, keeping the scan
    { path: '/points', name: 'points', component: () => import('./pages/PointsPage.vue'), meta: { title: 'points.title', requiresLogin: true } },
    { path: '/rate/:id', name: 'rate', component: () => import('./pages/RatePage.vue'), meta: { title: 'rating.title', requiresLogin: true } },
    { path: '/courses', name: 'courses', component: () => import('./pages/CoursesPage.vue'), meta: { title: 'courses.title' } },
    { path: '/courses/:id', name: 'course', component: () => import('./pages/CourseDetailPage.vue'), meta: { title: 'courses.title' } },
    { path: '/offerings', name: 'offerings', component: () => import('./pages/OfferingsPage.vue'), meta: { title: 'offerings.title' } },
    { path: '/offerings/:id', name: 'offering', component: () => import('./pages/OfferingDetailPage.vue'), meta: { title: 'offerings.title' } },
    { path: '/resources/:id', name: 'resource', component: () => import('./pages/ResourcePage.vue'), meta: { title: 'courses.player' } },
    {
      path: '/enrolments',
      name: 'enrolments',
      component: () => import('./features/enrolment/MyEnrolmentsPage.vue'),
      meta: { title: 'myEnrolments.title', requiresLogin: true },
    },
    {
      path: '/messages',
      name: 'messages',
      component: () => import('./features/enrolment/MessagesPage.vue'),
      meta: { title: 'inbox.title', requiresLogin: true },
    },
    { path: '/proxy', name: 'proxy', component: () => import('./features/enrolment/ProxyPage.vue'), meta: { title: 'proxy.title', requiresLogin: true } },
    { path: '/lottery', name: 'lottery', component: () => import('./pages/lottery/LotteryListPage.vue'), meta: { title: 'lottery.title' } },
    { path: '/lottery/:id', name: 'lottery-round', component: () => import('./pages/lottery/LotteryRoundPage.vue'), meta: { title: 'lottery.title' } },
    {
      path: '/lottery/:id/verify',
      name: 'lottery-verify',
      component: () => import('./pages/lottery/LotteryVerifyPage.vue'),
      meta: { title: 'lottery.verifyTitle' },
    },
    { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { title: 'notFound.title' } },
  ] satisfies PortalRoute[],
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

router.beforeEach(async (to) => {
  if (!session.loaded) await loadSession();
  if (to.meta.requiresLogin && !session.me) return { name: 'login', query: { redirect: to.fullPath } };
  if (to.meta.guestOnly && session.me) return { name: 'profile' };
  // After a staff-assisted reset the server allows nothing else until a new password is chosen.
  if (session.me?.mustChangePassword && to.name !== 'set-password' && to.name !== 'privacy') return { name: 'set-password', query: { redirect: to.fullPath } };
  return true;
});

// After moving to another page, put focus on its heading so screen-reader users hear where they are.
router.afterEach(async (_to, from, failure) => {
  if (failure || from === START_LOCATION) return;
  await nextTick();
  document.querySelector<HTMLElement>('main h1')?.focus();
});
