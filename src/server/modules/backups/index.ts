// Backups: one archive of the database, the uploaded files and the keys, taken while the platform serves, and its restore.
import { registerMessages } from '../../kernel/messages';
import { messages } from './backups.messages';

registerMessages(messages);

export { createBackupsService, type BackupsService, type BackupSettings } from './backups.service';
export { backupRoutes } from './backups.routes';
export { writeArchive, restoreArchive, listArchives, pruneArchives, type BackupSource, type RestoreTarget } from './backups.archive';
