// A reason asked for in a message box before an action that needs one (suspending an instructor, rejecting a
// booking, cancelling a class or a lottery round), checked with the body schema of the route it is sent to, so
// the box says what the API would answer.
import { ElMessageBox } from 'element-plus';
import type { z } from 'zod';
import { formErrors } from '../shared/form-errors';

export interface ReasonPrompt {
  message: string;
  title: string;
  /** The route's body schema, and the body the reason would be sent in. */
  schema: z.ZodType;
  body: (reason: string) => unknown;
  confirmText: string;
  cancelText: string;
  placeholder?: string;
}

/** The reason given, trimmed, or null when the box was closed. */
export async function promptReason(p: ReasonPrompt): Promise<string | null> {
  try {
    const { value } = await ElMessageBox.prompt(p.message, p.title, {
      confirmButtonText: p.confirmText,
      cancelButtonText: p.cancelText,
      inputPlaceholder: p.placeholder,
      inputValidator: (v) => formErrors(p.schema, p.body(v ?? '')).reason ?? true,
    });
    return value.trim();
  } catch {
    return null;
  }
}
