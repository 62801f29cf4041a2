// Wiring: repositories → services → HTTP. main.ts and the tests both build the platform here, so
// tests exercise exactly what runs in production.
import { Readable } from 'node:stream';
import { createHmac } from 'node:crypto';
import { dirname, join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Database } from './db/client';
import { settings } from './db/schema/index';
import { buildApp } from './http/app';
import { createAuditWriter } from './kernel/audit';
import { systemClock, travelClock, type Clock } from './kernel/clock';
import { createFieldCipher } from './kernel/crypto';
import { createRateLimiter, purgeRateLimitCounters } from './kernel/rate-limit';
import { createScheduler } from './kernel/scheduler';
import { countedSms } from './kernel/sms-metrics';
import type { CollectedGauge } from './kernel/metrics';
import { createChangeFeed } from './kernel/change-feed';
import { createResponseCache } from './http/response-cache';
import type { Locale } from './kernel/messages';
import { createRegionsRepository, createRegionsService, regionRoutes } from './modules/regions/index';
import { loadInstallationRegions } from './modules/regions/regions.seed';
import { createInstitutionsRepository, createInstitutionsService, createInstitutionsExcel, institutionRoutes } from './modules/institutions/index';
import {
  createAccountsRepository,
  createAuthService,
  createStaffService,
  createResidentsService,
  accountRoutes,
  bootstrapAdmin,
  seedResident,
  seedResidents,
} from './modules/accounts/index';
import { consoleSmsSender, createSmsDelivery, createSmsRepository, DEFAULT_SMS_DELIVERY, type SmsSender, type SmsDeliverySettings } from './modules/sms/index';
import { createAuditService, createAuditRepository, auditRoutes } from './modules/audit/index';
import { seedDemo, seedDemoCourses, seedDemoOfferings, seedProgrammeDemo, generateDemoYear, createDemoStatus, demoRoutes } from './modules/demo/index';
import { createTeamsRepository, createTeamsService, teamRoutes } from './modules/teams/index';
import {
  createGovernanceRepository,
  createGovernanceService,
  governanceRoutes,
  createAssessmentRepository,
  createAssessmentService,
  assessmentRoutes,
  createAssessmentExcel,
} from './modules/governance/index';
import { createAwardsRepository, createAwardsService, createAwardsExcel, awardRoutes, type EvidenceFiles } from './modules/awards/index';
import { createFilesRepository, createFilesService, createFileStorage, fileRoutes, type FileAccess, type UploadQuotas } from './modules/files/index';
import { createJobsService, jobRoutes } from './modules/jobs/index';
import { createCategoriesRepository, createCategoriesService, categoryRoutes, loadTaxonomy } from './modules/categories/index';
import { createArchiveService, createArchiveRepository, archiveRoutes } from './modules/archive/index';
import { createInstructorsRepository, createInstructorsService, createInstructorsExcel, instructorRoutes } from './modules/instructors/index';
import { createVenuesRepository, createVenuesService, createBookingsService, createVenuesExcel, venueRoutes } from './modules/venues/index';
import {
  createMonitoringRepository,
  createQueryRegistry,
  createIndicatorsService,
  indicatorRoutes,
  createFormsService,
  formRoutes,
  createPopulationService,
  populationRoutes,
  participationQueries,
  sharedParticipation,
  activityQueries,
  createOverviewService,
  createReportsService,
  createReportRepository,
  overviewRoutes,
  reportRoutes,
  createUnescoReportService,
  unescoReportRoutes,
} from './modules/monitoring/index';
import {
  createXapiRepository,
  createXapiService,
  connectArchive,
  xapiRoutes,
  createUnmatchedRepository,
  createUnmatchedService,
  unmatchedRoutes,
} from './modules/xapi/index';
import {
  createPartnersRepository,
  createPartnersService,
  partnerRoutes,
  createWebhooksRepository,
  createWebhooksService,
  connectWebhooks,
  webhookRoutes,
} from './modules/partners/index';
import { createIdentitiesRepository, createIdentitiesService, identityRoutes, logEmailSender, type EmailSender } from './modules/identities/index';
import { createSsoRepository, createSsoService, ssoRoutes, type OidcSettings } from './modules/sso/index';
import { createCoursesRepository, createCoursesService, createCoursesExcel, courseRoutes } from './modules/courses/index';
import { createCallsRepository, createCallsService, callRoutes } from './modules/calls/index';
import { createCreditsRepository, createCreditsService, creditRoutes, creditQueries, SEED_STANDARDS } from './modules/credits/index';
import {
  createCredentialsRepository,
  createCredentialsService,
  credentialRoutes,
  vcApiRoutes,
  loadIssuer,
  creditsTranscriptSource,
  type IssuerKeySource,
  type ResourceOrigin,
} from './modules/credentials/index';
import { createOfferingsRepository, createOfferingsService, createOfferingsExcel, offeringRoutes } from './modules/offerings/index';
import { createNotificationsRepository, createNotificationsService, notificationRoutes } from './modules/notifications/index';
import { createEnrolmentRepository, createEnrolmentService, enrolmentRoutes } from './modules/enrolment/index';
import { createAttendanceRepository, createAttendanceService, attendanceRoutes } from './modules/attendance/index';
import { createPointsRepository, createPointsService, pointsRoutes } from './modules/points/index';
import { createRatingsRepository, createRatingsService, ratingRoutes } from './modules/ratings/index';
import { createLotteryRepository, createLotteryService, lotteryRoutes } from './modules/lottery/index';
import { createPrivacyRepository, createPrivacyService, privacyRoutes } from './modules/privacy/index';
import type { IssuerBody } from './modules/credentials/index';
import { createWorkService, workRoutes } from './modules/work/index';
import { createBackupsService, backupRoutes, type BackupSettings } from './modules/backups/index';
import { systemRoutes } from './modules/system/index';

