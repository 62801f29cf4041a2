// The owner columns of a pool entry (kernel/ownership.ts): the venue and instructor pools own alike.
import { boolean, uuid, varchar } from 'drizzle-orm/pg-core';
import { institutions } from './institutions';
import { regions } from './regions';

/** Owned by a region (and maybe an institution in it), and whether offices below may use it. */
export const poolOwnerColumns = () => ({
  ownerRegionCode: varchar('owner_region_code', { length: 12 })
    .notNull()
    .references(() => regions.code),
  ownerInstitutionId: uuid('owner_institution_id').references(() => institutions.id),
  shared: boolean('shared').notNull().default(false),
});
