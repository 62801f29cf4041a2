// The learning archive (学习档案): what each resident learned, recorded once per source by the modules that saw it.
import { registerMessages } from '../../kernel/messages';

registerMessages({
  'zh-CN': { 'archive.future_date': '学习日期不能晚于今天' },
  en: { 'archive.future_date': 'The date of learning cannot be in the future.' },
});

export { createArchiveService, type ArchiveService, type LearningEvent, type RecordListener } from './archive.service';
export { createArchiveRepository } from './archive.repository';
export { archiveRoutes } from './archive.routes';
