CREATE TABLE "session_changes" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
-- Sealed resident sessions (accounts/session-token.ts) are trusted only if sealed after the user's last
-- change recorded here: a session ended before its time, or a change to what a sealed session carries.
CREATE OR REPLACE FUNCTION learncity_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  uid uuid;
BEGIN
  IF TG_TABLE_NAME = 'sessions' THEN
    -- Purging sessions past their expiry (accounts.repository deleteExpired) changes nothing a live cookie carries.
    IF current_setting('learncity.session_purge', true) = 'on' THEN RETURN NULL; END IF;
    uid := OLD.user_id;
  ELSIF TG_TABLE_NAME = 'users' THEN
    IF TG_OP = 'UPDATE' AND (OLD.username, OLD.display_name, OLD.status, OLD.kind, OLD.role, OLD.locale, OLD.password_hash)
        IS NOT DISTINCT FROM (NEW.username, NEW.display_name, NEW.status, NEW.kind, NEW.role, NEW.locale, NEW.password_hash) THEN
      RETURN NULL;
    END IF;
    uid := OLD.id;
  ELSE -- residents
    IF TG_OP = 'UPDATE' AND OLD.home_region_code IS NOT DISTINCT FROM NEW.home_region_code AND OLD.user_id = NEW.user_id THEN
      RETURN NULL;
    END IF;
    uid := OLD.user_id;
  END IF;
  INSERT INTO session_changes (user_id, changed_at) VALUES (uid, now())
    ON CONFLICT (user_id) DO UPDATE SET changed_at = greatest(session_changes.changed_at, excluded.changed_at);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sessions_session_changed AFTER DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION learncity_session_changed();
--> statement-breakpoint
CREATE TRIGGER users_session_changed AFTER UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION learncity_session_changed();
--> statement-breakpoint
CREATE TRIGGER residents_session_changed AFTER UPDATE OR DELETE ON residents FOR EACH ROW EXECUTE FUNCTION learncity_session_changed();
--> statement-breakpoint
-- Who listens for webhook events is kept per process too (partners/webhooks.service.ts).
CREATE TRIGGER webhook_subscriptions_reference AFTER INSERT OR UPDATE OR DELETE ON webhook_subscriptions FOR EACH STATEMENT EXECUTE FUNCTION learncity_notify_reference();
--> statement-breakpoint
CREATE TRIGGER partners_reference AFTER INSERT OR UPDATE OR DELETE ON partners FOR EACH STATEMENT EXECUTE FUNCTION learncity_notify_reference();
--> statement-breakpoint
-- A resident's own pages (messages, enrolments, archive, points, credits) are kept per process too
-- (http/response-cache.ts); any change to their rows tells every process whose pages to drop.
CREATE OR REPLACE FUNCTION learncity_notify_user_data() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('learncity_user_data', (to_jsonb(OLD) ->> TG_ARGV[0]));
  ELSE
    PERFORM pg_notify('learncity_user_data', (to_jsonb(NEW) ->> TG_ARGV[0]));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION learncity_notify_credit_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('learncity_user_data', resident_id::text) FROM credit_accounts WHERE id = NEW.account_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER notifications_user_data AFTER INSERT OR UPDATE OR DELETE ON notifications FOR EACH ROW EXECUTE FUNCTION learncity_notify_user_data('user_id');
--> statement-breakpoint
CREATE TRIGGER enrolments_user_data AFTER INSERT OR UPDATE OR DELETE ON enrolments FOR EACH ROW EXECUTE FUNCTION learncity_notify_user_data('resident_id');
--> statement-breakpoint
CREATE TRIGGER learning_records_user_data AFTER INSERT OR UPDATE OR DELETE ON learning_records FOR EACH ROW EXECUTE FUNCTION learncity_notify_user_data('resident_id');
--> statement-breakpoint
CREATE TRIGGER points_ledger_user_data AFTER INSERT OR UPDATE OR DELETE ON points_ledger FOR EACH ROW EXECUTE FUNCTION learncity_notify_user_data('resident_id');
--> statement-breakpoint
CREATE TRIGGER credit_accounts_user_data AFTER INSERT OR UPDATE OR DELETE ON credit_accounts FOR EACH ROW EXECUTE FUNCTION learncity_notify_user_data('resident_id');
--> statement-breakpoint
CREATE TRIGGER credit_entries_user_data AFTER INSERT ON credit_entries FOR EACH ROW EXECUTE FUNCTION learncity_notify_credit_entry();
