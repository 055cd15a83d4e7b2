CREATE TABLE "actor_recent_reads" (
	"actor_sub" text NOT NULL,
	"child_id" uuid NOT NULL,
	"last_read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "actor_recent_reads_actor_sub_child_id_pk" PRIMARY KEY("actor_sub","child_id")
);
--> statement-breakpoint
CREATE INDEX "actor_recent_reads_at_idx" ON "actor_recent_reads" USING btree ("actor_sub","last_read_at");--> statement-breakpoint
CREATE INDEX "advice_requests_child_idx" ON "advice_requests" USING btree ("child_id");--> statement-breakpoint
CREATE INDEX "clock_exceptions_child_idx" ON "clock_exceptions" USING btree ("child_id");