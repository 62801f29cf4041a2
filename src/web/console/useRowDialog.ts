// Which row a list page's create/edit dialog is open for (null: a new one), and whether its import dialog is open.
import { ref } from 'vue';

export function useRowDialog<Row extends { id: string }>() {
  const dialogOpen = ref(false);
  const editingId = ref<string | null>(null);
  const importOpen = ref(false);
  function openCreate() {
    editingId.value = null;
    dialogOpen.value = true;
  }
  function openEdit(row: Row) {
    editingId.value = row.id;
    dialogOpen.value = true;
  }
  function openImport() {
    importOpen.value = true;
  }
  return { dialogOpen, editingId, importOpen, openCreate, openEdit, openImport };
}
