CREATE TABLE "award_campaigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"type" varchar(32) NOT NULL,
	"title" varchar(200) NOT NULL,
	"year" integer NOT NULL,
	"description" text,
	"allow_resident_nominations" boolean DEFAULT false NOT NULL,
	"nomination_deadline" date,
	"quota_community" integer NOT NULL,
	"quota_street" integer NOT NULL,
	"quota_district" integer NOT NULL,
	"status" varchar(16) DEFAULT 'open' NOT NULL,
	"notice_started_at" timestamp with time zone,
	"notice_ends_at" timestamp with time zone,
	"commended_at" timestamp with time zone,
	"commendation_title" varchar(200),
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "award_commendations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"nomination_id" uuid NOT NULL,
	"title" varchar(200) NOT NULL,
	"commended_at" timestamp with time zone NOT NULL,
	"credential_id" varchar(64)
);
--> statement-breakpoint
CREATE TABLE "award_criteria" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" varchar(100) NOT NULL,
	"description" varchar(500),
	"weight" numeric(6, 2) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "award_nominations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"community_code" varchar(12) NOT NULL,
	"nominee_name" varchar(100) NOT NULL,
	"nominee_kind" varchar(32) NOT NULL,
	"team_id" uuid,
	"summary" text NOT NULL,
	"contact_phone" varchar(30),
	"evidence_file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"stage" varchar(16) NOT NULL,
	"status" varchar(16) NOT NULL,
	"status_reason" text,
	"nominated_by" uuid,
	"nominator_kind" varchar(16) NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "award_objections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"nomination_id" uuid NOT NULL,
	"content" text NOT NULL,
	"contact_name" varchar(50),
	"contact_phone" varchar(30),
	"lodged_by" uuid,
	"lodged_at" timestamp with time zone NOT NULL,
	"ip" varchar(64),
	"status" varchar(16) DEFAULT 'open' NOT NULL,
	"resolution" varchar(16),
	"response" text,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "award_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"nomination_id" uuid NOT NULL,
	"stage" varchar(16) NOT NULL,
	"decision" varchar(16) NOT NULL,
	"reason" text,
	"scores" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"weighted_score" numeric(6, 2),
	"reviewer_id" uuid NOT NULL,
	"reviewer_name" varchar(64) NOT NULL,
	"reviewer_region_code" varchar(12) NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_teams" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" varchar(60) NOT NULL,
	"category" varchar(32) NOT NULL,
	"community_code" varchar(12) NOT NULL,
	"leader_id" uuid NOT NULL,
	"venue" varchar(200) NOT NULL,
	"usual_time" varchar(100) NOT NULL,
	"description" text,
	"status" varchar(16) DEFAULT 'active' NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_activities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"team_id" uuid NOT NULL,
	"title" varchar(100) NOT NULL,
	"held_on" date NOT NULL,
	"hours" numeric(4, 1) NOT NULL,
	"venue" varchar(200),
	"notes" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_attendance" (
	"activity_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "team_attendance_activity_id_user_id_pk" PRIMARY KEY("activity_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"team_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"display_name" varchar(50) NOT NULL,
	"role" varchar(16) NOT NULL,
	"status" varchar(16) NOT NULL,
	"message" varchar(200),
	"requested_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "team_members_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "assessment_criteria" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" varchar(100) NOT NULL,
	"weight" numeric(6, 2) NOT NULL,
	"source" varchar(24) NOT NULL,
	"indicator_key" varchar(64)
);
--> statement-breakpoint
CREATE TABLE "assessment_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"year" integer NOT NULL,
	"title" varchar(200) NOT NULL,
	"subject_kind" varchar(16) NOT NULL,
	"status" varchar(16) DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_scores" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"subject_id" varchar(64) NOT NULL,
	"score" numeric(6, 2) NOT NULL,
	"input_value" numeric(14, 4),
	"evidence" jsonb NOT NULL,
	"evidence_file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"scored_by" uuid NOT NULL,
	"scored_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "governance_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"year" integer NOT NULL,
	"kind" varchar(16) NOT NULL,
	"title" varchar(200) NOT NULL,
	"description" text,
	"owner_unit_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"target_text" varchar(200) NOT NULL,
	"target_value" numeric(14, 2),
	"target_unit" varchar(20),
	"visit_id" uuid,
	"status" varchar(16) DEFAULT 'open' NOT NULL,
	"completed_at" timestamp with time zone,
	"closing_note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leading_group_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"name" varchar(50) NOT NULL,
	"position" varchar(100) NOT NULL,
	"group_role" varchar(16) NOT NULL,
	"unit_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_unit_duties" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"source_document" varchar(200),
	"source_clause" varchar(100)
);
--> statement-breakpoint
CREATE TABLE "member_unit_staff" (
	"user_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "member_unit_staff_user_id_unit_id_pk" PRIMARY KEY("user_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "member_units" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"name" varchar(100) NOT NULL,
	"kind" varchar(32) NOT NULL,
	"position" integer NOT NULL,
	"status" varchar(16) DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_visits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"visited_on" date NOT NULL,
	"subject" varchar(200) NOT NULL,
	"unit_id" uuid,
	"findings" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_progress_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"text" text NOT NULL,
	"achieved_value" numeric(14, 2),
	"evidence_file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reported_by" uuid NOT NULL,
	"reported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "award_campaigns" ADD CONSTRAINT "award_campaigns_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_campaigns" ADD CONSTRAINT "award_campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_commendations" ADD CONSTRAINT "award_commendations_campaign_id_award_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."award_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_commendations" ADD CONSTRAINT "award_commendations_nomination_id_award_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."award_nominations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_criteria" ADD CONSTRAINT "award_criteria_campaign_id_award_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."award_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_nominations" ADD CONSTRAINT "award_nominations_campaign_id_award_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."award_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_nominations" ADD CONSTRAINT "award_nominations_community_code_regions_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_nominations" ADD CONSTRAINT "award_nominations_nominated_by_users_id_fk" FOREIGN KEY ("nominated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_objections" ADD CONSTRAINT "award_objections_campaign_id_award_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."award_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_objections" ADD CONSTRAINT "award_objections_nomination_id_award_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."award_nominations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_objections" ADD CONSTRAINT "award_objections_lodged_by_users_id_fk" FOREIGN KEY ("lodged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_objections" ADD CONSTRAINT "award_objections_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_reviews" ADD CONSTRAINT "award_reviews_nomination_id_award_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."award_nominations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_reviews" ADD CONSTRAINT "award_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_teams" ADD CONSTRAINT "learning_teams_community_code_regions_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_teams" ADD CONSTRAINT "learning_teams_leader_id_users_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_activities" ADD CONSTRAINT "team_activities_team_id_learning_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."learning_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_activities" ADD CONSTRAINT "team_activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_attendance" ADD CONSTRAINT "team_attendance_activity_id_team_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."team_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_attendance" ADD CONSTRAINT "team_attendance_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_team_id_learning_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."learning_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_criteria" ADD CONSTRAINT "assessment_criteria_plan_id_assessment_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."assessment_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_plans" ADD CONSTRAINT "assessment_plans_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_scores" ADD CONSTRAINT "assessment_scores_plan_id_assessment_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."assessment_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_scores" ADD CONSTRAINT "assessment_scores_criterion_id_assessment_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."assessment_criteria"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_scores" ADD CONSTRAINT "assessment_scores_scored_by_users_id_fk" FOREIGN KEY ("scored_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_tasks" ADD CONSTRAINT "governance_tasks_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_tasks" ADD CONSTRAINT "governance_tasks_owner_unit_id_member_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."member_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leading_group_members" ADD CONSTRAINT "leading_group_members_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_unit_duties" ADD CONSTRAINT "member_unit_duties_unit_id_member_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."member_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_unit_staff" ADD CONSTRAINT "member_unit_staff_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_unit_staff" ADD CONSTRAINT "member_unit_staff_unit_id_member_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."member_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_units" ADD CONSTRAINT "member_units_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_visits" ADD CONSTRAINT "supervision_visits_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_visits" ADD CONSTRAINT "supervision_visits_unit_id_member_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."member_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_visits" ADD CONSTRAINT "supervision_visits_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_progress_reports" ADD CONSTRAINT "task_progress_reports_task_id_governance_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."governance_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_progress_reports" ADD CONSTRAINT "task_progress_reports_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "award_campaigns_region_idx" ON "award_campaigns" USING btree ("region_code" varchar_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "award_commendations_nomination_uq" ON "award_commendations" USING btree ("nomination_id");--> statement-breakpoint
CREATE INDEX "award_criteria_campaign_idx" ON "award_criteria" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "award_nominations_campaign_idx" ON "award_nominations" USING btree ("campaign_id","stage");--> statement-breakpoint
CREATE INDEX "award_nominations_community_idx" ON "award_nominations" USING btree ("community_code" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "award_objections_campaign_idx" ON "award_objections" USING btree ("campaign_id","status");--> statement-breakpoint
CREATE INDEX "award_reviews_nomination_idx" ON "award_reviews" USING btree ("nomination_id");--> statement-breakpoint
CREATE INDEX "learning_teams_community_idx" ON "learning_teams" USING btree ("community_code" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "learning_teams_search_idx" ON "learning_teams" USING gin (to_tsvector('simple', "search_text"));--> statement-breakpoint
CREATE INDEX "team_activities_team_idx" ON "team_activities" USING btree ("team_id","held_on");--> statement-breakpoint
CREATE INDEX "team_members_user_idx" ON "team_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "assessment_criteria_plan_idx" ON "assessment_criteria" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "assessment_plans_region_idx" ON "assessment_plans" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_scores_uq" ON "assessment_scores" USING btree ("plan_id","criterion_id","subject_id");--> statement-breakpoint
CREATE INDEX "governance_tasks_region_idx" ON "governance_tasks" USING btree ("region_code","year");--> statement-breakpoint
CREATE INDEX "governance_tasks_owner_idx" ON "governance_tasks" USING btree ("owner_unit_id");--> statement-breakpoint
CREATE INDEX "leading_group_members_region_idx" ON "leading_group_members" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "member_unit_duties_unit_idx" ON "member_unit_duties" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "member_units_region_name_uq" ON "member_units" USING btree ("region_code","name");--> statement-breakpoint
CREATE INDEX "supervision_visits_region_idx" ON "supervision_visits" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "task_progress_reports_task_idx" ON "task_progress_reports" USING btree ("task_id");