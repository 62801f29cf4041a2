CREATE TABLE "enrolments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"offering_id" uuid NOT NULL,
	"term_id" uuid,
	"resident_id" uuid NOT NULL,
	"status" varchar(16) NOT NULL,
	"source" varchar(16) NOT NULL,
	"idempotency_key" varchar(100),
	"via_proxy_user_id" uuid,
	"lottery_draw_id" uuid,
	"offer_expires_at" timestamp with time zone,
	"offered_at" timestamp with time zone,
	"waitlisted_at" timestamp with time zone,
	"reason" varchar(500),
	"fee_status" varchar(16) DEFAULT 'none' NOT NULL,
	"paid_fen" integer,
	"payment_reference" varchar(100),
	"fee_note" varchar(300),
	"fee_recorded_by" uuid,
	"fee_recorded_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"cancelled_by" uuid,
	"cancelled_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" varchar(40) NOT NULL,
	"title" varchar(200) NOT NULL,
	"body" text NOT NULL,
	"link" varchar(300),
	"dedupe_key" varchar(120),
	"sms_status" varchar(16) DEFAULT 'none' NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proxy_grants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"grantor_id" uuid NOT NULL,
	"grantee_id" uuid NOT NULL,
	"status" varchar(16) NOT NULL,
	"relation" varchar(30),
	"requested_by" uuid NOT NULL,
	"consent_method" varchar(16),
	"consented_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_resident_id_users_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_via_proxy_user_id_users_id_fk" FOREIGN KEY ("via_proxy_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_fee_recorded_by_users_id_fk" FOREIGN KEY ("fee_recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_grants" ADD CONSTRAINT "proxy_grants_grantor_id_users_id_fk" FOREIGN KEY ("grantor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_grants" ADD CONSTRAINT "proxy_grants_grantee_id_users_id_fk" FOREIGN KEY ("grantee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_grants" ADD CONSTRAINT "proxy_grants_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_grants" ADD CONSTRAINT "proxy_grants_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_idempotency_uq" ON "enrolments" USING btree ("resident_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_live_uq" ON "enrolments" USING btree ("offering_id","resident_id") WHERE status in ('pending', 'enrolled', 'waitlisted', 'offered', 'completed');--> statement-breakpoint
CREATE INDEX "enrolments_offering_idx" ON "enrolments" USING btree ("offering_id","status","seq");--> statement-breakpoint
CREATE INDEX "enrolments_resident_idx" ON "enrolments" USING btree ("resident_id","term_id");--> statement-breakpoint
CREATE INDEX "enrolments_offer_expiry_idx" ON "enrolments" USING btree ("offer_expires_at") WHERE status = 'offered';--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_uq" ON "notifications" USING btree ("user_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_sms_idx" ON "notifications" USING btree ("sms_status") WHERE sms_status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "proxy_grants_live_uq" ON "proxy_grants" USING btree ("grantor_id","grantee_id") WHERE status in ('pending', 'active');--> statement-breakpoint
CREATE INDEX "proxy_grants_grantee_idx" ON "proxy_grants" USING btree ("grantee_id","status");