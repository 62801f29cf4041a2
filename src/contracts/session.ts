// Who is signed in, as the web apps ask on every load. Asking is not an error: a visitor gets
// `{ signedIn: false }` with 200, so anonymous pages make no failed request (and no red console line).
import { z } from 'zod';
import { ROLES } from './accounts';

export const sessionUser = z.object({
  id: z.string(),
  kind: z.enum(['staff', 'resident']),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES).nullable(),
  /** Staff: the regions or institutions they act in; residents: none. */
  scopes: z.array(
    z.object({
      regionCode: z.string().nullable(),
      regionName: z.string().nullable(),
      institutionId: z.string().nullable(),
      institutionName: z.string().nullable(),
    }),
  ),
  locale: z.enum(['zh-CN', 'en']),
  /** Signed in with a temporary password from the community desk: nothing but choosing a new one until then. */
  mustChangePassword: z.boolean().optional(),
});

export const sessionAnswer = z.discriminatedUnion('signedIn', [
  z.object({ signedIn: z.literal(false) }),
  z.object({ signedIn: z.literal(true), user: sessionUser }),
]);

export type SessionUser = z.infer<typeof sessionUser>;
export type SessionAnswer = z.infer<typeof sessionAnswer>;
