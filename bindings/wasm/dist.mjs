// Writes dist/vsoko.html: the offline page as ONE file that opens from disk with a double click
// (file://). The page's own source (www/) is inlined: the styles, the script, the wasm-bindgen
// glue and its snippet as data: modules, and both WASM modules gzip'ed in base64 data blocks that
// the page unpacks (DecompressionStream). No request leaves the file. Built from pkg/web and
// pkg/lean by scripts/build-wasm; prints the size.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const read = (...p) => readFileSync(join(here, ...p), "utf8");
const dataUrl = (js) => `data:text/javascript;base64,${Buffer.from(js, "utf8").toString("base64")}`;
// The guard against the page growing unnoticed: 1.5 MB until the documents (the DOCX writer and
// reader, the chart rasteriser with its font: about 280 KB) came in.
const LIMIT = 1.75 * 1024 * 1024;

function replaceAll(text, from, to) {
  if (!text.includes(from)) throw new Error(`dist: ${from} not found`);
  return text.split(from).join(to);
}

// A glue module with its snippet imports pointing at the snippet inlined.
function glue(pkg) {
  let js = read("pkg", pkg, "vsoko_wasm.js");
  const root = join(here, "pkg", pkg, "snippets");
  for (const crate of readdirSync(root)) {
    for (const file of readdirSync(join(root, crate, "js"))) {
      const rel = `./snippets/${crate}/js/${file}`;
      const snippet = dataUrl(readFileSync(join(root, crate, "js", file), "utf8"));
      // Only the import statements: the same path is also the key of the module's imports.
      js = js
        .split("\n")
        .map((line) => (line.startsWith("import ") ? line.replace(`'${rel}'`, `"${snippet}"`).replace(`"${rel}"`, `"${snippet}"`) : line))
        .join("\n");
    }
  }
  if (js.split("\n").some((l) => l.startsWith("import ") && l.includes("./snippets/"))) {
    throw new Error(`dist: a snippet of pkg/${pkg} is not inlined`);
  }
  return dataUrl(js);
}

const wasm = (pkg) => gzipSync(readFileSync(join(here, "pkg", pkg, "vsoko_wasm_bg.wasm")), { level: 9 }).toString("base64");

let app = read("www", "app.js");
app = replaceAll(app, '"../pkg/lean/vsoko_wasm.js"', `"${glue("lean")}"`);
app = replaceAll(app, '"../pkg/web/vsoko_wasm.js"', `"${glue("web")}"`);
// A script's text may not hold "</script" inside an inline element.
if (/<\/script/i.test(app)) throw new Error("dist: the script holds </script");

let html = read("www", "index.html");
html = replaceAll(html, '<link rel="stylesheet" href="style.css">', `<style>\n${read("www", "style.css")}</style>`);
html = replaceAll(
  html,
  '<script type="module" src="app.js"></script>',
  `<script type="application/octet-stream" id="wasm-lean">${wasm("lean")}</script>\n` +
    `<script type="application/octet-stream" id="wasm-web">${wasm("web")}</script>\n` +
    `<script type="module">\n${app}\n</script>`,
);
// The one file has nothing beside it: the message for a folder opened without a server is not its.
html = html.replace(/<div id="load-error"[^>]*>[\s\S]*?<\/div>/, '<div id="load-error" class="banner error load-error">Страница не загрузилась: браузер не дал ей запустить расчёт. Откройте её в актуальной версии Chromium, Яндекс Браузера, Firefox или Edge; если файл пришёл по почте, сохраните его на диск и откройте снова.</div>');
if (/(src|href)="(?!data:|#|https?:\/\/)[^"]+"/.test(html.replace(/<script type="module">[\s\S]*<\/script>/, ""))) {
  throw new Error("dist: the page still refers to a file beside it");
}
mkdirSync(join(here, "dist"), { recursive: true });
const out = join(here, "dist", "vsoko.html");
writeFileSync(out, html);
const size = Buffer.byteLength(html);
console.log(`wasm/size/dist: vsoko.html ${size} bytes (limit ${LIMIT})`);
if (size > LIMIT) throw new Error(`dist: vsoko.html is ${size} bytes, over ${LIMIT}`);
