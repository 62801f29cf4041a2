CREATE TABLE "partner_usage" (
	"partner_id" uuid NOT NULL,
	"day" date NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "partner_usage_partner_id_day_pk" PRIMARY KEY("partner_id","day")
);
--> statement-breakpoint
CREATE TABLE "partners" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" varchar(100) NOT NULL,
	"key" varchar(40) NOT NULL,
	"secret_hash" varchar(64) NOT NULL,
	"scopes" jsonb NOT NULL,
	"region_code" varchar(12),
	"owner_region_code" varchar(12) NOT NULL,
	"status" varchar(12) DEFAULT 'active' NOT NULL,
	"secret_rotated_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "xapi_activities" (
	"id" text PRIMARY KEY NOT NULL,
	"definition" jsonb
);
--> statement-breakpoint
CREATE TABLE "xapi_actor_links" (
	"actor_key" text PRIMARY KEY NOT NULL,
	"resident_id" uuid NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"source" varchar(16) NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "xapi_attachments" (
	"sha2" varchar(128) PRIMARY KEY NOT NULL,
	"content_type" varchar(200) NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "xapi_documents" (
	"kind" varchar(16) NOT NULL,
	"activity_id" text DEFAULT '' NOT NULL,
	"agent_key" text DEFAULT '' NOT NULL,
	"registration" text DEFAULT '' NOT NULL,
	"doc_id" text NOT NULL,
	"content_type" varchar(200) NOT NULL,
	"content" "bytea" NOT NULL,
	"etag" varchar(64) NOT NULL,
	"updated" timestamp with time zone NOT NULL,
	CONSTRAINT "xapi_documents_kind_activity_id_agent_key_registration_doc_id_pk" PRIMARY KEY("kind","activity_id","agent_key","registration","doc_id")
);
--> statement-breakpoint
CREATE TABLE "xapi_statements" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"partner_id" uuid,
	"verb_id" text NOT NULL,
	"actor_key" text,
	"agent_keys" text[] NOT NULL,
	"related_agent_keys" text[] NOT NULL,
	"activity_id" text,
	"related_activity_ids" text[] NOT NULL,
	"registration" uuid,
	"ref_statement_id" uuid,
	"voided" boolean DEFAULT false NOT NULL,
	"stored" timestamp with time zone NOT NULL,
	"attachment_hashes" text[] NOT NULL,
	"statement" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "partner_usage" ADD CONSTRAINT "partner_usage_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "partners_key_uq" ON "partners" USING btree ("key");--> statement-breakpoint
CREATE INDEX "partners_owner_idx" ON "partners" USING btree ("owner_region_code" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "xapi_actor_links_resident_idx" ON "xapi_actor_links" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "xapi_actor_links_region_idx" ON "xapi_actor_links" USING btree ("region_code" varchar_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "xapi_statements_id_uq" ON "xapi_statements" USING btree ("id");--> statement-breakpoint
CREATE INDEX "xapi_statements_verb_idx" ON "xapi_statements" USING btree ("verb_id","seq");--> statement-breakpoint
CREATE INDEX "xapi_statements_agents_idx" ON "xapi_statements" USING gin ("agent_keys");--> statement-breakpoint
CREATE INDEX "xapi_statements_related_agents_idx" ON "xapi_statements" USING gin ("related_agent_keys");--> statement-breakpoint
CREATE INDEX "xapi_statements_activity_idx" ON "xapi_statements" USING btree ("activity_id","seq");--> statement-breakpoint
CREATE INDEX "xapi_statements_related_activities_idx" ON "xapi_statements" USING gin ("related_activity_ids");--> statement-breakpoint
CREATE INDEX "xapi_statements_registration_idx" ON "xapi_statements" USING btree ("registration","seq");--> statement-breakpoint
CREATE INDEX "xapi_statements_ref_idx" ON "xapi_statements" USING btree ("ref_statement_id");--> statement-breakpoint
CREATE INDEX "xapi_statements_stored_idx" ON "xapi_statements" USING btree ("stored");--> statement-breakpoint
CREATE INDEX "xapi_statements_actor_idx" ON "xapi_statements" USING btree ("actor_key");