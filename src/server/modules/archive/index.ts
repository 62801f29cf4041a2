// The learning archive (学习档案): what each resident learned, recorded once per source by the modules that saw it.
import { registerMessages } from '../../kernel/messages';

registerMessages({
  'zh-CN': {
    'archive.future_date': '学习日期不能晚于今天',
    'archive.file_name': '学习档案',
    'archive.col.occurredOn': '日期',
    'archive.col.title': '名称',
    'archive.col.sourceType': '来源',
    'archive.col.category': '类别',
    'archive.col.outcome': '结果',
    'archive.col.hours': '学时',
    'archive.col.provider': '举办方',
    'archive.source.class': '课程',
    'archive.source.event': '活动讲座',
    'archive.source.online': '在线学习',
    'archive.source.partner': '合作平台',
    'archive.source.recognition': '学习成果认定',
    'archive.source.team': '学习团队',
    'archive.source.manual': '工作人员登记',
    'archive.outcome.completed': '已结业',
    'archive.outcome.attended': '已参加',
    'archive.outcome.participated': '已参与',
  },
  en: {
    'archive.future_date': 'The date of learning cannot be in the future.',
    'archive.file_name': 'Learning record',
    'archive.col.occurredOn': 'Date',
    'archive.col.title': 'Title',
    'archive.col.sourceType': 'Source',
    'archive.col.category': 'Category',
    'archive.col.outcome': 'Outcome',
    'archive.col.hours': 'Hours',
    'archive.col.provider': 'Organised by',
    'archive.source.class': 'Class',
    'archive.source.event': 'Event or lecture',
    'archive.source.online': 'Online learning',
    'archive.source.partner': 'Partner platform',
    'archive.source.recognition': 'Recognised learning',
    'archive.source.team': 'Learning team',
    'archive.source.manual': 'Entered by staff',
    'archive.outcome.completed': 'Completed',
    'archive.outcome.attended': 'Attended',
    'archive.outcome.participated': 'Took part',
  },
});

export { createArchiveService, type ArchiveService, type LearningEvent, type RecordListener } from './archive.service';
export { createArchiveRepository } from './archive.repository';
export { archiveRoutes } from './archive.routes';
