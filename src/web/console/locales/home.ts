// Console strings for each role's home: the to-do counts and the shortcuts into its work.
export const zh = {
  home: {
    title: '工作台首页', greeting: '{name}，您好', todo: '待办事项', todoHint: '数字为当前辖区内等待您处理的数量，点击进入对应列表。',
    nothing: '暂无待办', count: '{n} 项', shortcuts: '常用功能', loadFailed: '待办数量加载失败', open: '去处理',
  },
  work: {
    recognitions: '待审核的学分认定申请', conversions: '待审核的学分转换申请', bookings: '待审批的场地预约', vetting: '待审核的师资',
    formsDue: '待填报的报表', formsReturned: '被退回待修改的报表', formsToReview: '待审核的填报', classesStarting: '7 天内开课的班级与活动',
    tasksOverdue: '已逾期的治理任务', tasksOpen: '进行中的治理任务', lotteryToDraw: '待开奖的摇号', objections: '待处理的公示异议',
  },
};
export const en = {
  home: {
    title: 'Home', greeting: 'Hello, {name}', todo: 'To do', todoHint: 'How many items in your regions wait for you; open one to go to its list.',
    nothing: 'Nothing to do', count: '1 item | {n} items', shortcuts: 'Shortcuts', loadFailed: 'Could not load the to-do counts', open: 'Open',
  },
  work: {
    recognitions: 'Recognition applications to review', conversions: 'Conversion applications to review', bookings: 'Venue bookings to decide',
    vetting: 'Instructors to vet', formsDue: 'Reports to fill in', formsReturned: 'Reports returned for correction', formsToReview: 'Submitted reports to review',
    classesStarting: 'Classes and events starting within 7 days', tasksOverdue: 'Overdue governance tasks', tasksOpen: 'Open governance tasks',
    lotteryToDraw: 'Lotteries waiting to be drawn', objections: 'Open objections to public notices',
  },
};
