CREATE TABLE "course_categories" (
	"code" varchar(32) PRIMARY KEY NOT NULL,
	"name_zh" varchar(50) NOT NULL,
	"name_en" varchar(80) NOT NULL,
	"examples" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
