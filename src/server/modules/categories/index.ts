// Course categories: the taxonomy the course library and the instructor pool share, editable by the district office.
import { registerMessages } from '../../kernel/messages';

registerMessages({
  'zh-CN': {
    'category.not_found': '找不到该课程类别',
    'category.duplicate': '该类别代码已存在',
    'category.code_format': '类别代码为 2–32 位大写字母、数字或下划线，以字母开头',
  },
  en: {
    'category.not_found': 'Unknown course category.',
    'category.duplicate': 'This category code already exists.',
    'category.code_format': 'Use 2–32 capital letters, digits or underscores, starting with a letter.',
  },
});

export { createCategoriesService, type CategoriesService, type Category } from './categories.service';
export { createCategoriesRepository } from './categories.repository';
export { categoryRoutes } from './categories.routes';
export { loadTaxonomy } from './categories.seed';
