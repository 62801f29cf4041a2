// Pure rules of monitoring: formulas of derived indicators, thresholds and compliance, field-by-field
// validation of reported values, periods, and who may report or review.
import type { Actor } from '../../kernel/actor';
import { isWithin } from '../../kernel/region-code';
import type { FormField, StandardRule } from '../../../contracts/monitoring';

// ---- formulas ---------------------------------------------------------------------------------------

type Token = { t: 'num'; v: number } | { t: 'id'; v: string } | { t: 'op'; v: string };
export type Formula = { rpn: Token[]; inputs: string[] };

/** Parses `FUNDING / POP * 10000` into reverse Polish notation; throws a message key on bad syntax. */
export function parseFormula(text: string): Formula {
  const tokens: Token[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?)|([A-Z][A-Z0-9_]*)|([-+*/()]))/y;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) throw new Error('indicator.formula_invalid');
    pos = re.lastIndex;
    if (m[1]) tokens.push({ t: 'num', v: Number(m[1]) });
    else if (m[2]) tokens.push({ t: 'id', v: m[2] });
    else tokens.push({ t: 'op', v: m[3] });
  }
  const prec: Record<string, number> = { '+': 1, '-': 1, '*': 2, '/': 2 };
  const out: Token[] = [];
  const stack: string[] = [];
  let expectOperand = true;
  for (const tok of tokens) {
    if (tok.t !== 'op') {
      if (!expectOperand) throw new Error('indicator.formula_invalid');
      out.push(tok);
      expectOperand = false;
    } else if (tok.v === '(') {
      if (!expectOperand) throw new Error('indicator.formula_invalid');
      stack.push('(');
    } else if (tok.v === ')') {
      if (expectOperand) throw new Error('indicator.formula_invalid');
      while (stack.length && stack[stack.length - 1] !== '(') out.push({ t: 'op', v: stack.pop()! });
      if (!stack.pop()) throw new Error('indicator.formula_invalid');
    } else {
      if (expectOperand) throw new Error('indicator.formula_invalid');
      while (stack.length && stack[stack.length - 1] !== '(' && prec[stack[stack.length - 1]] >= prec[tok.v]) out.push({ t: 'op', v: stack.pop()! });
      stack.push(tok.v);
      expectOperand = true;
    }
  }
  if (expectOperand) throw new Error('indicator.formula_invalid');
  while (stack.length) {
    const op = stack.pop()!;
    if (op === '(') throw new Error('indicator.formula_invalid');
    out.push({ t: 'op', v: op });
  }
  return { rpn: out, inputs: [...new Set(tokens.filter((t) => t.t === 'id').map((t) => t.v as string))] };
}

/** Evaluates a parsed formula; null when an input is missing or a divisor is zero. */
export function evaluateFormula(f: Formula, inputs: (code: string) => number | null): number | null {
  const st: number[] = [];
  for (const tok of f.rpn) {
    if (tok.t === 'num') st.push(tok.v);
    else if (tok.t === 'id') {
      const v = inputs(tok.v);
      if (v === null || !Number.isFinite(v)) return null;
      st.push(v);
    } else {
      const b = st.pop()!;
      const a = st.pop()!;
      if (tok.v === '/' && b === 0) return null;
      st.push(tok.v === '+' ? a + b : tok.v === '-' ? a - b : tok.v === '*' ? a * b : a / b);
    }
  }
  return st[0] ?? null;
}

