// The privacy notice's version, kept free of zod so the portal's public page can import it cheaply.

/** The version of the record of processing shown at /privacy; registration records which one was accepted. */
export const PRIVACY_NOTICE_VERSION = '2026-12';
