// The browser tests' platforms run the compiled server, as production does (test/support/compiled-server.ts).
import { ensureCompiledServer } from '../support/compiled-server';

export default ensureCompiledServer;
