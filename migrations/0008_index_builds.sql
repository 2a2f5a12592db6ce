CREATE TABLE "index_builds" (
	"index" text PRIMARY KEY NOT NULL,
	"analyzer_version" integer NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL
);
