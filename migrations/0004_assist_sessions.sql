CREATE TABLE "assist_feedback" (
	"id" uuid PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"suggestion_id" uuid NOT NULL,
	"event" text NOT NULL,
	"comment" text,
	"chunk_ids" text[] NOT NULL,
	"document_ids" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assist_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"collection" text,
	"access_groups" text[],
	"language" text,
	"principal" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "assist_suggestions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"turn_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"mode" text NOT NULL,
	"text" text NOT NULL,
	"citations" jsonb NOT NULL,
	"confidence" real NOT NULL,
	"query" text NOT NULL,
	"query_terms" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assist_turns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"speaker" text NOT NULL,
	"text" text NOT NULL,
	"final" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assist_feedback" ADD CONSTRAINT "assist_feedback_session_id_assist_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."assist_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist_feedback" ADD CONSTRAINT "assist_feedback_suggestion_id_assist_suggestions_id_fk" FOREIGN KEY ("suggestion_id") REFERENCES "public"."assist_suggestions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist_suggestions" ADD CONSTRAINT "assist_suggestions_session_id_assist_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."assist_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist_suggestions" ADD CONSTRAINT "assist_suggestions_turn_id_assist_turns_id_fk" FOREIGN KEY ("turn_id") REFERENCES "public"."assist_turns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist_turns" ADD CONSTRAINT "assist_turns_session_id_assist_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."assist_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assist_feedback_suggestion_idx" ON "assist_feedback" USING btree ("suggestion_id");--> statement-breakpoint
CREATE INDEX "assist_sessions_updated_idx" ON "assist_sessions" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "assist_suggestions_session_idx" ON "assist_suggestions" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assist_turns_session_ordinal_key" ON "assist_turns" USING btree ("session_id","ordinal");