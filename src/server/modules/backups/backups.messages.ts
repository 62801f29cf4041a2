export const messages = {
  'zh-CN': {
    'backup.running': '正在备份，请等这次备份完成后再试',
  },
  en: {
    'backup.running': 'A backup is already being taken; try again when it has finished.',
  },
};
