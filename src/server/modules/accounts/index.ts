// Accounts: staff with roles and scopes, residents with verified identity, sessions and passwords.
export { createAccountsRepository } from './accounts.repository';
export { createAuthService, hashPassword, type AuthService } from './auth.service';
export { createStaffService, bootstrapAdmin, type StaffService } from './staff.service';
export { createResidentsService, seedResident, seedResidents, type ResidentsService } from './residents.service';
export { accountRoutes, setSessionCookie } from './accounts.routes';
