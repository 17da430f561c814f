/*
 * The run report page: reads the report JSON (schema scpuppet-run-report/1) and shows every task with its status.
 * Self-contained (no CDN, no framework). Rows are virtualized, so 20,000 tasks scroll smoothly; filters and sort
 * live in the URL hash, so a filtered view can be linked.
 */
(function () {
  'use strict';
  var ROW = 28, OVERSCAN = 12;
  var STATUSES = ['EXECUTED', 'CACHED', 'FAILED', 'SKIPPED'];
  var ICON = { EXECUTED: '\u2714', CACHED: '\u21BB', FAILED: '\u2716', SKIPPED: '\u2298' };
  var COLUMNS = [
    { key: 'family', label: 'Family' }, { key: 'item', label: 'Item' }, { key: 'account', label: 'Account' },
    { key: 'region', label: 'Region' }, { key: 'status', label: 'Status' }, { key: 'duration', label: 'Duration' },
    { key: 'attempts', label: 'Attempts' }, { key: 'error', label: 'Error' }
  ];
  var state = { statuses: STATUSES.slice(), family: '', account: '', region: '', q: '', sort: '', dir: 'asc', task: '' };
  var tasks = [], byId = {}, blocks = {}, visible = [];
  var $ = function (id) { return document.getElementById(id); };

  function item(p) {
    return p.launch_name || p.lambda_invocation_name || p.spoke_local_portfolio_name || p.portfolio || p.name || '';
  }

  function load(report) {
    tasks = report.tasks.map(function (t, i) {
      var p = t.parameters || {};
      return { i: i, id: t.id, family: t.family, item: item(p), account: p.account_id || '', region: p.region || '',
               status: t.status, duration: t.durationMillis || 0, attempts: t.attempts || 0,
               error: t.errorCode ? t.errorCode + ': ' + t.errorMessage : '', requires: t.requires || [],
               blockedBy: t.blockedBy || '', text: (t.id + ' ' + (t.errorMessage || '')).toLowerCase() };
    });
    tasks.forEach(function (t) {
      byId[t.id] = t;
      if (t.blockedBy) { (blocks[t.blockedBy] = blocks[t.blockedBy] || []).push(t.id); }
    });
    summary(report);
    options('family-filter', 'family'); options('account-filter', 'account'); options('region-filter', 'region');
    statusFilter();
    header();
    readHash();
    apply();
  }

  function summary(report) {
    var t = report.totals, pct = Math.round((t.cacheHitRate || 0) * 100);
    var cards = [[t.executed, 'executed'], [t.cached, 'cached'], [t.failed, 'failed'], [t.skipped, 'skipped'],
                 [pct + '%', 'cache hit rate'], [((t.savedMillis || 0) / 1000).toFixed(1) + ' s', 'time saved'],
                 [(report.wallMillis / 1000).toFixed(1) + ' s', 'wall time'],
                 [report.outcome, 'outcome']];
    $('summary').innerHTML = cards.map(function (c) {
      return '<div class="card" data-card="' + c[1] + '"><div class="n">' + esc(String(c[0])) + '</div><div class="l">'
        + c[1] + '</div></div>';
    }).join('');
  }

  function options(id, key) {
    var values = {};
    tasks.forEach(function (t) { if (t[key]) { values[t[key]] = true; } });
    var select = $(id);
    Object.keys(values).sort().forEach(function (v) {
      var o = document.createElement('option'); o.value = v; o.textContent = v; select.appendChild(o);
    });
    select.addEventListener('change', function () { state[key] = select.value; changed(); });
  }

  function statusFilter() {
    var box = $('status-filter');
    STATUSES.forEach(function (s) {
      var label = document.createElement('label');
      label.innerHTML = '<input type="checkbox" value="' + s + '" checked> <span class="status ' + s + '">'
        + ICON[s] + ' ' + s.toLowerCase() + '</span> ';
      label.querySelector('input').addEventListener('change', function (e) {
        state.statuses = STATUSES.filter(function (x) {
          return box.querySelector('input[value="' + x + '"]').checked;
        });
        changed();
      });
      box.appendChild(label);
    });
    $('search').addEventListener('input', function (e) { state.q = e.target.value; changed(); });
  }

  function header() {
    $('head').innerHTML = COLUMNS.map(function (c) {
      return '<span role="columnheader"><button data-sort="' + c.key + '">' + c.label + '</button></span>';
    }).join('');
    $('head').addEventListener('click', function (e) {
      var key = e.target.getAttribute && e.target.getAttribute('data-sort');
      if (!key) { return; }
      state.dir = state.sort === key && state.dir === 'asc' ? 'desc' : 'asc';
      state.sort = key;
      changed();
    });
  }

  function changed() { writeHash(); apply(); }

  function apply() {
    var q = state.q.toLowerCase();
    visible = tasks.filter(function (t) {
      return state.statuses.indexOf(t.status) >= 0 && (!state.family || t.family === state.family)
        && (!state.account || t.account === state.account) && (!state.region || t.region === state.region)
        && (!q || t.text.indexOf(q) >= 0);
    });
    if (state.sort) {
      var k = state.sort, d = state.dir === 'asc' ? 1 : -1;
      visible.sort(function (a, b) { return (a[k] < b[k] ? -1 : a[k] > b[k] ? 1 : a.i - b.i) * d; });
    }
    Array.prototype.forEach.call(document.querySelectorAll('#head button'), function (b) {
      var key = b.getAttribute('data-sort');
      if (key === state.sort) { b.setAttribute('aria-sort', state.dir === 'asc' ? 'ascending' : 'descending'); }
      else { b.removeAttribute('aria-sort'); }
    });
    $('shown').textContent = visible.length + ' of ' + tasks.length + ' tasks';
    $('spacer').style.height = (visible.length * ROW) + 'px';
    // A short list takes only the room it needs, so the dependency view sits right below it.
    $('viewport').style.height = Math.min(560, Math.max(1, visible.length) * ROW + 2) + 'px';
    syncControls();
    render();
    detail(state.task);
  }

  function render() {
    var vp = $('viewport');
    var first = Math.max(0, Math.floor(vp.scrollTop / ROW) - OVERSCAN);
    var last = Math.min(visible.length, Math.ceil((vp.scrollTop + vp.clientHeight) / ROW) + OVERSCAN);
    var html = [];
    for (var i = first; i < last; i++) {
      var t = visible[i];
      html.push('<div role="row" class="row' + (t.id === state.task ? ' selected' : '') + '" tabindex="0" data-id="'
        + esc(t.id) + '"><span role="cell">' + esc(t.family) + '</span><span role="cell">' + esc(t.item)
        + '</span><span role="cell">' + esc(t.account) + '</span><span role="cell">' + esc(t.region)
        + '</span><span role="cell" class="status ' + t.status + '">' + ICON[t.status] + ' ' + t.status.toLowerCase()
        + '</span><span role="cell">' + t.duration + ' ms</span><span role="cell">' + t.attempts
        + '</span><span role="cell" class="error" title="' + esc(t.error) + '">' + esc(t.error) + '</span></div>');
    }
    var rows = $('rows');
    rows.style.transform = 'translateY(' + (first * ROW) + 'px)';
    rows.innerHTML = html.join('');
  }

  function detail(id) {
    var box = $('detail'), t = byId[id];
    if (!t) { box.hidden = true; return; }
    var blocked = blocks[id] || [];
    box.hidden = false;
    box.innerHTML = '<h2><span class="status ' + t.status + '">' + ICON[t.status] + '</span> ' + esc(t.id) + '</h2>'
      + (t.error ? '<p class="error">' + esc(t.error) + '</p>' : '')
      + (t.blockedBy ? '<p>Skipped because <a data-go="' + esc(t.blockedBy) + '">' + esc(t.blockedBy) + '</a> failed.</p>' : '')
      + '<div id="needed"><strong>Needed (' + t.requires.length + ')</strong><ul>' + t.requires.map(link).join('') + '</ul></div>'
      + '<div id="blocked"><strong>Blocked when it failed (' + blocked.length + ')</strong><ul>' + blocked.map(link).join('')
      + '</ul></div>';
  }

  function link(id) { return '<li><a data-go="' + esc(id) + '">' + esc(id) + '</a></li>'; }

  function select(id) { state.task = id; writeHash(); render(); detail(id); }

  function syncControls() {
    STATUSES.forEach(function (s) {
      var box = document.querySelector('#status-filter input[value="' + s + '"]');
      if (box) { box.checked = state.statuses.indexOf(s) >= 0; }
    });
    $('family-filter').value = state.family; $('account-filter').value = state.account;
    $('region-filter').value = state.region; $('search').value = state.q;
  }

  function writeHash() {
    var parts = [];
    if (state.statuses.length !== STATUSES.length) { parts.push('status=' + state.statuses.join(',')); }
    ['family', 'account', 'region', 'q', 'sort', 'task'].forEach(function (k) {
      if (state[k]) { parts.push(k + '=' + encodeURIComponent(state[k])); }
    });
    if (state.sort) { parts.push('dir=' + state.dir); }
    history.replaceState(null, '', parts.length ? '#' + parts.join('&') : location.pathname + location.search);
  }

  function readHash() {
    location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
      var i = kv.indexOf('='); if (i < 0) { return; }
      var k = kv.slice(0, i), v = decodeURIComponent(kv.slice(i + 1));
      if (k === 'status') { state.statuses = v.split(',').filter(function (s) { return STATUSES.indexOf(s) >= 0; }); }
      else if (k in state) { state[k] = v; }
    });
  }

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  /* The page's parts, built here so report.html (tests, local use) and the action's index.jelly share them. */
  function skeleton(app) {
    app.innerHTML = '<h1>Service Catalog puppet run</h1>'
      + '<section id="summary" class="cards" aria-label="Summary"></section>'
      + '<section id="filters" aria-label="Filters"><fieldset id="status-filter"><legend>Status</legend></fieldset>'
      + '<label>Family <select id="family-filter"><option value="">all</option></select></label>'
      + '<label>Account <select id="account-filter"><option value="">all</option></select></label>'
      + '<label>Region <select id="region-filter"><option value="">all</option></select></label>'
      + '<label>Search <input id="search" type="search" placeholder="task, item, error..."></label>'
      + '<span id="shown" aria-live="polite"></span></section>'
      + '<div id="table" role="table" aria-label="Tasks"><div role="row" class="row head" id="head"></div>'
      + '<div id="viewport" tabindex="0"><div id="spacer"><div id="rows" role="rowgroup"></div></div></div></div>'
      + '<aside id="detail" hidden aria-label="Task dependencies"></aside>';
  }

  document.addEventListener('DOMContentLoaded', function () {
    var app = $('app');
    skeleton(app);
    $('viewport').addEventListener('scroll', render);
    $('rows').addEventListener('click', function (e) {
      var row = e.target.closest('.row'); if (row) { select(row.getAttribute('data-id')); }
    });
    $('detail').addEventListener('click', function (e) {
      var id = e.target.getAttribute && e.target.getAttribute('data-go'); if (id) { select(id); }
    });
    var started = performance.now();
    // data-report: the JSON URL. In Jenkins the page's own query (?section=N) picks the puppetDeploy call.
    fetch(app.getAttribute('data-report') + (app.hasAttribute('data-pass-query') ? location.search : ''))
      .then(function (r) { if (!r.ok) { throw new Error('report not found: ' + r.status); } return r.json(); })
      .then(function (report) {
        load(report);
        window.puppetReport = { renderMillis: performance.now() - started, tasks: tasks.length };
        document.body.setAttribute('data-ready', 'true');
      })
      .catch(function (e) {
        $('summary').innerHTML = '<p class="error">Could not load the run report: ' + esc(e.message) + '</p>';
        document.body.setAttribute('data-ready', 'error');
      });
  });
})();
