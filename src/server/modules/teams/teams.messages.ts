// Messages of the learning-teams module, zh-CN first.
export const messages = {
  'zh-CN': {
    'team.not_found': '找不到该学习团队',
    'team.residents_only': '学习团队由居民创建和参加，请使用居民账号',
    'team.duplicate_name': '本社区已有同名的学习团队',
    'team.inactive': '该学习团队已停止活动',
    'team.already_member': '您已经是该团队成员',
    'team.already_requested': '您已申请加入，请等待团队负责人确认',
    'team.leader_only': '只有团队负责人可以执行此操作',
    'team.request_not_found': '找不到待处理的入队申请',
    'team.future_date': '活动日期不能晚于今天',
    'team.not_member': '出勤人员须是本团队成员',
  },
  en: {
    'team.not_found': 'Learning team not found',
    'team.residents_only': 'Learning teams are created and joined by residents; use a resident account',
    'team.duplicate_name': 'A learning team with this name already exists in this community',
    'team.inactive': 'This learning team is no longer active',
    'team.already_member': 'You are already a member of this team',
    'team.already_requested': 'You have asked to join; wait for the leader to confirm',
    'team.leader_only': 'Only the team leader can do this',
    'team.request_not_found': 'No pending request to join from this person',
    'team.future_date': 'The activity date cannot be later than today',
    'team.not_member': 'Everyone present must be a member of the team',
  },
};
