CREATE TABLE "sms_daily_budget" (
	"day" date PRIMARY KEY NOT NULL,
	"used" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sms_daily_counts" (
	"day" date NOT NULL,
	"kind" varchar(60) NOT NULL,
	"outcome" varchar(16) NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "sms_daily_counts_day_kind_outcome_pk" PRIMARY KEY("day","kind","outcome")
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "sms_kind" varchar(60);--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "sms_params" jsonb;