/*
 * The job page's trend: executed and cached tasks per build (stacked bars) and the time saved (a line), from the
 * trend action's JSON. Drawn with ECharts when the page has it (echarts-api's adjunct in Jenkins); otherwise with a
 * small SVG bar chart of our own, so the trend never depends on a remote script. A click on a build opens its report.
 *
 * Display names are free text and the totals started in agents' reports: labels are canvas or SVG text, tooltips
 * are drawn by ECharts itself (richText, no HTML), a value that is not a number draws as 0 and is shown as text, and
 * a build's link must stay under Jenkins' root on this origin (else the bar links nowhere). No inline style: the
 * pointer cursor comes from report.css.
 */
(function () {
  'use strict';
  var text = window.scpuppetDom.text;
  var SVG = 'http://www.w3.org/2000/svg';

  function count(v) { return typeof v === 'number' && isFinite(v) && v > 0 ? v : 0; }

  function label(b) {
    return typeof b.displayName === 'string' && b.displayName ? b.displayName : '#' + text(b.build);
  }

  /* The build's report page, or null when its URL would leave Jenkins' root on this origin. */
  function reportUrl(root, b) {
    if (typeof b.url !== 'string') { return null; }
    try {
      var base = new URL(root || '/', location.href), url = new URL(root + b.url + 'puppet/', location.href);
      return url.origin === base.origin && url.pathname.indexOf(base.pathname) === 0 ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function open(root, build) {
    var url = reportUrl(root, build);
    if (url) { location.href = url; }
  }

  function withECharts(el, builds, root) {
    var chart = window.echarts.init(el), css = getComputedStyle(el);
    chart.setOption({
      animation: false,
      color: [css.getPropertyValue('--executed').trim() || '#138347', css.getPropertyValue('--cached').trim() || '#1f6feb',
              '#b58900'],
      textStyle: { color: css.getPropertyValue('--muted').trim() || '#6d6b7b' },
      // richText: ECharts draws the tooltip on its canvas, so no HTML (and no inline style) is made from the data.
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      legend: { data: ['executed', 'cached', 'time saved (s)'] },
      grid: { left: 48, right: 48, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: builds.map(label) },
      yAxis: [{ type: 'value', name: 'tasks' }, { type: 'value', name: 's' }],
      series: [
        { name: 'executed', type: 'bar', stack: 'tasks', data: builds.map(function (b) { return count(b.executed); }) },
        { name: 'cached', type: 'bar', stack: 'tasks', data: builds.map(function (b) { return count(b.cached); }) },
        { name: 'time saved (s)', type: 'line', yAxisIndex: 1,
          data: builds.map(function (b) { return +(count(b.savedMillis) / 1000).toFixed(1); }) }
      ]
    });
    chart.on('click', function (p) { open(root, builds[p.dataIndex]); });
    el.setAttribute('data-renderer', 'echarts');
  }

  function node(name, attrs, parent) {
    var n = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    parent.appendChild(n);
    return n;
  }

  function withSvg(el, builds, root) {
    var w = 640, h = 240, pad = 28, max = 1;
    builds.forEach(function (b) { max = Math.max(max, count(b.executed) + count(b.cached)); });
    var svg = node('svg', { viewBox: '0 0 ' + w + ' ' + h, role: 'img', 'aria-label': 'executed and cached tasks per build' }, el);
    var step = (w - 2 * pad) / Math.max(1, builds.length), bar = Math.max(4, step * 0.6);
    builds.forEach(function (b, i) {
      var x = pad + i * step + (step - bar) / 2, scale = (h - 2 * pad) / max;
      var he = count(b.executed) * scale, hc = count(b.cached) * scale, base = h - pad;
      var g = node('g', { class: 'bar', tabindex: '0' }, svg), href = reportUrl(root, b);
      if (typeof b.build === 'number') { g.setAttribute('data-build', String(b.build)); }
      if (href) { g.setAttribute('data-href', href); }
      node('title', {}, g).textContent = label(b) + ': ' + text(b.executed) + ' executed, ' + text(b.cached) + ' cached';
      node('rect', { class: 'bar-executed', x: x, y: base - he, width: bar, height: he }, g);
      node('rect', { class: 'bar-cached', x: x, y: base - he - hc, width: bar, height: hc }, g);
      node('text', { x: x + bar / 2, y: h - 10, 'text-anchor': 'middle' }, g).textContent = label(b);
      g.addEventListener('click', function () { if (href) { location.href = href; } });
    });
    el.setAttribute('data-renderer', 'svg');
  }

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('.puppet-trend[data-trend]'), function (el) {
      var root = el.getAttribute('data-root') || '/';
      fetch(el.getAttribute('data-trend'))
        .then(function (r) { if (!r.ok) { throw new Error('trend not found: ' + r.status); } return r.json(); })
        .then(function (trend) {
          var builds = (trend && Array.isArray(trend.builds) ? trend.builds : []).map(function (b) {
            return b && typeof b === 'object' ? b : {};
          });
          if (window.echarts) { withECharts(el, builds, root); } else { withSvg(el, builds, root); }
          el.setAttribute('data-ready', 'true');
        })
        .catch(function (e) {
          el.textContent = 'Could not load the puppet trend: ' + e.message;
          el.setAttribute('data-ready', 'error');
        });
    });
  });
})();
