// Regions: the official division tree (district → street → community) and its populations.
export { createRegionsRepository } from './regions.repository';
export { createRegionsService, type RegionsService, type RegionView } from './regions.service';
export { regionRoutes } from './regions.routes';
