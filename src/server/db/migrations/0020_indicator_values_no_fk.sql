ALTER TABLE "indicator_values" DROP CONSTRAINT "indicator_values_region_code_regions_code_fk";
