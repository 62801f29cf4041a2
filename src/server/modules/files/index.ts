// Files: uploads checked by purpose, size and real content, stored durably under the data directory, served with Range.
import { registerMessages } from '../../kernel/messages';
import { messages } from './files.messages';

registerMessages(messages);

export { createFilesService, DEFAULT_UPLOAD_QUOTAS, type FilesService, type StoredFile, type UploadQuotas } from './files.service';
export { createFilesRepository } from './files.repository';
export { createFileStorage } from './files.storage';
export { fileRoutes } from './files.routes';
export { FILE_PURPOSES, type FilePurpose, type FileAccess } from './files.policy';
