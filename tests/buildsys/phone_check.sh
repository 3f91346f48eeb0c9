#!/usr/bin/env bash
# The HTML report on a 390 px phone, in headless Chromium: the report (built-in case with the
# dilemma) is shown in a 390 px wide frame, a script measures every table once the page has
# loaded and reports to the frame's parent, whose DOM Chromium dumps. Fails when a table is
# wider than the frame's viewport (the forecast and dilemma tables used to cut off their key
# columns), or when a chart's smallest text is drawn under 11 px (it was about 7 px).
# Exit 77 (skipped) without Chromium. Usage: phone_check.sh TOOL
set -euo pipefail
tool=$(realpath "$1")
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ -z $browser ]]; then
    echo "no Chromium: skipped"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$tool" report --dilemma -o report.html
{
    cat report.html
    cat <<'JS'
<script>
window.addEventListener('load', function () {
  var out = ['viewport ' + document.documentElement.clientWidth];
  document.querySelectorAll('table').forEach(function (t) {
    var s = t.closest('section');
    out.push('table ' + (s ? s.id : '?') + ' ' + Math.ceil(t.getBoundingClientRect().width));
  });
  // The text of every chart shown: its font size as drawn on the screen (the SVG scales to the
  // column, so its own font-size times the scale), the smallest per chart.
  document.querySelectorAll('svg').forEach(function (svg, k) {
    if (!svg.getBoundingClientRect().width) return;
    var m = svg.getScreenCTM(), least = Infinity;
    svg.querySelectorAll('text').forEach(function (t) {
      var px = parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize) * m.a;
      if (px < least) least = px;
    });
    if (least < Infinity) out.push('chart ' + k + ' ' + least.toFixed(2));
  });
  parent.postMessage(out.join('\n'), '*');
});
</script>
JS
} > measured.html
cat > phone.html <<'EOF2'
<!DOCTYPE html><html><body style="margin:0">
<iframe src="measured.html" style="width:390px;height:844px;border:0"></iframe>
<pre id="measure"></pre>
<script>window.addEventListener('message', function (e) { document.getElementById('measure').textContent = e.data; });</script>
</body></html>
EOF2
# A desktop window cannot be narrower than about 500 px, hence the 390 px frame inside it.
timeout 180 "$browser" --headless=new --no-sandbox --disable-gpu --window-size=800,900 \
    --virtual-time-budget=15000 --dump-dom "file://$work/phone.html" 2>/dev/null |
    sed -n '/<pre id="measure">/,/<\/pre>/p' | sed 's/<[^>]*>//g' > measure.txt
cat measure.txt
viewport=$(awk '$1 == "viewport" {print $2}' measure.txt)
if [[ -z $viewport ]]; then
    echo "Chromium reported no measurement"
    exit 1
fi
n=$(awk '$1 == "table"' measure.txt | wc -l)
if [[ $n -lt 3 ]]; then
    echo "expected the dilemma, forecast and scenario tables, measured $n"
    exit 1
fi
awk -v vw="$viewport" '$1 == "table" && ($3 > vw || $3 > 390) {print "table in section " $2 " is " $3 " px wide on a " vw " px screen"; bad = 1} END {exit bad}' measure.txt
c=$(awk '$1 == "chart"' measure.txt | wc -l)
if [[ $c -lt 4 ]]; then
    echo "expected the dilemma, issue, trajectory and bargain charts, measured $c"
    exit 1
fi
awk '$1 == "chart" && $3 < 11 {print "chart " $2 ": text of " $3 " px on a phone"; bad = 1} END {exit bad}' measure.txt
