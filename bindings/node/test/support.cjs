'use strict';
// Paths shared by the tests: the repository's conformance rule sets and cases.
const path = require('node:path');

// The source tree, for its rule sets: where these tests live, unless they were copied out of it to
// test an installed package (tests/package/40-npm_check.sh names it in $ARDENT_SOURCE_DIR).
const REPO = process.env.ARDENT_SOURCE_DIR || path.resolve(__dirname, '..', '..', '..');
const CONFORMANCE = path.join(REPO, 'tests', 'conformance');
const MINI_HIP = path.join(CONFORMANCE, 'rules', 'mini_hip.ard');

// Enough findings to fire the classic overload rule of mini_hip.
const OVERLOAD = Object.freeze({ central_buttock: true, pain_peak: 'day_after', side_lying: true });

module.exports = { REPO, CONFORMANCE, MINI_HIP, OVERLOAD };
