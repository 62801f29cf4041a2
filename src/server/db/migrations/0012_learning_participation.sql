CREATE TABLE "learning_participation" (
	"resident_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"records" integer NOT NULL,
	"hours" numeric(14, 1) NOT NULL,
	"multi" boolean DEFAULT false NOT NULL,
	CONSTRAINT "learning_participation_resident_id_year_region_code_pk" PRIMARY KEY("resident_id","year","region_code")
);
--> statement-breakpoint
CREATE INDEX "learning_participation_region_idx" ON "learning_participation" USING btree ("year","region_code" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "learning_participation_multi_idx" ON "learning_participation" USING btree ("year","region_code" varchar_pattern_ops) WHERE "learning_participation"."multi";--> statement-breakpoint
INSERT INTO "learning_participation" ("resident_id", "year", "region_code", "records", "hours")
SELECT "resident_id", extract(year from ("occurred_at" at time zone 'UTC') + interval '8 hours')::int, "region_code", count(*)::int, sum("hours")
FROM "learning_records" GROUP BY 1, 2, 3;
--> statement-breakpoint
UPDATE "learning_participation" p SET "multi" = true
FROM (SELECT "resident_id", "year" FROM "learning_participation" GROUP BY 1, 2 HAVING count(*) > 1) m
WHERE p."resident_id" = m."resident_id" AND p."year" = m."year";