/** Orders indicator codes so every derived indicator comes after its inputs; throws on a cycle. */
export function computationOrder(defs: { code: string; inputs: string[] }[]): string[] {
  const byCode = new Map(defs.map((d) => [d.code, d]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const order: string[] = [];
  const visit = (code: string) => {
    if (done.has(code)) return;
    if (visiting.has(code)) throw new Error(`indicator.formula_cycle:${code}`);
    visiting.add(code);
    for (const i of byCode.get(code)?.inputs ?? []) if (byCode.has(i)) visit(i);
    visiting.delete(code);
    done.add(code);
    order.push(code);
  };
  for (const d of defs) visit(d.code);
  return order;
}

// ---- standards --------------------------------------------------------------------------------------

/** The threshold a rule sets for a region: a fixed value, or max(value, residents × perResidents). */
export function thresholdOf(rule: Pick<StandardRule, 'value' | 'perResidents'>, residents: number | null): { threshold: number; formula: string } {
  if (!rule.perResidents) return { threshold: rule.value, formula: String(rule.value) };
  if (residents === null) return { threshold: rule.value, formula: String(rule.value) };
  const scaled = Math.round(residents * rule.perResidents * 100) / 100;
  return { threshold: Math.max(rule.value, scaled), formula: `max(${rule.value}, ${scaled})` };
}

/** `partial`: the figure rests on incomplete reporting and is not judged. */
export type ComplianceStatus = 'meets' | 'below' | 'above' | 'no_data' | 'partial';

export function complianceOf(value: number | null, op: '>=' | '<=', threshold: number, decimals = 2): ComplianceStatus {
  if (value === null) return 'no_data';
  // Compared as shown: 3.995 shown as 4.00 meets a ≥ 4 standard the reader sees.
  const shown = Number(value.toFixed(decimals));
  if (op === '>=') return shown >= threshold ? 'meets' : 'below';
  return shown <= threshold ? 'meets' : 'above';
}

// ---- reported values --------------------------------------------------------------------------------

export type FieldError = { field: string; key: string; params?: Record<string, string | number> };

/** Checks every field and returns every error (never only the first). Values come typed: numbers or text. */
export function validateValues(
  fields: FormField[],
  raw: Record<string, unknown>,
): { values: Record<string, number | string | boolean | null>; errors: FieldError[] } {
  const values: Record<string, number | string | boolean | null> = {};
  const errors: FieldError[] = [];
  for (const f of fields) {
    let v = raw[f.key];
    if (typeof v === 'string') v = v.trim();
    if (v === undefined || v === null || v === '') {
      if (f.required) errors.push({ field: f.key, key: 'validation.required' });
      values[f.key] = null;
      continue;
    }
    if (f.type === 'integer' || f.type === 'number') {
      const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.replace(/,/g, '')) ? Number(v.replace(/,/g, '')) : NaN;
      if (!Number.isFinite(n)) {
        errors.push({ field: f.key, key: 'validation.number' });
        continue;
      }
      if (f.type === 'integer' && !Number.isInteger(n)) {
        errors.push({ field: f.key, key: 'validation.integer' });
        continue;
      }
      const min = f.min ?? 0; // counts, money and rates are never negative unless a template says so
      if (n < min) {
        errors.push({ field: f.key, key: 'validation.min', params: { min } });
        continue;
      }
      if (f.max !== null && f.max !== undefined && n > f.max) {
        errors.push({ field: f.key, key: 'validation.max', params: { max: f.max } });
        continue;
      }
      values[f.key] = n;
    } else if (f.type === 'boolean') {
      const b =
        v === true || v === 'true' || v === '是' || v === 1 || v === '1'
          ? true
          : v === false || v === 'false' || v === '否' || v === 0 || v === '0'
            ? false
            : null;
      if (b === null) {
        errors.push({ field: f.key, key: 'validation.one_of', params: { values: '是, 否' } });
        continue;
      }
      values[f.key] = b;
    } else {
      const s = String(v);
      if (s.length > 2000) {
        errors.push({ field: f.key, key: 'validation.too_long', params: { max: 2000 } });
        continue;
      }
      values[f.key] = s;
    }
  }
  return { values, errors };
}

/** The year a period belongs to (2026, 2026Q3, 2026H1, 2026M07 → 2026). */
export const yearOf = (period: string) => Number(period.slice(0, 4));

// ---- who may do what --------------------------------------------------------------------------------

/** Templates, tasks, reviews, definitions: administrators of the owning region. */
export function canAdministerMonitoring(actor: Actor, regionCode: string): boolean {
  if (actor.role === 'system_admin') return true;
  return actor.role === 'region_admin' && isWithin(regionCode, actor.regionCodes);
}

/** Filling a form: the unit itself (its region's administrators, or the institution's staff). */
export function canReport(actor: Actor, a: { regionCode: string; institutionId: string | null }): boolean {
  if (actor.role === 'system_admin') return true;
  if (a.institutionId && actor.institutions.some((i) => i.id === a.institutionId)) return true;
  return actor.role === 'region_admin' && isWithin(a.regionCode, actor.regionCodes);
}

/** Edits of the shared catalogue (definitions and standard sets): system and district-level admins. */
export function canEditCatalogue(actor: Actor): boolean {
  return actor.role === 'system_admin' || (actor.role === 'region_admin' && actor.regionCodes.some((c) => c.length <= 6));
}

/** Submitted on time: the first submission at or before the deadline. */
export function isOnTime(firstSubmittedAt: Date | null, deadline: Date): boolean {
  return firstSubmittedAt !== null && firstSubmittedAt.getTime() <= deadline.getTime();
}
