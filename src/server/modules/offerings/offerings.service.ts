// Terms, campaigns, classes and events, one service made of its sub-domains (each its own file): what the
// enrolment, lottery and attendance modules read and how they take seats (for-modules.service.ts), terms and
// campaigns (plans.service.ts), classes and events on the staff side with their sessions and venue bookings
// (classes.service.ts) and the public catalogue (catalog.service.ts), over offerings.core.ts and offerings.present.ts.
import { createOfferingsCore, type OfferingsDeps } from './offerings.core';
import { createOfferingsPresenter } from './offerings.present';
import { createForModulesService } from './for-modules.service';
import { createPlansService } from './plans.service';
import { createClassesService } from './classes.service';
import { createCatalogService } from './catalog.service';

export function createOfferingsService(deps: OfferingsDeps) {
  const core = createOfferingsCore(deps);
  const view = createOfferingsPresenter(core);
  return { ...createForModulesService(core), ...createPlansService(core), ...createClassesService(core, view), ...createCatalogService(core, view) };
}

export type OfferingsService = ReturnType<typeof createOfferingsService>;
