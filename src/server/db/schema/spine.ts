import { sql } from 'drizzle-orm';
import {
  pgTable, varchar, text, integer, timestamp, uuid, numeric, jsonb, bigserial, smallint, primaryKey, index, uniqueIndex, boolean,
} from 'drizzle-orm/pg-core';

export const settings = pgTable('settings', {
  key: varchar('key', { length: 64 }).primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const regions = pgTable('regions', {
  code: varchar('code', { length: 12 }).primaryKey(),
  parentCode: varchar('parent_code', { length: 12 }),
  name: varchar('name', { length: 100 }).notNull(),
  level: varchar('level', { length: 16 }).notNull(),
  kind: varchar('kind', { length: 16 }),
  isRoot: boolean('is_root').notNull().default(false),
}, (t) => [index('regions_parent_idx').on(t.parentCode), index('regions_code_prefix_idx').on(sql`${t.code} varchar_pattern_ops`)]);

export const regionPopulations = pgTable('region_populations', {
  regionCode: varchar('region_code', { length: 12 }).notNull().references(() => regions.code),
  year: integer('year').notNull(),
  total: integer('total').notNull(),
  age60plus: integer('age_60_plus'),
  source: varchar('source', { length: 200 }).notNull(),
}, (t) => [primaryKey({ columns: [t.regionCode, t.year] })]);

export const institutions = pgTable('institutions', {
  id: uuid('id').primaryKey(),
  name: varchar('name', { length: 100 }).notNull(),
  type: varchar('type', { length: 32 }).notNull(),
  regionCode: varchar('region_code', { length: 12 }).notNull().references(() => regions.code),
  address: varchar('address', { length: 200 }),
  floorAreaM2: numeric('floor_area_m2', { precision: 10, scale: 1 }),
  fullTimeStaff: integer('full_time_staff').notNull().default(0),
  partTimeStaff: integer('part_time_staff').notNull().default(0),
  contactName: varchar('contact_name', { length: 50 }),
  contactPhone: varchar('contact_phone', { length: 30 }),
  openingHours: varchar('opening_hours', { length: 200 }),
  status: varchar('status', { length: 16 }).notNull().default('active'),
  searchText: text('search_text').notNull().default(''),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('institutions_region_idx').on(sql`${t.regionCode} varchar_pattern_ops`),
  uniqueIndex('institutions_region_name_uq').on(t.regionCode, t.name),
  index('institutions_search_idx').using('gin', sql`to_tsvector('simple', ${t.searchText})`),
]);

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  kind: varchar('kind', { length: 16 }).notNull(),
  username: varchar('username', { length: 64 }).notNull(),
  phone: varchar('phone', { length: 20 }),
  displayName: varchar('display_name', { length: 50 }).notNull(),
  passwordHash: text('password_hash').notNull(),
  role: varchar('role', { length: 32 }),
  status: varchar('status', { length: 16 }).notNull().default('active'),
  locale: varchar('locale', { length: 8 }).notNull().default('zh-CN'),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  // Set by a staff-assisted reset: the password is a temporary one, good for sign-in until it expires, after
  // which nothing but choosing a new password is allowed.
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  temporaryPasswordExpiresAt: timestamp('temporary_password_expires_at', { withTimezone: true }),
  searchText: text('search_text').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('users_username_uq').on(t.username), uniqueIndex('users_phone_uq').on(t.phone)]);

// Failed sign-ins counted per key (an address, a username from an address, a username from anywhere),
// whether or not the username exists: after a threshold each further failure doubles the wait.
export const loginThrottles = pgTable('login_throttles', {
  key: varchar('key', { length: 200 }).primaryKey(),
  failures: integer('failures').notNull(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
});

// A staff member acts on regions, or on institutions; an institution scope also records the
// institution's region so scope checks never need another module's tables.
export const staffScopes = pgTable('staff_scopes', {
  userId: uuid('user_id').notNull().references(() => users.id),
  regionCode: varchar('region_code', { length: 12 }).notNull().references(() => regions.code),
  institutionId: uuid('institution_id').references(() => institutions.id),
}, (t) => [index('staff_scopes_user_idx').on(t.userId)]);

export const residents = pgTable('residents', {
  userId: uuid('user_id').primaryKey().references(() => users.id),
  realName: varchar('real_name', { length: 50 }).notNull(),
  idNumberEncrypted: text('id_number_encrypted').notNull(),
  idNumberHash: varchar('id_number_hash', { length: 64 }).notNull(),
  idNumberMasked: varchar('id_number_masked', { length: 18 }).notNull(),
  // Only the year stays in clear (age for eligibility and display); the full date is in the encrypted ID number.
  birthYear: smallint('birth_year').notNull(),
  sex: varchar('sex', { length: 8 }).notNull(),
  homeRegionCode: varchar('home_region_code', { length: 12 }).notNull().references(() => regions.code),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('residents_id_hash_uq').on(t.idNumberHash), index('residents_region_idx').on(sql`${t.homeRegionCode} varchar_pattern_ops`)]);

export const sessions = pgTable('sessions', {
  tokenHash: varchar('token_hash', { length: 64 }).primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  ip: varchar('ip', { length: 64 }),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

/**
 * When a user's sessions or what a sealed session carries last changed (written by triggers, migration 0026):
 * a sealed resident session older than this is checked against `sessions` again. Rows older than the
 * longest session are pruned.
 */
export const sessionChanges = pgTable('session_changes', {
  userId: uuid('user_id').primaryKey(),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
});

export const smsCodes = pgTable('sms_codes', {
  id: uuid('id').primaryKey(),
  phone: varchar('phone', { length: 20 }).notNull(),
  purpose: varchar('purpose', { length: 16 }).notNull(),
  codeHash: varchar('code_hash', { length: 64 }).notNull(),
  attempts: integer('attempts').notNull().default(0),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
}, (t) => [index('sms_codes_phone_idx').on(t.phone, t.purpose)]);

// Rate-limit counters live in the database so every process behind a load balancer counts together.
export const rateLimitCounters = pgTable('rate_limit_counters', {
  bucket: varchar('bucket', { length: 200 }).notNull(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  hits: integer('hits').notNull(),
}, (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })]);

export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  actorId: uuid('actor_id'),
  actorName: varchar('actor_name', { length: 64 }),
  action: varchar('action', { length: 64 }).notNull(),
  entityType: varchar('entity_type', { length: 32 }).notNull(),
  entityId: varchar('entity_id', { length: 64 }),
  regionCode: varchar('region_code', { length: 12 }),
  ip: varchar('ip', { length: 64 }),
  details: jsonb('details'),
}, (t) => [index('audit_at_idx').on(t.at), index('audit_region_idx').on(sql`${t.regionCode} varchar_pattern_ops`)]);
