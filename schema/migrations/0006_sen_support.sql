CREATE TABLE "area_terms" (
	"area_code" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	CONSTRAINT "area_terms_area_code_starts_on_pk" PRIMARY KEY("area_code","starts_on")
);
--> statement-breakpoint
CREATE TABLE "sen_support" (
	"child_id" uuid PRIMARY KEY NOT NULL,
	"school_org" text NOT NULL,
	"started_on" date NOT NULL,
	"parents_informed_on" date,
	"recorded_by_sub" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sen_support_interventions" (
	"child_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"description" text NOT NULL,
	"expected_outcome" text NOT NULL,
	CONSTRAINT "sen_support_interventions_child_id_position_pk" PRIMARY KEY("child_id","position")
);
--> statement-breakpoint
CREATE TABLE "sen_support_needs" (
	"child_id" uuid NOT NULL,
	"rank" smallint NOT NULL,
	"need_type" text NOT NULL,
	CONSTRAINT "sen_support_needs_child_id_rank_pk" PRIMARY KEY("child_id","rank")
);
--> statement-breakpoint
CREATE TABLE "sen_support_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"outcomes_met" boolean NOT NULL,
	"note" text,
	"school_org" text NOT NULL,
	"recorded_by_sub" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sen_support" ADD CONSTRAINT "sen_support_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sen_support_interventions" ADD CONSTRAINT "sen_support_interventions_child_id_sen_support_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."sen_support"("child_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sen_support_needs" ADD CONSTRAINT "sen_support_needs_child_id_sen_support_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."sen_support"("child_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sen_support_reviews" ADD CONSTRAINT "sen_support_reviews_child_id_sen_support_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."sen_support"("child_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sen_support_reviews_child_idx" ON "sen_support_reviews" USING btree ("child_id","held_on");