CREATE SEQUENCE "public"."credential_status_index_seq" INCREMENT BY 1 MINVALUE 0 MAXVALUE 9223372036854775807 START WITH 0 CACHE 1;--> statement-breakpoint
CREATE TABLE "credentials" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" varchar(16) NOT NULL,
	"source_id" varchar(200) NOT NULL,
	"resident_id" uuid,
	"subject_name" varchar(100) NOT NULL,
	"title" varchar(200) NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"status_list" integer NOT NULL,
	"status_index" integer NOT NULL,
	"document" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone,
	"issued_by" uuid,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revoke_reason" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_source_uq" ON "credentials" USING btree ("kind","source_id");--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_status_uq" ON "credentials" USING btree ("status_list","status_index");--> statement-breakpoint
CREATE INDEX "credentials_resident_idx" ON "credentials" USING btree ("resident_id","issued_at");--> statement-breakpoint
CREATE INDEX "credentials_region_idx" ON "credentials" USING btree ("region_code" varchar_pattern_ops,"issued_at");