CREATE TABLE "attendance_tallies" (
	"offering_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"sessions_attended" integer DEFAULT 0 NOT NULL,
	"hours_attended" numeric(7, 1) DEFAULT '0' NOT NULL,
	"completed_at" timestamp with time zone,
	"attended_at" timestamp with time zone,
	CONSTRAINT "attendance_tallies_offering_id_resident_id_pk" PRIMARY KEY("offering_id","resident_id")
);
--> statement-breakpoint
CREATE TABLE "points_ledger" (
	"id" uuid PRIMARY KEY NOT NULL,
	"resident_id" uuid NOT NULL,
	"points" integer NOT NULL,
	"reason" varchar(24) NOT NULL,
	"source_type" varchar(24) NOT NULL,
	"source_id" varchar(200) NOT NULL,
	"title" varchar(200) NOT NULL,
	"details" jsonb,
	"rule_version_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_rule_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"version" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"note" varchar(200),
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ratings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"offering_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"instructor_id" uuid,
	"institution_id" uuid,
	"region_code" varchar(12) NOT NULL,
	"offering_title" varchar(200) NOT NULL,
	"display_name" varchar(50) NOT NULL,
	"stars" smallint NOT NULL,
	"comment" text,
	"comment_hidden" boolean DEFAULT false NOT NULL,
	"hidden_reason" varchar(200),
	"hidden_by" uuid,
	"hidden_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_attendance" (
	"session_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"offering_id" uuid NOT NULL,
	"status" varchar(16) NOT NULL,
	"method" varchar(8) NOT NULL,
	"hours" numeric(5, 1) NOT NULL,
	"checked_in_at" timestamp with time zone,
	"marked_by" uuid,
	"marked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "session_attendance_session_id_resident_id_pk" PRIMARY KEY("session_id","resident_id")
);
--> statement-breakpoint
ALTER TABLE "attendance_tallies" ADD CONSTRAINT "attendance_tallies_resident_id_users_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_resident_id_users_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_resident_id_users_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_attendance" ADD CONSTRAINT "session_attendance_resident_id_users_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attendance_tallies_resident_idx" ON "attendance_tallies" USING btree ("resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "points_ledger_source_uq" ON "points_ledger" USING btree ("resident_id","reason","source_type","source_id");--> statement-breakpoint
CREATE INDEX "points_ledger_resident_idx" ON "points_ledger" USING btree ("resident_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "points_rule_versions_uq" ON "points_rule_versions" USING btree ("region_code","version");--> statement-breakpoint
CREATE UNIQUE INDEX "ratings_offering_resident_uq" ON "ratings" USING btree ("offering_id","resident_id");--> statement-breakpoint
CREATE INDEX "ratings_instructor_idx" ON "ratings" USING btree ("instructor_id");--> statement-breakpoint
CREATE INDEX "ratings_institution_idx" ON "ratings" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "ratings_region_idx" ON "ratings" USING btree ("region_code" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "session_attendance_offering_idx" ON "session_attendance" USING btree ("offering_id","resident_id");