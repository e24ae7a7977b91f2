/**
 * A small, dependency-free browsable page of the OpenAPI document (no CDN: these machines have no internet,
 * and a government page should not pull scripts from third parties).
 */
/** The docs page carries its small script and style inline; the rest of the site allows no inline code. */
export const DOCS_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; object-src 'none'";

export const DOCS_HTML = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>API Knelpunten Standen van de Uitvoering</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#1b1b1b}h1{color:#154273}
.op{border:1px solid #ccc;border-radius:6px;margin:.5rem 0;padding:.5rem 1rem}.m{display:inline-block;min-width:4rem;font-weight:bold}
.get{color:#0a7d2c}.post{color:#154273}.put{color:#8a5a00}.delete{color:#a00}code{background:#f3f3f3;padding:0 .3rem}
details>summary{cursor:pointer}pre{background:#f7f7f7;padding:.5rem;overflow:auto}</style></head>
<body><h1>API Knelpunten Standen van de Uitvoering</h1>
<p>OpenAPI 3: <a href="openapi.json"><code>/api/v1/openapi.json</code></a>. Vraag een ontwikkeltoken met
<code>npm run -s token -- --role indiener --organisation UWV</code> en stuur het mee als <code>Authorization: Bearer …</code>.</p>
<div id="ops">Laden…</div>
<script>
fetch('openapi.json').then(r=>r.json()).then(doc=>{
  const el=document.getElementById('ops');el.innerHTML='';
  for(const [path,item] of Object.entries(doc.paths)){for(const [m,op] of Object.entries(item)){
    const d=document.createElement('details');d.className='op';
    const s=document.createElement('summary');s.innerHTML='<span class="m '+m+'">'+m.toUpperCase()+'</span> <code>/api/v1'+path+'</code> '+(op.summary||'');
    d.appendChild(s);const pre=document.createElement('pre');pre.textContent=JSON.stringify({parameters:op.parameters,requestBody:op.requestBody,responses:Object.keys(op.responses||{})},null,2);
    d.appendChild(pre);el.appendChild(d);}}
}).catch(e=>{document.getElementById('ops').textContent='Kon openapi.json niet laden: '+e});
</script></body></html>`;