/** Until an installation names its issuing body: the district's learning-city office. */
function defaultIssuerBody(districtName: string): IssuerBody {
  return { nameZh: `${districtName}学习型城市建设领导小组办公室`, nameEn: `Learning City Leading Group Office, ${districtName}`, seal: null };
}

/** What `/metrics` reads when scraped: the database pool and the background job queue. */
async function gaugesOf(database: Database, jobs: { countByStatus(): Promise<{ status: string; n: number }[]> }): Promise<CollectedGauge[]> {
  const pool = database.pool?.();
  const byStatus = await jobs.countByStatus();
  return [
    ...(pool
      ? [
          {
            name: 'learncity_db_pool_connections',
            help: 'Database connections held by this process, by state',
            samples: [
              { labels: { state: 'idle' }, value: pool.idle },
              { labels: { state: 'busy' }, value: pool.total - pool.idle },
            ],
          },
          { name: 'learncity_db_pool_waiting', help: 'Queries waiting for a free database connection in this process', samples: [{ value: pool.waiting }] },
        ]
      : []),
    {
      name: 'learncity_jobs',
      help: 'Background jobs by state (running: the queue being worked)',
      shared: true,
      samples: ['running', 'succeeded', 'failed'].map((status) => ({ labels: { status }, value: byStatus.find((r) => r.status === status)?.n ?? 0 })),
    },
  ];
}

export interface PlatformOptions {
  database: Database;
  dataKey: Buffer;
  /** Where uploaded files are kept (the data directory's files/). */
  filesDir: string;
  clock?: Clock;
  /** The SMS provider's sender (modules/sms: console, Alibaba Cloud, Tencent Cloud, a gateway); the console by default. */
  sms?: SmsSender;
  /** The daily allowance, retries and kinds not texted (LEARNCITY_SMS_*). */
  smsDelivery?: SmsDeliverySettings;
  /** Single sign-on through an OpenID Connect provider; absent = not offered. */
  oidc?: OidcSettings | null;
  /** How e-mail verification codes are sent; the default writes them to the log. */
  email?: EmailSender;
  logLevel?: string;
  publicOrigins?: string[];
  /** The xAPI versions /xapi serves (LEARNCITY_XAPI_VERSIONS); both by default. */
  xapiVersions?: ('2.0.0' | '1.0.3')[];
  sessionHours?: number;
  cookieSecure?: 'auto' | boolean;
  webRoot?: string;
  /** The certificate issuer's Ed25519 key: LEARNCITY_ISSUER_KEY, else `<data dir>/issuer-key.json` (made on first start). */
  issuerKey?: IssuerKeySource;
  /** The district body that issues certificates, configured at installation (name in both languages, seal image). */
  issuerBody?: { nameZh?: string; nameEn?: string; seal?: { contentType: string; base64: string } | null };
  /** LEARNCITY_VC_API_TOKEN: turns on the VC-API adapter for the W3C test suites. */
  vcApiToken?: string;
  /** LEARNCITY_VC_RESOURCE_ORIGINS: the only origins credentials' related resources are fetched from. */
  vcResourceOrigins?: ResourceOrigin[];
  /** How webhooks reach partners (tests may pass their own). */
  fetch?: typeof fetch;
  /** LEARNCITY_WEBHOOK_PRIVATE_TARGETS: webhooks may point at loopback and private addresses (intranet partners). */
  webhookPrivateTargets?: boolean;
  /** LEARNCITY_TRUSTED_PROXIES: addresses/CIDRs of reverse proxies whose X-Forwarded-For is believed; none by default. */
  trustedProxies?: string[];
  /** LEARNCITY_UPLOAD_*: per-person upload allowances and how long unattached uploads are kept. */
  uploadQuotas?: UploadQuotas;
  /** LEARNCITY_METRICS_TOKEN: turns on `/metrics` for a Prometheus scraper holding this bearer token. */
  metricsToken?: string;
  /** Where the JSON log lines go (standard output by default). */
  logStream?: { write(line: string): void };
  /** Backups: where archives go, the nightly run, and the key files they carry. Default: `<files dir>/../backups`, no nightly run. */
  backups?: { settings: BackupSettings; keyFiles: string[] };
}

