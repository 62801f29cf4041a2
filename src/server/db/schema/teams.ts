import { sql } from 'drizzle-orm';
import { pgTable, varchar, text, timestamp, uuid, date, index, primaryKey, numeric } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { regions } from './regions';

// Residents' own learning teams (学习团队): a leader, members who asked and were accepted, and a log
// of activities with who attended.
export const learningTeams = pgTable(
  'learning_teams',
  {
    id: uuid('id').primaryKey(),
    name: varchar('name', { length: 60 }).notNull(),
    category: varchar('category', { length: 32 }).notNull(),
    communityCode: varchar('community_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    leaderId: uuid('leader_id')
      .notNull()
      .references(() => users.id),
    venue: varchar('venue', { length: 200 }).notNull(),
    usualTime: varchar('usual_time', { length: 100 }).notNull(),
    description: text('description'),
    status: varchar('status', { length: 16 }).notNull().default('active'),
    searchText: text('search_text').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('learning_teams_community_idx').on(sql`${t.communityCode} varchar_pattern_ops`),
    index('learning_teams_search_idx').using('gin', sql`to_tsvector('simple', ${t.searchText})`),
  ],
);

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => learningTeams.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    // The member's name as shown to the team, taken from their account when they asked to join.
    displayName: varchar('display_name', { length: 50 }).notNull(),
    role: varchar('role', { length: 16 }).notNull(),
    status: varchar('status', { length: 16 }).notNull(),
    message: varchar('message', { length: 200 }),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user_idx').on(t.userId)],
);

export const teamActivities = pgTable(
  'team_activities',
  {
    id: uuid('id').primaryKey(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => learningTeams.id),
    title: varchar('title', { length: 100 }).notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    hours: numeric('hours', { precision: 4, scale: 1 }).notNull(),
    venue: varchar('venue', { length: 200 }),
    notes: text('notes'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('team_activities_team_idx').on(t.teamId, t.heldOn)],
);

export const teamAttendance = pgTable(
  'team_attendance',
  {
    activityId: uuid('activity_id')
      .notNull()
      .references(() => teamActivities.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.userId] })],
);
