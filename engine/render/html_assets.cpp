#include "render/html_assets.h"

namespace pf {

const char* html_style() {
  return R"css(:root { --fg: #1f2933; --muted: #616e7c; --line: #d9e2ec; --bad: #c62828; --bg: #fff; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 "NanumGothic", "Noto Sans CJK KR", system-ui, sans-serif; color: var(--fg);
  background: var(--bg); }
header { padding: 16px 24px; border-bottom: 1px solid var(--line); }
header h1 { margin: 0 0 4px; font-size: 20px; }
.meta { margin: 0; color: var(--muted); font-size: 12px; word-break: break-all; }
.layout { display: flex; align-items: flex-start; }
aside { position: sticky; top: 0; width: 300px; max-height: 100vh; overflow: auto; padding: 12px 16px;
  border-right: 1px solid var(--line); font-size: 13px; flex: none; }
main { flex: 1; min-width: 0; padding: 12px 24px 48px; }
h2 { font-size: 17px; margin: 24px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 0 0 4px; }
fieldset { border: 1px solid var(--line); margin: 0 0 8px; padding: 4px 8px; }
fieldset label { display: block; }
#shown { font-weight: bold; }
nav ol, nav ul { padding-left: 18px; margin: 4px 0; }
.surface { font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
td code, li code, dd code { background: #f0f4f8; padding: 0 3px; border-radius: 3px; }
th, td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #f0f4f8; }
article.item { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; margin: 10px 0; }
dl { display: grid; grid-template-columns: minmax(140px, 28%) 1fr; gap: 2px 12px; margin: 6px 0 0; }
dt { font-weight: bold; color: var(--muted); }
dd { margin: 0; }
dd ol, dd ul { margin: 0; padding-left: 18px; }
.uncertain { color: var(--bad); }
.id { color: var(--muted); font-family: monospace; }
.sev { display: inline-block; white-space: nowrap; padding: 0 6px; border-radius: 8px; font-size: 12px; font-weight: bold; }
.sev4 { background: #c62828; color: #fff; }
.sev3 { background: #ef6c00; color: #fff; }
.sev2 { background: #fbc02d; color: #1f2933; }
.sev1 { background: #cfd8dc; color: #1f2933; }
.status { font-size: 12px; color: var(--muted); }
figure { margin: 12px 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
figcaption { margin-bottom: 6px; }
.diagram { overflow-x: auto; }
.diagram svg { max-width: none; height: auto; }
.legend { color: var(--muted); }
[hidden] { display: none !important; }
@media print { aside { display: none; } }
)css";
}

// Filters: an element with data-severity is shown when one of its surfaces, its severity and
// its review status are all checked; #shown counts the visible items (.item).
const char* html_script() {
  return R"js((function () {
  'use strict';
  function checked(group) {
    var set = {};
    document.querySelectorAll('#filters input[data-group="' + group + '"]').forEach(function (box) {
      if (box.checked) set[box.value] = true;
    });
    return set;
  }
  function apply() {
    var surfaces = checked('surface'), severities = checked('severity'), statuses = checked('status');
    var shown = 0, total = 0;
    document.querySelectorAll('[data-severity]').forEach(function (el) {
      var own = (el.getAttribute('data-surface') || '').split(' ').filter(Boolean);
      var ok = (own.length === 0 || own.some(function (s) { return surfaces[s]; })) &&
               severities[el.getAttribute('data-severity')] === true &&
               statuses[el.getAttribute('data-status')] === true;
      el.hidden = !ok;
      if (el.classList.contains('item')) {
        total += 1;
        if (ok) shown += 1;
      }
    });
    var out = document.getElementById('shown');
    out.textContent = out.getAttribute('data-template').replace('{shown}', shown).replace('{total}', total);
    out.setAttribute('data-shown', String(shown));
    out.setAttribute('data-total', String(total));
  }
  document.querySelectorAll('#filters input').forEach(function (box) {
    box.addEventListener('change', apply);
  });
  apply();
})();
)js";
}

}  // namespace pf
