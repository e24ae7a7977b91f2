// Integration tests wait on real servers; performance is measured by `npm run bench`, not here.
jest.setTimeout(180_000);
