// The alignment view's stylesheet, served as /assets/okr.<hash>.css (CSP: style-src 'self').
import { FONT_FACE_CSS } from './fonts.ts';
import { DIAGRAM_FONT } from './text.ts';

/** The served Arimo everywhere, so pages look the same on every machine (fonts.ts). */
const PAGE_FONT = DIAGRAM_FONT;

export const CSS = `
${FONT_FACE_CSS}
:root {
  --bg: #f3f5f9; --panel: #fff; --ink: #182030; --muted: #566072; --faint: #8a93a3; --line: #dde3ec;
  --accent: #3451b2; --accent-soft: #eef2ff; --navy: #13224a; --warn-bg: #fff4e0; --warn-ink: #7a4a00;
  --red: #d93025; --yellow: #f9ab00; --green: #1e8e3e; --grey: #9aa3b2;
  --radius: 12px; --shadow: 0 1px 2px rgba(16,24,40,.06), 0 1px 3px rgba(16,24,40,.08);
  color-scheme: light;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.5 ${PAGE_FONT}; }
a { color: var(--accent); text-decoration-thickness: 1px; text-underline-offset: 2px; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid #7c96f0; outline-offset: 2px; border-radius: 4px; }
h1, h2, h3 { line-height: 1.2; margin: 0; }
h2 { font-size: 1.3rem; }
h3 { font-size: 1.02rem; }
p { margin: .4rem 0; }
code { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #eef1f6; padding: 1px 5px; border-radius: 4px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: 8px 12px; z-index: 10; }
.skip:focus { left: 8px; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

/* Top bar */
.topbar { background: var(--panel); border-bottom: 1px solid var(--line); }
.topbar nav { max-width: 1360px; margin: 0 auto; padding: 0 24px; display: flex; align-items: center; gap: 28px; min-height: 56px; flex-wrap: wrap; }
.brand { display: flex; align-items: center; gap: 10px; font-weight: 700; color: var(--ink); text-decoration: none; font-size: 1.02rem; }
.brand svg { flex: none; }
.nav-links { display: flex; gap: 4px; list-style: none; margin: 0; padding: 0; flex-wrap: wrap; }
.nav-links a { display: block; padding: 6px 12px; border-radius: 8px; color: var(--muted); text-decoration: none; font-weight: 550; }
.nav-links a:hover { background: #f0f2f7; color: var(--ink); }
.nav-links a[aria-current="page"] { background: var(--accent-soft); color: var(--accent); }
.nav-count { display: inline-block; min-width: 20px; padding: 0 6px; margin-left: 6px; border-radius: 10px; background: #e6e9f0; color: var(--ink); font-size: 12px; text-align: center; }
.nav-count.has-errors { background: #fde2e0; color: #a50e0e; }
.nav-sync { margin-left: auto; color: var(--muted); font-size: 13px; }

main { max-width: 1360px; margin: 0 auto; padding: 24px; }
footer { max-width: 1360px; margin: 0 auto; padding: 8px 24px 40px; color: var(--muted); font-size: 13px; }
footer a { color: var(--muted); }

/* Panels */
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); box-shadow: var(--shadow); padding: 22px 24px; margin-bottom: 22px; }
.panel-head { display: flex; align-items: baseline; justify-content: space-between; gap: 16px; flex-wrap: wrap; margin-bottom: 14px; }
.panel-head p { margin: 0; color: var(--muted); font-size: 14px; }
.muted { color: var(--muted); }
.small { font-size: 13px; }

/* Hero */
.hero { background: linear-gradient(120deg, #101d40 0%, #1b3275 60%, #24429a 100%); color: #fff; border-radius: 16px; padding: 28px 32px; display: grid; grid-template-columns: 1fr auto; gap: 28px; align-items: center; margin-bottom: 18px; box-shadow: 0 8px 24px rgba(19,34,74,.18); }
.hero a { color: #fff; }
.panel .eyebrow { color: var(--muted); }
.eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; font-weight: 650; color: #b9c6ee; margin: 0 0 6px; }
.hero h1 { font-size: 2.1rem; letter-spacing: -.01em; }
.mission { font-size: 1.22rem; line-height: 1.4; color: #e6ecff; margin: 10px 0 18px; max-width: 60ch; }
.mission::before { content: "\\201C"; } .mission::after { content: "\\201D"; }
.elapsed { max-width: 560px; }
.elapsed-label { display: flex; justify-content: space-between; font-size: 13px; color: #cdd7f5; margin-bottom: 6px; gap: 12px; }
.track { height: 8px; background: rgba(255,255,255,.18); border-radius: 4px; overflow: hidden; }
.track > span { display: block; height: 100%; background: #fff; border-radius: 4px; }
.status-summary { list-style: none; display: flex; flex-wrap: wrap; gap: 8px; margin: 16px 0 0; padding: 0; }
.status-summary li { display: inline-flex; align-items: center; gap: 6px; padding: 3px 12px 3px 10px; border-radius: 14px; background: rgba(255,255,255,.1); color: #e6ecff; font-size: 13px; }
.status-summary li::before { content: ""; width: 9px; height: 9px; border-radius: 50%; background: #c4cad4; }
.status-summary strong { color: #fff; }
.ss-on-track::before { background: #34c26a !important; } .ss-at-risk::before { background: #f9ab00 !important; } .ss-off-track::before { background: #ff6b5e !important; }
.synced { margin-top: 14px; font-size: 13px; color: #cdd7f5; }
.gauge { text-align: center; }
.gauge-label { font-size: 13px; color: #cdd7f5; margin-top: 4px; }
.gauge svg text { font-family: inherit; }

.warning { background: var(--warn-bg); border: 1px solid #f3c77a; color: var(--warn-ink); border-radius: 10px; padding: 12px 16px; margin-bottom: 18px; }
.warning h2, .warning strong { font-size: 15px; }
.warning ul { margin: 6px 0 0; padding-left: 20px; }
.note { background: var(--accent-soft); border: 1px solid #cdd7fb; border-radius: 10px; padding: 12px 16px; margin-bottom: 18px; }

/* Stat tiles */
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 14px; margin-bottom: 22px; }
.stat { background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); padding: 14px 18px; box-shadow: var(--shadow); }
.stat-value { font-size: 1.7rem; font-weight: 700; letter-spacing: -.01em; }
.stat-label { color: var(--muted); font-size: 13px; }
.stat a { color: inherit; text-decoration: none; }

/* Score chips, bars, statuses */
.score { display: inline-block; min-width: 3.2em; padding: 1px 8px; border-radius: 6px; font-weight: 700; font-variant-numeric: tabular-nums; text-align: center; }
.score.big { font-size: 2.2rem; padding: 4px 14px; border-radius: 10px; }
.bar { display: inline-block; vertical-align: middle; width: 110px; height: 8px; background: #e8ebf1; border-radius: 4px; overflow: hidden; }
.bar > span { display: block; height: 100%; border-radius: 4px; }
.bar.wide { width: 100%; height: 10px; }
.status { display: inline-flex; align-items: center; gap: 6px; font-size: 13px; font-weight: 600; white-space: nowrap; }
.status::before { content: ""; width: 9px; height: 9px; border-radius: 50%; background: var(--grey); }
.st-on-track { color: #0d652d; } .st-on-track::before { background: var(--green); }
.st-at-risk { color: #7a5200; } .st-at-risk::before { background: var(--yellow); }
.st-off-track { color: #a50e0e; } .st-off-track::before { background: var(--red); }
.st-not-started { color: #4b5563; }
.sev { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 650; }
.sev-error { background: #fde2e0; color: #a50e0e; }
.sev-warning { background: #fff0cc; color: #6b4700; }
.pill { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; background: #eef1f6; color: var(--muted); font-weight: 600; }
.pill.stale { background: var(--warn-bg); color: var(--warn-ink); }
/* Periods: the picker, a past period's record banner, quarter over quarter */
.period-picker { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 0 0 14px; font-size: 14px; }
.period-picker ul { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; margin: 0; padding: 0; }
.period-picker a { display: inline-flex; gap: 6px; align-items: center; padding: 3px 10px; border: 1px solid #c9d1de; border-radius: 14px; text-decoration: none; }
.period-picker a[aria-current=page] { background: #13224a; border-color: #13224a; color: #fff; }
.period-picker-label { color: var(--muted); font-weight: 600; }
.badge-closed { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 11px; font-weight: 650; background: #e5e7eb; color: #374151; text-transform: uppercase; letter-spacing: .03em; }
.period-record { margin: 0 0 16px; padding: 10px 14px; border-radius: 8px; background: #eef1f6; color: #13224a; border: 1px solid #c9d1de; }
table.qoq td { white-space: nowrap; }
table.qoq th .pill, table.qoq th .badge-closed { margin-left: 6px; }
.qoq-absent { color: var(--muted); }
.sync-failed { margin: 0 0 16px; padding: 10px 14px; border-radius: 8px; background: #fde2e0; color: #a50e0e; border: 1px solid #f4b4ae; }

/* Diagram */
.toolbar { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
.toolbar input[type=search] { font: inherit; padding: 7px 12px; border: 1px solid #c9d1de; border-radius: 8px; min-width: 260px; }
.btn { font: inherit; font-size: 14px; padding: 7px 12px; border-radius: 8px; border: 1px solid #c9d1de; background: #fff; color: var(--ink); cursor: pointer; }
.btn:hover { background: #f3f5f9; }
.filter-count { color: var(--muted); font-size: 13px; }
.diagram-scroll { overflow-x: auto; margin: 0 -6px; }
.diagram { display: block; width: 100%; height: auto; margin: 0 auto; }
.diagram text { font-family: ${DIAGRAM_FONT}; }
.diagram .edge { fill: none; stroke: #b7c0cf; stroke-width: 1.5; }
.diagram .edge-extra { fill: none; stroke: #7048e8; stroke-width: 1.6; stroke-dasharray: 6 4; opacity: .85; }
.diagram .card { fill: #fff; stroke: #d3d9e4; stroke-width: 1; }
.diagram .card-top { fill: #f6f8ff; stroke: #aab8e6; }
.diagram .card-mission { fill: #13224a; stroke: none; }
.diagram .card-summary { fill: #fbfcfe; stroke: #c3cbd9; stroke-dasharray: 4 3; }
.diagram .card-stale { stroke: #e8a33d; stroke-width: 1.5; stroke-dasharray: 5 3; }
.diagram .t-title { font-size: 13px; font-weight: 600; fill: #182030; }
.diagram .t-top { font-size: 14px; font-weight: 700; fill: #13224a; }
.diagram .t-meta { font-size: 11px; fill: #566072; }
.diagram .t-also { font-size: 11px; fill: #5a36c9; font-weight: 600; }
.diagram .t-stale { font-size: 11px; fill: #8a5300; font-weight: 700; }
.diagram .t-score { font-size: 14px; font-weight: 700; text-anchor: middle; }
.diagram .t-status { font-size: 10.5px; font-weight: 600; text-anchor: end; }
.diagram .t-mission-name { font-size: 12px; font-weight: 700; fill: #b9c6ee; letter-spacing: .06em; }
.diagram .t-mission { font-size: 15px; font-weight: 600; fill: #fff; }
.diagram .t-mission-meta { font-size: 11px; fill: #cdd7f5; }
.diagram a:hover .card, .diagram a:focus .card { stroke: var(--accent); stroke-width: 2; }
.diagram a:focus { outline: none; }
.diagram a:focus-visible .card { stroke: #7c96f0; stroke-width: 3; }
.diagram .dim { opacity: .16; }
.diagram .match .card { stroke: var(--accent); stroke-width: 2.5; }
.diagram-stack .dim { opacity: .3; }
.diagram-stack .match { border-color: var(--accent); }
.legend { display: flex; gap: 8px 18px; flex-wrap: wrap; align-items: center; color: var(--muted); font-size: 13px; margin-top: 10px; }
.legend span { display: inline-flex; gap: 6px; align-items: center; flex-wrap: wrap; }
.legend-group { gap: 6px 12px !important; }
.legend-group strong { color: var(--ink); font-weight: 600; }
/* The diagram on phones: stacked columns of cards (components/diagram.tsx DiagramStack). */
.diagram-stack { display: none; list-style: none; margin: 0; padding: 0; }
.stack-item { margin: 0 0 6px calc(var(--depth, 0) * 14px); }
.stack-item a { display: grid; grid-template-columns: 1fr auto; gap: 2px 10px; padding: 8px 10px; background: #fff; border: 1px solid #d3d9e4; border-left: 4px solid #b7bfcc; border-radius: 8px; color: var(--ink); text-decoration: none; }
.stack-top { margin-top: 16px; }
.stack-top a { background: #f6f8ff; border-color: #aab8e6; }
.stack-stale a { border-style: dashed; border-color: #e8a33d; }
.stack-title { font-weight: 650; font-size: 15px; line-height: 1.3; }
.stack-score { font-weight: 700; font-size: 14px; border-radius: 6px; padding: 1px 8px; align-self: start; }
.stack-meta { color: var(--muted); font-size: 13px; }
.stack-also { color: #5a36c9; font-weight: 600; }
.stack-status { font-size: 13px; font-weight: 600; text-align: right; }
.stack-summary { color: var(--muted); font-size: 14px; }
/* Charts: the legend is HTML under the drawing, wrapping with the page. */
.chart-legend { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; margin: 6px 0 0; padding: 0 0 0 38px; color: #566072; font-size: 12px; }
.chart-legend li { display: inline-flex; gap: 6px; align-items: center; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; }
.co-details { border: 1px solid var(--line); border-radius: 10px; margin-top: 10px; background: #fff; }
.co-details > summary { cursor: pointer; padding: 12px 16px; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; list-style: none; }
.co-details > summary::-webkit-details-marker { display: none; }
.co-details > summary::before { content: ""; flex: none; width: 0; height: 0; border-style: solid; border-width: 5px 0 5px 8px; border-color: transparent transparent transparent var(--muted); transition: transform .15s; }
.co-details[open] > summary::before { transform: rotate(90deg); }
.co-details > summary:hover { background: #f8f9fc; }
.co-details[open] > summary { border-bottom: 1px solid var(--line); }
.co-details .diagram-scroll { padding: 10px 16px 14px; margin: 0; }
.co-title { font-weight: 650; }

/* Health */
.health-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(290px, 1fr)); gap: 16px; }
.health-card { border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; background: #fbfcfe; }
.health-card h3 { margin-bottom: 6px; display: flex; justify-content: space-between; gap: 8px; align-items: baseline; }
.big-number { font-size: 2rem; font-weight: 750; letter-spacing: -.02em; }
.health-card ul { margin: 8px 0 0; padding-left: 18px; }
.health-card li { margin: 3px 0; }
.ok { color: #0d652d; font-weight: 600; }
.compact { list-style: none; padding: 0 !important; font-size: 14px; }
.compact li { padding: 6px 0; border-top: 1px solid var(--line); margin: 0; }
.compact li:first-child { border-top: 0; }
.hint-list { list-style: none; padding: 0 !important; }
.hint-list li { padding: 8px 0; border-top: 1px solid var(--line); }
.hint-list li:first-child { border-top: 0; }

/* Trends */
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 460px), 1fr)); gap: 18px 28px; }
.chart figure, figure.chart { margin: 0; min-width: 0; }
.chart figcaption { font-weight: 650; margin-bottom: 4px; font-size: 14px; display: flex; justify-content: space-between; gap: 10px; align-items: baseline; }
.chart figcaption a { color: var(--ink); text-decoration: none; }
.chart figcaption a:hover { text-decoration: underline; }
.chart svg { display: block; width: 100%; height: auto; }
.chart svg text { font-family: ${DIAGRAM_FONT}; font-size: 11px; fill: #566072; }
.chart .axis { stroke: #9aa3b2; stroke-width: 1; }
.chart .grid { stroke: #e7ebf1; stroke-width: 1; }
.chart .expected { stroke: #6b7280; stroke-width: 1.3; stroke-dasharray: 5 4; fill: none; }
.chart .now { stroke: #3451b2; stroke-width: 1; stroke-dasharray: 2 3; }
.chart .line { fill: none; stroke-width: 2.4; stroke-linejoin: round; stroke-linecap: round; }
.chart .end-label { font-weight: 700; font-size: 12px; }

/* Team tiles (many teams) */
.tiles { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 8px; }
.tile { display: flex; justify-content: space-between; align-items: center; gap: 8px; padding: 7px 10px; border: 1px solid var(--line); border-radius: 8px; background: #fbfcfe; color: var(--ink); text-decoration: none; font-size: 14px; }
.tile:hover { border-color: var(--accent); }
.tile.stale { border-style: dashed; border-color: #e8a33d; }
.tile-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }

/* Tables */
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid var(--line); vertical-align: middle; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); font-weight: 650; background: #f8f9fc; }
.nowrap { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:hover { background: #fafbfe; }
.why { color: var(--muted); font-size: 13px; margin-top: 2px; }

/* Objective and team pages */
.crumbs { font-size: 14px; color: var(--muted); margin-bottom: 12px; }
.crumbs ol { list-style: none; display: flex; flex-wrap: wrap; gap: 6px; padding: 0; margin: 0; }
.crumbs li + li::before { content: "›"; margin-right: 6px; color: var(--faint); }
.page-head { display: grid; grid-template-columns: 1fr auto; gap: 24px; align-items: start; }
.page-head h1 { font-size: 1.75rem; margin: 4px 0 8px; }
.facts { display: flex; flex-wrap: wrap; gap: 6px 22px; margin: 6px 0 0; padding: 0; list-style: none; color: var(--muted); font-size: 14px; }
.facts strong { color: var(--ink); font-weight: 600; }
.head-score { text-align: right; }
.links-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px; }
.obj-list { list-style: none; padding: 0; margin: 0; }
.obj-list li { display: flex; align-items: center; gap: 10px; padding: 7px 0; border-top: 1px solid var(--line); }
.obj-list li:first-child { border-top: 0; }
.obj-list .grow { flex: 1; min-width: 0; }
.objective-block { border-top: 1px solid var(--line); padding-top: 18px; margin-top: 18px; }
.objective-block:first-of-type { border-top: 0; margin-top: 0; padding-top: 0; }
.objective-block h3 { font-size: 1.1rem; display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.kr-title { font-weight: 550; }
.filters { display: flex; gap: 12px; align-items: end; flex-wrap: wrap; margin-bottom: 14px; }
.filters label { display: flex; flex-direction: column; font-size: 13px; color: var(--muted); gap: 4px; }
.filters > a { line-height: 36px; }
.filters select { font: inherit; padding: 6px 10px; border: 1px solid #c9d1de; border-radius: 8px; background: #fff; min-width: 180px; }
.empty { color: var(--muted); font-style: italic; }
.error-page { text-align: center; padding: 60px 24px; }
.error-page h1 { font-size: 2rem; margin-bottom: 10px; }
.spinner { width: 42px; height: 42px; margin: 0 auto 18px; border-radius: 50%; border: 4px solid #dbe2f3; border-top-color: var(--accent); animation: spin 1s linear infinite; }
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }

@media (max-width: 860px) {
  main { padding: 14px; }
  .hero { grid-template-columns: 1fr; padding: 22px; }
  .hero h1 { font-size: 1.6rem; }
  .page-head { grid-template-columns: 1fr; }
  .head-score { text-align: left; }
  .diagram { min-width: 760px; }
  .nav-sync { display: none; }
}

/* Phones: the diagram as stacked columns instead of a drawing shrunk to unreadable text, and
   tables as one block per row, each cell labelled (no squeezed columns, nothing overlapping). */
@media (max-width: 700px) {
  .diagram-scroll { display: none; }
  .diagram-stack { display: block; }
  .stack-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .stack-table, .stack-table tbody, .stack-table tr, .stack-table td { display: block; width: auto; }
  .stack-table tr { border-bottom: 1px solid var(--line); padding: 8px 0; }
  .stack-table td { border: 0; padding: 2px 0; text-align: left !important; white-space: normal; }
  .stack-table td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
  .chart-legend { padding-left: 0; }
}

@media print {
  body { background: #fff; font-size: 12px; }
  .topbar, .toolbar, .skip, footer .no-print, .no-print { display: none !important; }
  main { max-width: none; padding: 0; }
  .panel, .stat, .health-card { box-shadow: none; break-inside: avoid; }
  .hero { background: #fff !important; color: #000; box-shadow: none; border: 2px solid #13224a; }
  .hero a, .mission, .eyebrow, .elapsed-label, .synced, .gauge-label, .status-summary li, .status-summary strong { color: #000 !important; }
  .gauge svg text { fill: #13224a; }
  .gauge svg circle:first-of-type { stroke: #e5e7eb; }
  .status-summary li { background: #f1f3f7; }
  .track { border: 1px solid #000; } .track > span { background: #13224a; }
  .co-details > summary { list-style: none; }
  .diagram .card-mission { fill: #13224a; }
  a { color: inherit; text-decoration: none; }
  svg, figure, tr { break-inside: avoid; }
}
`;
