// A list's Excel workbooks: the import template, and the export of what the filters select, both in the console's
// language; a failed download is said in a message.
import { useI18n } from 'vue-i18n';
import { ElMessage } from 'element-plus';
import { withQuery } from '../shared/api';
import { currentLocale } from '../shared/locale';
import { download, errorText } from './util';

export function useWorkbook(o: {
  /** The list's route ('/api/courses'): the template and the export live below it. */
  base: string;
  /** The downloaded files' name: `${file}.xlsx`, `${file}-template.xlsx`. */
  file: string;
  /** The list's filters as it sends them. */
  query: () => Record<string, string | number | boolean | null | undefined>;
}) {
  const { t } = useI18n();
  async function save(url: string, name: string) {
    try {
      await download(url, name, currentLocale());
    } catch (e) {
      ElMessage.error(errorText(e, t));
    }
  }
  const getTemplate = () => save(`${o.base}/import-template.xlsx`, `${o.file}-template.xlsx`);
  /** The filters without the sort: the workbook keeps its own order. */
  function exportXlsx() {
    const { sort: _sort, ...filters } = o.query();
    return save(withQuery(`${o.base}/export.xlsx`, filters), `${o.file}.xlsx`);
  }
  return { getTemplate, exportXlsx };
}
