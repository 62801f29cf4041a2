CREATE TABLE "learning_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"resident_id" uuid NOT NULL,
	"source_type" varchar(24) NOT NULL,
	"source_id" varchar(200) NOT NULL,
	"title" varchar(200) NOT NULL,
	"category_code" varchar(32),
	"hours" numeric(7, 1) NOT NULL,
	"outcome" varchar(16) NOT NULL,
	"provider" varchar(200),
	"region_code" varchar(12) NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	"details" jsonb
);
--> statement-breakpoint
CREATE UNIQUE INDEX "learning_records_source_uq" ON "learning_records" USING btree ("resident_id","source_type","source_id");--> statement-breakpoint
CREATE INDEX "learning_records_resident_idx" ON "learning_records" USING btree ("resident_id","occurred_at");--> statement-breakpoint
CREATE INDEX "learning_records_region_idx" ON "learning_records" USING btree ("region_code" varchar_pattern_ops,"occurred_at");