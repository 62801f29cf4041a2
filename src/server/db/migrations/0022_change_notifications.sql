-- Every platform process caches what changes rarely (the public catalogue, reference data, resolved sessions).
-- These triggers tell all processes, through NOTIFY after commit, what changed, whichever code path or SQL
-- changed it, so no write can forget to invalidate. Channels: learncity_reference (payload: the table),
-- learncity_sessions (payload: the user whose sessions, account, scopes or residence changed) and
-- learncity_seats (payload: '<offering id> full' or '<offering id> open' when a class fills or frees up).
CREATE OR REPLACE FUNCTION learncity_notify_reference() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('learncity_reference', TG_TABLE_NAME);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION learncity_notify_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('learncity_sessions', (to_jsonb(OLD) ->> TG_ARGV[0]));
  ELSE
    PERFORM pg_notify('learncity_sessions', (to_jsonb(NEW) ->> TG_ARGV[0]));
    IF TG_OP = 'UPDATE' AND (to_jsonb(OLD) ->> TG_ARGV[0]) IS DISTINCT FROM (to_jsonb(NEW) ->> TG_ARGV[0]) THEN
      PERFORM pg_notify('learncity_sessions', (to_jsonb(OLD) ->> TG_ARGV[0]));
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION learncity_notify_seats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- 'full' only where a full class refuses newcomers: a published first-come class.
  PERFORM pg_notify('learncity_seats', NEW.id::text || CASE
    WHEN NEW.capacity IS NOT NULL AND NEW.seats_taken >= NEW.capacity AND NEW.enrolment_mode = 'first_come' AND NEW.status = 'published' THEN ' full'
    ELSE ' open' END);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A seat taken or given back is not a catalogue change (the catalogue may show seats a second stale);
-- every other change to an offering is.
CREATE TRIGGER offerings_reference_update AFTER UPDATE ON offerings FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'seats_taken') IS DISTINCT FROM (to_jsonb(NEW) - 'seats_taken')) EXECUTE FUNCTION learncity_notify_reference();
--> statement-breakpoint
CREATE TRIGGER offerings_reference_insert_delete AFTER INSERT OR DELETE ON offerings FOR EACH STATEMENT EXECUTE FUNCTION learncity_notify_reference();
--> statement-breakpoint
CREATE TRIGGER offerings_seats AFTER UPDATE OF seats_taken, capacity, status ON offerings FOR EACH ROW
  WHEN ((OLD.capacity IS NOT NULL AND OLD.seats_taken >= OLD.capacity) IS DISTINCT FROM (NEW.capacity IS NOT NULL AND NEW.seats_taken >= NEW.capacity))
  EXECUTE FUNCTION learncity_notify_seats();
--> statement-breakpoint
CREATE TRIGGER offering_sessions_reference AFTER INSERT OR UPDATE OR DELETE ON offering_sessions FOR EACH STATEMENT EXECUTE FUNCTION learncity_notify_reference();
--> statement-breakpoint
CREATE TRIGGER terms_reference AFTER INSERT OR UPDATE OR DELETE ON terms FOR EACH STATEMENT EXECUTE FUNCTION learncity_notify_reference();
--> statement-breakpoint
CREATE TRIGGER campaigns_reference AFTER INSERT OR UPDATE OR DELETE ON campaigns FOR EACH STATEMENT EXECUTE FUNCTION learncity_notify_reference();
--> statement-breakpoint
CREATE TRIGGER venues_reference AFTER INSERT OR UPDATE OR DELETE ON venues FOR EACH STATEMENT EXECUTE FUNCTION learncity_notify_reference();
--> statement-breakpoint
CREATE TRIGGER instructors_reference AFTER INSERT OR UPDATE OR DELETE ON instructors FOR EACH STATEMENT EXECUTE FUNCTION learncity_notify_reference();
--> statement-breakpoint
CREATE TRIGGER course_categories_reference AFTER INSERT OR UPDATE OR DELETE ON course_categories FOR EACH STATEMENT EXECUTE FUNCTION learncity_notify_reference();
--> statement-breakpoint
CREATE TRIGGER regions_reference AFTER INSERT OR UPDATE OR DELETE ON regions FOR EACH STATEMENT EXECUTE FUNCTION learncity_notify_reference();
--> statement-breakpoint
CREATE TRIGGER region_populations_reference AFTER INSERT OR UPDATE OR DELETE ON region_populations FOR EACH STATEMENT EXECUTE FUNCTION learncity_notify_reference();
--> statement-breakpoint
CREATE TRIGGER institutions_reference AFTER INSERT OR UPDATE OR DELETE ON institutions FOR EACH STATEMENT EXECUTE FUNCTION learncity_notify_reference();
--> statement-breakpoint
CREATE TRIGGER sessions_user AFTER UPDATE OR DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION learncity_notify_user('user_id');
--> statement-breakpoint
CREATE TRIGGER users_user AFTER UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION learncity_notify_user('id');
--> statement-breakpoint
CREATE TRIGGER staff_scopes_user AFTER INSERT OR UPDATE OR DELETE ON staff_scopes FOR EACH ROW EXECUTE FUNCTION learncity_notify_user('user_id');
--> statement-breakpoint
CREATE TRIGGER residents_user AFTER UPDATE OR DELETE ON residents FOR EACH ROW EXECUTE FUNCTION learncity_notify_user('user_id');
