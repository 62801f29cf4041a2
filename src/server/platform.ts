// Wiring: repositories → services → HTTP. main.ts and the tests both build the platform here, so
// tests exercise exactly what runs in production.
import { eq } from 'drizzle-orm';
import type { Database } from './db/client';
import { settings } from './db/schema/index';
import { buildApp } from './http/app';
import { createAuditWriter } from './kernel/audit';
import { systemClock, type Clock } from './kernel/clock';
import { createFieldCipher } from './kernel/crypto';
import { createRateLimiter } from './kernel/rate-limit';
import type { Locale } from './kernel/messages';
import { createRegionsRepository, createRegionsService, regionRoutes } from './modules/regions/index';
import { loadInstallationRegions } from './modules/regions/regions.seed';
import { createInstitutionsRepository, createInstitutionsService, createInstitutionsExcel, institutionRoutes } from './modules/institutions/index';
import {
  createAccountsRepository, createAuthService, createStaffService, createResidentsService, accountRoutes, bootstrapAdmin, seedResident, logSmsSender, type SmsSender,
} from './modules/accounts/index';
import { createAuditService, auditRoutes } from './modules/audit/index';
import { seedDemo, seedDemoCourses } from './modules/demo/index';
import { createFilesService, createFileStorage, fileRoutes } from './modules/files/index';
import { createJobsService, jobRoutes } from './modules/jobs/index';
import { createCategoriesService, categoryRoutes, loadTaxonomy } from './modules/categories/index';
import { createCoursesRepository, createCoursesService, createCoursesExcel, courseRoutes } from './modules/courses/index';
import { createCallsRepository, createCallsService, callRoutes } from './modules/calls/index';

export interface PlatformOptions {
  database: Database;
  dataKey: Buffer;
  /** Where uploaded files are kept (the data directory's files/). */
  filesDir: string;
  clock?: Clock;
  sms?: SmsSender;
  logLevel?: string;
  publicOrigins?: string[];
  sessionHours?: number;
  cookieSecure?: 'auto' | boolean;
  webRoot?: string;
}

export async function createPlatform(opts: PlatformOptions) {
  const { db } = opts.database;
  const clock = opts.clock ?? systemClock;
  const audit = createAuditWriter(clock);
  const cipher = createFieldCipher(opts.dataKey);
  const rateLimit = createRateLimiter(db, clock);

  const regionsRepo = createRegionsRepository(db);
  const regions = createRegionsService({ db, repo: regionsRepo, audit });
  const institutions = createInstitutionsService({ db, repo: createInstitutionsRepository(db), audit, regions });
  const institutionsExcel = createInstitutionsExcel({ institutions, regions });
  const accountsRepo = createAccountsRepository(db);
  const auth = createAuthService({ db, repo: accountsRepo, clock, audit, rateLimit, sms: opts.sms ?? logSmsSender, sessionHours: opts.sessionHours ?? 12 });
  const staff = createStaffService({ db, repo: accountsRepo, audit, regions, institutions });
  const residents = createResidentsService({ db, repo: accountsRepo, clock, audit, cipher, rateLimit, auth, regions });
  const auditLog = createAuditService({ db });
  const files = createFilesService({ db, storage: createFileStorage(opts.filesDir), audit, clock });
  const installationRoot = async () => {
    const [row] = await db.select().from(settings).where(eq(settings.key, 'installation'));
    return (row?.value as { rootCode?: string } | undefined)?.rootCode ?? null;
  };
  const categories = createCategoriesService({ db, audit, rootCode: installationRoot });
  const jobs = createJobsService({ db, clock, log: (e) => app.log.error(e) });
  const courses = createCoursesService({ db, repo: createCoursesRepository(db), audit, clock, regions, institutions, categories, files });
  const coursesExcel = createCoursesExcel({ courses, regions, categories, jobs });
  const calls = createCallsService({ db, repo: createCallsRepository(db), audit, clock, regions, categories, courses, files, institutions, staff });

  const app = await buildApp({
    logLevel: opts.logLevel ?? 'info',
    publicOrigins: opts.publicOrigins ?? [],
    webRoot: opts.webRoot,
    resolveSession: (token) => auth.resolveSession(token),
    routes: [
      regionRoutes(regions),
      institutionRoutes(institutions, institutionsExcel),
      accountRoutes({ auth, staff, residents, cookieSecure: opts.cookieSecure ?? 'auto' }),
      auditRoutes(auditLog),
      fileRoutes(files),
      jobRoutes(jobs),
      categoryRoutes(categories),
      courseRoutes(courses, coursesExcel),
      callRoutes(calls),
    ],
  });

  /**
   * First start on an empty database: the installation's regions, the system administrator, and
   * (unless switched off) the demo institutions and accounts. Returns what was created, or null.
   */
  async function initialize(input: { district: string; adminPassword: string; loadDemo: boolean }) {
    const [existing] = await db.select().from(settings).where(eq(settings.key, 'installation'));
    if (existing) return null;
    const { rootCode, regionCount } = await db.transaction(async (tx) => {
      const loaded = await loadInstallationRegions(tx, regionsRepo, input.district);
      await categories.seed(tx, loadTaxonomy());
      await tx.insert(settings).values({ key: 'installation', value: { district: input.district, rootCode: loaded.rootCode, initializedAt: clock.now().toISOString() } });
      return loaded;
    });
    const admin = await bootstrapAdmin({ db, repo: accountsRepo, audit }, { password: input.adminPassword, rootRegionCode: rootCode });
    if (input.loadDemo) {
      const ctx = { actor: await auth.actorOf(admin), ip: null, locale: 'zh-CN' as Locale };
      await seedDemo(ctx, { regions, institutions, staff, seedResident: (r) => seedResident({ db, repo: accountsRepo, cipher }, r) }, rootCode);
      await seedDemoCourses(ctx, { courses, calls, files, staff, regions }, rootCode, clock.now());
    }
    return { rootCode, regionCount };
  }

  return { app, db, clock, services: { regions, institutions, auth, staff, residents, auditLog, files, jobs, categories, courses, coursesExcel, calls }, initialize };
}

export type Platform = Awaited<ReturnType<typeof createPlatform>>;