export async function createPlatform(opts: PlatformOptions) {
  const { db } = opts.database;
  // The demo year moves this clock through the year it writes; otherwise it is the given clock.
  const travel = travelClock(opts.clock ?? systemClock);
  const clock: Clock = travel;
  const audit = createAuditWriter(clock);
  const cipher = createFieldCipher(opts.dataKey);
  const rateLimit = createRateLimiter(db, clock);

  const regionsRepo = createRegionsRepository(db);
  const regions = createRegionsService({ db, repo: regionsRepo, audit });
  const institutions = createInstitutionsService({ db, repo: createInstitutionsRepository(db), audit, regions });
  const institutionsExcel = createInstitutionsExcel({ institutions, regions });
  const smsRepo = createSmsRepository(db);
  const sms = createSmsDelivery({
    sender: countedSms(opts.sms ?? consoleSmsSender),
    repo: smsRepo,
    clock,
    settings: opts.smsDelivery ?? DEFAULT_SMS_DELIVERY,
    log: (line) => app.log.warn(line),
  });
  const accountsRepo = createAccountsRepository(db);
  const auth = createAuthService({ db, repo: accountsRepo, clock, audit, rateLimit, sms, sessionHours: opts.sessionHours ?? 12, dataKey: opts.dataKey });
  const staff = createStaffService({ db, repo: accountsRepo, clock, audit, regions, institutions });
  institutions.onMove(staff.institutionMoved);
  const residents = createResidentsService({ db, repo: accountsRepo, clock, audit, cipher, rateLimit, auth, regions });
  const auditLog = createAuditService({ db, repo: createAuditRepository(db), audit });
  const files = createFilesService({ db, repo: createFilesRepository(db), storage: createFileStorage(opts.filesDir), audit, clock, quotas: opts.uploadQuotas });
  // Evidence attached to progress reports and assessment scores: staff over the region (and the uploader) read it.
  // Residents' evidence is read only by the role that reviews it: nominations by the reviewing administrators,
  // credit-bank applications by credit officers (never by leaders or member-unit reporters of the region).
  const evidenceFilesFor = (access: FileAccess): EvidenceFiles => ({
    async claim(tx, ctx, ids, regionCode) {
      for (const [i, id] of ids.entries())
        await files.claim(tx, ctx, id, { access, regionCode, purposes: ['evidence', 'image', 'document'], field: `evidenceFileIds.${i}` });
    },
    async describe(ids) {
      const found = await files.describe(ids);
      return ids.flatMap((id) => {
        const f = found.get(id);
        return f ? [{ id: f.id, filename: f.filename, contentType: f.contentType, size: f.size }] : [];
      });
    },
  });
  const evidenceFiles = evidenceFilesFor('staff');
  const teams = createTeamsService({ db, repo: createTeamsRepository(db), audit, clock, regions });
  const awards = createAwardsService({ db, repo: createAwardsRepository(db), audit, clock, rateLimit, regions, teams, files: evidenceFilesFor('awards') });
  const awardsExcel = createAwardsExcel({ awards });
  const governance = createGovernanceService({ db, repo: createGovernanceRepository(db), audit, clock, regions, staff, files: evidenceFiles });
  const installationRoot = async () => {
    const [row] = await db.select().from(settings).where(eq(settings.key, 'installation'));
    return (row?.value as { rootCode?: string } | undefined)?.rootCode ?? null;
  };
  const categories = createCategoriesService({ db, repo: createCategoriesRepository(db), audit, rootCode: installationRoot });
  const archive = createArchiveService({ db, repo: createArchiveRepository(db), clock, audit, residents, categories });
  // Several processes share PostgreSQL and come and go: there a running job holds a lease (see the service).
  const jobs = createJobsService({ db, clock, log: (e) => app.log.error(e), leases: opts.database.engine === 'postgres' });
  const venuesRepo = createVenuesRepository(db, opts.database.bulkInsert);
  const venues = createVenuesService({ db, repo: venuesRepo, audit, regions, institutions, files });
  const bookings = createBookingsService({ db, repo: venuesRepo, audit, clock });
  const venuesExcel = createVenuesExcel({ venues, regions, jobs });
  const instructors = createInstructorsService({
    db,
    repo: createInstructorsRepository(db, opts.database.bulkInsert),
    audit,
    clock,
    regions,
    institutions,
    files,
    categories,
    residents,
  });
  const instructorsExcel = createInstructorsExcel({ db, audit, instructors, regions, categories, jobs });
  const partners = createPartnersService({ db, repo: createPartnersRepository(db), clock, audit, regions });
  // `{ homePage: <the platform's origin>, name: <resident id> }` names a resident in statements.
  const xapiHomePages = [...(opts.publicOrigins ?? []), 'http://localhost'].map((o) => o.replace(/\/$/, ''));
  const xapi = createXapiService({
    db,
    repo: createXapiRepository(db),
    clock,
    accountHomePages: xapiHomePages,
    residentRegion: async (id, tx) => (await residents.profiles([id], tx)).get(id)?.homeRegionCode ?? null,
  });
  connectArchive(xapi, archive);
  const unmatched = createUnmatchedService({
    repo: createUnmatchedRepository(db),
    clock,
    accountHomePages: xapiHomePages,
    manageablePartner: partners.manageable,
  });
  const webhooks = createWebhooksService({
    db,
    repo: createWebhooksRepository(db),
    clock,
    audit,
    cipher,
    partners,
    fetch: opts.fetch,
    privateTargets: opts.webhookPrivateTargets,
  });
  connectWebhooks(webhooks, xapi, archive);
  const sso = createSsoService({ db, repo: createSsoRepository(db), clock, audit, auth, settings: opts.oidc ?? null });
  const identities = createIdentitiesService({
    db,
    repo: createIdentitiesRepository(db),
    clock,
    audit,
    rateLimit,
    email: opts.email ?? logEmailSender,
    residents,
    partners,
    xapi,
    homePage: xapiHomePages[0],
  });
  const courses = createCoursesService({
    db,
    repo: createCoursesRepository(db, opts.database.bulkInsert),
    audit,
    clock,
    regions,
    institutions,
    categories,
    files,
  });
  const coursesExcel = createCoursesExcel({ courses, regions, categories, jobs });
  // Credit bank: completions in the archive deposit once, inside the archive's own transaction.
  const credits = createCreditsService({ db, repo: createCreditsRepository(db), clock, audit, residents, archive, files: evidenceFilesFor('credits') });
  archive.onRecorded((tx, record) => credits.depositFromRecord(tx, record).then(() => undefined));
  const calls = createCallsService({ db, repo: createCallsRepository(db), audit, clock, regions, categories, courses, files, institutions, staff });
  // Transcripts: the archive's lines with the credits deposited for each, and the credit balance.
  const issuer = await loadIssuer(opts.issuerKey ?? {});
  // The issuing body printed and signed on certificates: set at installation, kept in the settings table.
  const issuerBody = async (): Promise<IssuerBody> => {
    const [row] = await db.select().from(settings).where(eq(settings.key, 'issuer'));
    if (row) return row.value as IssuerBody;
    const root = await installationRoot();
    const district = root ? await regions.get(root).catch(() => null) : null;
    return defaultIssuerBody(district?.name ?? '');
  };
  const credentials = createCredentialsService({
    db,
    repo: createCredentialsRepository(db),
    clock,
    audit,
    issuer,
    issuerBody,
    rateLimit,
    archive,
    awards,
    residents,
    categories,
    transcripts: creditsTranscriptSource(archive, credits),
    resourceOrigins: opts.vcResourceOrigins ?? [],
    // An imported credential is kept as the resident's own evidence upload (text), then claimed by the application.
    recognition: {
      storeEvidence: (ctx, filename, text) =>
        files.upload(ctx, { purpose: 'evidence', filename, headerType: 'text/plain', stream: Readable.from([Buffer.from(text, 'utf8')]) }),
      apply: (ctx, input) => credits.applyRecognition(ctx, input),
    },
  });
  const offerings = createOfferingsService({
    db,
    repo: createOfferingsRepository(db),
    audit,
    clock,
    regions,
    institutions,
    categories,
    courses,
    venues,
    bookings,
    instructors,
    residents,
  });
  const offeringsExcel = createOfferingsExcel({ offerings });

  const notifications = createNotificationsService({ db, repo: createNotificationsRepository(db), clock, sms, contacts: residents });
  const enrolment = createEnrolmentService({ db, repo: createEnrolmentRepository(db), clock, audit, offerings, residents, notifications, rateLimit });
  offerings.onOfferingEvent((tx, e) => enrolment.offeringCancelled(tx, e));
  const points = createPointsService({ db, repo: createPointsRepository(db), clock, audit, regions });
  // The rotating check-in code's key, derived from the data key so every process computes the same codes.
  const checkinKey = createHmac('sha256', opts.dataKey).update('learncity:checkin-code').digest();
  const attendance = createAttendanceService({ db, repo: createAttendanceRepository(db), clock, audit, checkinKey, offerings, enrolment, archive, points });
  const ratings = createRatingsService({
    db,
    repo: createRatingsRepository(db),
    clock,
    audit,
    offerings,
    points,
    hasCompletedOrAttended: attendance.hasCompletedOrAttended,
    names: { instructors: (ids) => instructors.namesOf(ids), institutions: (ids) => institutions.namesOf(ids) },
  });

  const backups = createBackupsService({
    db,
    audit,
    clock,
    source: { engine: opts.database.engine, dump: (file) => opts.database.snapshot(file), filesDir: opts.filesDir, keyFiles: opts.backups?.keyFiles ?? [] },
    settings: opts.backups?.settings ?? { dir: join(dirname(opts.filesDir), 'backups'), keep: null, hour: 2 },
  });

  const privacy = createPrivacyService({ db, repo: createPrivacyRepository(db), clock, audit, rateLimit, auth, residents, identities, enrolment, files });

  const scheduler = createScheduler({ db, clock, log: (e, task) => app.log.error({ err: e, task }, 'scheduled task failed') });
  // learncity's own events join the xAPI stream (and from there partners' webhooks): enrolments, ratings and credits.
  enrolment.onEnrolmentEvent(async (tx, e) => {
    if (e.type !== 'enrolled') return [];
    const title = e.title ?? (await offerings.get(e.offeringId, tx)).title;
    return xapi.plannedPlatformEvent(tx, {
      verb: 'enrolled',
      residentId: e.residentId,
      object: { id: `offering/${e.offeringId}`, name: title },
      timestamp: e.at,
      regionCode: e.regionCode,
    });
  });
  ratings.onRated((tx, e) =>
    xapi
      .recordPlatformEvent(tx, {
        verb: 'rated',
        residentId: e.residentId,
        object: { id: `offering/${e.offeringId}`, name: e.title },
        result: { score: { raw: e.stars, min: 1, max: 5, scaled: e.stars / 5 } },
        timestamp: e.at,
      })
      .then(() => undefined),
  );
  credits.onDeposit(async (tx, { residentId, entry }) => {
    if (entry.kind !== 'deposit') return;
    await xapi.recordPlatformEvent(tx, {
      verb: 'credited',
      residentId,
      object: { id: `credit/${entry.id}`, name: entry.title },
      result: { score: { raw: entry.credits } },
      timestamp: new Date(entry.createdAt),
    });
  });
  // Once a night when LEARNCITY_BACKUP_DIR is set; checked every ten minutes, claimed by one process.
  scheduler.add({ name: 'nightly-backup', everySeconds: 600, run: () => backups.runNightly() });
  scheduler.add({ name: 'purge-rate-limit-counters', everySeconds: 3600, run: () => purgeRateLimitCounters(db, clock) });
  // Webhook deliveries: rows are claimed with SKIP LOCKED, so overlapping runs in several processes never send one twice.
  scheduler.add({ name: 'webhook-deliveries', everySeconds: 5, run: () => webhooks.deliverDue() });
  scheduler.add({ name: 'purge-expired-sessions', everySeconds: 3600, run: () => auth.purgeExpired() });
  scheduler.add({ name: 'purge-unattached-uploads', everySeconds: 3600, run: () => files.purgeUnattached() });
  scheduler.add({ name: 'purge-expired-sso-flows', everySeconds: 3600, run: () => sso.purgeExpired() });
  // A text copy not sent within a day (allowance used up, scheduler stopped) is news no longer: it expires.
  scheduler.add({
    name: 'notifications-sms',
    everySeconds: 30,
    run: async () => {
      await notifications.expireSmsBefore(new Date(clock.now().getTime() - 86_400_000));
      return notifications.deliverSms();
    },
  });
  scheduler.add({ name: 'enrolment-offer-expiry', everySeconds: 60, run: () => enrolment.expireOffers() });
  scheduler.add({ name: 'credit-expiry', everySeconds: 3600, run: () => credits.expireDue() });
  if (opts.database.engine === 'postgres') scheduler.add({ name: 'jobs-expired-leases', everySeconds: 30, run: () => jobs.failExpiredLeases() });
  scheduler.add({ name: 'participation-fold', everySeconds: 60, run: () => archive.foldParticipation() });
  scheduler.add({ name: 'enrolment-reminders', everySeconds: 3600, run: () => enrolment.runReminders() });
  const lottery = createLotteryService({ db, repo: createLotteryRepository(db), audit, clock, cipher, jobs, regions, offerings, enrolment, notifications });
  // Freezes closed rounds' lists and draws the rounds set to draw themselves, once across processes.
  scheduler.add({ name: 'lottery-rounds', everySeconds: 60, run: () => lottery.runDue() });
  const monitoringRepo = createMonitoringRepository(db);
  // The leaders' dashboard and results pages only read computed figures: a replica may answer them.
  const monitoringReadRepo = createMonitoringRepository(opts.database.readDb);
  const monitoringQueries = createQueryRegistry();
  const indicators = createIndicatorsService({ db, repo: monitoringRepo, readRepo: monitoringReadRepo, audit, clock, regions, queries: monitoringQueries });
  const population = createPopulationService({ db, repo: monitoringRepo, audit, regions, indicators });
  const forms = createFormsService({ db, repo: monitoringRepo, audit, clock, regions, institutions, indicators });
  const participation = sharedParticipation(archive);
  for (const [name, q] of Object.entries(participationQueries(participation))) monitoringQueries.register(name, q);
  for (const [name, q] of Object.entries(creditQueries(credits, participation))) monitoringQueries.register(name, q);
  for (const [name, q] of Object.entries(activityQueries())) monitoringQueries.register(name, q);
  const overview = createOverviewService({ indicators, repo: monitoringReadRepo, regions });
  // Indicator criteria of the annual assessment are scored from the computed indicators, never typed in.
  const assessment = createAssessmentService({
    db,
    repo: createAssessmentRepository(db),
    audit,
    clock,
    regions,
    governance,
    files: evidenceFiles,
    indicators: indicators.assessmentSource(),
  });
  const reports = createReportsService({ db, repo: createReportRepository(db), audit, clock, overview, indicators, jobs, files, issuerBody });
  const unescoReport = createUnescoReportService({ db, audit, indicators });
  // The leaders' figures follow activity on their own: every indicator recomputed every five minutes, once
  // across processes (the scheduler's claim), each value stamped with when it was computed.
  scheduler.add({ name: 'indicators-refresh', everySeconds: 300, run: () => indicators.refreshCurrent() });

  // Every process caches resolved sessions and the public reads; the database tells each what changed.
  const work = createWorkService({ credits, bookings, instructors, forms, offerings, governance, lottery, awards });
  const changes = createChangeFeed(opts.database);
  // Fresh for a second; while one refresh runs (a slow one under a crowd), the previous answer is still served.
  const publicReads = createResponseCache({ freshMs: 1000, staleMs: 5000, maxEntries: 5000 });
  // A resident's own pages: dropped when their rows change (any process) or they write; never served stale
  // past that. 10 s bounds what changes by time alone (an offer's deadline, a credit's validity) or by
  // someone else's row (a waitlist position).
  const personalReads = createResponseCache({ freshMs: 10_000, staleMs: 0, maxEntries: 20_000, clock: () => clock.now().getTime() });
  await changes.on(
    'userData',
    (userId) => {
      personalReads.dropTag(userId);
      enrolment.statusChanged('enrolments', userId);
    },
    () => {
      personalReads.clear();
      enrolment.statusChanged('all');
    },
  );
  await changes.on(
    'sessions',
    (userId) => {
      auth.sessionsChanged(userId);
      enrolment.statusChanged('resident', userId);
    },
    (listening) => {
      auth.sessionFeedReset(listening);
      enrolment.statusChanged('all');
    },
  );
  await auth.startHearing();
  const referenceChanged = () => {
    publicReads.clear();
    personalReads.clear();
    categories.forget();
    offerings.seatStateChanged(null);
    enrolment.statusChanged('all');
    webhooks.forgetListeners();
  };
  await changes.on('reference', referenceChanged, referenceChanged);
  // A class that fills up (or frees a seat) shows so at once, not a second later.
  await changes.on(
    'seats',
    (payload) => {
      publicReads.clear();
      offerings.seatStateChanged(payload);
      enrolment.statusChanged('seats');
    },
    () => {
      publicReads.clear();
      offerings.seatStateChanged(null);
      enrolment.statusChanged('all');
    },
  );

  const demoStatus = createDemoStatus(db);
  const app = await buildApp({
    logLevel: opts.logLevel ?? 'info',
    logStream: opts.logStream,
    metrics: { token: opts.metricsToken, gauges: () => gaugesOf(opts.database, jobs) },
    publicOrigins: opts.publicOrigins ?? [],
    trustedProxies: opts.trustedProxies ?? [],
    webRoot: opts.webRoot,
    resolveSession: (token) => auth.resolveSession(token),
    afterWrite(ctx) {
      if (!ctx.actor) return;
      if (ctx.actor.kind === 'resident') {
        personalReads.dropTag(ctx.actor.userId);
        enrolment.statusChanged('enrolments', ctx.actor.userId);
        return auth.forgetSessionsOf(ctx.actor.userId);
      }
      // Staff change what others see (as a change of reference data does) and who may do what.
      referenceChanged();
      auth.forgetAllSessions();
    },
    routes: [
      systemRoutes(opts.database),
      regionRoutes(regions, publicReads),
      institutionRoutes(institutions, institutionsExcel),
      accountRoutes({ auth, staff, residents, cookieSecure: opts.cookieSecure ?? 'auto' }),
      auditRoutes(auditLog),
      teamRoutes(teams),
      awardRoutes(awards, awardsExcel),
      governanceRoutes(governance),
      assessmentRoutes(assessment, createAssessmentExcel({ assessment })),
      fileRoutes(files),
      jobRoutes(jobs),
      categoryRoutes(categories, publicReads),
      archiveRoutes(archive, personalReads),
      indicatorRoutes(indicators),
      formRoutes(forms),
      populationRoutes(population),
      venueRoutes(venues, bookings, venuesExcel),
      instructorRoutes(instructors, instructorsExcel),
      overviewRoutes(overview),
      reportRoutes(reports),
      unescoReportRoutes(unescoReport),
      partnerRoutes(partners),
      webhookRoutes(webhooks, partners),
      unmatchedRoutes(unmatched),
      identityRoutes(identities),
      ssoRoutes(sso, opts.cookieSecure ?? 'auto'),
      xapiRoutes(xapi, partners, opts.xapiVersions),
      courseRoutes(courses, coursesExcel),
      callRoutes(calls),
      creditRoutes(credits, partners, personalReads),
      credentialRoutes(credentials, opts.publicOrigins?.[0]),
      vcApiRoutes({ issuer, clock, token: opts.vcApiToken, credentials, publicOrigin: opts.publicOrigins?.[0] }),
      offeringRoutes(offerings, offeringsExcel, publicReads),
      notificationRoutes(notifications, personalReads),
      enrolmentRoutes(enrolment, personalReads),
      attendanceRoutes(attendance, { publicOrigins: opts.publicOrigins ?? [] }),
      pointsRoutes(points, personalReads),
      ratingRoutes(ratings),
      lotteryRoutes(lottery),
      privacyRoutes(privacy),
      workRoutes(work),
      demoRoutes(demoStatus, publicReads),
      backupRoutes(backups),
    ],
  });

  // Reporting reminders, hourly (each notice is also kept unique, so a repeated run sends nothing twice).
  app.addHook('onClose', async () => jobs.stop());
  scheduler.add({ name: 'reporting-reminders', everySeconds: 3600, run: () => forms.runReminders() });

  /**
   * First start on an empty database: the installation's regions, the system administrator, and
   * (unless switched off) the demo institutions and accounts. Returns what was created, or null.
   */
  async function initialize(input: { district: string; adminPassword: string; loadDemo: boolean }) {
    // Processes started together on an empty database take turns: the first loads, the others then find it loaded.
    return opts.database.exclusive('initialize', () => initializeAlone(input));
  }

  async function initializeAlone(input: { district: string; adminPassword: string; loadDemo: boolean }) {
    const [existing] = await db.select().from(settings).where(eq(settings.key, 'installation'));
    // The indicator catalogue is loaded where missing on every start, so an upgraded installation gets it too.
    // Credit standards are seeded where none exist, so an upgraded installation gets them too.
    await db.transaction((tx) => credits.seedStandards(tx, SEED_STANDARDS));
    if (existing) {
      await indicators.seedCatalogue((existing.value as { rootCode?: string }).rootCode ?? null);
      return null;
    }
    const { rootCode, regionCount } = await db.transaction(async (tx) => {
      const loaded = await loadInstallationRegions(tx, regionsRepo, input.district);
      await categories.seed(tx, loadTaxonomy());
      await tx.insert(settings).values({
        key: 'installation',
        value: { district: input.district, rootCode: loaded.rootCode, initializedAt: clock.now().toISOString(), demo: input.loadDemo },
      });
      return loaded;
    });
    const districtName = (await regions.get(rootCode).catch(() => null))?.name ?? '';
    const body = {
      ...defaultIssuerBody(districtName),
      ...(opts.issuerBody?.nameZh ? { nameZh: opts.issuerBody.nameZh } : {}),
      ...(opts.issuerBody?.nameEn ? { nameEn: opts.issuerBody.nameEn } : {}),
      seal: opts.issuerBody?.seal ?? null,
    };
    await db.insert(settings).values({ key: 'issuer', value: body }).onConflictDoNothing();
    await indicators.seedCatalogue(rootCode);
    const admin = await bootstrapAdmin({ db, repo: accountsRepo, audit }, { password: input.adminPassword, rootRegionCode: rootCode });
    if (input.loadDemo) {
      const ctx = { actor: await auth.actorOf(admin), ip: null, locale: 'zh-CN' as Locale };
      await seedDemo(
        ctx,
        {
          regions,
          institutions,
          staff,
          venues,
          bookings,
          instructors,
          now: clock.now(),
          seedResident: (r) => seedResident({ db, repo: accountsRepo, cipher }, r),
        },
        rootCode,
      );
      await seedDemoCourses(ctx, { courses, calls, files, staff, regions }, rootCode, clock.now());
      await seedDemoOfferings(ctx, { offerings, institutions, venues, instructors, courses, regions }, rootCode, clock.now());
      const residentUser = await accountsRepo.userByLogin('13900000001');
      const residentCtx = { actor: residentUser ? await auth.actorOf(residentUser) : null, ip: null, locale: 'zh-CN' as Locale };
      const district = rootCode.length <= 6 ? rootCode : (await regions.children(rootCode, { page: 1, pageSize: 1 })).items[0].code;
      await seedProgrammeDemo(ctx, residentCtx, { staff, governance, awards, teams, regions }, district);
      // So the leaders' dashboard opens on figures, not dashes: this year's indicators from the demo data.
      await indicators.compute(ctx, rootCode, clock.now().getUTCFullYear());
    }
    return { rootCode, regionCount };
  }

  /**
   * A year of activity in the demo district (see modules/demo/demo-year.ts), once per database: the first
   * caller claims it, any other (another process starting at the same moment) returns null. Run it before
   * the server takes requests, since it moves the clock. `residents` sets the scale.
   */
  async function generateYear(input: { residents: number; seed?: number; origin?: string; log?: (line: string) => void }) {
    const [installation] = await db.select().from(settings).where(eq(settings.key, 'installation'));
    const value = installation?.value as { rootCode?: string; demo?: boolean } | undefined;
    const districtUser = await accountsRepo.userByLogin('district');
    if (!value?.rootCode || value.demo !== true || !districtUser) return null;
    if (!(await demoStatus.claimYear(clock.now()))) return null;
    const ctx = { actor: await auth.actorOf(districtUser), ip: null, locale: 'zh-CN' as Locale };
    const districtCode = ctx.actor.regionCodes[0];
    try {
      const summary = await generateDemoYear(
        {
          regions,
          institutions,
          venues,
          instructors,
          courses,
          offerings,
          enrolment,
          attendance,
          ratings,
          archive,
          credentials,
          forms,
          indicators,
          teams,
          awards,
        },
        {
          ctx,
          districtCode,
          now: clock.now(),
          setNow: travel.set,
          residents: input.residents,
          seed: input.seed,
          origin: input.origin ?? opts.publicOrigins?.[0],
          log: input.log,
          seedResidents: (rows, at) => seedResidents({ db, repo: accountsRepo, cipher }, rows, at),
        },
      );
      await notifications.expireSmsBefore(new Date(clock.now().getTime() - 86_400_000));
      await demoStatus.finishYear({ state: 'done', ...summary });
      publicReads.clear();
      return summary;
    } catch (e) {
      await demoStatus.finishYear({ state: 'failed', error: e instanceof Error ? e.message : String(e) });
      throw e;
    } finally {
      travel.set(null);
    }
  }

  return {
    app,
    db,
    clock,
    scheduler,
    generateDemoYear: generateYear,
    services: {
      backups,
      regions,
      institutions,
      auth,
      staff,
      residents,
      auditLog,
      files,
      jobs,
      categories,
      archive,
      indicators,
      monitoringQueries,
      forms,
      overview,
      reports,
      venues,
      bookings,
      instructors,
      partners,
      webhooks,
      identities,
      sso,
      xapi,
      courses,
      coursesExcel,
      calls,
      offerings,
      enrolment,
      notifications,
      lottery,
      attendance,
      points,
      ratings,
      credits,
      teams,
      awards,
      governance,
      assessment,
      credentials,
      smsStats: { totals: smsRepo.totals },
    },
    initialize,
  };
}

export type Platform = Awaited<ReturnType<typeof createPlatform>>;
