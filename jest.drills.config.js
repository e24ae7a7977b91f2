/**
 * The drill suite (`npm run drills`, `npm run drills:slow`): test/drills/**\/*.drill-spec.ts, with the same real
 * PostgreSQL as the integration tier (its global setup, with the Temporal server instead of the dev server), run after jest:
 * the drills kill and restart processes and take minutes.
 */
const base = require('./jest.config.js');

// The drills run on the production engine: the Temporal server on PostgreSQL (issue 10). The global setup reads this
// (jest runs it in this process); KP_TEST_TEMPORAL_MODE=dev runs them on the dev server instead.
process.env.KP_TEST_TEMPORAL_MODE ??= 'server';

const integration = base.projects.find((p) => p.displayName === 'integration');

module.exports = {
  ...integration,
  displayName: 'drills',
  testMatch: ['<rootDir>/test/drills/**/*.drill-spec.ts'],
};
