CREATE TABLE "disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"decision" text NOT NULL,
	"decision_on" date NOT NULL,
	"mediation_requested_on" date,
	"mediation_declined_on" date,
	"mediation_held_on" date,
	"certificate_issued_on" date,
	"appeal_registered_on" date,
	"hearing_on" date,
	"outcome" text,
	"outcome_on" date,
	"tribunal_order" text,
	"council_org" text NOT NULL,
	"recorded_by_sub" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disputes_child_idx" ON "disputes" USING btree ("child_id","decision_on");