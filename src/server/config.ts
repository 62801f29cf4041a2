// Configuration from the environment, parsed once; a bad value stops start-up with a readable message.
import { z } from 'zod';
import { resolve } from 'node:path';
import { passwordProblem } from './modules/accounts/accounts.policy';
import { translate } from './kernel/messages';
import { loadSmsConfig, type SmsConfig } from './modules/sms/index';
import { isIP } from 'node:net';
import { parseResourceOrigins, type ResourceOrigin } from './modules/credentials/index';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../contracts/local-time';

const MB = 1024 * 1024;
const DISTRICTS = ['120104', '330105', '330213', '410122', '3205'] as const;

// The names proxy-addr (Fastify's trustProxy) understands besides addresses and ranges.
const PROXY_KEYWORDS = ['loopback', 'linklocal', 'uniquelocal'];

/** An address, a CIDR range (`10.0.0.0/8`, `fd00::/8`) or a proxy-addr keyword. */
export function isProxyAddress(entry: string): boolean {
  if (PROXY_KEYWORDS.includes(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  // A read replica of DATABASE_URL's database for read-only dashboard queries (PostgreSQL only).
  DATABASE_READ_URL: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  LEARNCITY_DATA_DIR: z.string().default('./data'),
  // The first administrator's password follows the same rule as every other password.
  LEARNCITY_ADMIN_PASSWORD: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .superRefine((v, c) => {
      const key = v && passwordProblem(v);
      if (key) c.addIssue({ code: 'custom', message: translate(key, 'en') });
    }),
  LEARNCITY_DISTRICT: z.enum(DISTRICTS, { message: `must be one of ${DISTRICTS.join(', ')}` }).default('330105'),
  LEARNCITY_DEMO: z.enum(['0', '1']).default('1'),
  // `npm start` turns the demo year on (scripts/start.mjs); tests and other entry points leave it off.
  LEARNCITY_DEMO_YEAR: z.enum(['0', '1']).default('0'),
  LEARNCITY_DEMO_RESIDENTS: z.coerce.number().int().min(10).max(50_000).default(2000),
  LEARNCITY_DATA_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters (32 bytes)')
    .optional(),
  LEARNCITY_PUBLIC_ORIGINS: z.string().optional(),
  LEARNCITY_SESSION_HOURS: z.coerce.number().positive().default(12),
  LEARNCITY_COOKIE_SECURE: z.enum(['auto', '0', '1']).default('auto'),
  LEARNCITY_VC_API_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  LEARNCITY_VC_RESOURCE_ORIGINS: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      try {
        parseResourceOrigins(v);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  LEARNCITY_ISSUER_NAME: z.string().trim().max(100).optional(),
  LEARNCITY_ISSUER_NAME_EN: z.string().trim().max(200).optional(),
  LEARNCITY_ISSUER_SEAL: z.string().optional(),
  LEARNCITY_ISSUER_KEY: z
    .string()
    .regex(/^z[1-9A-HJ-NP-Za-km-z]{40,100}$/, 'must be an Ed25519 secretKeyMultibase (z…)')
    .optional(),
  LEARNCITY_OIDC_ISSUER: z
    .string()
    .url("must be the identity provider's issuer URL")
    .optional()
    .or(z.literal('').transform(() => undefined)),
  LEARNCITY_OIDC_CLIENT_ID: z.string().optional(),
  LEARNCITY_OIDC_CLIENT_SECRET: z.string().optional(),
  LEARNCITY_OIDC_SCOPES: z.string().default('openid profile phone'),
  LEARNCITY_OIDC_REDIRECT_URI: z
    .string()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  LEARNCITY_WEBHOOK_PRIVATE_TARGETS: z.enum(['0', '1']).default('0'),
  LEARNCITY_XAPI_VERSIONS: z
    .string()
    .regex(/^\s*(2\.0\.0|1\.0\.3)\s*(,\s*(2\.0\.0|1\.0\.3)\s*)?$/, 'must be 2.0.0, 1.0.3 or both, comma-separated')
    .default('2.0.0,1.0.3'),
  LEARNCITY_WORKERS: z.coerce.number().int().min(0).max(64).optional(),
  LEARNCITY_DRAIN_SECONDS: z.coerce.number().int().min(1).max(600).default(20),
  LEARNCITY_TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const entries = (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      for (const entry of entries) {
        if (!isProxyAddress(entry))
          ctx.addIssue({ code: 'custom', message: `"${entry}" is not an IP address, a CIDR range, or one of ${PROXY_KEYWORDS.join(', ')}` });
      }
      return entries;
    }),
  LEARNCITY_UPLOAD_RESIDENT_UNATTACHED_MB: z.coerce.number().int().positive().default(200),
  LEARNCITY_UPLOAD_RESIDENT_TOTAL_MB: z.coerce.number().int().positive().default(1024),
  LEARNCITY_UPLOAD_STAFF_UNATTACHED_MB: z.coerce.number().int().positive().default(1024),
  LEARNCITY_UPLOAD_STAFF_TOTAL_MB: z.coerce.number().int().positive().default(20480),
  LEARNCITY_UPLOAD_UNATTACHED_HOURS: z.coerce.number().positive().default(24),
  LEARNCITY_METRICS_TOKEN: z
    .string()
    .min(24, 'must be at least 24 characters')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  LEARNCITY_BACKUP_DIR: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  LEARNCITY_BACKUP_KEEP: z.coerce.number().int().min(1).max(3650).default(7),
  LEARNCITY_BACKUP_HOUR: z.coerce.number().int().min(0).max(23).default(2),
  LEARNCITY_TIME_ZONE: z.string().trim().default(DEFAULT_TIME_ZONE).refine(isTimeZone, 'must be an IANA time zone name such as Asia/Shanghai'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl?: string;
  databaseReadUrl?: string;
  dataDir: string;
  adminPassword?: string;
  district: (typeof DISTRICTS)[number];
  loadDemo: boolean;
  /** Generate a year of activity in the demo district at first start, with this many residents (0: no). */
  demoYearResidents: number;
  dataKeyHex?: string;
  publicOrigins: string[];
  sessionHours: number;
  cookieSecure: 'auto' | boolean;
  logLevel: string;
  /** Worker processes; undefined = one per core on PostgreSQL, one on the embedded database; 0 = no supervisor. */
  workers?: number;
  /** How long a stopping worker lets requests under way finish before it exits anyway. */
  drainSeconds: number;
  issuerKey?: string;
  /** The district body that issues certificates (first start only): names and a PNG seal file. */
  issuer: { nameZh?: string; nameEn?: string; sealFile?: string };
  vcApiToken?: string;
  /** LEARNCITY_VC_RESOURCE_ORIGINS: where credentials' related resources may be fetched to check their digests. */
  vcResourceOrigins: ResourceOrigin[];
  webhookPrivateTargets: boolean;
  /** The xAPI versions the store at /xapi serves; a request without a usable version header is answered as the newest. */
  xapiVersions: ('2.0.0' | '1.0.3')[];
  /** LEARNCITY_TRUSTED_PROXIES: the only peers whose X-Forwarded-For / -Proto / -Host are believed. */
  trustedProxies: string[];
  uploadQuotas: { resident: { unattachedBytes: number; totalBytes: number }; staff: { unattachedBytes: number; totalBytes: number }; unattachedHours: number };
  oidc: { issuer: string; clientId: string; clientSecret: string; scopes: string; redirectUri?: string } | null;
  /** LEARNCITY_SMS_*: the provider, its keys, sign and templates, the daily allowance (modules/sms/sms.config.ts). */
  sms: SmsConfig;
  /** LEARNCITY_METRICS_TOKEN: the bearer token of `/metrics`; unset, `/metrics` answers 404. */
  metricsToken?: string;
  /** Where backups go (LEARNCITY_BACKUP_DIR, else `<data dir>/backups`); nightly only when the directory was configured. */
  backup: { dir: string; nightly: boolean; keep: number; hour: number };
  /** LEARNCITY_TIME_ZONE: the installation's local time (calendar days, deadlines, yearly figures); each entry point applies it with setPlatformTimeZone. */
  timeZone: string;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.DATABASE_READ_URL && !e.DATABASE_URL) {
    throw new Error("Invalid configuration:\n  DATABASE_READ_URL: a replica of DATABASE_URL's PostgreSQL database; set DATABASE_URL too");
  }
  if (e.LEARNCITY_OIDC_ISSUER && (!e.LEARNCITY_OIDC_CLIENT_ID || !e.LEARNCITY_OIDC_CLIENT_SECRET)) {
    throw new Error('Invalid configuration:\n  LEARNCITY_OIDC_CLIENT_ID and LEARNCITY_OIDC_CLIENT_SECRET: required with LEARNCITY_OIDC_ISSUER');
  }
  const sms = loadSmsConfig(env);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    dataDir: resolve(e.LEARNCITY_DATA_DIR),
    adminPassword: e.LEARNCITY_ADMIN_PASSWORD,
    district: e.LEARNCITY_DISTRICT,
    loadDemo: e.LEARNCITY_DEMO === '1',
    demoYearResidents: e.LEARNCITY_DEMO === '1' && e.LEARNCITY_DEMO_YEAR === '1' ? e.LEARNCITY_DEMO_RESIDENTS : 0,
    dataKeyHex: e.LEARNCITY_DATA_KEY,
    publicOrigins: (e.LEARNCITY_PUBLIC_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    sessionHours: e.LEARNCITY_SESSION_HOURS,
    cookieSecure: e.LEARNCITY_COOKIE_SECURE === 'auto' ? 'auto' : e.LEARNCITY_COOKIE_SECURE === '1',
    logLevel: e.LOG_LEVEL,
    workers: e.LEARNCITY_WORKERS,
    drainSeconds: e.LEARNCITY_DRAIN_SECONDS,
    issuerKey: e.LEARNCITY_ISSUER_KEY,
    issuer: { nameZh: e.LEARNCITY_ISSUER_NAME, nameEn: e.LEARNCITY_ISSUER_NAME_EN, sealFile: e.LEARNCITY_ISSUER_SEAL },
    vcApiToken: e.LEARNCITY_VC_API_TOKEN,
    vcResourceOrigins: parseResourceOrigins(e.LEARNCITY_VC_RESOURCE_ORIGINS),
    webhookPrivateTargets: e.LEARNCITY_WEBHOOK_PRIVATE_TARGETS === '1',
    xapiVersions: e.LEARNCITY_XAPI_VERSIONS.split(',').map((v) => v.trim() as '2.0.0' | '1.0.3'),
    trustedProxies: e.LEARNCITY_TRUSTED_PROXIES,
    uploadQuotas: {
      resident: { unattachedBytes: e.LEARNCITY_UPLOAD_RESIDENT_UNATTACHED_MB * MB, totalBytes: e.LEARNCITY_UPLOAD_RESIDENT_TOTAL_MB * MB },
      staff: { unattachedBytes: e.LEARNCITY_UPLOAD_STAFF_UNATTACHED_MB * MB, totalBytes: e.LEARNCITY_UPLOAD_STAFF_TOTAL_MB * MB },
      unattachedHours: e.LEARNCITY_UPLOAD_UNATTACHED_HOURS,
    },
    metricsToken: e.LEARNCITY_METRICS_TOKEN,
    backup: {
      dir: e.LEARNCITY_BACKUP_DIR ? resolve(e.LEARNCITY_BACKUP_DIR) : resolve(e.LEARNCITY_DATA_DIR, 'backups'),
      nightly: Boolean(e.LEARNCITY_BACKUP_DIR),
      keep: e.LEARNCITY_BACKUP_KEEP,
      hour: e.LEARNCITY_BACKUP_HOUR,
    },
    oidc: e.LEARNCITY_OIDC_ISSUER
      ? {
          issuer: e.LEARNCITY_OIDC_ISSUER,
          clientId: e.LEARNCITY_OIDC_CLIENT_ID!,
          clientSecret: e.LEARNCITY_OIDC_CLIENT_SECRET!,
          scopes: e.LEARNCITY_OIDC_SCOPES,
          redirectUri: e.LEARNCITY_OIDC_REDIRECT_URI,
        }
      : null,
    sms,
    timeZone: e.LEARNCITY_TIME_ZONE,
  };
}
