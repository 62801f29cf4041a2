import { sql } from 'drizzle-orm';
import { pgTable, varchar, text, integer, timestamp, uuid, smallint, index, uniqueIndex, boolean } from 'drizzle-orm/pg-core';
import { institutions } from './institutions';
import { regions } from './regions';

// Users, staff scopes, residents, sessions and sign-in codes: owned by the accounts module.

export const users = pgTable(
  'users',
  {
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
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username), uniqueIndex('users_phone_uq').on(t.phone)],
);

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
export const staffScopes = pgTable(
  'staff_scopes',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    regionCode: varchar('region_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    institutionId: uuid('institution_id').references(() => institutions.id),
  },
  (t) => [index('staff_scopes_user_idx').on(t.userId)],
);

export const residents = pgTable(
  'residents',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id),
    realName: varchar('real_name', { length: 50 }).notNull(),
    idNumberEncrypted: text('id_number_encrypted').notNull(),
    idNumberHash: varchar('id_number_hash', { length: 64 }).notNull(),
    idNumberMasked: varchar('id_number_masked', { length: 18 }).notNull(),
    // Only the year stays in clear (age for eligibility and display); the full date is in the encrypted ID number.
    birthYear: smallint('birth_year').notNull(),
    sex: varchar('sex', { length: 8 }).notNull(),
    homeRegionCode: varchar('home_region_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('residents_id_hash_uq').on(t.idNumberHash), index('residents_region_idx').on(sql`${t.homeRegionCode} varchar_pattern_ops`)],
);

export const sessions = pgTable(
  'sessions',
  {
    tokenHash: varchar('token_hash', { length: 64 }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: varchar('ip', { length: 64 }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * When a user's sessions or what a sealed session carries last changed (written by triggers, migration 0026):
 * a sealed resident session older than this is checked against `sessions` again. Rows older than the
 * longest session are pruned.
 */
export const sessionChanges = pgTable('session_changes', {
  userId: uuid('user_id').primaryKey(),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
});

export const smsCodes = pgTable(
  'sms_codes',
  {
    id: uuid('id').primaryKey(),
    phone: varchar('phone', { length: 20 }).notNull(),
    purpose: varchar('purpose', { length: 16 }).notNull(),
    codeHash: varchar('code_hash', { length: 64 }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sms_codes_phone_idx').on(t.phone, t.purpose)],
);
