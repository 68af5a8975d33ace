"""The workbench page: one HTML document, inline CSS and plain JavaScript (no build step).

Every piece of corpus text reaches the page through the JSON API and is put into the DOM with
``textContent``, never as markup, so a pair containing ``<script>`` is shown, not run.
"""

from __future__ import annotations

import html

_CSS = """
:root{--err:#c62828;--warn:#b26a00;--info:#1565c0;--term:#2e7d32}
*{box-sizing:border-box}
body{font-family:system-ui,"Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;
background:#fafafa;color:#212121;line-height:1.5}
header{background:#263238;color:#fff;padding:10px 20px;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header h1{font-size:1.15rem;margin:0 12px 0 0}
header select,header button,header input{font-size:.9rem}
#layout{display:flex;gap:12px;padding:12px 20px}
#main{flex:1;min-width:0}
#side{width:340px;flex:none}
.panel{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 12px;margin-bottom:12px}
#paste textarea{width:100%;height:110px;font-family:inherit}
#bar{position:sticky;top:0;z-index:2;background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 12px;
margin-bottom:10px;display:flex;gap:12px;flex-wrap:wrap;align-items:center}
#bar .count b{margin-right:2px}
.count.error b{color:var(--err)}.count.warning b{color:var(--warn)}.count.info b{color:var(--info)}
table.pairs{width:100%;border-collapse:collapse;table-layout:fixed;background:#fff}
table.pairs td{vertical-align:top;padding:6px 8px;border-top:1px solid #eee}
td.sid{width:4.5em;color:#78909c;font-size:.8rem;font-family:ui-monospace,monospace}
tr.pair{scroll-margin-top:90px}
td.en textarea{width:100%;min-height:4em;font-family:inherit;font-size:1rem}
.term{border-bottom:2px solid var(--term);cursor:pointer}
.forbidden{text-decoration:line-through;text-decoration-color:var(--err);text-decoration-thickness:2px;cursor:pointer}
.hl-error{background:#ffcdd2}.hl-warning{background:#ffe082}.hl-info{background:#bbdefb}
ul.findings{list-style:none;margin:4px 0 0;padding:0}
li.finding{margin:3px 0;padding:4px 8px;border-left:4px solid;border-radius:3px;font-size:.88rem}
li.finding.error{border-color:var(--err);background:#ffebee}
li.finding.warning{border-color:var(--warn);background:#fff8e1}
li.finding.info{border-color:var(--info);background:#e3f2fd}
li.finding.current{box-shadow:0 0 0 2px #37474f}
li.finding.decided{opacity:.55}
li.finding button{font-size:.72rem;margin-left:6px;cursor:pointer}
code.rule{background:#eceff1;padding:0 4px;border-radius:3px;margin-right:6px}
.hidden{display:none!important}
#entry h3{margin:.2em 0}
#entry dt{font-weight:600;margin-top:6px}#entry dd{margin:0 0 0 8px}
#status{font-size:.85rem;color:#ffcc80}
#message{color:var(--err);font-weight:600}
"""

