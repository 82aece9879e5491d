// Mocha root hook: loads the HCL parser (WebAssembly, asynchronous) once before any test parses a `.tf` file.
import { initHcl } from '../server/src/model/hcl';

export const mochaHooks = {
  async beforeAll(): Promise<void> {
    await initHcl();
  },
};
