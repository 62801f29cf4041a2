CREATE TABLE "vc_api_status_entries" (
	"status_list" integer NOT NULL,
	"status_index" integer NOT NULL,
	"credential_id" varchar(500),
	"issued_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "vc_api_status_entries_position_uq" ON "vc_api_status_entries" USING btree ("status_list","status_index");--> statement-breakpoint
CREATE INDEX "vc_api_status_entries_credential_idx" ON "vc_api_status_entries" USING btree ("credential_id");