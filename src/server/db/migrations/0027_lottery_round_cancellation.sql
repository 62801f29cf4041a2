ALTER TABLE "lottery_rounds" ADD COLUMN "cancel_reason" varchar(200);--> statement-breakpoint
ALTER TABLE "lottery_rounds" ADD COLUMN "cancelled_at" timestamp with time zone;