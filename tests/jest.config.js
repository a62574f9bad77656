import { jestConfig } from '../jest.preset.js';

// One API and one database for the whole run (see src/support/global-setup.ts): run files in band.
export default jestConfig({
  maxWorkers: 1,
  testTimeout: 60_000,
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/global-teardown.ts',
});
