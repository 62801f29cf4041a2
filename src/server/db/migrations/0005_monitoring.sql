CREATE TABLE "form_assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"unit_kind" varchar(16) NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"institution_id" uuid,
	"unit_name" varchar(100) NOT NULL,
	"status" varchar(16) DEFAULT 'pending' NOT NULL,
	"current_version" integer DEFAULT 0 NOT NULL,
	"first_submitted_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"accepted_values" jsonb
);
--> statement-breakpoint
CREATE TABLE "form_submissions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assignment_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"values" jsonb NOT NULL,
	"via" varchar(8) NOT NULL,
	"submitted_by" varchar(64),
	"submitted_at" timestamp with time zone NOT NULL,
	"decision" varchar(16),
	"comment" text,
	"reviewed_by" varchar(64),
	"reviewed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "form_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"template_id" uuid NOT NULL,
	"fields" jsonb NOT NULL,
	"title" varchar(100) NOT NULL,
	"period" varchar(8) NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"owner_region_code" varchar(12) NOT NULL,
	"created_by" varchar(64),
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "form_templates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" varchar(100) NOT NULL,
	"description" text,
	"fields" jsonb NOT NULL,
	"owner_region_code" varchar(12) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_definition_versions" (
	"code" varchar(32) NOT NULL,
	"version" integer NOT NULL,
	"body" jsonb NOT NULL,
	"changed_by" varchar(64),
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "indicator_definition_versions_code_version_pk" PRIMARY KEY("code","version")
);
--> statement-breakpoint
CREATE TABLE "indicator_definitions" (
	"code" varchar(32) PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"body" jsonb NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_values" (
	"region_code" varchar(12) NOT NULL,
	"year" integer NOT NULL,
	"indicator_code" varchar(32) NOT NULL,
	"value" double precision,
	"definition_version" integer NOT NULL,
	"provenance" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "indicator_values_year_indicator_code_region_code_pk" PRIMARY KEY("year","indicator_code","region_code")
);
--> statement-breakpoint
CREATE TABLE "monitoring_notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assignment_id" uuid NOT NULL,
	"kind" varchar(16) NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"institution_id" uuid,
	"message" text NOT NULL,
	"is_read" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "region_standard_sets" (
	"region_code" varchar(12) NOT NULL,
	"set_code" varchar(32) NOT NULL,
	CONSTRAINT "region_standard_sets_region_code_set_code_pk" PRIMARY KEY("region_code","set_code")
);
--> statement-breakpoint
CREATE TABLE "standard_set_versions" (
	"code" varchar(32) NOT NULL,
	"version" integer NOT NULL,
	"body" jsonb NOT NULL,
	"changed_by" varchar(64),
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "standard_set_versions_code_version_pk" PRIMARY KEY("code","version")
);
--> statement-breakpoint
CREATE TABLE "standard_sets" (
	"code" varchar(32) PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"body" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "form_assignments" ADD CONSTRAINT "form_assignments_task_id_form_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."form_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_assignments" ADD CONSTRAINT "form_assignments_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_assignment_id_form_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."form_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_tasks" ADD CONSTRAINT "form_tasks_template_id_form_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."form_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_tasks" ADD CONSTRAINT "form_tasks_owner_region_code_regions_code_fk" FOREIGN KEY ("owner_region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_templates" ADD CONSTRAINT "form_templates_owner_region_code_regions_code_fk" FOREIGN KEY ("owner_region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_notices" ADD CONSTRAINT "monitoring_notices_assignment_id_form_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."form_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_standard_sets" ADD CONSTRAINT "region_standard_sets_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_standard_sets" ADD CONSTRAINT "region_standard_sets_set_code_standard_sets_code_fk" FOREIGN KEY ("set_code") REFERENCES "public"."standard_sets"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "form_assignments_task_idx" ON "form_assignments" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "form_assignments_region_idx" ON "form_assignments" USING btree ("region_code" varchar_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "form_assignments_unit_uq" ON "form_assignments" USING btree ("task_id","region_code",coalesce("institution_id"::text, ''));--> statement-breakpoint
CREATE UNIQUE INDEX "form_submissions_version_uq" ON "form_submissions" USING btree ("assignment_id","version");--> statement-breakpoint
CREATE INDEX "form_tasks_owner_idx" ON "form_tasks" USING btree ("owner_region_code" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "form_templates_owner_idx" ON "form_templates" USING btree ("owner_region_code" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "indicator_values_region_idx" ON "indicator_values" USING btree ("region_code" varchar_pattern_ops,"year");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_notices_once_uq" ON "monitoring_notices" USING btree ("assignment_id","kind");--> statement-breakpoint
CREATE INDEX "monitoring_notices_region_idx" ON "monitoring_notices" USING btree ("region_code" varchar_pattern_ops);