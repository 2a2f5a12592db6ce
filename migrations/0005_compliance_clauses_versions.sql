CREATE TABLE "document_versions" (
	"document_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"sha256" text NOT NULL,
	"title" text,
	"chunk_count" integer NOT NULL,
	"effective_from" text,
	"effective_to" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_versions_document_id_version_pk" PRIMARY KEY("document_id","version")
);
--> statement-breakpoint
ALTER TABLE "chunks" ADD COLUMN "clause_path" text;--> statement-breakpoint
ALTER TABLE "collections" ADD COLUMN "keep_history" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "collections" ADD COLUMN "strict" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
INSERT INTO "document_versions" ("document_id", "version", "sha256", "title", "chunk_count")
SELECT "id", "version", "sha256", "title", "chunk_count" FROM "documents" WHERE "status" = 'ready';
