// Helpers for reading pages aloud and searching by voice with the browser's own speech services.

/** The BCP 47 tag speech engines expect for the portal's language. */
export const speechLang = (locale: string) => (locale === 'en' ? 'en-US' : 'zh-CN');

/** The text a listener needs: without buttons, navigation, hidden parts or the read-aloud control itself. */
export function readableText(root: HTMLElement): string {
  const copy = root.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('button, nav, script, style, [aria-hidden="true"], .visually-hidden, [data-no-read]').forEach((el) => el.remove());
  // Block elements end a phrase: keep a pause between them rather than running words together.
  copy.querySelectorAll('h1, h2, h3, h4, p, li, dt, dd, section, article, div').forEach((el) => el.append('\n'));
  return (copy.textContent ?? '')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/**
 * Long utterances stop midway in some browsers (Chrome after about 15 s): speak sentence by sentence,
 * in pieces of at most `max` characters.
 */
export function splitForSpeech(text: string, max = 160): string[] {
  const sentences = text
    .split(/(?<=[。！？；.!?;\n])/)
    .map((s) => s.trim())
    .filter(Boolean);
  const out: string[] = [];
  for (const s of sentences) {
    for (let i = 0; i < s.length; i += max) out.push(s.slice(i, i + max));
  }
  return out;
}

interface RecognitionLike {
  lang: string;
  interimResults: boolean;
  maxAlternatives: number;
  onresult: ((e: { results: ArrayLike<ArrayLike<{ transcript: string }>> }) => void) | null;
  onerror: ((e: unknown) => void) | null;
  onend: (() => void) | null;
  start(): void;
  stop(): void;
}
type RecognitionCtor = new () => RecognitionLike;

/** The browser's speech recognition, where it offers one (Chrome and Safari name it with a prefix). */
export function speechRecognition(): RecognitionCtor | null {
  if (typeof window === 'undefined') return null;
  const w = window as unknown as { SpeechRecognition?: RecognitionCtor; webkitSpeechRecognition?: RecognitionCtor };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition ?? null;
}
