import { defineConfig } from 'vitest/config';

// Unit and property tests sit beside the code they test. The core, the share codec, the scenarios
// and the worker host all run in plain Node: none of them may need a DOM.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tools/**/*.test.ts'],
    environment: 'node',
    // The core's optional parts (KCL, Lambda), which the browser's worker loads per run, all
    // registered: tests build worlds directly (src/worker/parts.test.ts tests the loading itself).
    setupFiles: ['src/sim/parts/all.ts'],
    testTimeout: 30_000,
  },
});
