-- On enrolment day a class's seats are taken by one statement each (db/write-together.ts), and each used to send
-- the change feed's user-data NOTIFY from these triggers inside its transaction. PostgreSQL serializes the commits
-- of transactions that sent NOTIFY (a database-wide lock held until the commit's WAL flush), so every enrolment's
-- commit waited for the previous one's flush. A statement that sends the notification itself after its commit
-- (kernel/change-feed.ts, `announceUserData`) marks its transaction with learncity.user_data_notified =
-- 'after_commit', and the trigger leaves it out; every other write notifies from the trigger as before.
CREATE OR REPLACE FUNCTION learncity_notify_user_data() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('learncity.user_data_notified', true) = 'after_commit' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('learncity_user_data', (to_jsonb(OLD) ->> TG_ARGV[0]));
  ELSE
    PERFORM pg_notify('learncity_user_data', (to_jsonb(NEW) ->> TG_ARGV[0]));
  END IF;
  RETURN NULL;
END $$;
