ALTER TABLE "users" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "temporary_password_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "lottery_rounds" ADD COLUMN "cancel_reason" varchar(200);--> statement-breakpoint
ALTER TABLE "lottery_rounds" ADD COLUMN "cancelled_at" timestamp with time zone;