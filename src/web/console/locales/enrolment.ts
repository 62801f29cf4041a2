// Console strings for the enrolment list of an offering.
export const zh = {
  enrolmentsAdmin: {
    tab: '报名名单', seats: '已占名额 {taken} / {capacity}', name: '姓名', phone: '手机', age: '年龄', proxy: '代报人', fee: '费用', createdAt: '报名时间',
    searchPlaceholder: '姓名或手机号', export: '导出 Excel', approve: '通过', reject: '不通过', cancel: '取消报名', recordFee: '登记费用',
    approved: '已通过', rejected: '已标记为不通过', cancelled: '已取消该报名', feeSaved: '费用已登记', offerUntil: '保留至 {at}',
    reason: '原因（必填）', feeKind: '登记类型', amountYuan: '金额（元）', reference: '收据或流水号', note: '备注', waiverReason: '减免原因（必填）',
    status: { pending: '待审核', enrolled: '已报名', waitlisted: '候补', offered: '名额待确认', cancelled: '已取消', rejected: '未通过', completed: '已结业' },
    feeStatus: { none: '未登记', paid: '已缴费', waived: '已减免' },
    dialog: { reject: '不通过：{name}', cancel: '取消报名：{name}', fee: '登记费用：{name}' },
  },
};

export const en: typeof zh = {
  enrolmentsAdmin: {
    tab: 'Enrolments', seats: 'Places taken {taken} / {capacity}', name: 'Name', phone: 'Phone', age: 'Age', proxy: 'Proxy', fee: 'Fee', createdAt: 'Enrolled at',
    searchPlaceholder: 'Name or phone', export: 'Export to Excel', approve: 'Approve', reject: 'Reject', cancel: 'Cancel enrolment', recordFee: 'Record fee',
    approved: 'Approved', rejected: 'Rejected', cancelled: 'Enrolment cancelled', feeSaved: 'Fee recorded', offerUntil: 'Held until {at}',
    reason: 'Reason (required)', feeKind: 'Type', amountYuan: 'Amount (yuan)', reference: 'Receipt or transaction number', note: 'Note', waiverReason: 'Reason for the waiver (required)',
    status: { pending: 'Pending', enrolled: 'Enrolled', waitlisted: 'Waitlisted', offered: 'Place held', cancelled: 'Cancelled', rejected: 'Rejected', completed: 'Completed' },
    feeStatus: { none: 'Not recorded', paid: 'Paid', waived: 'Waived' },
    dialog: { reject: 'Reject: {name}', cancel: 'Cancel enrolment: {name}', fee: 'Record fee: {name}' },
  },
};
