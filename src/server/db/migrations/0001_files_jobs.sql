CREATE TABLE "files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"purpose" varchar(16) NOT NULL,
	"filename" varchar(200) NOT NULL,
	"content_type" varchar(100) NOT NULL,
	"size" bigint NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"access" varchar(8),
	"region_code" varchar(12),
	"claimed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" varchar(48) NOT NULL,
	"started_by" uuid NOT NULL,
	"status" varchar(12) NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer,
	"phase" varchar(32),
	"result" jsonb,
	"error" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "files_uploader_idx" ON "files" USING btree ("uploaded_by");--> statement-breakpoint
CREATE INDEX "files_region_idx" ON "files" USING btree ("region_code" varchar_pattern_ops);