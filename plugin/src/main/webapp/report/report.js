/*
 * The run report page: reads the report JSON (schema scpuppet-run-report/1) and shows every task with its status.
 * Each task that ran instead of being reused says why (its miss reason) and, for changed parameters, what changed.
 * Self-contained (no CDN, no framework). Rows are virtualized, so 20,000 tasks scroll smoothly; filters and sort
 * live in the URL hash, so a filtered view can be linked.
 *
 * The report comes from the agent, which the controller does not trust: every value from it is written with
 * textContent or a DOM property, never parsed as HTML, and a status picks its class and icon from fixed tables.
 */
(function () {
  'use strict';
  var dom = window.scpuppetDom, h = dom.h, add = dom.add, text = dom.text, reasonText = dom.reason;
  var MASKED = '***'; // the agent's mask for a sensitive value (docs/run-report.md)
  var ROW = 28, OVERSCAN = 12;
  var STATUSES = ['EXECUTED', 'CACHED', 'FAILED', 'SKIPPED'];
  var OTHER = 'OTHER'; // any status the page does not know; shown with its own text, filtered as one group
  var STATUS_CLASS = { EXECUTED: 'status-executed', CACHED: 'status-cached', FAILED: 'status-failed',
                       SKIPPED: 'status-skipped', OTHER: 'status-other' };
  var ICON = { EXECUTED: '\u2714', CACHED: '\u21BB', FAILED: '\u2716', SKIPPED: '\u2298', OTHER: '?' };
  var COLUMNS = [
    { key: 'family', label: 'Family' }, { key: 'item', label: 'Item' }, { key: 'account', label: 'Account' },
    { key: 'region', label: 'Region' }, { key: 'status', label: 'Status' }, { key: 'reason', label: 'Reason' },
    { key: 'duration', label: 'Duration' },
    { key: 'attempts', label: 'Attempts' }, { key: 'error', label: 'Error' }
  ];
  var HASH_KEYS = ['family', 'account', 'region', 'reason', 'q', 'sort', 'task'];
  var state = { statuses: STATUSES.slice(), family: '', account: '', region: '', reason: '', q: '', sort: '', dir: 'asc',
                task: '' };
  var tasks = [], byId = Object.create(null), blocks = Object.create(null), visible = [], groups = STATUSES.slice();
  var $ = function (id) { return document.getElementById(id); };

  function isNumber(v) { return typeof v === 'number' && isFinite(v); }

  /* A number with its unit; anything else in the report is shown as the text it is. */
  function amount(v, unit) { return v === undefined || v === null ? '0' + unit : isNumber(v) ? v + unit : text(v); }

  function seconds(v) { return isNumber(v) ? (v / 1000).toFixed(1) + ' s' : text(v); }

  function statusKey(s) { return STATUSES.indexOf(s) >= 0 ? s : OTHER; }

  function item(p) {
    return p.launch_name || p.lambda_invocation_name || p.spoke_local_portfolio_name || p.portfolio || p.name || '';
  }

  function load(report) {
    if (!report || !Array.isArray(report.tasks)) { throw new Error('the report holds no task list'); }
    tasks = report.tasks.map(function (t, i) {
      t = t && typeof t === 'object' ? t : {};
      var p = t.parameters && typeof t.parameters === 'object' ? t.parameters : {};
      var key = statusKey(t.status), error = t.errorCode ? text(t.errorCode) + ': ' + text(t.errorMessage) : '';
      return { i: i, id: text(t.id), family: text(t.family), item: text(item(p)), account: text(p.account_id),
               region: text(p.region), status: key,
               statusText: key === OTHER ? text(t.status) : key.toLowerCase(),
               duration: isNumber(t.durationMillis) ? t.durationMillis : 0, durationText: amount(t.durationMillis, ' ms'),
               attempts: isNumber(t.attempts) ? t.attempts : 0, attemptsText: amount(t.attempts, ''),
               error: error, requires: Array.isArray(t.requires) ? t.requires.map(text) : [],
               blockedBy: text(t.blockedBy), search: (text(t.id) + ' ' + text(t.errorMessage)).toLowerCase(),
               reason: text(t.missReason), reasonText: reasonText(t.missReason), miss: missDetails(t.missDetails) };
    });
    tasks.forEach(function (t) {
      byId[t.id] = t;
      if (t.blockedBy) { (blocks[t.blockedBy] = blocks[t.blockedBy] || []).push(t.id); }
      if (t.status === OTHER && groups.indexOf(OTHER) < 0) { groups.push(OTHER); }
    });
    state.statuses = groups.slice();
    summary(report);
    options('family-filter', 'family'); options('account-filter', 'account'); options('region-filter', 'region');
    options('reason-filter', 'reason', reasonText);
    statusFilter();
    header();
    readHash();
    apply();
  }

  function summary(report) {
    var t = report.totals && typeof report.totals === 'object' ? report.totals : {};
    var rate = isNumber(t.cacheHitRate) ? Math.round(t.cacheHitRate * 100) + '%' : text(t.cacheHitRate);
    var cards = [[t.executed, 'executed'], [t.cached, 'cached'], [t.failed, 'failed'], [t.skipped, 'skipped'],
                 [rate, 'cache hit rate'], [seconds(t.savedMillis || 0), 'time saved'],
                 [seconds(report.wallMillis), 'wall time'], [report.outcome, 'outcome']];
    var box = $('summary');
    cards.forEach(function (c) {
      var card = add(h('div', 'card'), h('div', 'n', text(c[0])), h('div', 'l', c[1]));
      card.setAttribute('data-card', c[1]);
      box.appendChild(card);
    });
    if (report.cacheSaveWarning !== undefined && report.cacheSaveWarning !== null) {
      // The run stands; its cache did not reach S3 (docs/run-report.md).
      var warning = h('p', 'warning', 'Cache not saved: ' + text(report.cacheSaveWarning));
      warning.id = 'cache-save-warning';
      box.parentNode.insertBefore(warning, box.nextSibling);
    }
  }

  /* Only the parts of a task's missDetails the page shows, each as text; anything malformed is left out. */
  function missDetails(d) {
    d = d && typeof d === 'object' ? d : {};
    var changes = Array.isArray(d.changes) ? d.changes.filter(function (c) { return c && typeof c === 'object'; }) : [];
    return { changes: changes.map(function (c) { return { parameter: text(c.parameter), old: c.old, now: c['new'] }; }),
             oldImplementation: d.oldImplementation, newImplementation: d.newImplementation, problem: d.problem };
  }

  /* A select's options from the tasks' values of {@code key}, shown as {@code label} gives them. */
  function options(id, key, label) {
    var values = Object.create(null);
    tasks.forEach(function (t) { if (t[key]) { values[t[key]] = true; } });
    var select = $(id);
    Object.keys(values).sort().forEach(function (v) {
      var o = h('option', '', label ? label(v) : v); o.value = v; select.appendChild(o);
    });
    select.addEventListener('change', function () { state[key] = select.value; changed(); });
  }

  function statusFilter() {
    var box = $('status-filter');
    groups.forEach(function (s) {
      var input = h('input'); input.type = 'checkbox'; input.value = s; input.checked = true;
      add(box, add(h('label'), input, ' ', h('span', 'status ' + STATUS_CLASS[s], ICON[s] + ' ' + s.toLowerCase()), ' '));
      input.addEventListener('change', function () {
        state.statuses = groups.filter(function (x) { return box.querySelector('input[value="' + x + '"]').checked; });
        changed();
      });
    });
    $('search').addEventListener('input', function (e) { state.q = e.target.value; changed(); });
  }

  function header() {
    var head = $('head');
    COLUMNS.forEach(function (c) {
      var button = h('button', '', c.label); button.setAttribute('data-sort', c.key);
      var cell = add(h('span'), button); cell.setAttribute('role', 'columnheader');
      head.appendChild(cell);
    });
    head.addEventListener('click', function (e) {
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
        && (!state.reason || t.reason === state.reason)
        && (!q || t.search.indexOf(q) >= 0);
    });
    if (state.sort) {
      var k = state.sort === 'status' ? 'statusText' : state.sort === 'reason' ? 'reasonText' : state.sort, d = state.dir === 'asc' ? 1 : -1;
      visible.sort(function (a, b) { return (a[k] < b[k] ? -1 : a[k] > b[k] ? 1 : a.i - b.i) * d; });
    }
    Array.prototype.forEach.call(document.querySelectorAll('#head button'), function (b) {
      var key = b.getAttribute('data-sort');
      if (key === state.sort) { b.setAttribute('aria-sort', state.dir === 'asc' ? 'ascending' : 'descending'); }
      else { b.removeAttribute('aria-sort'); }
    });
    $('shown').textContent = visible.length + ' of ' + tasks.length + ' tasks';
    // Sizes through the CSSOM, which a Content-Security-Policy without 'unsafe-inline' allows.
    $('spacer').style.height = (visible.length * ROW) + 'px';
    // A short list takes only the room it needs, so the dependency view sits right below it.
    $('viewport').style.height = Math.min(560, Math.max(1, visible.length) * ROW + 2) + 'px';
    syncControls();
    render();
    detail(state.task);
  }

  function row(t) {
    var r = h('div', t.id === state.task ? 'row selected' : 'row');
    r.setAttribute('role', 'row'); r.setAttribute('tabindex', '0'); r.setAttribute('data-id', t.id);
    var error = h('span', 'error', t.error); error.title = t.error;
    var cells = [h('span', '', t.family), h('span', '', t.item), h('span', '', t.account), h('span', '', t.region),
                 h('span', 'status ' + STATUS_CLASS[t.status], ICON[t.status] + ' ' + t.statusText),
                 h('span', 'reason', t.reasonText), h('span', '', t.durationText), h('span', '', t.attemptsText), error];
    cells.forEach(function (c) { c.setAttribute('role', 'cell'); r.appendChild(c); });
    return r;
  }

  function render() {
    var vp = $('viewport');
    var first = Math.max(0, Math.floor(vp.scrollTop / ROW) - OVERSCAN);
    var last = Math.min(visible.length, Math.ceil((vp.scrollTop + vp.clientHeight) / ROW) + OVERSCAN);
    var rows = $('rows'), fragment = document.createDocumentFragment();
    for (var i = first; i < last; i++) { fragment.appendChild(row(visible[i])); }
    rows.style.transform = 'translateY(' + (first * ROW) + 'px)';
    rows.textContent = '';
    rows.appendChild(fragment);
  }

  function link(id) {
    var a = h('a', '', id); a.setAttribute('data-go', id); a.setAttribute('tabindex', '0');
    return a;
  }

  function list(title, ids) {
    var ul = h('ul');
    ids.forEach(function (id) { ul.appendChild(add(h('li'), link(id))); });
    return add(h('div'), h('strong', '', title + ' (' + ids.length + ')'), ul);
  }

  function detail(id) {
    var box = $('detail'), t = id ? byId[id] : undefined;
    box.textContent = '';
    if (!t) { box.hidden = true; return; }
    box.hidden = false;
    add(box, add(h('h2'), h('span', 'status ' + STATUS_CLASS[t.status], ICON[t.status]), ' ' + t.id));
    if (t.error) { box.appendChild(h('p', 'error', t.error)); }
    if (t.blockedBy) { box.appendChild(add(h('p'), 'Skipped because ', link(t.blockedBy), ' failed.')); }
    if (t.reason) { box.appendChild(why(t)); }
    var needed = list('Needed', t.requires), blocked = list('Blocked when it failed', blocks[id] || []);
    needed.id = 'needed'; blocked.id = 'blocked';
    add(box, needed, blocked);
  }

  /* A changed parameter's value: null is a side the parameter did not have; the agent's mask is shown as masked. */
  function value(v) {
    if (v === undefined || v === null) { return h('span', 'absent', '(absent)'); }
    if (v === MASKED) {
      var masked = h('span', 'masked', 'masked'); masked.title = 'sensitive: the agent masked this value';
      return masked;
    }
    // Only strings are values: an object could carry what the agent meant to mask, so it is never spelled out.
    return typeof v === 'string' ? h('code', '', v) : h('span', 'absent', '(not a string)');
  }

  /* Why the task ran instead of being reused, and what the reason found. */
  function why(t) {
    var box = h('div'); box.id = 'why';
    add(box, add(h('p'), 'Ran because: ', h('strong', 'reason', t.reasonText)));
    var m = t.miss;
    if (m.oldImplementation !== undefined || m.newImplementation !== undefined) {
      box.appendChild(h('p', 'implementation', 'Implementation ' + text(m.oldImplementation) + ' \u2192 '
        + text(m.newImplementation)));
    }
    if (m.problem !== undefined && m.problem !== null) { box.appendChild(h('p', 'problem', text(m.problem))); }
    if (m.changes.length) {
      var table = h('table', 'diff'); table.id = 'diff';
      var head = h('tr');
      ['Parameter', 'Old', 'New'].forEach(function (l) { head.appendChild(h('th', '', l)); });
      add(table, add(h('thead'), head));
      var body = h('tbody');
      m.changes.forEach(function (c) {
        var tr = add(h('tr'), h('td', '', c.parameter), add(h('td'), value(c.old)), add(h('td'), value(c.now)));
        tr.setAttribute('data-parameter', c.parameter);
        body.appendChild(tr);
      });
      add(box, add(table, body));
    }
    return box;
  }

  function select(id) { state.task = id; writeHash(); render(); detail(id); }

  function syncControls() {
    groups.forEach(function (s) {
      var box = document.querySelector('#status-filter input[value="' + s + '"]');
      if (box) { box.checked = state.statuses.indexOf(s) >= 0; }
    });
    $('family-filter').value = state.family; $('account-filter').value = state.account;
    $('region-filter').value = state.region; $('reason-filter').value = state.reason; $('search').value = state.q;
  }

  function writeHash() {
    var parts = [];
    if (state.statuses.length !== groups.length) { parts.push('status=' + state.statuses.join(',')); }
    HASH_KEYS.forEach(function (k) {
      if (state[k]) { parts.push(k + '=' + encodeURIComponent(state[k])); }
    });
    if (state.sort) { parts.push('dir=' + state.dir); }
    history.replaceState(null, '', parts.length ? '#' + parts.join('&') : location.pathname + location.search);
  }

  /* Only known keys, and only known values where the page uses them as keys (status groups, sort column). */
  function readHash() {
    location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
      var i = kv.indexOf('='); if (i < 0) { return; }
      var k = kv.slice(0, i), v;
      try { v = decodeURIComponent(kv.slice(i + 1)); } catch (e) { return; }
      if (k === 'status') { state.statuses = v.split(',').filter(function (s) { return groups.indexOf(s) >= 0; }); }
      else if (k === 'dir') { state.dir = v === 'desc' ? 'desc' : 'asc'; }
      else if (k === 'sort') { state.sort = COLUMNS.some(function (c) { return c.key === v; }) ? v : ''; }
      else if (HASH_KEYS.indexOf(k) >= 0) { state[k] = v; }
    });
  }

  function labelled(label, control) { return add(h('label'), label + ' ', control); }

  function filterSelect(id) {
    var select = h('select'); select.id = id;
    var all = h('option', '', 'all'); all.value = '';
    return add(select, all);
  }

  /* The page's parts, built here so report.html (tests, local use) and the action's index.jelly share them. */
  function skeleton(app) {
    var summaryBox = h('section', 'cards'); summaryBox.id = 'summary'; summaryBox.setAttribute('aria-label', 'Summary');
    var filters = h('section'); filters.id = 'filters'; filters.setAttribute('aria-label', 'Filters');
    var statusBox = add(h('fieldset'), h('legend', '', 'Status')); statusBox.id = 'status-filter';
    var search = h('input'); search.id = 'search'; search.type = 'search'; search.placeholder = 'task, item, error...';
    var shown = h('span'); shown.id = 'shown'; shown.setAttribute('aria-live', 'polite');
    add(filters, statusBox, labelled('Family', filterSelect('family-filter')),
        labelled('Account', filterSelect('account-filter')), labelled('Region', filterSelect('region-filter')),
        labelled('Reason', filterSelect('reason-filter')),
        labelled('Search', search), shown);
    var table = h('div'); table.id = 'table'; table.setAttribute('role', 'table'); table.setAttribute('aria-label', 'Tasks');
    var head = h('div', 'row head'); head.id = 'head'; head.setAttribute('role', 'row');
    var viewport = h('div'); viewport.id = 'viewport'; viewport.setAttribute('tabindex', '0');
    var spacer = h('div'); spacer.id = 'spacer';
    var rows = h('div'); rows.id = 'rows'; rows.setAttribute('role', 'rowgroup');
    add(table, head, add(viewport, add(spacer, rows)));
    var aside = h('aside'); aside.id = 'detail'; aside.hidden = true; aside.setAttribute('aria-label', 'Task dependencies');
    add(app, h('h1', '', 'Service Catalog puppet run'), summaryBox, filters, table, aside);
  }

  document.addEventListener('DOMContentLoaded', function () {
    var app = $('app');
    skeleton(app);
    $('viewport').addEventListener('scroll', render);
    $('rows').addEventListener('click', function (e) {
      var r = e.target.closest('.row'); if (r) { select(r.getAttribute('data-id')); }
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
        $('summary').appendChild(h('p', 'error', 'Could not load the run report: ' + e.message));
        document.body.setAttribute('data-ready', 'error');
      });
  });
})();
