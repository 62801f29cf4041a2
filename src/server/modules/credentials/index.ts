// Verifiable certificates (可验证证书): completion, award and transcript credentials signed by the platform, revocable and publicly verifiable.
import { registerMessages } from '../../kernel/messages';
import { messages } from './credentials.messages';

registerMessages(messages);

export { createCredentialsService, type CredentialsService } from './credentials.service';
export { createCredentialsRepository } from './credentials.repository';
export { credentialRoutes } from './credentials.routes';
export { loadIssuer, documentLoader, RefusedDocument, type Issuer, type IssuerKeySource } from './credentials.crypto';
export { archiveTranscriptSource, creditsTranscriptSource, type TranscriptSource } from './transcript.source';
export { vcApiRoutes } from './vcapi.routes';
export { parseResourceOrigins, type ResourceOrigin } from './credentials.related';
export type { IssuerBody } from './credentials.documents';
