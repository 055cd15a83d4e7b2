CREATE TABLE "advice_entries" (
	"advice_request_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	"category" text NOT NULL,
	CONSTRAINT "advice_entries_advice_request_id_position_pk" PRIMARY KEY("advice_request_id","position")
);
--> statement-breakpoint
CREATE TABLE "capacity_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"lacks_capacity" boolean NOT NULL,
	"evidence_note" text NOT NULL,
	"recorded_by_sub" text NOT NULL,
	"recorded_by_org" text NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"review_outcome" text,
	"review_note" text,
	"reviewed_by_sub" text,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subject_access_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"requested_by_sub" text NOT NULL,
	"requested_by_role" text NOT NULL,
	"received_on" date NOT NULL,
	"due_on" date NOT NULL,
	"safeguarding_decision" text,
	"safeguarding_note" text,
	"safeguarding_reviewed_by_sub" text,
	"answered_at" timestamp with time zone,
	"answered_by_sub" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "advice_requests" ADD COLUMN "provided_by_org" text;--> statement-breakpoint
ALTER TABLE "advice_requests" ADD COLUMN "provided_by_sub" text;--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "grantee_subject" text;--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "withdrawal_evidence_note" text;--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "review_outcome" text;--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "review_note" text;--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "reviewed_by_sub" text;--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "advice_entries" ADD CONSTRAINT "advice_entries_advice_request_id_advice_requests_id_fk" FOREIGN KEY ("advice_request_id") REFERENCES "public"."advice_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capacity_records" ADD CONSTRAINT "capacity_records_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_access_requests" ADD CONSTRAINT "subject_access_requests_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advice_entries_child_idx" ON "advice_entries" USING btree ("child_id");--> statement-breakpoint
CREATE INDEX "capacity_records_child_idx" ON "capacity_records" USING btree ("child_id");--> statement-breakpoint
CREATE INDEX "subject_access_requests_child_idx" ON "subject_access_requests" USING btree ("child_id");