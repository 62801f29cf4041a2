// Strings of the printable annual report page: its toolbar and the editing of problems and priorities.
// The report's own words come from the server, written whole in the page's language.
export const zh = {
  report: {
    toolbar: '报告操作', print: '打印 / 另存为 PDF', word: '下载 Word 版', edit: '编辑', save: '保存', cancel: '取消', revert: '恢复为自动起草的文本',
    drafted: '根据未达标的指标自动起草，导出前可编辑。', edited: '已由工作人员编辑（{time}），导出的报告使用编辑后的文本。', saved: '已保存，导出的报告将使用编辑后的文本。',
    reverted: '已恢复为自动起草的文本。', required: '请填写内容', editLabel: '编辑“{name}”', figure: '图{n}', year: '年度', noteLines: '每行一条。',
    revertConfirm: '放弃编辑，恢复为自动起草的文本？', dataAsOf: '数据截至{date}',
  },
};
export const en = {
  report: {
    toolbar: 'Report actions', print: 'Print / save as PDF', word: 'Download as Word', edit: 'Edit', save: 'Save', cancel: 'Cancel', revert: 'Go back to the drafted text',
    drafted: 'Drafted from the indicators that fell short; edit it before export.', edited: 'Edited by staff ({time}); the exported report uses the edited text.', saved: 'Saved: the exported report will use the edited text.',
    reverted: 'Back to the drafted text.', required: 'Please write something', editLabel: 'Edit "{name}"', figure: 'Figure {n}', year: 'Year', noteLines: 'One item per line.',
    revertConfirm: 'Discard the edits and go back to the drafted text?', dataAsOf: 'Figures as computed on {date}',
  },
};
