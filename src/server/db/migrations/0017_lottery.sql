CREATE TABLE "lottery_applications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"display_name" varchar(50) NOT NULL,
	"choices" jsonb NOT NULL,
	"status" varchar(16) NOT NULL,
	"submitted_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lottery_outcomes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"token" varchar(32) NOT NULL,
	"position" integer NOT NULL,
	"offering_id" uuid,
	"choice_rank" integer,
	"enrolment_id" uuid
);
--> statement-breakpoint
CREATE TABLE "lottery_round_offerings" (
	"round_id" uuid NOT NULL,
	"offering_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "lottery_round_offerings_round_id_offering_id_pk" PRIMARY KEY("round_id","offering_id")
);
--> statement-breakpoint
CREATE TABLE "lottery_rounds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" varchar(100) NOT NULL,
	"description" text,
	"owner_region_code" varchar(12) NOT NULL,
	"owner_institution_id" uuid,
	"term_id" uuid,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"max_choices" integer NOT NULL,
	"quota" integer,
	"auto_draw" boolean DEFAULT false NOT NULL,
	"status" varchar(16) NOT NULL,
	"seed_encrypted" text,
	"seed_hash" varchar(64),
	"seed" varchar(64),
	"frozen_list" jsonb,
	"list_digest" varchar(64),
	"frozen_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"drawn_at" timestamp with time zone,
	"drawn_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lottery_applications" ADD CONSTRAINT "lottery_applications_round_id_lottery_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."lottery_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lottery_applications" ADD CONSTRAINT "lottery_applications_resident_id_users_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lottery_applications" ADD CONSTRAINT "lottery_applications_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lottery_outcomes" ADD CONSTRAINT "lottery_outcomes_round_id_lottery_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."lottery_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lottery_outcomes" ADD CONSTRAINT "lottery_outcomes_resident_id_users_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lottery_round_offerings" ADD CONSTRAINT "lottery_round_offerings_round_id_lottery_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."lottery_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lottery_rounds" ADD CONSTRAINT "lottery_rounds_owner_region_code_regions_code_fk" FOREIGN KEY ("owner_region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lottery_rounds" ADD CONSTRAINT "lottery_rounds_owner_institution_id_institutions_id_fk" FOREIGN KEY ("owner_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lottery_rounds" ADD CONSTRAINT "lottery_rounds_drawn_by_users_id_fk" FOREIGN KEY ("drawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lottery_rounds" ADD CONSTRAINT "lottery_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lottery_applications_round_resident_uq" ON "lottery_applications" USING btree ("round_id","resident_id");--> statement-breakpoint
CREATE INDEX "lottery_applications_round_idx" ON "lottery_applications" USING btree ("round_id","status");--> statement-breakpoint
CREATE INDEX "lottery_outcomes_round_idx" ON "lottery_outcomes" USING btree ("round_id","position");--> statement-breakpoint
CREATE INDEX "lottery_outcomes_resident_idx" ON "lottery_outcomes" USING btree ("resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lottery_round_offerings_offering_uq" ON "lottery_round_offerings" USING btree ("offering_id");--> statement-breakpoint
CREATE INDEX "lottery_rounds_region_idx" ON "lottery_rounds" USING btree ("owner_region_code" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "lottery_rounds_due_idx" ON "lottery_rounds" USING btree ("status","closes_at");