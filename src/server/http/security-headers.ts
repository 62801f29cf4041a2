// Headers every answer carries so a browser limits the damage of a flaw elsewhere: scripts only from the
// platform itself, no framing (clickjacking), no MIME sniffing, no full URLs leaked to other sites, HTTPS
// pinned once reached over TLS, and nothing personal kept in a browser's or a proxy's cache.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The built apps load only their own scripts. Styles allow inline because Element Plus and Vue's style
 * bindings set style attributes; images allow data: (inline SVG icons, QR codes) and blob: (previews);
 * downloads build blob: URLs. Everything else, including plugins and being framed, is refused.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Answers that may carry personal data: every API answer except the public catalogue (made cacheable
 * with ETags), the xAPI learning record store, and anything that sets or clears a session cookie.
 */
function mayBePersonal(request: FastifyRequest, reply: FastifyReply): boolean {
  const path = request.url.split('?')[0];
  if (reply.hasHeader('set-cookie')) return true;
  if (path === '/xapi' || path.startsWith('/xapi/')) return true;
  return path.startsWith('/api/') && !path.startsWith('/api/catalog/');
}

/** Sets the headers on one answer; the hook below does it for all, the bad-URL answer calls it itself. */
export function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply) {
  // The API documentation page brings its own policy (hashes for its inline scripts).
  if (!reply.hasHeader('content-security-policy')) reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('X-Frame-Options', 'DENY');
  reply.header('Referrer-Policy', 'same-origin');
  // Only over TLS: a browser ignores HSTS on plain HTTP, and a test or intranet install on plain HTTP
  // must not be told to pin HTTPS. `protocol` follows X-Forwarded-Proto only from trusted proxies.
  if (request.protocol === 'https') reply.header('Strict-Transport-Security', HSTS);
  if (mayBePersonal(request, reply) && !reply.hasHeader('cache-control')) reply.header('Cache-Control', 'no-store');
}

export function addSecurityHeaders(app: FastifyInstance<any, any, any, any, any>) {
  app.addHook('onSend', async (request, reply, payload) => {
    setSecurityHeaders(request, reply);
    return payload;
  });
}
