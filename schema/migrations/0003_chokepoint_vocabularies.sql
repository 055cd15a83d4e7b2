CREATE TABLE "area_localities" (
	"area_code" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "area_localities_area_code_code_pk" PRIMARY KEY("area_code","code")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"agency" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "area_code" text;--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "granted_by_org" text;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "council_org" text;--> statement-breakpoint
CREATE INDEX "audit_area_idx" ON "audit_events" USING btree ("area_code","seq");--> statement-breakpoint
ALTER TABLE "advice_requests" DROP COLUMN "org";--> statement-breakpoint
-- Aggregates group only on controlled vocabularies (free text can name a child): localities become
-- codes from each area's register (none are registered yet, so free-text localities are cleared) and
-- provision types come from the fixed list, anything else OTHER.
UPDATE "children" SET "locality" = NULL WHERE "locality" IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM "area_localities" l WHERE l."area_code" = "children"."area_code" AND l."code" = "children"."locality");--> statement-breakpoint
UPDATE "provisions" SET "provision_type" = 'OTHER' WHERE "provision_type" NOT IN (
  'SPECIALIST_TEACHING', 'TEACHING_ASSISTANT_SUPPORT', 'SMALL_GROUP_TEACHING', 'EDUCATIONAL_PSYCHOLOGY', 'SPEECH_AND_LANGUAGE_THERAPY',
  'OCCUPATIONAL_THERAPY', 'PHYSIOTHERAPY', 'MENTAL_HEALTH_SUPPORT', 'NURSING_CARE', 'EQUIPMENT', 'SHORT_BREAKS', 'PERSONAL_CARE',
  'TRANSPORT', 'SOCIAL_WORK_SUPPORT', 'OTHER');
