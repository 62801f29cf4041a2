export const messages = {
  'zh-CN': {
    'xapi.bad_request': '请求不符合 xAPI 规范',
    'xapi.unauthenticated': '请使用合作平台的密钥（HTTP Basic）访问学习记录库',
    'xapi.forbidden': '该合作平台没有此操作的权限',
    'xapi.not_found': '找不到该记录',
    'xapi.statement_conflict': '已存在相同编号但内容不同的学习记录（记录一经保存不可更改）',
    'xapi.precondition_required': '该文档已存在，请带上 If-Match 或 If-None-Match',
    'xapi.precondition_failed': '文档已被修改（ETag 不匹配）',
  },
  en: {
    'xapi.bad_request': 'The request does not follow the xAPI specification.',
    'xapi.unauthenticated': 'Use the partner platform’s key and secret (HTTP Basic) for the learning record store.',
    'xapi.forbidden': 'This partner platform’s scopes do not allow this request.',
    'xapi.not_found': 'Record not found.',
    'xapi.statement_conflict': 'A statement with this id is already stored with different content (statements cannot change).',
    'xapi.precondition_required': 'The document exists; send If-Match or If-None-Match.',
    'xapi.precondition_failed': 'The document has changed (ETag does not match).',
  },
};
