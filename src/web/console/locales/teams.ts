// Console strings for the staff view of residents' learning teams.
import { TERMS } from '../../../contracts/terms';
export const zh = {
  teamsAdmin: {
    title: '学习团队',
    name: '团队名称',
    category: '类别',
    community: '所在社区',
    venue: '活动地点',
    time: '活动时间',
    leader: '负责人',
    members: '成员数',
    searchPlaceholder: '团队名称、地点',
    note: '学习团队由居民在门户自行创建和管理；这里按区域查看，团队可作为学习型组织被推荐参评。',
  },
  teamCats: TERMS['zh-CN'].teamCategories,
  menu: { teams: '学习团队' },
};

export const en: typeof zh = {
  teamsAdmin: {
    title: 'Learning teams',
    name: 'Team',
    category: 'Category',
    community: 'Community',
    venue: 'Where',
    time: 'When',
    leader: 'Leader',
    members: 'Members',
    searchPlaceholder: 'Team name, venue',
    note: 'Residents create and run learning teams on the portal; here staff see them by region. A team can be nominated as a learning organisation.',
  },
  teamCats: TERMS.en.teamCategories,
  menu: { teams: 'Learning teams' },
};
