// Console strings for verifiable certificates: the issued list, issuing and revoking.
export const zh = {
  menu: { credentials: '证书签发与撤销' },
  credentials: {
    title: '可验证证书',
    intro: '本平台签发的结业证书、荣誉证书和学习成绩单（W3C 可验证凭证，开放徽章 3.0 格式，Ed25519 签名）。撤销后，任何人核验该证书都会看到“已撤销”。',
    kind: '类型', status: '状态', subject: '获得者', certTitle: '证书', issuedAt: '签发时间', validUntil: '有效期至', revokedAt: '撤销时间', reason: '撤销理由',
    searchPlaceholder: '按获得者或证书名称查询',
    issue: '签发证书', issueKind: '证书类型', commendation: '表彰记录', commendationHint: '本辖区内尚未签发证书的表彰',
    noCandidates: '没有待签发证书的表彰记录', resident: '居民', residentHint: '输入姓名或手机号查找居民', noResident: '没有找到该居民（只能查找本辖区的居民）', validUntilHint: '不填则长期有效',
    issued: '证书已签发', revoke: '撤销', revokeTitle: '撤销证书：{title}', revokeHint: '撤销会记入审计日志，理由只对工作人员可见。', revoked: '证书已撤销',
    verify: '核验页', json: 'JSON',
  },
  credentialKinds: { completion: '结业证书', award: '荣誉证书', transcript: '学习成绩单' },
  credentialStatus: { valid: '有效', revoked: '已撤销', expired: '已过期' },
};

export const en = {
  menu: { credentials: 'Certificates' },
  credentials: {
    title: 'Verifiable certificates',
    intro: 'Completion certificates, award certificates and learning transcripts issued by this platform (W3C Verifiable Credentials in the Open Badges 3.0 format, signed with Ed25519). Once revoked, anyone who verifies the certificate sees "revoked".',
    kind: 'Type', status: 'Status', subject: 'Awarded to', certTitle: 'Certificate', issuedAt: 'Issued', validUntil: 'Valid until', revokedAt: 'Revoked', reason: 'Reason for revoking',
    searchPlaceholder: 'Search by holder or certificate',
    issue: 'Issue a certificate', issueKind: 'Type of certificate', commendation: 'Commendation', commendationHint: 'Commendations in your regions without a certificate yet',
    noCandidates: 'No commendations waiting for a certificate', resident: 'Resident', residentHint: 'Type a name or phone number to find the resident', noResident: 'No resident found (only residents of your regions can be found)', validUntilHint: 'Leave empty for no expiry',
    issued: 'The certificate has been issued', revoke: 'Revoke', revokeTitle: 'Revoke: {title}', revokeHint: 'Revoking is recorded in the audit log; the reason is visible to staff only.', revoked: 'The certificate has been revoked',
    verify: 'Verify page', json: 'JSON',
  },
  credentialKinds: { completion: 'Completion certificate', award: 'Award certificate', transcript: 'Learning transcript' },
  credentialStatus: { valid: 'Valid', revoked: 'Revoked', expired: 'Expired' },
};
