CREATE TABLE "monitoring_report_texts" (
	"region_code" varchar(12) NOT NULL,
	"year" integer NOT NULL,
	"locale" varchar(8) NOT NULL,
	"problems" text,
	"priorities" text,
	"updated_by" varchar(64) NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "monitoring_report_texts_region_code_year_locale_pk" PRIMARY KEY("region_code","year","locale")
);
--> statement-breakpoint
ALTER TABLE "monitoring_report_texts" ADD CONSTRAINT "monitoring_report_texts_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;