import { jestConfig } from '../../jest.preset.js';
// The documents library gets its renderers (and their tests) with the documents issue.
export default jestConfig({ passWithNoTests: true });
