CREATE TABLE "family_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"episode" integer NOT NULL,
	"served_on" date NOT NULL,
	"received_on" date NOT NULL,
	"text" text NOT NULL,
	"within_statutory_period" boolean NOT NULL,
	"made_by_sub" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "personal_budget_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"episode" integer NOT NULL,
	"requested_on" date NOT NULL,
	"requested_by" text NOT NULL,
	"requested_by_sub" text NOT NULL,
	"decision" text,
	"forms" text[] DEFAULT '{}'::text[] NOT NULL,
	"reasons" text,
	"decided_on" date,
	"decided_by_sub" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_episodes" (
	"child_id" uuid NOT NULL,
	"episode" integer DEFAULT 1 NOT NULL,
	"status" text NOT NULL,
	"council_org" text,
	"request_received_on" date NOT NULL,
	"request_source" text,
	"requested_by" text,
	"decision_on" date,
	"draft_issued_on" date,
	"final_issued_on" date,
	"last_review_on" date,
	"amendment_proposed_on" date,
	"ceased_on" date,
	"ceased_reason" text,
	"phase_transfer" text,
	"phase_transfer_year" integer,
	"phase_transfer_amended_on" date,
	"review_meeting_on" date,
	"review_invitations_sent_on" date,
	"review_advice_circulated_on" date,
	"review_held_on" date,
	"review_report_sent_on" date,
	"last_review_held_on" date,
	"last_review_decision" text,
	"last_review_decided_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_episodes_child_id_episode_pk" PRIMARY KEY("child_id","episode")
);
--> statement-breakpoint
CREATE TABLE "setting_preferences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"episode" integer NOT NULL,
	"stated_on" date NOT NULL,
	"stated_by_sub" text NOT NULL,
	"setting_name" text NOT NULL,
	"legal_status" text NOT NULL,
	"urn" text,
	"ukprn" text,
	"within_comment_period" boolean NOT NULL,
	"consulted_on" date,
	"outcome" text,
	"decided_on" date,
	"grounds" text[] DEFAULT '{}'::text[] NOT NULL,
	"reasons" text,
	"decided_by_sub" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "advice_requests" ADD COLUMN "episode" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "advice_requests" ADD COLUMN "requested_of_org" text;--> statement-breakpoint
ALTER TABLE "clock_exceptions" ADD COLUMN "episode" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "clock_exceptions" ADD COLUMN "evidence_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "placements" ADD COLUMN "legal_status" text;--> statement-breakpoint
ALTER TABLE "placements" ADD COLUMN "ukprn" text;--> statement-breakpoint
ALTER TABLE "placements" ADD COLUMN "sen2_setting" text;--> statement-breakpoint
ALTER TABLE "placements" ADD COLUMN "sen2_setting_other" text;--> statement-breakpoint
ALTER TABLE "placements" ADD COLUMN "out_of_area" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "placements" ADD COLUMN "sen_unit" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "placements" ADD COLUMN "resourced_provision" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "episode" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "request_source" text;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "requested_by" text;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "phase_transfer_amended_on" date;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "review_meeting_on" date;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "review_invitations_sent_on" date;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "review_advice_circulated_on" date;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "review_held_on" date;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "review_report_sent_on" date;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "last_review_held_on" date;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "last_review_decision" text;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "last_review_decided_on" date;--> statement-breakpoint
ALTER TABLE "family_comments" ADD CONSTRAINT "family_comments_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_budget_requests" ADD CONSTRAINT "personal_budget_requests_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_episodes" ADD CONSTRAINT "plan_episodes_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "setting_preferences" ADD CONSTRAINT "setting_preferences_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "family_comments_child_idx" ON "family_comments" USING btree ("child_id","episode");--> statement-breakpoint
CREATE INDEX "personal_budget_requests_child_idx" ON "personal_budget_requests" USING btree ("child_id","episode");--> statement-breakpoint
CREATE UNIQUE INDEX "personal_budget_requests_one_open" ON "personal_budget_requests" USING btree ("child_id") WHERE decision is null;--> statement-breakpoint
CREATE INDEX "setting_preferences_child_idx" ON "setting_preferences" USING btree ("child_id","episode");--> statement-breakpoint
CREATE UNIQUE INDEX "advice_requests_one_open" ON "advice_requests" USING btree ("child_id","episode","agency") WHERE provided_on is null;--> statement-breakpoint
CREATE UNIQUE INDEX "children_nhs_number_unique" ON "children" USING btree ("nhs_number") WHERE nhs_number is not null;--> statement-breakpoint
CREATE INDEX "children_upn_idx" ON "children" USING btree ("upn");