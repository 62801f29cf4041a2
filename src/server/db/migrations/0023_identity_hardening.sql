CREATE TABLE "login_throttles" (
	"key" varchar(200) PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"blocked_until" timestamp with time zone,
	"last_failure_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "birth_year" smallint;--> statement-breakpoint
-- Keep only the year of birth in clear, and recompute masks to first 3 + last 4 characters: the old mask
-- hid exactly the eight birth-date digits, so mask and birth date together were the full ID number.
UPDATE "residents" SET "birth_year" = extract(year from "birth_date")::smallint,
  "id_number_masked" = CASE WHEN length("id_number_masked") >= 10
    THEN left("id_number_masked", 3) || repeat('*', length("id_number_masked") - 7) || right("id_number_masked", 4)
    ELSE "id_number_masked" END;--> statement-breakpoint
ALTER TABLE "residents" ALTER COLUMN "birth_year" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "residents" DROP COLUMN "birth_date";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "failed_logins";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "locked_until";