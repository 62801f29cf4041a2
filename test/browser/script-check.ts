// Both languages, checked on the screen: the interface's own words must be in the page's language. Names
// and data (a course title, a person, a place, an address) may be in either, and the components mark them
// with the standard `translate="no"` attribute (what a translation tool must leave alone is exactly what is
// not interface text); words written in another language on purpose (the language switch's "中文") carry
// their own `lang`. Neither is a list of strings in this test.
import type { Page } from 'playwright-core';

export type Locale = 'zh-CN' | 'en';

/** Words that stay as they are on Chinese screens: formats, standards and units the officers and residents use. */
const LATIN_ALLOWED =
  /^(Excel|xlsx|JSON|QR|ID|PDF|API|xAPI|SSO|OIDC|LRS|CLR|URL|IP|CSV|SMS|Webhook|HMAC|VC|DID|W3C|Open|Badges|Word|ASCII|AM|PM|km|kg|No|SHA|UTF|HTTPS?|JCS|RFC|ISO|PNG|JPE?G|App)$/i;
const HAN = /[\u3400-\u9fff]/;
/** Full-width punctuation (：（）、，。…) belongs to Chinese text. */
const FULL_WIDTH = /[\u3000-\u303f\uff01-\uff5e]/;
/** A half-width colon or bracket glued to a Chinese character: English punctuation spliced into Chinese. */
const HALF_WIDTH_IN_HAN = /[\u3400-\u9fff][:()]|[()][\u3400-\u9fff]/;

export interface ScreenTextOptions {
  /** Read only these elements' text (the console's chrome); by default every visible text on the page. */
  selectors?: string[];
  /** Regions left out entirely (e.g. a data table's body). */
  skip?: string;
}

/**
 * The visible interface text of the page as "where|text" lines: text nodes (or the chosen elements'
 * text), placeholders, accessible names given as attributes, image alternatives and the document title,
 * without anything inside `[translate="no"]` or inside an element whose `lang` is not the page's.
 */
export async function screenText(page: Page, options: ScreenTextOptions = {}): Promise<string[]> {
  return page.evaluate(
    ({ selectors, skip }) => {
      const pageLang = document.documentElement.lang;
      const excluded = (el: Element | null) => {
        if (!el) return true;
        if (el.closest('[translate="no"], script, style, noscript, template')) return true;
        if (skip && el.closest(skip)) return true;
        const langEl = el.closest('[lang]');
        return !!langEl && langEl !== document.documentElement && langEl.getAttribute('lang') !== pageLang;
      };
      const visible = (el: HTMLElement) => {
        if (!el.offsetParent && getComputedStyle(el).position !== 'fixed') return false;
        const style = getComputedStyle(el);
        return style.visibility !== 'hidden' && style.display !== 'none';
      };
      const where = (el: Element) => `${el.tagName.toLowerCase()}${el.classList.length ? '.' + el.classList[0] : ''}`;
      /** An element's own interface text: its text nodes outside data and other languages. */
      const textOf = (root: Element) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let text = '';
        for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!excluded(n.parentElement)) text += n.nodeValue;
        return text.replace(/\s+/g, ' ').trim();
      };
      const out: string[] = [];
      if (selectors) {
        for (const el of document.querySelectorAll<HTMLElement>(selectors.join(','))) {
          if (excluded(el) || !visible(el)) continue;
          const text = textOf(el);
          if (text) out.push(`${where(el)}|${text}`);
        }
      } else {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement!;
          const text = (n.nodeValue ?? '').replace(/\s+/g, ' ').trim();
          if (!text || excluded(el) || !visible(el)) continue;
          // A sentence split by a data value is read with its neighbours, so "低于" + "Gongshu standards" is one line.
          out.push(`${where(el)}|${textOf(el.closest('p, li, dd, dt, h1, h2, h3, h4, label, button, a, th, td, span') ?? el) || text}`);
        }
      }
      for (const el of document.querySelectorAll<HTMLElement>('[placeholder], [aria-label], img[alt], [title]')) {
        if (excluded(el) || (!visible(el) && !el.matches('input, textarea, select'))) continue;
        for (const attr of ['placeholder', 'aria-label', 'alt', 'title']) {
          const v = el.getAttribute(attr)?.trim();
          if (v && !(attr === 'title' && el.matches('svg *'))) out.push(`${where(el)}[${attr}]|${v}`);
        }
      }
      if (document.title) out.push(`title|${document.title}`);
      return [...new Set(out)];
    },
    { selectors: options.selectors, skip: options.skip },
  );
}

/** The lines of wrongScript's input that are written in the other language, after removing the given names. */
export function wrongScript(texts: string[], locale: Locale, allowedNames: string[] = []): string[] {
  const bad: string[] = [];
  for (const raw of texts) {
    let text = raw.slice(raw.indexOf('|') + 1);
    for (const n of allowedNames) text = text.split(n).join('');
    if (locale === 'en') {
      if (HAN.test(text) || FULL_WIDTH.test(text)) bad.push(raw);
    } else {
      const words = text.match(/[A-Za-z]{2,}/g) ?? [];
      if (words.some((w) => !LATIN_ALLOWED.test(w)) || HALF_WIDTH_IN_HAN.test(text)) bad.push(raw);
    }
  }
  return [...new Set(bad)];
}
