/**
 * The drill suite (`npm run drills`, `npm run drills:slow`): test/drills/**\/*.drill-spec.ts, with the same real
 * PostgreSQL and Temporal dev server as the integration tier (its global setup), but apart from `npm test`:
 * the drills kill and restart processes and take minutes.
 */
const base = require('./jest.config.js');

const integration = base.projects.find((p) => p.displayName === 'integration');

module.exports = {
  ...integration,
  displayName: 'drills',
  testMatch: ['<rootDir>/test/drills/**/*.drill-spec.ts'],
};
