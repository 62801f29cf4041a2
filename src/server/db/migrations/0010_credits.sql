CREATE TABLE "conversion_applications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"resident_id" uuid NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"programme_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	"status" varchar(12) NOT NULL,
	"decision_note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"resident_id" uuid NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"opened_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_conversion_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"requirements" jsonb NOT NULL,
	"note" text,
	"status" varchar(12) NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" varchar(12) NOT NULL,
	"category" varchar(32) NOT NULL,
	"credits" numeric(8, 1) NOT NULL,
	"source_key" varchar(240) NOT NULL,
	"source_type" varchar(16) NOT NULL,
	"title" varchar(200) NOT NULL,
	"standard_id" uuid,
	"standard_code" varchar(40),
	"standard_version" integer,
	"hours" numeric(7, 1),
	"occurred_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"corrects_entry_id" uuid,
	"reason" text,
	"credential_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "credit_programme_courses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"code" varchar(40) NOT NULL,
	"name" varchar(200) NOT NULL,
	"credits" numeric(6, 1) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_programmes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" varchar(200) NOT NULL,
	"provider" varchar(200) NOT NULL,
	"total_credits" numeric(6, 1) NOT NULL,
	"cap_ratio" numeric(4, 2) NOT NULL,
	"owner_region_code" varchar(12) NOT NULL,
	"status" varchar(12) NOT NULL,
	"description" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_standards" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" varchar(40) NOT NULL,
	"version" integer NOT NULL,
	"category" varchar(32) NOT NULL,
	"name_zh" varchar(100) NOT NULL,
	"name_en" varchar(100) NOT NULL,
	"method" varchar(16) NOT NULL,
	"hours_per_credit" numeric(6, 1),
	"fixed_credits" numeric(6, 1),
	"levels" jsonb,
	"max_credits" numeric(6, 1),
	"validity_years" integer,
	"evidence" text NOT NULL,
	"auto_source_type" varchar(24),
	"auto_outcome" varchar(16),
	"effective_from" date NOT NULL,
	"status" varchar(12) NOT NULL,
	"source" varchar(200),
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recognition_applications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"resident_id" uuid NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"standard_code" varchar(40),
	"title" varchar(200) NOT NULL,
	"provider" varchar(200) NOT NULL,
	"occurred_on" date NOT NULL,
	"hours" numeric(7, 1),
	"level" varchar(40),
	"description" text,
	"evidence_file_ids" jsonb NOT NULL,
	"status" varchar(16) NOT NULL,
	"credits" numeric(8, 1),
	"decided_standard_id" uuid,
	"decision_note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"credential_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recognition_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"application_id" uuid NOT NULL,
	"action" varchar(16) NOT NULL,
	"note" text,
	"file_ids" jsonb NOT NULL,
	"actor_id" uuid,
	"actor_name" varchar(100),
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "conversion_applications_resident_idx" ON "conversion_applications" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "conversion_applications_region_idx" ON "conversion_applications" USING btree ("region_code" varchar_pattern_ops,"status");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_accounts_resident_uq" ON "credit_accounts" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "credit_accounts_region_idx" ON "credit_accounts" USING btree ("region_code" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "credit_conversion_rules_programme_idx" ON "credit_conversion_rules" USING btree ("programme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_entries_source_uq" ON "credit_entries" USING btree ("account_id","source_key");--> statement-breakpoint
CREATE INDEX "credit_entries_account_idx" ON "credit_entries" USING btree ("account_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_programme_courses_code_uq" ON "credit_programme_courses" USING btree ("programme_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_standards_code_version_uq" ON "credit_standards" USING btree ("code","version");--> statement-breakpoint
CREATE INDEX "recognition_applications_resident_idx" ON "recognition_applications" USING btree ("resident_id","created_at");--> statement-breakpoint
CREATE INDEX "recognition_applications_region_idx" ON "recognition_applications" USING btree ("region_code" varchar_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "recognition_steps_application_idx" ON "recognition_steps" USING btree ("application_id","seq");--> statement-breakpoint
CREATE OR REPLACE FUNCTION credit_entries_append_only() RETURNS trigger AS $$
BEGIN
  -- The one permitted change: linking a certificate, once, to an entry that had none.
  IF TG_OP = 'UPDATE' AND OLD.credential_id IS NULL AND (to_jsonb(NEW) - 'credential_id') = (to_jsonb(OLD) - 'credential_id') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'credit_entries is append-only: add a compensating entry instead';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER credit_entries_no_update_delete BEFORE UPDATE OR DELETE ON "credit_entries" FOR EACH ROW EXECUTE FUNCTION credit_entries_append_only();
