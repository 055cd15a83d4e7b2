CREATE TABLE "local_offer_cost_options" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid NOT NULL,
	"option" text,
	"amount_pence" integer,
	"currency" text DEFAULT 'GBP' NOT NULL,
	"amount_description" text,
	"valid_from" date,
	"valid_to" date
);
--> statement-breakpoint
CREATE TABLE "local_offer_locations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"area_code" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"address_1" text,
	"city" text,
	"postal_code" text,
	"outward_code" text,
	"latitude" double precision,
	"longitude" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "local_offer_organisations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"area_code" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"email" text,
	"website" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "local_offer_service_locations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"description" text,
	CONSTRAINT "local_offer_service_locations_pair" UNIQUE("service_id","location_id")
);
--> statement-breakpoint
CREATE TABLE "local_offer_service_needs" (
	"service_id" uuid NOT NULL,
	"need_type" text NOT NULL,
	CONSTRAINT "local_offer_service_needs_service_id_need_type_pk" PRIMARY KEY("service_id","need_type")
);
--> statement-breakpoint
CREATE TABLE "local_offer_services" (
	"id" uuid PRIMARY KEY NOT NULL,
	"area_code" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"url" text,
	"email" text,
	"eligibility_description" text,
	"fees_description" text,
	"minimum_age" smallint,
	"maximum_age" smallint,
	"locality" text,
	"capacity" integer,
	"updated_by_sub" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "local_offer_cost_options" ADD CONSTRAINT "local_offer_cost_options_service_id_local_offer_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."local_offer_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "local_offer_service_locations" ADD CONSTRAINT "local_offer_service_locations_service_id_local_offer_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."local_offer_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "local_offer_service_locations" ADD CONSTRAINT "local_offer_service_locations_location_id_local_offer_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."local_offer_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "local_offer_service_needs" ADD CONSTRAINT "local_offer_service_needs_service_id_local_offer_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."local_offer_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "local_offer_services" ADD CONSTRAINT "local_offer_services_organisation_id_local_offer_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."local_offer_organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "local_offer_cost_options_service_idx" ON "local_offer_cost_options" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "local_offer_locations_area_idx" ON "local_offer_locations" USING btree ("area_code");--> statement-breakpoint
CREATE INDEX "local_offer_locations_outward_idx" ON "local_offer_locations" USING btree ("outward_code");--> statement-breakpoint
CREATE UNIQUE INDEX "local_offer_organisations_area_name" ON "local_offer_organisations" USING btree ("area_code",lower("name"));--> statement-breakpoint
CREATE INDEX "local_offer_service_locations_location_idx" ON "local_offer_service_locations" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "local_offer_service_needs_need_idx" ON "local_offer_service_needs" USING btree ("need_type","service_id");--> statement-breakpoint
CREATE INDEX "local_offer_services_area_idx" ON "local_offer_services" USING btree ("area_code","name","id");--> statement-breakpoint
CREATE INDEX "local_offer_services_org_idx" ON "local_offer_services" USING btree ("organisation_id");