CREATE TABLE "learning_participation_counts" (
	"year" integer NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"singles" integer NOT NULL,
	"records" integer NOT NULL,
	"hours" numeric(16, 1) NOT NULL,
	CONSTRAINT "learning_participation_counts_year_region_code_pk" PRIMARY KEY("year","region_code")
);
--> statement-breakpoint
CREATE TABLE "learning_participation_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"singles" integer NOT NULL,
	"records" integer NOT NULL,
	"hours" numeric(14, 1) NOT NULL
);
--> statement-breakpoint
-- Hand-written: the totals of the summary as it stands (keep when regenerating).
INSERT INTO "learning_participation_counts" ("year", "region_code", "singles", "records", "hours")
SELECT "year", "region_code", count(*) FILTER (WHERE NOT "multi"), sum("records"), sum("hours") FROM "learning_participation" GROUP BY 1, 2;
