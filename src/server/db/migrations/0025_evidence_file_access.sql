-- Residents' evidence is read only by the role that reviews it (issue 14): files already attached to
-- credit-bank recognition applications become credit officers' only, those of award nominations the
-- reviewing administrators' only. Progress-report and assessment evidence stays with the region's staff.
UPDATE "files" SET "access" = 'credits'
  WHERE "access" = 'staff' AND "id"::text IN (SELECT jsonb_array_elements_text("evidence_file_ids") FROM "recognition_applications");--> statement-breakpoint
UPDATE "files" SET "access" = 'awards'
  WHERE "access" = 'staff' AND "id"::text IN (SELECT jsonb_array_elements_text("evidence_file_ids") FROM "award_nominations");
