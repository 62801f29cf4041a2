// The credit bank (学分银行): standards, accounts and the append-only ledger, automatic deposits, recognition and conversion.
import { registerMessages } from '../../kernel/messages';
import { categoryTerms, messages } from './credits.messages';

registerMessages(messages, categoryTerms);

export { createCreditsRepository, type CreditsRepository } from './credits.repository';
export { createCreditsService, type CreditsService } from './credits.service';
export type { DepositListener, CreditEvidenceFiles } from './credits.core';
export { creditRoutes } from './credits.routes';
export { creditQueries } from './credits.queries';
export { SEED_STANDARDS } from './credits.seed';
