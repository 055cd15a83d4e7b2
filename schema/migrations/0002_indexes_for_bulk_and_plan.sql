CREATE INDEX "advice_requests_child_idx" ON "advice_requests" USING btree ("child_id");--> statement-breakpoint
CREATE INDEX "audit_actor_at_idx" ON "audit_events" USING btree ("actor_sub","at","child_id");--> statement-breakpoint
CREATE INDEX "clock_exceptions_child_idx" ON "clock_exceptions" USING btree ("child_id");