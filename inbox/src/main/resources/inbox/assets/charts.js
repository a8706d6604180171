'use strict';
/*
 * Small charts drawn as inline SVG (no library, nothing fetched: the inbox works offline). Counts get an integer axis
 * (0, 1, 2… or 0, 5, 10…), never fractions; a series with a single point is drawn as one labelled column, not a lone
 * dot; a short series labels each point with its value. Texts are SVG text nodes, never HTML.
 */
const Charts = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  const COLORS = ['#4c6ef5', '#e8590c', '#2f9e44', '#ae3ec9', '#1098ad'];

  function svg(tag, attrs, ...children) {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined) e.setAttribute(k, v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  /** Integer ticks from 0 to at least max: a step of 1, 2, 5, 10, 20, 50… and at most 6 ticks. */
  function integerTicks(max) {
    const top = Math.max(1, Math.ceil(max));
    const step = niceStep(top);
    const ticks = [];
    for (let v = 0; ; v += step) {
      ticks.push(v);
      if (v >= top) return ticks;
    }
  }

  function niceStep(top) {
    for (let p = 1; ; p *= 10) {
      for (const m of [1, 2, 5]) {
        if (Math.ceil(top / (m * p)) <= 5) return m * p;
      }
    }
  }

  /**
   * A line chart of counts over time. series: [{name, values: [numbers]}], labels: one per point (the x axis).
   * opts: {ariaLabel, format (value → text), max (a fixed top, e.g. 5 for scores), integer (default true)}.
   */
  function line(labels, series, opts = {}) {
    const W = 640, H = 240, L = 40, R = 12, T = 14, B = 44;
    const fmt = opts.format || (v => String(v));
    const values = series.flatMap(s => s.values).filter(v => v !== null && v !== undefined);
    const ticks = opts.ticks || integerTicks(values.length ? Math.max(...values) : 1);
    const top = ticks[ticks.length - 1];
    const y = v => T + (H - T - B) * (1 - v / top);
    const n = labels.length;
    const slot = (W - L - R) / Math.max(1, n);
    const x = i => L + slot * (i + 0.5);
    const root = svg('svg', {viewBox: `0 0 ${W} ${H}`, class: 'svg-chart', role: 'img', 'aria-label': opts.ariaLabel});
    for (const t of ticks) {
      root.append(svg('line', {x1: L, x2: W - R, y1: y(t), y2: y(t), class: 'grid'}),
        svg('text', {x: L - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'tick y-tick'}, fmt(t)));
    }
    const every = Math.max(1, Math.ceil(n / 10));
    labels.forEach((l, i) => {
      if (i % every === 0 || i === n - 1) {
        root.append(svg('text', {x: x(i), y: H - B + 16, 'text-anchor': 'middle', class: 'tick x-tick'}, l));
      }
    });
    const few = n <= 16;
    series.forEach((s, k) => {
      const color = s.color || COLORS[k % COLORS.length];
      const pts = s.values.map((v, i) => (v === null || v === undefined ? null : [x(i), y(v), v]));
      if (n === 1) {
        // one day or one week: a labelled column reads better than a dot
        const w = Math.min(60, slot / (series.length + 1));
        const p = pts[0];
        if (p) {
          const left = x(0) - (w * series.length) / 2 + w * k;
          root.append(svg('rect', {x: left, y: p[1], width: w - 4, height: y(0) - p[1], fill: color, class: 'bar'}),
            svg('text', {x: left + (w - 4) / 2, y: p[1] - 4, 'text-anchor': 'middle', class: 'value'}, fmt(p[2])));
        }
        return;
      }
      let d = '';
      pts.forEach(p => { if (p) d += (d ? ' L ' : 'M ') + p[0].toFixed(1) + ' ' + p[1].toFixed(1); });
      root.append(svg('path', {d, fill: 'none', stroke: color, 'stroke-width': 2, class: 'series'}));
      pts.forEach(p => {
        if (!p) return;
        root.append(svg('circle', {cx: p[0], cy: p[1], r: 3, fill: color}));
        if (few && (p[2] !== 0 || k === 0)) {
          root.append(svg('text', {x: p[0], y: p[1] - 6, 'text-anchor': 'middle', class: 'value',
            fill: color}, fmt(p[2])));
        }
      });
    });
    if (series.length > 1 || opts.legend) {
      let lx = L;
      series.forEach((s, k) => {
        const color = s.color || COLORS[k % COLORS.length];
        root.append(svg('rect', {x: lx, y: H - 14, width: 10, height: 10, fill: color}),
          svg('text', {x: lx + 14, y: H - 5, class: 'legend'}, s.name));
        lx += 24 + 8 * String(s.name).length + 20;
      });
    }
    return root;
  }

  /**
   * Horizontal bars, one per row: [{label, value, title}], a label on the left (readable words, the code in the
   * title), the count at the bar's end. opts: {ariaLabel, format}.
   */
  function bars(rows, opts = {}) {
    const fmt = opts.format || (v => String(v));
    const W = 640, rowH = 28, L = 190, R = 60;
    const H = Math.max(1, rows.length) * rowH + 8;
    const max = Math.max(1, ...rows.map(r => r.value || 0));
    const root = svg('svg', {viewBox: `0 0 ${W} ${H}`, class: 'svg-chart bars', role: 'img', 'aria-label': opts.ariaLabel});
    rows.forEach((r, i) => {
      const yy = 4 + i * rowH;
      const w = (W - L - R) * (r.value || 0) / max;
      const g = svg('g', {}, r.title ? svg('title', {}, r.title) : null,
        svg('text', {x: L - 8, y: yy + rowH / 2 + 4, 'text-anchor': 'end', class: 'label'}, r.label),
        svg('rect', {x: L, y: yy + 4, width: Math.max(w, r.value ? 2 : 0), height: rowH - 8, fill: r.color || COLORS[0],
          class: 'bar'}),
        svg('text', {x: L + w + 6, y: yy + rowH / 2 + 4, class: 'value'}, fmt(r.value)));
      root.append(g);
    });
    return root;
  }

  return {line, bars, integerTicks};
})();
