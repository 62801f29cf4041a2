// Files uploaded one by one through the files module for a form that sends their ids (evidence in the console and
// on the portal): what was uploaded, whether an upload is under way, and what went wrong.
import { ref, type Ref } from 'vue';
import { apiPost, type Answer } from './api';

type Uploaded = Answer<'/api/files', 'post'>;

export function useFileUploads(o: {
  /** The files module's purpose for each chosen file. */
  purposeOf: (file: File) => 'image' | 'evidence';
  /** What a failed upload says, in the app's own words. */
  errorText: (e: unknown) => string;
  /** The ids the form sends (its v-model): each upload adds its file's id, each removal drops it. */
  ids: Ref<string[]>;
}) {
  const files = ref<Uploaded[]>([]);
  const busy = ref(false);
  const error = ref('');

  /** The file input's change: uploads each chosen file, then clears the input so the same file may be chosen again. */
  async function choose(event: Event) {
    const input = event.target as HTMLInputElement;
    error.value = '';
    busy.value = true;
    try {
      for (const file of Array.from(input.files ?? [])) {
        const form = new FormData();
        form.append('purpose', o.purposeOf(file));
        form.append('file', file);
        files.value.push(await apiPost('/api/files', { body: form }));
      }
      o.ids.value = [...o.ids.value, ...files.value.map((f) => f.id).filter((id) => !o.ids.value.includes(id))];
    } catch (e) {
      error.value = o.errorText(e);
    } finally {
      busy.value = false;
      input.value = '';
    }
  }

  /** Forgets an uploaded file, and the form drops its id. */
  function remove(id: string) {
    files.value = files.value.filter((f) => f.id !== id);
    o.ids.value = o.ids.value.filter((x) => x !== id);
  }

  return { files, busy, error, choose, remove };
}
