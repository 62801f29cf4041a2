// The residents' course pages: browse, course detail, and the resource player.
export const zh = {
  courses: {
    title: '课程', navLink: '课程', heading: '找课程', featured: '精品课程', all: '全部课程', search: '搜索课程', searchPlaceholder: '例如：书法、太极、手机',
    searchButton: '搜索', category: '类别', mode: '形式', targetGroup: '适合人群', any: '不限', hours: '{n} 学时', online: '可在线学习', empty: '没有找到符合条件的课程，换个关键词试试。',
    loadMore: '加载更多', count: '共 {n} 门课程', loadFailed: '课程加载失败，请稍后重试。', retry: '重试', provider: '提供单位', syllabus: '教学大纲', resources: '在线学习资源',
    noResources: '这门课程暂时没有在线学习资源。', open: '开始学习', continue: '继续学习', completed: '已学完', watchedTo: '上次学到 {time}', back: '返回课程列表',
    backToCourse: '返回课程', player: '学习', resumeAt: '将从 {time} 继续播放', saved: '学习进度已保存', saveFailed: '进度暂未保存，将稍后重试', loginToSave: '登录后可保存学习进度，下次接着学。',
    login: '登录', openDocument: '打开文档', openLink: '打开链接', continueHeading: '接着学', progress: '已学 {p}%', notFound: '找不到这门课程。',
    modes: { offline: '线下', online: '线上', blended: '线上线下' },
    kinds: { video: '视频', audio: '音频', document: '文档', link: '链接' },
    groups: { elderly: '老年人', youth: '青少年', children: '儿童', family: '家庭', workers: '职工', farmers: '农民', new_citizens: '新市民', disabled: '残疾人', women: '妇女', general: '社会公众' },
  },
};
export const en: typeof zh = {
  courses: {
    title: 'Courses', navLink: 'Courses', heading: 'Find a course', featured: 'Featured courses', all: 'All courses', search: 'Search courses', searchPlaceholder: 'e.g. calligraphy, tai chi, phone',
    searchButton: 'Search', category: 'Category', mode: 'Mode', targetGroup: 'For', any: 'Any', hours: '1 hour | {n} hours', online: 'Online learning', empty: 'No courses found. Try another word.',
    loadMore: 'Show more', count: '1 course | {n} courses', loadFailed: 'Courses could not be loaded. Please try again.', retry: 'Try again', provider: 'Offered by', syllabus: 'Syllabus', resources: 'Online learning',
    noResources: 'This course has no online resources yet.', open: 'Start', continue: 'Continue', completed: 'Finished', watchedTo: 'Last at {time}', back: 'Back to courses',
    backToCourse: 'Back to the course', player: 'Learn', resumeAt: 'Resumes at {time}', saved: 'Progress saved', saveFailed: 'Progress not saved yet; will retry', loginToSave: 'Sign in to keep your progress and continue next time.',
    login: 'Sign in', openDocument: 'Open the document', openLink: 'Open the link', continueHeading: 'Continue learning', progress: '{p}% done', notFound: 'Course not found.',
    modes: { offline: 'In person', online: 'Online', blended: 'Blended' },
    kinds: { video: 'Video', audio: 'Audio', document: 'Document', link: 'Link' },
    groups: { elderly: 'Older people', youth: 'Young people', children: 'Children', family: 'Families', workers: 'Workers', farmers: 'Farmers', new_citizens: 'New citizens', disabled: 'Disabled people', women: 'Women', general: 'Everyone' },
  },
};
