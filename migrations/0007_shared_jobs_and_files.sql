CREATE TABLE "original_files" (
	"document_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"part" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "original_files_document_id_version_part_pk" PRIMARY KEY("document_id","version","part")
);
--> statement-breakpoint
CREATE TABLE "staged_files" (
	"job_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"part" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "staged_files_job_id_ordinal_part_pk" PRIMARY KEY("job_id","ordinal","part")
);
--> statement-breakpoint
ALTER TABLE "ingest_jobs" ADD COLUMN "options" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "ingest_jobs" ADD COLUMN "lease_owner" text;--> statement-breakpoint
ALTER TABLE "ingest_jobs" ADD COLUMN "lease_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ingest_jobs" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "original_files" ADD CONSTRAINT "original_files_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staged_files" ADD CONSTRAINT "staged_files_job_id_ingest_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."ingest_jobs"("id") ON DELETE cascade ON UPDATE no action;