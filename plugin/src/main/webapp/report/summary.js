/*
 * The build page's card: fills every .puppet-card[data-summary] from the JSON its summary.jelly embeds (the action's
 * getSummaryJson: totals over every puppetDeploy call, one line per call, the top miss reasons) with links to the
 * report.
 *
 * The numbers and manifest names started in the agent's report: each is written with textContent, never as HTML.
 */
(function () {
  'use strict';
  var dom = window.scpuppetDom, h = dom.h, add = dom.add, text = dom.text, reasonText = dom.reason;

  function isNumber(v) { return typeof v === 'number' && isFinite(v); }

  function seconds(v) { return isNumber(v) ? (v / 1000).toFixed(1) + ' s' : text(v); }

  function percent(v) { return isNumber(v) ? Math.round(v * 100) + '%' : text(v); }

  /* Only http(s) links: a script or data URL in the page's data never becomes a link. */
  function safeUrl(u) {
    try {
      var url = new URL(u, location.href);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  /* The link to one call's report: the section is a number or no link is made from it. */
  function sectionLink(report, c) {
    var n = c.section, href = report && safeUrl(report + '?section=' + n);
    if (!(typeof n === 'number' && n >= 1 && n === Math.floor(n)) || !href) { return h('span', '', text(c.manifest)); }
    var a = h('a', '', text(c.manifest));
    a.href = href;
    return a;
  }

  function calls(report, sections) {
    var ol = h('ol');
    sections.forEach(function (c) {
      c = c && typeof c === 'object' ? c : {};
      add(ol, add(h('li'), sectionLink(report, c), ': ' + text(c.executed) + ' executed, ' + text(c.cached)
        + ' cached, ' + text(c.failed) + ' failed, ' + text(c.skipped) + ' skipped'));
    });
    return ol;
  }

  /* Why tasks ran instead of being reused: the build's most common miss reasons (TopReasons), with counts. */
  function reasons(top) {
    var ul = h('ul');
    top.forEach(function (r) {
      r = r && typeof r === 'object' ? r : {};
      var li = add(h('li'), h('strong', '', reasonText(r.reason)), ': ' + text(r.tasks));
      li.setAttribute('data-reason', text(r.reason));
      ul.appendChild(li);
    });
    return add(h('div', 'reasons'), 'Why tasks ran: ', ul);
  }

  function render(card) {
    var s = JSON.parse(card.getAttribute('data-summary'));
    s = s && typeof s === 'object' ? s : {};
    var report = safeUrl(card.getAttribute('data-report-url') || '');
    var cards = [[s.executed, 'executed'], [s.cached, 'cached'], [s.failed, 'failed'], [s.skipped, 'skipped'],
                 [percent(s.cacheHitRate), 'cache hit rate'], [seconds(s.savedMillis), 'time saved'],
                 [seconds(s.wallMillis), 'wall time']];
    var box = h('div', 'cards');
    cards.forEach(function (c) {
      var one = add(h('div', 'card'), h('div', 'n', text(c[0])), h('div', 'l', c[1]));
      one.setAttribute('data-card', c[1]);
      box.appendChild(one);
    });
    var link = h('a', 'report-link', 'Per-task report');
    if (report) { link.href = report; }
    card.textContent = '';
    add(card, h('h2', '', 'Service Catalog puppet'), box);
    if (Array.isArray(s.topReasons) && s.topReasons.length) { card.appendChild(reasons(s.topReasons)); }
    card.appendChild(link);
    if (Array.isArray(s.sections) && s.sections.length > 1) { card.appendChild(calls(report, s.sections)); }
    card.setAttribute('data-ready', 'true');
  }

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('.puppet-card[data-summary]'), function (card) {
      try {
        render(card);
      } catch (e) {
        card.textContent = 'Could not show the puppet summary: ' + e.message;
        card.setAttribute('data-ready', 'error');
      }
    });
  });
})();
