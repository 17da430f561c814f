/*
 * The build page's card: fills every .puppet-card[data-summary] from the JSON its summary.jelly embeds (the action's
 * getSummaryJson: totals over every puppetDeploy call, one line per call) with links to the report.
 */
(function () {
  'use strict';
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function seconds(ms) { return (ms / 1000).toFixed(1) + ' s'; }

  function render(card) {
    var s = JSON.parse(card.getAttribute('data-summary'));
    var report = card.getAttribute('data-report-url');
    var cards = [[s.executed, 'executed'], [s.cached, 'cached'], [s.failed, 'failed'], [s.skipped, 'skipped'],
                 [Math.round(s.cacheHitRate * 100) + '%', 'cache hit rate'], [seconds(s.savedMillis), 'time saved'],
                 [seconds(s.wallMillis), 'wall time']];
    var calls = s.sections.length > 1
      ? '<ol>' + s.sections.map(function (c) {
          return '<li><a href="' + esc(report) + '?section=' + c.section + '">' + esc(c.manifest) + '</a>: '
            + c.executed + ' executed, ' + c.cached + ' cached, ' + c.failed + ' failed, ' + c.skipped + ' skipped</li>';
        }).join('') + '</ol>'
      : '';
    card.innerHTML = '<h2>Service Catalog puppet</h2><div class="cards">' + cards.map(function (c) {
        return '<div class="card" data-card="' + c[1] + '"><div class="n">' + esc(String(c[0]))
          + '</div><div class="l">' + c[1] + '</div></div>';
      }).join('') + '</div><a class="report-link" href="' + esc(report) + '">Per-task report</a>' + calls;
    card.setAttribute('data-ready', 'true');
  }

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('.puppet-card[data-summary]'), render);
  });
})();
