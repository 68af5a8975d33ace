"""A self-contained HTML report a translator can open in any browser, with no network.

Each document is shown side by side, 中文 | English, one row per sentence pair, with the
findings of a pair written under it. Glossary terms are underlined (hover: the approved
English), forbidden renderings struck through, figures boxed, and the text a finding points
at is highlighted in its severity's colour. A summary sits at the top; checkboxes filter the
findings by rule and severity. CSS and JavaScript are inline; nothing is fetched.

The report draws what the check recorded: every pair's ``PairView`` (texts, glossary terms,
figures; ``RunInfo.pairs``, in input order, kept out of memory by ``pairviews.PairViews``), so
nothing is read or matched again; it writes each pair as the views stream past. For a large
corpus (more than ``FULL_VIEW_LIMIT`` pairs) only pairs with findings and ``CONTEXT`` neighbours
either side are written, with a marker for each gap, so the file stays proportional to the
findings. Every piece of corpus text is escaped with ``html.escape``; nothing from the
corpus reaches the page unescaped, so a pair containing ``<script>`` is shown, not run.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, ClassVar
from urllib.parse import quote

from ..baseline import entry_for
from ..model import Finding
from ..pairviews import PairView
from .base import Formatter, SegmentKey

FULL_VIEW_LIMIT = 2000  # pairs; above this only pairs with findings (and context) are shown
CONTEXT = 1  # neighbouring pairs shown either side of a pair with findings in the reduced view
SEVERITIES = ("error", "warning", "info")

_CSS = """
:root{--err:#c62828;--warn:#b26a00;--info:#1565c0;--term:#2e7d32;--fig:#1565c0;--bg:#fafafa}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC","PingFang SC",
"Microsoft YaHei",sans-serif;margin:0;background:var(--bg);color:#212121;line-height:1.55}
header{background:#263238;color:#fff;padding:16px 24px}
header h1{margin:0 0 4px;font-size:1.35rem}
header p{margin:0;opacity:.85;font-size:.9rem}
main{padding:16px 24px;max-width:1400px;margin:auto}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:110px}
.card b{display:block;font-size:1.4rem}
.card.error b{color:var(--err)}.card.warning b{color:var(--warn)}.card.info b{color:var(--info)}
.help{background:#fff;border-left:4px solid #90a4ae;padding:8px 14px;margin:12px 0;font-size:.92rem}
.filters{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 14px;margin:12px 0;
position:sticky;top:0;z-index:2}
tr.pair,li.finding,section.doc{scroll-margin-top:calc(var(--bar,120px) + 12px)}
tr.pair:target td,li.finding.current{box-shadow:inset 0 0 0 2px #37474f}
#dz-search{min-width:18em;padding:2px 6px}
.filters .tools button{font-size:.85rem;margin:0}
li.finding button.fp{float:right;font-size:.72rem;cursor:pointer}
li.finding.false-positive{opacity:.55}
li.finding.false-positive button.fp{background:#37474f;color:#fff}
a.anchor{color:inherit;text-decoration:none}
.filters fieldset{border:0;margin:0 0 6px;padding:0;display:flex;flex-wrap:wrap;gap:6px 16px;align-items:center}
.filters legend{font-weight:600;float:left;margin-right:10px}
.filters label{cursor:pointer;white-space:nowrap}
.filters button{font-size:.75rem;margin-left:3px;cursor:pointer}
section.doc{background:#fff;border:1px solid #ddd;border-radius:6px;margin:16px 0;overflow:hidden}
section.doc h2{margin:0;padding:10px 14px;font-size:1.1rem;background:#eceff1}
section.doc h2 small{font-weight:normal;color:#546e7a;margin-left:8px}
table.pairs{width:100%;border-collapse:collapse;table-layout:fixed}
table.pairs th{background:#f5f5f5;text-align:left;padding:6px 10px;font-size:.85rem}
table.pairs td{vertical-align:top;padding:6px 10px;border-top:1px solid #eee}
col.id{width:5.5em}
td.sid{color:#78909c;font-size:.8rem;font-family:ui-monospace,monospace}
tr.has-findings td.sid{color:#212121;font-weight:600}
tr.findings td{border-top:0;padding-top:0}
ul.findings{list-style:none;margin:0;padding:0}
li.finding{margin:3px 0;padding:4px 8px;border-left:4px solid;border-radius:3px;font-size:.9rem}
li.finding.error{border-color:var(--err);background:#ffebee}
li.finding.warning{border-color:var(--warn);background:#fff8e1}
li.finding.info{border-color:var(--info);background:#e3f2fd}
.sev{font-weight:700;text-transform:uppercase;font-size:.72rem;margin-right:6px}
li.error .sev{color:var(--err)}li.warning .sev{color:var(--warn)}li.info .sev{color:var(--info)}
code.rule{background:#eceff1;padding:0 4px;border-radius:3px;margin-right:6px}
.where{color:#78909c;font-size:.8rem;margin-left:6px}
.term{border-bottom:2px solid var(--term)}
.forbidden{text-decoration:line-through;text-decoration-color:var(--err);text-decoration-thickness:2px}
.figure{outline:1px solid var(--fig);border-radius:2px;padding:0 1px}
.hl-error{background:#ffcdd2}.hl-warning{background:#ffe082}.hl-info{background:#bbdefb}
tr.gap td{text-align:center;color:#90a4ae;font-style:italic;font-size:.85rem}
.hidden{display:none!important}
.key span{margin-right:14px}
.empty{padding:10px 14px;color:#2e7d32}
.none{color:#9e9e9e;font-style:italic}
footer{color:#90a4ae;font-size:.8rem;padding:12px 24px}
"""

# Filtering: a finding is shown when its rule and its severity are both ticked; a pair's
# findings row disappears when none of its findings is shown; with "only pairs with findings"
# ticked, pairs whose findings are all filtered out disappear as well.
_JS = r"""
(function(){
  var bar=document.querySelector('.filters');
  function barHeight(){document.documentElement.style.setProperty('--bar',bar.offsetHeight+'px');}
  barHeight();window.addEventListener('resize',barHeight);
  var boxes=document.querySelectorAll('.filters input[type=checkbox]');
  var search=document.getElementById('dz-search');
  function ticked(kind){var s={};document.querySelectorAll('input[data-'+kind+']').forEach(function(b){
    if(b.checked){s[b.getAttribute('data-'+kind)]=1;}});return s;}
  function apply(){
    var rules=ticked('rule'),sevs=ticked('severity');var query=search.value.trim().toLowerCase();
    var only=document.getElementById('dz-only-findings').checked;var shown=0;
    document.querySelectorAll('li.finding').forEach(function(li){
      var on=rules[li.dataset.rule]&&sevs[li.dataset.severity];li.classList.toggle('hidden',!on);});
    document.querySelectorAll('tr.pair').forEach(function(tr){
      var row=tr.dataset.findings?document.getElementById(tr.dataset.findings):null;var any=false;
      if(row){any=row.querySelector('li.finding:not(.hidden)')!==null;}
      var match=!query||(tr.textContent+' '+(row?row.textContent:'')).toLowerCase().indexOf(query)>=0;
      var hide=(only&&!any)||!match;tr.classList.toggle('hidden',hide);
      if(row){row.classList.toggle('hidden',hide||!any);
        if(!hide){shown+=row.querySelectorAll('li.finding:not(.hidden)').length;}}});
    document.querySelectorAll('tr.gap').forEach(function(tr){tr.classList.toggle('hidden',only||!!query);});
    document.querySelectorAll('section.other li.finding').forEach(function(li){
      var match=!query||li.textContent.toLowerCase().indexOf(query)>=0;
      if(!match){li.classList.add('hidden');}if(!li.classList.contains('hidden')){shown++;}});
    document.getElementById('dz-shown-count').textContent=shown;
  }
  boxes.forEach(function(b){b.addEventListener('change',apply);});
  search.addEventListener('input',apply);
  document.querySelectorAll('button.only').forEach(function(btn){btn.addEventListener('click',function(){
    var want=btn.getAttribute('data-only');
    document.querySelectorAll('input[data-rule]').forEach(function(b){b.checked=(b.getAttribute('data-rule')===want);});
    apply();});});
  document.getElementById('dz-show-all').addEventListener('click',function(){
    document.querySelectorAll('input[data-rule],input[data-severity]').forEach(function(b){b.checked=true;});
    search.value='';apply();});
  // keyboard: n / j next finding, p / k previous (not while typing in the search box)
  var current=-1;
  function visibleFindings(){return Array.prototype.filter.call(document.querySelectorAll('li.finding'),
    function(li){return li.offsetParent!==null;});}
  function go(step){var all=visibleFindings();if(!all.length){return;}
    document.querySelectorAll('li.finding.current').forEach(function(li){li.classList.remove('current');});
    current=(current+step+all.length)%all.length;var li=all[current];li.classList.add('current');
    li.scrollIntoView({block:'center'});li.focus({preventScroll:true});}
  document.getElementById('dz-next').addEventListener('click',function(){go(1);});
  document.getElementById('dz-prev').addEventListener('click',function(){go(-1);});
  document.addEventListener('keydown',function(e){
    if(e.target===search||e.ctrlKey||e.metaKey||e.altKey){return;}
    if(e.key==='n'||e.key==='j'){go(1);e.preventDefault();}
    else if(e.key==='p'||e.key==='k'){go(-1);e.preventDefault();}});
  // false positives: collected in the page, downloaded as a baseline `check --baseline` reads
  var marked=document.getElementById('dz-marked');
  function count(){marked.textContent=document.querySelectorAll('li.finding.false-positive').length;}
  document.querySelectorAll('li.finding button.fp').forEach(function(btn){btn.addEventListener('click',function(){
    var li=btn.closest('li.finding');var on=li.classList.toggle('false-positive');
    btn.setAttribute('aria-pressed',on?'true':'false');count();});});
  function download(name,type,text){var blob=new Blob([text],{type:type});var a=document.createElement('a');
    a.href=URL.createObjectURL(blob);a.download=name;document.body.appendChild(a);a.click();
    setTimeout(function(){URL.revokeObjectURL(a.href);a.remove();},1000);}
  function entry(li){return {fingerprint:li.dataset.fingerprint,rule:li.dataset.rule,file:li.dataset.file,
    segment:li.dataset.segment,message:li.dataset.message};}
  document.getElementById('dz-baseline').addEventListener('click',function(){
    var entries=Array.prototype.map.call(document.querySelectorAll('li.finding.false-positive'),entry);
    download('duizhao-baseline.json','application/json',JSON.stringify({tool:'duizhao',format:1,
      about:'Findings marked as false positives in the HTML report: `duizhao check --baseline THIS_FILE` '+
      'reports only findings not listed here.',entries:entries},null,2)+'\n');});
  function csvCell(v){v=String(v==null?'':v);if(/^[=+\-@\t\r]/.test(v)){v="'"+v;}
    return '"'+v.replace(/"/g,'""')+'"';}
  document.getElementById('dz-csv').addEventListener('click',function(){
    var rows=[['file','line','column','segment','rule','severity','message','false positive']];
    document.querySelectorAll('li.finding').forEach(function(li){rows.push([li.dataset.file,li.dataset.line,
      li.dataset.column,li.dataset.segment,li.dataset.rule,li.dataset.severity,li.dataset.message,
      li.classList.contains('false-positive')?'yes':'']);});
    var text=rows.map(function(r){return r.map(csvCell).join(',');}).join('\r\n')+'\r\n';
    download('duizhao-findings.csv','text/csv',text);});
  apply();
  // open at the first finding (unless the address names a segment)
  if(!location.hash){var first=document.querySelector('tr.pair.has-findings:not(.hidden), section.other');
    if(first){first.scrollIntoView({block:'start'});}}
})();
"""


@dataclass(frozen=True)
class Mark:
    """A highlighted range of one side of a pair: CSS classes and a tooltip."""

    start: int
    end: int
    css: str
    title: str = ""


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def render_marked(text: str, marks: Iterable[Mark]) -> str:
    """``text`` escaped, with every mark as a ``<span>``; overlapping marks are split, not nested wrongly.

    The text is cut at every mark boundary; each piece carries the classes (and tooltips) of
    all marks covering it, so any overlap renders correctly.
    """
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    if not marks:
        return esc(text)
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out = []
    for start, end in pairwise(cuts):
        piece = esc(text[start:end])
        covering = [m for m in marks if m.start <= start and end <= m.end]
        if not covering:
            out.append(piece)
            continue
        css = " ".join(dict.fromkeys(m.css for m in covering))
        title = "; ".join(dict.fromkeys(m.title for m in covering if m.title))
        title_attr = f' title="{esc(title)}"' if title else ""
        out.append(f'<span class="{css}"{title_attr}>{piece}</span>')
    return "".join(out)


class HtmlFormatter(Formatter):
    name: ClassVar[str] = "html"
    description: ClassVar[str] = "one self-contained HTML page: zh | en side by side, findings inline, filters"
    draws_pairs: ClassVar[bool] = True

    def finish(self, summary: dict[str, Any]) -> None:
        self._rows = 0
        self._anchors: dict[str, int] = {}
        self._rules = {rule.id: rule for rule in self.rules()}
        findings = self.findings
        by_segment: dict[SegmentKey, list[Finding]] = defaultdict(list)
        for finding in findings:
            by_segment[(finding.location.file, finding.location.segment)].append(finding)
        reduced = summary.get("segments", 0) > FULL_VIEW_LIMIT
        write = self.out.write
        write(self._head(summary, findings, reduced))
        placed: set[SegmentKey] = set()
        if self.run.pairs is not None:
            self._documents(self.run.pairs, by_segment, placed, reduced)
        leftover = [f for f in findings if (f.location.file, f.location.segment) not in placed]
        if leftover:
            write('<section class="doc other"><h2>Other findings<small>(not tied to a pair shown above)</small></h2>')
            write('<ul class="findings" style="padding:8px 14px">')
            for finding in leftover:
                write(self._finding_item(finding, with_place=True))
            write("</ul></section>\n")
        write(self._stale(summary))
        write(f'</main><footer>{esc(self.run.signature)}</footer>\n<script>{_JS}</script>\n</body></html>\n')

    # -- page parts --------------------------------------------------------------------

    def _head(self, summary: dict[str, Any], findings: list[Finding], reduced: bool) -> str:
        by_rule = Counter(f.rule for f in findings)
        by_sev = Counter(f.severity.value for f in findings)
        rules = self._rules
        # only rules with findings get a filter: a box for a rule that found nothing filters nothing
        rule_ids = [rid for rid in dict.fromkeys([*rules, *sorted(by_rule)]) if by_rule.get(rid)]
        cards = [("segments", "sentence pairs checked"), ("files", "files"), ("errors", "errors"),
                 ("warnings", "warnings"), ("infos", "notes"), ("suppressed", "suppressed in the corpus")]
        card_html = "".join(
            f'<div class="card {cls}"><b>{esc(summary.get(key, 0))}</b>{esc(label)}</div>'
            for (key, label), cls in zip(cards, ("", "", "error", "warning", "info", ""), strict=True)
        )
        baseline = summary.get("baseline")
        if baseline:
            card_html += (f'<div class="card"><b>{esc(baseline["known"])}</b>known (in baseline)</div>'
                          f'<div class="card"><b>{esc(baseline["stale"])}</b>stale baseline entries</div>')
        rule_boxes = "".join(
            f'<label title="{esc(getattr(rules.get(rid), "summary", ""))}"><input type="checkbox" checked '
            f'data-rule="{esc(rid)}"> <code class="rule">{esc(rid)}</code>({by_rule.get(rid, 0)})</label>'
            f'<button type="button" class="only" data-only="{esc(rid)}" title="show only {esc(rid)}">only</button>'
            for rid in rule_ids
        )
        sev_boxes = "".join(
            f'<label><input type="checkbox" checked data-severity="{sev}"> {sev} ({by_sev.get(sev, 0)})</label>'
            for sev in SEVERITIES
        )
        verdict = ("No findings: every pair passed the checks." if not findings
                   else f"{len(findings)} finding(s) in {len({(f.file, f.segment) for f in findings})} pair(s).")
        reduced_note = (f"<p><b>Large corpus:</b> only pairs with findings and {CONTEXT} neighbouring pair(s) "
                        "are shown; “…” rows mark pairs left out.</p>" if reduced else "")
        inputs = ", ".join(self.run.inputs) or "(inputs)"
        return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>duizhao report: {esc(inputs)}</title>
<style>{_CSS}</style></head>
<body>
<header><h1>对照 duizhao: translation check report</h1>
<p>{esc(inputs)} · glossary of {esc(self.run.glossary_terms)} terms · duizhao {esc(self.run.version)}</p></header>
<main>
<div class="cards" id="dz-summary">{card_html}</div>
<p><b>{esc(verdict)}</b></p>
<div class="help">
<p>Each row is one sentence pair: the Chinese source on the left, the English translation on the right.
Problems found in a pair are listed under it, most serious first in colour:
<b style="color:var(--err)">error</b> (must be fixed before publishing),
<b style="color:var(--warn)">warning</b> (should be checked),
<b style="color:var(--info)">info</b> (for information).</p>
<p class="key"><span><span class="term">underlined</span> glossary term (hover for the approved English)</span>
<span><span class="forbidden">struck through</span> a rendering the glossary forbids</span>
<span><span class="figure">123</span> figure</span>
<span><span class="hl-error">highlighted</span> the text a finding is about</span></p>
{reduced_note}</div>
<form class="filters" onsubmit="return false">
<fieldset><legend>Severity</legend>{sev_boxes}</fieldset>
<fieldset><legend>Rule</legend>{rule_boxes}<button type="button" id="dz-show-all">show all</button></fieldset>
<fieldset><label><input type="checkbox" id="dz-only-findings"{' checked' if reduced else ''}>
only pairs with findings</label> · <span id="dz-shown-count">{len(findings)}</span> finding(s) shown
· <input type="search" id="dz-search" placeholder="search Chinese, English, messages" aria-label="search"></fieldset>
<fieldset class="tools"><button type="button" id="dz-prev" title="previous finding (p)">◀ previous</button>
<button type="button" id="dz-next" title="next finding (n)">next ▶</button>
· <span id="dz-marked">0</span> marked as false positive
<button type="button" id="dz-baseline" title="a baseline file: duizhao check --baseline FILE">download baseline</button>
<button type="button" id="dz-csv">download findings (CSV)</button></fieldset>
</form>
"""

    def _documents(self, segments: Iterable[PairView], by_segment: dict[SegmentKey, list[Finding]],
                   placed: set[SegmentKey], reduced: bool) -> None:
        """Write every document's table while the pairs' views stream past.

        In the reduced view a clean pair is held back (at most ``CONTEXT`` of them) until it
        turns out to precede a pair with findings; the others are only counted for the gap
        marker. A document without findings is not shown at all there. Memory stays at a few
        pairs whatever the size of a document.
        """
        out = self.out
        files_with_findings = {file for file, _ in by_segment}
        current: str | None = None
        opened = False
        held: deque[PairView] = deque()
        skipped = after = 0

        def gap() -> None:
            nonlocal skipped
            if skipped:
                out.write(f'<tr class="gap"><td colspan="3">… {skipped} pair(s) without findings …</td></tr>\n')
                skipped = 0

        def close() -> None:
            nonlocal skipped, opened
            if opened:
                skipped += len(held)
                gap()
                out.write("</tbody></table></section>\n")
            held.clear()
            skipped, opened = 0, False

        def write(seg: PairView) -> None:
            nonlocal opened
            if not opened:
                out.write(self._doc_header(seg, seg.doc.file in files_with_findings))
                opened = True
            key = (seg.doc.file, seg.id)
            placed.add(key)
            out.write(self._pair(seg, by_segment.get(key, [])))

        for seg in segments:
            if seg.doc.file != current:
                close()
                current, after = seg.doc.file, 0
            if not reduced:
                write(seg)
                continue
            if (seg.doc.file, seg.id) in by_segment:
                gap()
                while held:
                    write(held.popleft())
                write(seg)
                after = CONTEXT
            elif after > 0:
                write(seg)
                after -= 1
            else:
                held.append(seg)
                if len(held) > CONTEXT:
                    held.popleft()
                    skipped += 1
        close()

    def _doc_header(self, seg: PairView, has_findings: bool) -> str:
        info = seg.doc
        source = " · ".join(v for k, v in info.source.items() if v and k in ("issuer", "date"))
        title = info.title or info.id
        head = (f'<section class="doc" id="doc-{esc(info.id)}"><h2>{esc(title)}'
                f'<small>{esc(info.file)}{" · " + esc(source) if source else ""}</small></h2>\n')
        if not has_findings:
            head += '<p class="empty">✓ No findings in this document.</p>\n'
        return head + ('<table class="pairs"><colgroup><col class="id"><col><col></colgroup>'
                       '<thead><tr><th>Pair</th><th>中文 (source)</th><th>English (translation)</th></tr></thead>'
                       '<tbody>\n')

    def _anchor(self, seg: PairView) -> str:
        """The row's id: the segment id (``#s017``), or ``file#s017`` when the run checked several
        files; a repeated one (two TSV rows with one id) gets ``~2``, ``~3``…"""
        anchor = f"{seg.doc.file}#{seg.id}" if len(self.run.files) > 1 else seg.id
        count = self._anchors.get(anchor, 0) + 1
        self._anchors[anchor] = count
        return anchor if count == 1 else f"{anchor}~{count}"

    def _pair(self, seg: PairView, found: list[Finding]) -> str:
        self._rows += 1
        anchor = self._anchor(seg)
        zh_marks, en_marks = self._marks(seg, found)
        css = "pair has-findings" if found else "pair"
        line = f'<span class="where">line {seg.line}</span>' if seg.line else ""
        english = render_marked(seg.en, en_marks) if seg.en.strip() else '<span class="none">(no English)</span>'
        findings_id = f"dz-f{self._rows}"
        data = f' data-findings="{findings_id}"' if found else ""
        row = (f'<tr class="{css}" id="{esc(anchor)}"{data}><td class="sid">'
               f'<a class="anchor" href="#{esc(quote(anchor, safe="/#~"))}">{esc(seg.id)}</a>{line}</td>'
               f'<td lang="zh">{render_marked(seg.zh, zh_marks)}</td>'
               f'<td lang="en">{english}</td></tr>\n')
        if found:
            ordered = sorted(found, key=lambda f: (-f.severity.rank, f.rule, f.message))
            items = "".join(self._finding_item(f) for f in ordered)
            row += (f'<tr class="findings" id="{findings_id}"><td></td>'
                    f'<td colspan="2"><ul class="findings">{items}</ul></td></tr>\n')
        return row

    @staticmethod
    def _marks(seg: PairView, found: list[Finding]) -> tuple[list[Mark], list[Mark]]:
        """The pair's figures and glossary terms (recorded by the check), then the findings' spans."""
        zh_marks = [Mark(*mark) for mark in seg.zh_marks]
        en_marks = [Mark(*mark) for mark in seg.en_marks]
        for finding in found:
            for span in finding.spans:
                mark = Mark(span.start, span.end, f"hl-{finding.severity.value}", f"{finding.rule}: {finding.message}")
                (zh_marks if span.side == "zh" else en_marks).append(mark)
        return zh_marks, en_marks

    def _finding_item(self, finding: Finding, *, with_place: bool = False) -> str:
        rule = self._rules.get(finding.rule)
        tip = f' title="{esc(rule.summary)}"' if rule is not None else ""
        loc = finding.location
        place = f'<span class="where">{esc(loc.file)}:{loc.line} [{esc(loc.segment)}]</span>' if with_place else ""
        related = ""
        if finding.related:
            related = '<span class="where">also: ' + ", ".join(esc(r.segment) for r in finding.related) + "</span>"
        sev = finding.severity.value
        entry = entry_for(finding)  # what a baseline records, so "false positive" can download one
        data = (f'data-rule="{esc(finding.rule)}" data-severity="{sev}" data-fingerprint="{entry.fingerprint}" '
                f'data-file="{esc(entry.file)}" data-segment="{esc(entry.segment)}" '
                f'data-message="{esc(entry.message)}" data-line="{loc.line}" data-column="{loc.column or ""}"')
        return (f'<li class="finding {sev}" tabindex="-1" {data}>'
                '<button type="button" class="fp" aria-pressed="false" title="mark as a false positive: it goes '
                'into the downloaded baseline">false positive</button>'
                f'<span class="sev">{sev}</span><code class="rule"{tip}>{esc(finding.rule)}</code>'
                f"{esc(finding.message)}{place}{related}</li>")

    @staticmethod
    def _stale(summary: dict[str, Any]) -> str:
        baseline = summary.get("baseline")
        if not baseline or not baseline.get("stale_entries"):
            return ""
        items = "".join(
            f'<li>{esc(e["file"])} [{esc(e["segment"])}] '
            f'<code class="rule">{esc(e["rule"])}</code>{esc(e["message"])}</li>'
            for e in baseline["stale_entries"]
        )
        return (f'<section class="doc"><h2>Stale baseline entries<small>{esc(baseline["file"])}: these known '
                f'findings no longer occur; refresh the baseline</small></h2><ul>{items}</ul></section>\n')
