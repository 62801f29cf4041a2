// Ratings (评价): residents rate classes completed and events attended; averages per class, instructor and institution.
import { registerMessages } from '../../kernel/messages';

registerMessages({
  'zh-CN': {
    'rating.residents_only': '评价请使用居民账号',
    'rating.not_eligible': '结业的课程或参加过的活动才能评价',
    'rating.edit_closed': '评价提交 {days} 天后不能再修改',
    'rating.not_found': '找不到该评价',
    'rating.already_hidden': '该评论已被隐藏',
  },
  en: {
    'rating.residents_only': 'Rate with a resident account',
    'rating.not_eligible': 'You can rate a class you completed or an event you attended',
    'rating.edit_closed': 'A rating can be changed for {days} days after it was given',
    'rating.not_found': 'Rating not found',
    'rating.already_hidden': 'This comment is already hidden',
  },
});

export { createRatingsRepository } from './ratings.repository';
export { createRatingsService, type RatingsService } from './ratings.service';
export { ratingRoutes } from './ratings.routes';
