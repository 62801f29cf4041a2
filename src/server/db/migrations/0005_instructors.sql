CREATE TABLE "instructors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" varchar(50) NOT NULL,
	"resident_user_id" uuid,
	"kind" varchar(16) NOT NULL,
	"phone" varchar(20) NOT NULL,
	"specialities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"languages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"qualifications" varchar(500),
	"certificate_file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"bio" text,
	"availability" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"owner_region_code" varchar(12) NOT NULL,
	"owner_institution_id" uuid,
	"shared" boolean DEFAULT false NOT NULL,
	"vetting_status" varchar(16) DEFAULT 'pending' NOT NULL,
	"vetted_by" uuid,
	"vetted_by_name" varchar(64),
	"vetting_reason" varchar(200),
	"vetted_at" timestamp with time zone,
	"search_text" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "instructors" ADD CONSTRAINT "instructors_resident_user_id_users_id_fk" FOREIGN KEY ("resident_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instructors" ADD CONSTRAINT "instructors_owner_region_code_regions_code_fk" FOREIGN KEY ("owner_region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instructors" ADD CONSTRAINT "instructors_owner_institution_id_institutions_id_fk" FOREIGN KEY ("owner_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instructors" ADD CONSTRAINT "instructors_vetted_by_users_id_fk" FOREIGN KEY ("vetted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "instructors_owner_region_idx" ON "instructors" USING btree ("owner_region_code" varchar_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "instructors_phone_uq" ON "instructors" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "instructors_specialities_idx" ON "instructors" USING gin ("specialities");--> statement-breakpoint
CREATE INDEX "instructors_search_idx" ON "instructors" USING gin (to_tsvector('simple', "search_text"));