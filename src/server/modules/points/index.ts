// Learning points (积分): district rules, an append-only ledger per resident, balance and history.
import { registerMessages } from '../../kernel/messages';

registerMessages({
  'zh-CN': { 'points.district_required': '请选择区（县）' },
  en: { 'points.district_required': 'Choose a district' },
});

export { createPointsRepository } from './points.repository';
export { createPointsService, type PointsService, type PointsAward } from './points.service';
export { pointsRoutes } from './points.routes';
