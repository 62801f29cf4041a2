// The passwords test platforms start with, apart from the server's modules: the browser tests read them without
// importing the server (which cost each browser file seconds of CPU for two strings).
export { DEMO_PASSWORD } from '../../src/server/modules/demo/demo-password';
export const ADMIN_PASSWORD = 'Admin#2026pass';
