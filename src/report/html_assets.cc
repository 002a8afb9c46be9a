// The HTML report's stylesheet and script, inlined into every page. The
// Content-Security-Policy of the page allows exactly these two texts (by
// SHA-256), so nothing else can run or style the page even if a hostile
// string escaped its escaping. The script reads only the DOM: no data is ever
// embedded in it.
#include "report/html_page.h"

namespace leakhound::report::internal {

namespace {

constexpr char kStyle[] = R"CSS(
:root{--bg:#f6f8fa;--panel:#fff;--text:#1f2328;--muted:#59636e;--border:#d1d9e0;--accent:#0969da;
--live:#cf222e;--revoked:#1a7f37;--unknown:#bf8700;--unverified:#8596b3;--head:#0d1117}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--text);font:14px/1.5 system-ui,-apple-system,"Segoe UI",
Roboto,"Helvetica Neue",Arial,sans-serif}
code,.url{font-family:ui-monospace,SFMono-Regular,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12.5px}
.url{color:var(--muted);word-break:break-all}
.wrap{max-width:1400px;margin:0 auto;padding:0 24px}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;padding:6px;z-index:9}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.top{background:var(--head);color:#e6edf3;padding:20px 0 22px;margin-bottom:24px}
.brand{margin:0;font-weight:600;letter-spacing:.02em;color:#9198a1;display:flex;align-items:center;gap:8px}
.logo{display:inline-block;width:14px;height:14px;border-radius:3px;background:linear-gradient(135deg,#f85149,#db6d28)}
h1{margin:6px 0 2px;font-size:26px;font-weight:600;color:#fff}
.target{margin:0 0 12px;color:#c9d1d9;word-break:break-all}
.status{display:inline-block;margin:0 8px 0 0;padding:2px 10px;border-radius:999px;font-size:12.5px;font-weight:600}
.status.ok{background:#1f6feb33;color:#9ecbff;border:1px solid #1f6feb}
.status.warn{background:#bb800926;color:#f2cc60;border:1px solid #bb8009}
.status.danger{background:#da363326;color:#ff9492;border:1px solid #da3633}
main section{background:var(--panel);border:1px solid var(--border);border-radius:8px;padding:16px 20px;margin-bottom:20px}
h2{font-size:17px;margin:0 0 12px;font-weight:600}
h2 .count{color:var(--muted);font-weight:500;margin-left:4px}
h3{font-size:13px;margin:14px 0 6px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.muted{color:var(--muted)}
.scope{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:10px 24px;margin:0}
.scope div{min-width:0}
.scope dt{color:var(--muted);font-size:12px}
.scope dd{margin:0;font-weight:500;word-break:break-all}
.problems{margin-top:12px;color:#9a6700}
#summary{background:none;border:0;padding:0}
.cards{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px}
.card{background:var(--panel);border:1px solid var(--border);border-radius:8px;padding:14px 16px;border-top:4px solid var(--accent)}
.card .value{display:block;font-size:28px;font-weight:650;line-height:1.15}
.card .label{display:block;font-weight:600}
.card .note{display:block;color:var(--muted);font-size:12px;word-break:break-word}
.card.live{border-top-color:var(--live)}.card.live .value{color:var(--live)}.card .value.zero{color:var(--muted)}
.card.revoked{border-top-color:var(--revoked)}.card.unknown{border-top-color:var(--unknown)}
.card.head{border-top-color:#8250df}.card.oldest{border-top-color:#bc4c00}
.legend{list-style:none;margin:0 0 8px;padding:0;display:flex;flex-wrap:wrap;gap:6px 18px;font-size:12.5px;color:var(--muted)}
.swatch{display:inline-block;width:12px;height:12px;border-radius:3px;margin-right:6px;vertical-align:-2px}
.swatch.v-live,.v-live{background:var(--live);fill:var(--live)}
.swatch.v-revoked,.v-revoked{background:var(--revoked);fill:var(--revoked)}
.swatch.v-unknown,.v-unknown{background:var(--unknown);fill:var(--unknown)}
.swatch.v-unverified,.v-unverified{background:var(--unverified);fill:var(--unverified)}
.swatch.open-mark{background:none;border-right:3px solid var(--text);border-radius:0;width:9px}
.chart{max-height:75vh;overflow:auto;border:1px solid var(--border);border-radius:6px}
svg.timeline{display:block;width:100%;height:auto;min-width:640px}
.timeline .axis line{stroke:#d8dee4;stroke-width:1}
.timeline .axis text{font-size:11px;fill:var(--muted);text-anchor:middle}
.timeline .axis line.now{stroke:var(--text);stroke-dasharray:3 3}
.timeline .axis text.now{fill:var(--text);font-weight:600}
.timeline .label{font-size:11.5px;fill:var(--text);text-anchor:end}
.timeline a:hover .bar,.timeline a:focus .bar{stroke:var(--text);stroke-width:1.5}
.controls{display:flex;flex-wrap:wrap;align-items:center;gap:10px 16px;margin-bottom:12px}
.controls label{font-weight:500;color:var(--muted)}
.controls input[type=search],.controls select{font:inherit;color:var(--text);padding:5px 8px;border:1px solid var(--border);border-radius:6px;background:#fff;margin-left:4px}
.controls input[type=search]{width:260px}
.controls button{font:inherit;padding:5px 12px;border:1px solid var(--border);border-radius:6px;background:#f6f8fa;cursor:pointer}
.controls button:hover{background:#eef1f4}
#f-count{margin-left:auto;color:var(--muted)}
html:not(.js) .controls{display:none}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%}
table{font-size:13px}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--border);vertical-align:top}
thead th{background:#f6f8fa;font-size:12px;white-space:nowrap;position:sticky;top:0;z-index:1}
thead th button{font:inherit;font-weight:600;color:var(--text);background:none;border:0;padding:0;cursor:pointer}
html.js thead th button::after{content:"\2195";color:#afb8c1;margin-left:4px}
thead th[aria-sort=ascending] button::after{content:"\2191";color:var(--accent)}
thead th[aria-sort=descending] button::after{content:"\2193";color:var(--accent)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.date{white-space:nowrap;font-variant-numeric:tabular-nums}
td.pathcell{min-width:180px;max-width:360px;word-break:break-all}
td.rulecell{white-space:nowrap}
td.access{max-width:200px;font-size:12.5px}
tbody.secret tr.main:hover{background:#f6f8fa}
.tog{width:18px;height:18px;margin:0 6px 0 0;padding:0;border:0;background:none;cursor:pointer;vertical-align:-3px}
.tog::before{content:"";display:inline-block;border:5px solid transparent;border-left:7px solid var(--muted);margin-left:5px}
.tog[aria-expanded=true]::before{transform:rotate(90deg);transform-origin:3px 5px}
html:not(.js) .tog{display:none}
html.js tbody.secret:not(.open) tr.detail{display:none}
tr.detail>td{background:#fbfcfd;padding:6px 16px 14px 34px}
.detail-grid{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:24px}
.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:4px 14px;margin:10px 0 0}
.facts dt{color:var(--muted)}.facts dd{margin:0;word-break:break-word}
.secret-value{background:#fff8c5;padding:1px 5px;border-radius:4px}
.locs,.refs{margin:0;padding-left:18px}.locs li,.refs li{margin:2px 0;word-break:break-word}
.pill{display:inline-block;padding:0 8px;border-radius:999px;font-size:12px;font-weight:600;color:#fff;white-space:nowrap}
.pill.v-unknown{background:#fff1c2;color:#7d4e00;box-shadow:inset 0 0 0 1px #d4a72c}
.pill.v-unverified{background:#eaeef2;color:#424a53}
.sev{display:inline-block;padding:0 7px;border-radius:4px;font-size:12px;font-weight:600;border:1px solid}
.sev-critical{color:#fff;background:#82071e;border-color:#82071e}
.sev-high{color:#cf222e;border-color:#ff8182;background:#ffebe9}
.sev-medium{color:#9a6700;border-color:#d4a72c;background:#fff8c5}
.sev-low{color:#0969da;border-color:#54aeff;background:#ddf4ff}
.sev-info{color:#59636e;border-color:#d1d9e0;background:#f6f8fa}
.present{color:var(--live);font-weight:600}
.empty{font-size:15px;color:var(--revoked);font-weight:600}
.providers{max-width:900px}
.providers tbody th{font-weight:600}
svg.mini{width:200px;height:12px;display:block;margin-top:4px}
svg.mini .all{fill:#8c959f}
.checklist{margin:0;padding-left:26px}
.checklist li{padding:8px 0;border-bottom:1px solid #eaeef2;break-inside:avoid}
.checklist input{margin:0 8px 0 0;width:16px;height:16px;vertical-align:-3px}
.checklist .how{margin:4px 0 0 24px;color:var(--muted);font-size:13px}
#providers,#checklist{content-visibility:auto;contain-intrinsic-size:auto 600px}
footer{color:var(--muted);font-size:12.5px;padding:8px 0 32px}
@media (max-width:760px){.detail-grid{grid-template-columns:1fr}.controls input[type=search]{width:100%}}
@media print{
body{background:#fff;font-size:11pt}
.top{background:none;color:#000;padding:0;margin-bottom:8px;border-bottom:2px solid #000}
.top h1,.target,.brand{color:#000}
.status{border:1px solid #000;color:#000;background:none}
main section{border:0;padding:0;margin-bottom:14px;break-inside:auto}
.wrap{max-width:none;padding:0}
.skip,.controls,#findings,.tog{display:none}
.chart{max-height:none;overflow:visible;border:0}
svg.timeline{min-width:0}
.card{border:1px solid #000}
.checklist li{break-inside:avoid}
.checklist input{appearance:none;-webkit-appearance:none;border:1.5px solid #000;border-radius:2px}
}
)CSS";

constexpr char kScript[] = R"JS(
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  var table = document.getElementById('secrets');
  if (!table) return;
  var bodies = Array.prototype.slice.call(table.tBodies);
  var hay = bodies.map(function (b) { return b.textContent.toLowerCase(); });
  var text = document.getElementById('f-text');
  var verdict = document.getElementById('f-verdict');
  var severity = document.getElementById('f-severity');
  var present = document.getElementById('f-present');
  var count = document.getElementById('f-count');
  function setOpen(b, open) {
    b.classList.toggle('open', open);
    var t = b.querySelector('.tog');
    if (t) t.setAttribute('aria-expanded', open ? 'true' : 'false');
  }
  function apply() {
    var q = text.value.trim().toLowerCase(), v = verdict.value, s = severity.value;
    var p = present.checked, n = 0;
    bodies.forEach(function (b, i) {
      var show = (!q || hay[i].indexOf(q) >= 0) && (!v || b.dataset.verdict === v) &&
          (!s || b.dataset.severity === s) && (!p || b.dataset.present === '1');
      b.hidden = !show;
      if (show) n++;
    });
    count.textContent = n + ' of ' + bodies.length + ' shown';
  }
  function sortBy(th, col) {
    var asc = th.getAttribute('aria-sort') !== 'ascending';
    var num = th.dataset.type === 'num';
    Array.prototype.forEach.call(th.parentNode.cells, function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    var keyed = bodies.map(function (b, i) {
      var k = b.rows[0].cells[col].getAttribute('data-v');
      return { b: b, i: i, k: num ? parseFloat(k) : k };
    });
    keyed.sort(function (x, y) {
      var c = num ? x.k - y.k : (x.k < y.k ? -1 : x.k > y.k ? 1 : 0);
      if (c === 0) return x.i - y.i;
      return asc ? c : -c;
    });
    keyed.forEach(function (o) { table.appendChild(o.b); });
  }
  function openHash() {
    var b = document.getElementById(location.hash.slice(1));
    if (b && b.tagName === 'TBODY') { b.hidden = false; setOpen(b, true); }
  }
  bodies.forEach(function (b) { setOpen(b, false); });
  table.addEventListener('click', function (e) {
    var t = e.target.closest('.tog');
    if (t) { var b = t.closest('tbody'); setOpen(b, !b.classList.contains('open')); }
  });
  [text, verdict, severity, present].forEach(function (el) {
    el.addEventListener('input', apply);
    el.addEventListener('change', apply);
  });
  document.getElementById('expand-all').addEventListener('click', function () {
    bodies.forEach(function (b) { if (!b.hidden) setOpen(b, true); });
  });
  document.getElementById('collapse-all').addEventListener('click', function () {
    bodies.forEach(function (b) { setOpen(b, false); });
  });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
    th.querySelector('button').addEventListener('click', function () { sortBy(th, col); });
  });
  window.addEventListener('hashchange', openHash);
  apply();
  openHash();
})();
)JS";

}  // namespace

std::string_view HtmlStyle() { return kStyle; }
std::string_view HtmlScript() { return kScript; }

}  // namespace leakhound::report::internal
