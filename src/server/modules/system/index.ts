import { registerMessages } from '../../kernel/messages';

registerMessages({
  'zh-CN': {
    'not_ready.database_unreachable': '暂时无法连接数据库，本服务尚不能处理请求',
    'not_ready.migrations_pending': '数据库结构尚未升级到本版本，本服务尚不能处理请求',
  },
  en: {
    'not_ready.database_unreachable': 'The database cannot be reached; this process cannot serve requests yet.',
    'not_ready.migrations_pending': 'The database has not been migrated to this version; this process cannot serve requests yet.',
  },
});

export { systemRoutes } from './system.routes';
