export const messages = {
  'zh-CN': {
    'file.not_found': '找不到该文件',
    'file.type_not_allowed': '此处不能上传这种类型的文件',
    'file.content_mismatch': '文件内容与其类型不符（例如把其他文件改了扩展名），请上传真实的文件',
    'file.empty': '文件是空的',
    'file.too_large': '文件太大，不能超过 {mb} MB',
    'file.already_attached': '该文件已用于其他内容，请重新上传',
    'file.wrong_purpose': '该文件的用途不符合要求',
    'file.quota_unattached': '您已上传但尚未使用的文件合计不能超过 {mb} MB。请先在表单中使用这些文件；未使用的文件会在 {hours} 小时后自动清理',
    'file.quota_total': '您上传的文件合计不能超过 {mb} MB，不能再上传',
  },
  en: {
    'file.not_found': 'File not found.',
    'file.type_not_allowed': 'This type of file cannot be uploaded here.',
    'file.content_mismatch': 'The file’s content does not match its type (for example a renamed file). Upload the real file.',
    'file.empty': 'The file is empty.',
    'file.too_large': 'The file is too large; the limit is {mb} MB.',
    'file.already_attached': 'This file is already used elsewhere; upload it again.',
    'file.wrong_purpose': 'This file was uploaded for a different purpose.',
    'file.quota_unattached':
      'Files you uploaded but have not used yet may total at most {mb} MB. Use them in a form first; unused files are cleared automatically after {hours} hours.',
    'file.quota_total': 'Your uploads may total at most {mb} MB; you cannot upload more.',
  },
};
