import { jestConfig } from '../../jest.preset.js';

export default jestConfig({
  maxWorkers: 2,
  testTimeout: 30000,
  globalSetup: '<rootDir>/src/__tests__/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/__tests__/support/global-teardown.ts',
});
