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
import { seedDemo } from './modules/demo/index';
import { createTeamsRepository, createTeamsService, teamRoutes } from './modules/teams/index';
import { createGovernanceRepository, createGovernanceService, governanceRoutes, createAssessmentRepository, createAssessmentService, assessmentRoutes } from './modules/governance/index';
import { createAwardsRepository, createAwardsService, createAwardsExcel, awardRoutes } from './modules/awards/index';

export interface PlatformOptions {
  database: Database;
  dataKey: Buffer;
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
  const teams = createTeamsService({ db, repo: createTeamsRepository(db), audit, clock, regions });
  const awards = createAwardsService({ db, repo: createAwardsRepository(db), audit, clock, rateLimit, regions, teams });
  const awardsExcel = createAwardsExcel({ awards });
  const governance = createGovernanceService({ db, repo: createGovernanceRepository(db), audit, clock, regions, staff });
  // Indicator criteria take typed-in values until the monitoring module provides an IndicatorSource here.
  const assessment = createAssessmentService({ db, repo: createAssessmentRepository(db), audit, clock, regions, governance });

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
      teamRoutes(teams),
      awardRoutes(awards, awardsExcel),
      governanceRoutes(governance),
      assessmentRoutes(assessment),
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
      await tx.insert(settings).values({ key: 'installation', value: { district: input.district, rootCode: loaded.rootCode, initializedAt: clock.now().toISOString() } });
      return loaded;
    });
    const admin = await bootstrapAdmin({ db, repo: accountsRepo, audit }, { password: input.adminPassword, rootRegionCode: rootCode });
    if (input.loadDemo) {
      const ctx = { actor: await auth.actorOf(admin), ip: null, locale: 'zh-CN' as Locale };
      await seedDemo(ctx, { regions, institutions, staff, seedResident: (r) => seedResident({ db, repo: accountsRepo, cipher }, r) }, rootCode);
    }
    return { rootCode, regionCount };
  }

  return { app, db, clock, services: { regions, institutions, auth, staff, residents, auditLog, teams, awards, governance, assessment }, initialize };
}

export type Platform = Awaited<ReturnType<typeof createPlatform>>;
