CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" varchar(64),
	"action" varchar(64) NOT NULL,
	"entity_type" varchar(32) NOT NULL,
	"entity_id" varchar(64),
	"region_code" varchar(12),
	"ip" varchar(64),
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "institutions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" varchar(100) NOT NULL,
	"type" varchar(32) NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"address" varchar(200),
	"floor_area_m2" numeric(10, 1),
	"full_time_staff" integer DEFAULT 0 NOT NULL,
	"part_time_staff" integer DEFAULT 0 NOT NULL,
	"contact_name" varchar(50),
	"contact_phone" varchar(30),
	"opening_hours" varchar(200),
	"status" varchar(16) DEFAULT 'active' NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limit_counters" (
	"bucket" varchar(200) NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL,
	CONSTRAINT "rate_limit_counters_bucket_window_start_pk" PRIMARY KEY("bucket","window_start")
);
--> statement-breakpoint
CREATE TABLE "region_populations" (
	"region_code" varchar(12) NOT NULL,
	"year" integer NOT NULL,
	"total" integer NOT NULL,
	"age_60_plus" integer,
	"source" varchar(200) NOT NULL,
	CONSTRAINT "region_populations_region_code_year_pk" PRIMARY KEY("region_code","year")
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" varchar(12) PRIMARY KEY NOT NULL,
	"parent_code" varchar(12),
	"name" varchar(100) NOT NULL,
	"level" varchar(16) NOT NULL,
	"kind" varchar(16),
	"is_root" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "residents" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"real_name" varchar(50) NOT NULL,
	"id_number_encrypted" text NOT NULL,
	"id_number_hash" varchar(64) NOT NULL,
	"id_number_masked" varchar(18) NOT NULL,
	"birth_date" date NOT NULL,
	"sex" varchar(8) NOT NULL,
	"home_region_code" varchar(12) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" varchar(64) PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" varchar(64)
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" varchar(64) PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sms_codes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"phone" varchar(20) NOT NULL,
	"purpose" varchar(16) NOT NULL,
	"code_hash" varchar(64) NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_scopes" (
	"user_id" uuid NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"institution_id" uuid
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" varchar(16) NOT NULL,
	"username" varchar(64) NOT NULL,
	"phone" varchar(20),
	"display_name" varchar(50) NOT NULL,
	"password_hash" text NOT NULL,
	"role" varchar(32),
	"status" varchar(16) DEFAULT 'active' NOT NULL,
	"locale" varchar(8) DEFAULT 'zh-CN' NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"search_text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "institutions" ADD CONSTRAINT "institutions_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_populations" ADD CONSTRAINT "region_populations_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_home_region_code_regions_code_fk" FOREIGN KEY ("home_region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_scopes" ADD CONSTRAINT "staff_scopes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_scopes" ADD CONSTRAINT "staff_scopes_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_scopes" ADD CONSTRAINT "staff_scopes_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_region_idx" ON "audit_log" USING btree ("region_code" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "institutions_region_idx" ON "institutions" USING btree ("region_code" varchar_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "institutions_region_name_uq" ON "institutions" USING btree ("region_code","name");--> statement-breakpoint
CREATE INDEX "institutions_search_idx" ON "institutions" USING gin (to_tsvector('simple', "search_text"));--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "regions_code_prefix_idx" ON "regions" USING btree ("code" varchar_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "residents_id_hash_uq" ON "residents" USING btree ("id_number_hash");--> statement-breakpoint
CREATE INDEX "residents_region_idx" ON "residents" USING btree ("home_region_code" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sms_codes_phone_idx" ON "sms_codes" USING btree ("phone","purpose");--> statement-breakpoint
CREATE INDEX "staff_scopes_user_idx" ON "staff_scopes" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_uq" ON "users" USING btree ("username");--> statement-breakpoint
CREATE UNIQUE INDEX "users_phone_uq" ON "users" USING btree ("phone");