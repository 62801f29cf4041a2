// The enrolment engine, one service made of its sub-domains (each its own file): enrolling and the offering
// page's status (enrol.service.ts), a place once it exists (places.service.ts), proxy enrolment
// (proxy.service.ts) and what other modules and the scheduler call (for-modules.service.ts), over the
// shared helpers of enrolment.core.ts. Policies decide; the repository holds the SQL; messages go through notifications.
import { createEnrolmentCore, type EnrolmentDeps } from './enrolment.core';
import { createEnrolService } from './enrol.service';
import { createPlacesService } from './places.service';
import { createProxyService } from './proxy.service';
import { createForModulesService } from './for-modules.service';

export function createEnrolmentService(deps: EnrolmentDeps) {
  const core = createEnrolmentCore(deps);
  return { ...createEnrolService(core), ...createPlacesService(core), ...createForModulesService(core), ...createProxyService(core) };
}

export type EnrolmentService = ReturnType<typeof createEnrolmentService>;
