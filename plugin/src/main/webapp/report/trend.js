/*
 * The job page's trend: executed and cached tasks per build (stacked bars) and the time saved (a line), from the
 * trend action's JSON. Drawn with ECharts when the page has it (echarts-api's adjunct in Jenkins); otherwise with a
 * small SVG bar chart of our own, so the trend never depends on a remote script. A click on a build opens its report.
 */
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';

  function withECharts(el, builds) {
    var chart = window.echarts.init(el), css = getComputedStyle(el);
    chart.setOption({
      animation: false,
      color: [css.getPropertyValue('--executed').trim() || '#138347', css.getPropertyValue('--cached').trim() || '#1f6feb',
              '#b58900'],
      textStyle: { color: css.getPropertyValue('--muted').trim() || '#6d6b7b' },
      tooltip: { trigger: 'axis' },
      legend: { data: ['executed', 'cached', 'time saved (s)'] },
      grid: { left: 48, right: 48, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: builds.map(function (b) { return '#' + b.build; }) },
      yAxis: [{ type: 'value', name: 'tasks' }, { type: 'value', name: 's' }],
      series: [
        { name: 'executed', type: 'bar', stack: 'tasks', data: builds.map(function (b) { return b.executed; }) },
        { name: 'cached', type: 'bar', stack: 'tasks', data: builds.map(function (b) { return b.cached; }) },
        { name: 'time saved (s)', type: 'line', yAxisIndex: 1,
          data: builds.map(function (b) { return +(b.savedMillis / 1000).toFixed(1); }) }
      ]
    });
    chart.on('click', function (p) { open(builds[p.dataIndex]); });
    el.setAttribute('data-renderer', 'echarts');
  }

  function node(name, attrs, parent) {
    var n = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    parent.appendChild(n);
    return n;
  }

  function withSvg(el, builds) {
    var w = 640, h = 240, pad = 28, max = 1;
    builds.forEach(function (b) { max = Math.max(max, b.executed + b.cached); });
    var svg = node('svg', { viewBox: '0 0 ' + w + ' ' + h, role: 'img', 'aria-label': 'executed and cached tasks per build' }, el);
    var step = (w - 2 * pad) / Math.max(1, builds.length), bar = Math.max(4, step * 0.6);
    builds.forEach(function (b, i) {
      var x = pad + i * step + (step - bar) / 2, scale = (h - 2 * pad) / max;
      var he = b.executed * scale, hc = b.cached * scale, base = h - pad;
      var g = node('g', { 'data-build': b.build, tabindex: '0', style: 'cursor:pointer' }, svg);
      node('title', {}, g).textContent = '#' + b.build + ': ' + b.executed + ' executed, ' + b.cached + ' cached';
      node('rect', { class: 'bar-executed', x: x, y: base - he, width: bar, height: he }, g);
      node('rect', { class: 'bar-cached', x: x, y: base - he - hc, width: bar, height: hc }, g);
      node('text', { x: x + bar / 2, y: h - 10, 'text-anchor': 'middle' }, g).textContent = '#' + b.build;
      g.addEventListener('click', function () { open(b); });
    });
    el.setAttribute('data-renderer', 'svg');
  }

  function open(build) {
    var root = document.querySelector('.puppet-trend').getAttribute('data-root') || '';
    location.href = root + build.url + 'puppet/';
  }

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('.puppet-trend[data-trend]'), function (el) {
      fetch(el.getAttribute('data-trend'))
        .then(function (r) { if (!r.ok) { throw new Error('trend not found: ' + r.status); } return r.json(); })
        .then(function (trend) {
          if (window.echarts) { withECharts(el, trend.builds); } else { withSvg(el, trend.builds); }
          el.setAttribute('data-ready', 'true');
        })
        .catch(function (e) {
          el.textContent = 'Could not load the puppet trend: ' + e.message;
          el.setAttribute('data-ready', 'error');
        });
    });
  });
})();