_JS = r"""
(function(){
  var TOKEN=document.body.dataset.token, doc=null, current=-1;
  function $(id){return document.getElementById(id);}
  function api(method,url,body,isForm){
    var opts={method:method,headers:{'X-Duizhao-Token':TOKEN}};
    if(body!==undefined){if(isForm){opts.body=body;}else{opts.headers['Content-Type']='application/json';
      opts.body=JSON.stringify(body);}}
    return fetch(url,opts).then(function(r){return r.json().then(function(j){
      if(!r.ok){throw new Error(j.error||r.statusText);}return j;});});}
  function say(text){$('message').textContent=text||'';}
  function fail(e){say(e.message);}
  function el(tag,cls,text){var e=document.createElement(tag);if(cls){e.className=cls;}
    if(text!==undefined){e.textContent=text;}return e;}
  // text with marks [start,end,css,termzh] cut at every boundary; corpus text only via textContent
  function marked(text,marks){var frag=document.createDocumentFragment();
    var cuts={0:1};cuts[text.length]=1;marks.forEach(function(m){cuts[m[0]]=1;cuts[m[1]]=1;});
    var points=Object.keys(cuts).map(Number).sort(function(a,b){return a-b;});
    for(var i=0;i+1<points.length;i++){var a=points[i],b=points[i+1];if(a>=b){continue;}
      var cover=marks.filter(function(m){return m[0]<=a&&b<=m[1];});var piece=text.slice(a,b);
      if(!cover.length){frag.appendChild(document.createTextNode(piece));continue;}
      var span=el('span',cover.map(function(m){return m[2];}).join(' '),piece);
      var term=cover.filter(function(m){return m[3];})[0];if(term){span.dataset.term=term[3];}
      frag.appendChild(span);}
    return frag;}
  function counts(){var c=doc.counts;['error','warning','info'].forEach(function(k){$('n-'+k).textContent=c[k];});
    $('n-fp').textContent=c.false_positive;$('undo').disabled=!doc.undo;$('save').disabled=!doc.saveable;}
  function filters(){var sev={};document.querySelectorAll('#bar input[data-severity]').forEach(function(b){
    if(b.checked){sev[b.dataset.severity]=1;}});return {sev:sev,rule:$('rule').value,
    q:$('search').value.trim().toLowerCase(),only:$('only').checked};}
  function draw(){
    var body=$('pairs');body.textContent='';if(!doc){return;}
    var f=filters(),rules={};
    doc.pairs.forEach(function(p){p.findings.forEach(function(x){rules[x.rule]=1;});});
    var sel=$('rule'),was=sel.value;sel.textContent='';sel.appendChild(el('option','','all rules')).value='';
    Object.keys(rules).sort().forEach(function(r){var o=el('option','',r);o.value=r;sel.appendChild(o);});
    sel.value=rules[was]?was:'';f.rule=sel.value;
    doc.pairs.forEach(function(p){
      var shown=p.findings.filter(function(x){return f.sev[x.severity]&&(!f.rule||x.rule===f.rule);});
      var text=(p.zh+' '+p.en+' '+p.findings.map(function(x){return x.message;}).join(' ')).toLowerCase();
      if((f.only&&!shown.length)||(f.q&&text.indexOf(f.q)<0)){return;}
      var tr=el('tr','pair');tr.id='pair-'+p.index;tr.dataset.index=p.index;
      var zhMarks=p.zh_marks.slice(),enMarks=p.en_marks.slice();
      shown.forEach(function(x){x.spans.forEach(function(s){
    (s[0]==='zh'?zhMarks:enMarks).push([s[1],s[2],'hl-'+x.severity,'']);});});
      tr.appendChild(el('td','sid',p.id));
      var zh=el('td','zh');zh.lang='zh';zh.appendChild(marked(p.zh,zhMarks));tr.appendChild(zh);
      var en=el('td','en');en.lang='en';var shownText=el('div','text');shownText.appendChild(marked(p.en,enMarks));
      shownText.title='click to edit';shownText.addEventListener('click',function(e){
        if(e.target.dataset&&e.target.dataset.term){return;}startEdit(en,p);});
      en.appendChild(shownText);
      if(shown.length){var ul=el('ul','findings');shown.forEach(function(x){ul.appendChild(findingItem(x));});
        en.appendChild(ul);}
      tr.appendChild(en);body.appendChild(tr);});
    (doc.other_findings||[]).forEach(function(x){var tr=el('tr','pair');var td=el('td');td.colSpan=3;
      var ul=el('ul','findings');ul.appendChild(findingItem(x));td.appendChild(ul);tr.appendChild(td);
    body.appendChild(tr);});
    body.querySelectorAll('span[data-term]').forEach(function(s){s.addEventListener('click',function(e){
      e.stopPropagation();showTerm(s.dataset.term);});});
    counts();}
  function findingItem(x){var li=el('li','finding '+x.severity+(x.decision?' decided':''));li.tabIndex=-1;
    li.dataset.rule=x.rule;li.dataset.fingerprint=x.fingerprint;
    li.appendChild(el('code','rule',x.rule));li.appendChild(document.createTextNode(x.message));
    if(x.fix){var fix=el('button','fix','use “'+x.fix+'”');fix.addEventListener('click',function(){
      api('POST','/api/doc/'+doc.key+'/fix',{fingerprint:x.fingerprint}).then(show).catch(fail);});
    li.appendChild(fix);}
    var fp=el('button','fp',x.decision?'undo false positive':'false positive');
    fp.addEventListener('click',function(){
    var reason=x.decision?'':(window.prompt('Why is this a false positive?','')||'');
      if(!x.decision&&!reason.trim()){return;}
      api('POST','/api/doc/'+doc.key+'/decide',{fingerprint:x.fingerprint,reason:reason}).then(show).catch(fail);});
    li.appendChild(fp);return li;}
  function startEdit(td,p){if(td.querySelector('textarea')){return;}var area=el('textarea');area.value=p.en;
    var save=el('button','save-pair','re-check'),cancel=el('button','','cancel');
    td.textContent='';td.appendChild(area);td.appendChild(save);td.appendChild(cancel);area.focus();
    save.addEventListener('click',function(){api('POST','/api/doc/'+doc.key+'/pair/'+p.index,{en:area.value})
      .then(function(v){show(v);say('');}).catch(fail);});
    cancel.addEventListener('click',draw);}
  function showTerm(zh){api('GET','/api/term?zh='+encodeURIComponent(zh)).then(entry).catch(fail);}
  function entry(t){var box=$('entry');box.textContent='';box.appendChild(el('h3','',t.zh));
    var dl=el('dl');function row(k,v){if(!v||(v.length===0)){return;}dl.appendChild(el('dt','',k));
      dl.appendChild(el('dd','',Array.isArray(v)?v.join('; '):v));}
    row('approved',t.en);row('variants',t.variants);row('forbidden',t.forbidden);row('status',t.status);
    row('spelled out',t.expands_to);row('note',t.note);row('source',t.source);
    (t.evidence||[]).forEach(function(e){
    row('evidence',[e.quote,e.outlet,e.date,e.url].filter(Boolean).join(' · '));});
    box.appendChild(dl);box.classList.remove('hidden');}
  function show(v){doc=v;$('doc-name').textContent=v.name;draw();}
  function go(step){var all=Array.prototype.slice.call(document.querySelectorAll('li.finding'));
    if(!all.length){return;}
    document.querySelectorAll('li.finding.current').forEach(function(li){li.classList.remove('current');});
    current=(current+step+all.length)%all.length;all[current].classList.add('current');
    all[current].scrollIntoView({block:'center'});all[current].focus({preventScroll:true});}
  document.addEventListener('keydown',function(e){var t=e.target.tagName;
    if(t==='TEXTAREA'||t==='INPUT'||e.ctrlKey||e.metaKey||e.altKey){return;}
    if(e.key==='n'||e.key==='j'){go(1);e.preventDefault();}else if(e.key==='p'||e.key==='k'){go(-1);
    e.preventDefault();}});
  function refreshFiles(){api('GET','/api/documents').then(function(d){var sel=$('files');sel.textContent='';
    sel.appendChild(el('option','','open a file…')).value='';
    d.files.forEach(function(f){var o=el('option','',f);o.value=f;sel.appendChild(o);});}).catch(fail);}
  $('files').addEventListener('change',function(){if(!this.value){return;}
    api('POST','/api/open',{path:this.value}).then(show).catch(fail);});
  $('upload').addEventListener('change',function(){if(!this.files.length){return;}var form=new FormData();
    form.append('file',this.files[0]);api('POST','/api/upload',form,true).then(show).catch(fail);});
  $('check-paste').addEventListener('click',function(){
    api('POST','/api/paste',{zh:$('paste-zh').value,en:$('paste-en').value}).then(show).catch(fail);});
  $('undo').addEventListener('click',function(){api('POST','/api/doc/'+doc.key+'/undo',{}).then(show).catch(fail);});
  $('save').addEventListener('click',function(){
    if(!window.confirm('Replace the file on disk (a .bak copy is kept)?')){return;}
    api('POST','/api/doc/'+doc.key+'/save',{}).then(function(r){
    say('saved '+r.saved+' (backup '+r.backup+')');}).catch(fail);});
  function download(kind,format){if(!doc){return;
    }window.location='/api/doc/'+doc.key+'/'+kind+(format?'?format='+format:'');}
  $('export').addEventListener('click',function(){download('export',$('export-format').value);});
  $('report').addEventListener('click',function(){download('report',$('report-format').value);});
  $('baseline').addEventListener('click',function(){download('baseline');});
  document.querySelectorAll('#bar input,#bar select').forEach(function(b){b.addEventListener('input',draw);
    b.addEventListener('change',draw);});
  $('gsearch').addEventListener('input',function(){var q=this.value;
    api('GET','/api/glossary?q='+encodeURIComponent(q)).then(function(r){var ul=$('gresults');ul.textContent='';
      r.terms.forEach(function(t){var li=el('li','',t.zh+' → '+t.en);li.style.cursor='pointer';
        li.addEventListener('click',function(){entry(t);});ul.appendChild(li);});}).catch(fail);});
  refreshFiles();
  var first=document.body.dataset.open;if(first){api('POST','/api/open',{path:first}).then(show).catch(fail);}
})();
"""


