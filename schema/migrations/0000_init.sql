CREATE TABLE "advice_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"agency" text NOT NULL,
	"org" text,
	"requested_on" date NOT NULL,
	"provided_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"request_id" text NOT NULL,
	"actor_sub" text NOT NULL,
	"actor_org" text NOT NULL,
	"actor_role" text NOT NULL,
	"child_id" uuid,
	"action" text NOT NULL,
	"basis" text NOT NULL,
	"categories" text[] NOT NULL,
	"sections" text[] NOT NULL,
	"operation_name" text,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "break_glass_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"actor_sub" text NOT NULL,
	"actor_org" text NOT NULL,
	"reason" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"review_outcome" text,
	"review_note" text,
	"reviewed_by_sub" text,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_team_members" (
	"child_id" uuid NOT NULL,
	"org" text NOT NULL,
	"agency" text NOT NULL,
	"added_by_sub" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_team_members_child_id_org_pk" PRIMARY KEY("child_id","org")
);
--> statement-breakpoint
CREATE TABLE "children" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"nhs_number" text,
	"upn" text,
	"postcode" text,
	"locality" text,
	"area_code" text NOT NULL,
	"record_key" smallint NOT NULL,
	"registered_by_sub" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clock_exceptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"from_on" date NOT NULL,
	"to_on" date NOT NULL,
	"recorded_by_sub" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"categories" text[] NOT NULL,
	"grantee_agency" text,
	"grantee_org" text,
	"given_by" text NOT NULL,
	"granted_by_sub" text NOT NULL,
	"evidence_note" text,
	"valid_until" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by_sub" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "family_links" (
	"child_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"relationship" text NOT NULL,
	"linked_by_sub" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "family_links_child_id_subject_pk" PRIMARY KEY("child_id","subject")
);
--> statement-breakpoint
CREATE TABLE "health_agreements" (
	"version_id" uuid PRIMARY KEY NOT NULL,
	"agreed_by_icb" boolean NOT NULL,
	"agreed_on" date
);
--> statement-breakpoint
CREATE TABLE "needs" (
	"version_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"type" text NOT NULL,
	"rank" smallint NOT NULL,
	CONSTRAINT "needs_version_id_rank_pk" PRIMARY KEY("version_id","rank")
);
--> statement-breakpoint
CREATE TABLE "personal_budgets" (
	"version_id" uuid PRIMARY KEY NOT NULL,
	"child_id" uuid NOT NULL,
	"form" text NOT NULL,
	"education_pence" bigint DEFAULT 0 NOT NULL,
	"health_pence" bigint DEFAULT 0 NOT NULL,
	"social_care_pence" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "placements" (
	"version_id" uuid PRIMARY KEY NOT NULL,
	"child_id" uuid NOT NULL,
	"setting_type" text NOT NULL,
	"urn" text,
	"setting_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"child_id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"request_received_on" date NOT NULL,
	"decision_on" date,
	"draft_issued_on" date,
	"final_issued_on" date,
	"last_review_on" date,
	"amendment_proposed_on" date,
	"ceased_on" date,
	"ceased_reason" text,
	"phase_transfer" text,
	"phase_transfer_year" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"code" text NOT NULL,
	"provision_type" text NOT NULL,
	"description" text NOT NULL,
	"provider_org" text,
	"quantity" integer,
	"unit" text,
	"frequency" text,
	"annual_cost_pence" bigint,
	"start_on" date,
	"end_on" date
);
--> statement-breakpoint
CREATE TABLE "section_entries" (
	"version_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	"category" text NOT NULL,
	CONSTRAINT "section_entries_version_id_position_pk" PRIMARY KEY("version_id","position")
);
--> statement-breakpoint
CREATE TABLE "section_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"author_org" text NOT NULL,
	"author_sub" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "section_versions_one_writer" UNIQUE("child_id","code","version")
);
--> statement-breakpoint
CREATE TABLE "sections" (
	"child_id" uuid NOT NULL,
	"code" text NOT NULL,
	"current_version_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"agency" text NOT NULL,
	"author_org" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sections_child_id_code_pk" PRIMARY KEY("child_id","code")
);
--> statement-breakpoint
ALTER TABLE "advice_requests" ADD CONSTRAINT "advice_requests_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_team_members" ADD CONSTRAINT "care_team_members_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clock_exceptions" ADD CONSTRAINT "clock_exceptions_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_links" ADD CONSTRAINT "family_links_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_agreements" ADD CONSTRAINT "health_agreements_version_id_section_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."section_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_version_id_section_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."section_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_budgets" ADD CONSTRAINT "personal_budgets_version_id_section_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."section_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_version_id_section_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."section_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provisions" ADD CONSTRAINT "provisions_version_id_section_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."section_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_entries" ADD CONSTRAINT "section_entries_version_id_section_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."section_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_versions" ADD CONSTRAINT "section_versions_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sections" ADD CONSTRAINT "sections_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advice_requests_agency_idx" ON "advice_requests" USING btree ("agency","provided_on");--> statement-breakpoint
CREATE INDEX "audit_child_idx" ON "audit_events" USING btree ("child_id","seq");--> statement-breakpoint
CREATE INDEX "audit_actor_idx" ON "audit_events" USING btree ("actor_sub","seq");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "break_glass_child_idx" ON "break_glass_grants" USING btree ("child_id");--> statement-breakpoint
CREATE INDEX "care_team_org_idx" ON "care_team_members" USING btree ("org","child_id");--> statement-breakpoint
CREATE INDEX "children_area_idx" ON "children" USING btree ("area_code","id");--> statement-breakpoint
CREATE INDEX "consents_child_idx" ON "consents" USING btree ("child_id");--> statement-breakpoint
CREATE INDEX "family_subject_idx" ON "family_links" USING btree ("subject","child_id");--> statement-breakpoint
CREATE INDEX "provisions_version_idx" ON "provisions" USING btree ("version_id");