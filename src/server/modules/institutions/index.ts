// Institutions: the three- or four-level network of community-education institutions and its coverage.
export { createInstitutionsRepository } from './institutions.repository';
export { createInstitutionsService, type InstitutionsService } from './institutions.service';
export { createInstitutionsExcel } from './institutions.excel';
export { institutionRoutes } from './institutions.routes';
export { INSTITUTION_TYPES, LEVELS_BY_TYPE } from './institutions.policy';