def page_html(token: str, open_first: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>duizhao workbench</title><style>{_CSS}</style></head>
<body data-token="{html.escape(token)}" data-open="{html.escape(open_first)}">
<header><h1>对照 duizhao workbench</h1>
<select id="files" aria-label="open a file"></select>
<label>upload <input type="file" id="upload"></label>
<span id="doc-name"></span>
<select id="export-format"><option>tsv</option><option>tmx</option><option>yaml</option><option>jsonl</option></select>
<button id="export" type="button">export corrected file</button>
<select id="report-format"><option>json</option><option>sarif</option><option>html</option><option>text</option>
<option>junit</option><option>codequality</option><option>markdown</option><option>github</option></select>
<button id="report" type="button">download report</button>
<button id="baseline" type="button">download decisions (baseline)</button>
<button id="undo" type="button" disabled>undo</button>
<button id="save" type="button" disabled>save to file</button>
<span id="status"></span></header>
<div id="layout"><div id="main">
<div class="panel" id="paste"><b>Paste a source and a draft</b> (aligned for you)
<div style="display:flex;gap:8px"><textarea id="paste-zh" placeholder="中文原文" lang="zh"></textarea>
<textarea id="paste-en" placeholder="English draft" lang="en"></textarea></div>
<button id="check-paste" type="button">check</button></div>
<p id="message" role="alert"></p>
<div id="bar">
<span class="count error"><b id="n-error">0</b>errors</span>
<span class="count warning"><b id="n-warning">0</b>warnings</span>
<span class="count info"><b id="n-info">0</b>info</span>
<span class="count"><b id="n-fp">0</b>false positives</span>
<label><input type="checkbox" data-severity="error" checked> error</label>
<label><input type="checkbox" data-severity="warning" checked> warning</label>
<label><input type="checkbox" data-severity="info" checked> info</label>
<select id="rule" aria-label="rule"></select>
<label><input type="checkbox" id="only"> only pairs with findings</label>
<input type="search" id="search" placeholder="search" aria-label="search">
<span>n / p: next / previous finding</span></div>
<table class="pairs"><tbody id="pairs"></tbody></table>
</div>
<div id="side"><div class="panel"><b>Glossary</b><br>
<input type="search" id="gsearch" placeholder="中文 / English" aria-label="glossary search" style="width:100%">
<ul id="gresults"></ul></div>
<div class="panel hidden" id="entry"></div></div></div>
<script>{_JS}</script></body></html>
"""
