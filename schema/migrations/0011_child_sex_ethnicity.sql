ALTER TABLE "children" ADD COLUMN "sex" text;--> statement-breakpoint
ALTER TABLE "children" ADD COLUMN "ethnicity" text;