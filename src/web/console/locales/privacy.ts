// Console strings for the link to the personal information processing rules (the portal's /privacy page).
export const zh = { privacyLink: { label: '个人信息处理规则' } };
export const en: typeof zh = { privacyLink: { label: 'Personal information processing rules' } };
