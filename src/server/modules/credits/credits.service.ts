// The credit bank (学分银行), one service made of its sub-domains (each its own file): accounts and the
// append-only ledger with deposits from the archive and partners (ledger.service.ts), standards as versioned
// data (standards.service.ts), recognition (recognition.service.ts) and conversion (conversion.service.ts),
// over the shared account, deposit and presentation helpers of credits.core.ts.
import { createCreditsCore, type CreditsDeps } from './credits.core';
import { createLedgerService } from './ledger.service';
import { createStandardsService } from './standards.service';
import { createRecognitionService } from './recognition.service';
import { createConversionService } from './conversion.service';

export function createCreditsService(deps: CreditsDeps) {
  const core = createCreditsCore(deps);
  return { ...createLedgerService(core), ...createStandardsService(core), ...createRecognitionService(core), ...createConversionService(core) };
}

export type CreditsService = ReturnType<typeof createCreditsService>;
