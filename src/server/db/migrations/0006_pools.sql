CREATE TABLE "venue_bookings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"venue_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"purpose" varchar(16) NOT NULL,
	"reference_id" uuid,
	"title" varchar(100) NOT NULL,
	"status" varchar(16) NOT NULL,
	"requested_by" uuid NOT NULL,
	"requester_name" varchar(64) NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"reason" varchar(200)
);
--> statement-breakpoint
CREATE TABLE "venues" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" varchar(100) NOT NULL,
	"owner_region_code" varchar(12) NOT NULL,
	"owner_institution_id" uuid,
	"shared" boolean DEFAULT false NOT NULL,
	"unit_kind" varchar(24) NOT NULL,
	"unit_name" varchar(100),
	"region_code" varchar(12) NOT NULL,
	"address" varchar(200),
	"floor_area_m2" numeric(10, 1),
	"capacity" integer,
	"facilities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"step_free" boolean DEFAULT false NOT NULL,
	"lift" boolean DEFAULT false NOT NULL,
	"hearing_loop" boolean DEFAULT false NOT NULL,
	"opening_hours" varchar(200),
	"photo_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"bookable" boolean DEFAULT true NOT NULL,
	"approval_required" boolean DEFAULT true NOT NULL,
	"contact_name" varchar(50),
	"contact_phone" varchar(30),
	"status" varchar(16) DEFAULT 'active' NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
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
ALTER TABLE "venue_bookings" ADD CONSTRAINT "venue_bookings_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue_bookings" ADD CONSTRAINT "venue_bookings_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue_bookings" ADD CONSTRAINT "venue_bookings_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_owner_region_code_regions_code_fk" FOREIGN KEY ("owner_region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_owner_institution_id_institutions_id_fk" FOREIGN KEY ("owner_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instructors" ADD CONSTRAINT "instructors_resident_user_id_users_id_fk" FOREIGN KEY ("resident_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instructors" ADD CONSTRAINT "instructors_owner_region_code_regions_code_fk" FOREIGN KEY ("owner_region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instructors" ADD CONSTRAINT "instructors_owner_institution_id_institutions_id_fk" FOREIGN KEY ("owner_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instructors" ADD CONSTRAINT "instructors_vetted_by_users_id_fk" FOREIGN KEY ("vetted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "venue_bookings_venue_time_idx" ON "venue_bookings" USING btree ("venue_id","starts_at");--> statement-breakpoint
CREATE INDEX "venue_bookings_status_idx" ON "venue_bookings" USING btree ("status");--> statement-breakpoint
CREATE INDEX "venue_bookings_reference_idx" ON "venue_bookings" USING btree ("reference_id");--> statement-breakpoint
CREATE INDEX "venues_owner_region_idx" ON "venues" USING btree ("owner_region_code" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "venues_region_idx" ON "venues" USING btree ("region_code" varchar_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "venues_region_name_uq" ON "venues" USING btree ("region_code","name");--> statement-breakpoint
CREATE INDEX "venues_search_idx" ON "venues" USING gin (to_tsvector('simple', "search_text"));--> statement-breakpoint
CREATE INDEX "instructors_owner_region_idx" ON "instructors" USING btree ("owner_region_code" varchar_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "instructors_phone_uq" ON "instructors" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "instructors_specialities_idx" ON "instructors" USING gin ("specialities");--> statement-breakpoint
CREATE INDEX "instructors_search_idx" ON "instructors" USING gin (to_tsvector('simple', "search_text"));