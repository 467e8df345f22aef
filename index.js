// Zapier's CommonJS wrapper loads this file; the app itself is compiled from index.ts into dist/.
module.exports = require('./dist/index').default;
