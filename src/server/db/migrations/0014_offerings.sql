CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_region_code" varchar(12) NOT NULL,
	"name" varchar(100) NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" varchar(12) DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offering_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"offering_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"hours" numeric(5, 1) NOT NULL,
	"venue_booking_id" uuid,
	"status" varchar(12) DEFAULT 'scheduled' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offerings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" varchar(8) NOT NULL,
	"event_type" varchar(16),
	"term_id" uuid,
	"campaign_id" uuid,
	"course_id" uuid,
	"title" varchar(100) NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"category_code" varchar(32) NOT NULL,
	"target_groups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"mode" varchar(12) NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"institution_id" uuid,
	"venue_id" uuid,
	"instructor_id" uuid,
	"instructor_user_id" uuid,
	"capacity" integer,
	"seats_taken" integer DEFAULT 0 NOT NULL,
	"fee_cents" integer DEFAULT 0 NOT NULL,
	"fee_waiver" text DEFAULT '' NOT NULL,
	"enrolment_mode" varchar(12) NOT NULL,
	"enrolment_opens_at" timestamp with time zone,
	"enrolment_closes_at" timestamp with time zone,
	"cancel_cutoff_hours" integer DEFAULT 24 NOT NULL,
	"eligibility" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"returning_rule" varchar(20) DEFAULT 'none' NOT NULL,
	"previous_offering_id" uuid,
	"completion_threshold" integer DEFAULT 80 NOT NULL,
	"total_hours" numeric(7, 1) DEFAULT '0' NOT NULL,
	"schedule" jsonb,
	"weekdays" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"day_parts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"first_starts_at" timestamp with time zone,
	"last_ends_at" timestamp with time zone,
	"status" varchar(12) DEFAULT 'draft' NOT NULL,
	"cancel_reason" varchar(200),
	"search_text" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "terms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_region_code" varchar(12) NOT NULL,
	"owner_institution_id" uuid,
	"name" varchar(100) NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"max_enrolments_per_resident" integer,
	"status" varchar(12) DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "offering_sessions" ADD CONSTRAINT "offering_sessions_offering_id_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "public"."offerings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offerings" ADD CONSTRAINT "offerings_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offerings" ADD CONSTRAINT "offerings_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaigns_owner_idx" ON "campaigns" USING btree ("owner_region_code" varchar_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "offering_sessions_seq_uq" ON "offering_sessions" USING btree ("offering_id","seq");--> statement-breakpoint
CREATE INDEX "offering_sessions_time_idx" ON "offering_sessions" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "offerings_region_idx" ON "offerings" USING btree ("region_code" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "offerings_status_idx" ON "offerings" USING btree ("status","first_starts_at");--> statement-breakpoint
CREATE INDEX "offerings_term_idx" ON "offerings" USING btree ("term_id");--> statement-breakpoint
CREATE INDEX "offerings_campaign_idx" ON "offerings" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "offerings_instructor_idx" ON "offerings" USING btree ("instructor_id");--> statement-breakpoint
CREATE INDEX "offerings_search_idx" ON "offerings" USING gin (to_tsvector('simple', "search_text"));--> statement-breakpoint
CREATE INDEX "terms_owner_idx" ON "terms" USING btree ("owner_region_code" varchar_pattern_ops);