/*
 * Test-only: loaded first by every page the browser tests serve (ReportServer adds it), it records each
 * Content-Security-Policy violation, so a test can assert there was none. A file, not an inline script, so the
 * policy under test needs no exception for it.
 */
(function () {
  'use strict';
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', function (e) {
    window.__cspViolations.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at '
      + e.sourceFile + ':' + e.lineNumber + ' ' + (e.sample || ''));
  });
})();
