// The demo staff's and residents' password, in a module of its own so that the browser tests can read it without
// importing the server.
export const DEMO_PASSWORD = 'Demo#2026';
