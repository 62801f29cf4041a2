CREATE TABLE "course_calls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" varchar(100) NOT NULL,
	"requirements" text DEFAULT '' NOT NULL,
	"categories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"owner_region_code" varchar(12) NOT NULL,
	"budget_fen" bigint NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"criteria" jsonb NOT NULL,
	"reviewer_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" varchar(12) DEFAULT 'draft' NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "course_proposals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"call_id" uuid NOT NULL,
	"title" varchar(100) NOT NULL,
	"category" varchar(32) NOT NULL,
	"target_groups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"mode" varchar(12) NOT NULL,
	"learning_hours" numeric(6, 1) NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"syllabus" text DEFAULT '' NOT NULL,
	"material_file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitter_kind" varchar(12) NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitter_name" varchar(100) NOT NULL,
	"institution_id" uuid,
	"quoted_price_fen" bigint,
	"status" varchar(12) DEFAULT 'submitted' NOT NULL,
	"decision_reason" text,
	"price_fen" bigint,
	"contract_no" varchar(64),
	"supplier" varchar(100),
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"course_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "course_resources" (
	"id" uuid PRIMARY KEY NOT NULL,
	"course_id" uuid NOT NULL,
	"kind" varchar(12) NOT NULL,
	"title" varchar(100) NOT NULL,
	"file_id" uuid,
	"url" varchar(500),
	"duration_seconds" integer,
	"sort" integer DEFAULT 0 NOT NULL,
	"status" varchar(12) DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" varchar(100) NOT NULL,
	"category" varchar(32) NOT NULL,
	"target_groups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"mode" varchar(12) NOT NULL,
	"learning_hours" numeric(6, 1) NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"syllabus" text DEFAULT '' NOT NULL,
	"material_file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"owner_region_code" varchar(12) NOT NULL,
	"owner_institution_id" uuid,
	"shared" boolean DEFAULT false NOT NULL,
	"featured" boolean DEFAULT false NOT NULL,
	"status" varchar(12) DEFAULT 'draft' NOT NULL,
	"provenance" varchar(12) DEFAULT 'direct' NOT NULL,
	"call_id" uuid,
	"proposal_id" uuid,
	"price_fen" bigint,
	"contract_no" varchar(64),
	"supplier" varchar(100),
	"search_text" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_scores" (
	"proposal_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"scores" jsonb NOT NULL,
	"total" double precision NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "proposal_scores_proposal_id_reviewer_id_pk" PRIMARY KEY("proposal_id","reviewer_id")
);
--> statement-breakpoint
CREATE TABLE "resource_progress" (
	"resource_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"position_seconds" double precision DEFAULT 0 NOT NULL,
	"furthest_seconds" double precision DEFAULT 0 NOT NULL,
	"seconds_spent" double precision DEFAULT 0 NOT NULL,
	"duration_seconds" double precision,
	"completed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "resource_progress_resource_id_user_id_pk" PRIMARY KEY("resource_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "course_proposals" ADD CONSTRAINT "course_proposals_call_id_course_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."course_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_resources" ADD CONSTRAINT "course_resources_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_scores" ADD CONSTRAINT "proposal_scores_proposal_id_course_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."course_proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_progress" ADD CONSTRAINT "resource_progress_resource_id_course_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."course_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "course_calls_owner_idx" ON "course_calls" USING btree ("owner_region_code" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "course_proposals_call_idx" ON "course_proposals" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "course_resources_course_idx" ON "course_resources" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "courses_owner_idx" ON "courses" USING btree ("owner_region_code" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "courses_status_idx" ON "courses" USING btree ("status","featured");--> statement-breakpoint
CREATE INDEX "courses_search_idx" ON "courses" USING gin (to_tsvector('simple', "search_text"));--> statement-breakpoint
CREATE INDEX "resource_progress_user_idx" ON "resource_progress" USING btree ("user_id","updated_at");