// The page: a form per methodology, scored by the vsoko WASM core as the user types.
// All rules (caps, n/a, levels, errors and their Russian messages) come from the core.
// The lean scoring module loads with the page; the full module (plan, objectivity, self-
// examination, results, teachers and surveys from files) loads the first time the plan, results
// or people tab needs it.
import init, { catalog, check, methodologies, score } from "../pkg/lean/vsoko_wasm.js";

const $ = (id) => document.getElementById(id);
const NA = "n/a";
const LEVEL_CLASS = { high: "high", medium: "medium", low: "low" };

// A decimal of the core (a string) as people read it in Russian: a decimal comma, and a
// non-breaking space before «%» (as the core's `output::russian` writes it for the CLI).
const ru = (d) => String(d).replace(".", ",");
const pct = (d) => `${ru(d)}\u00a0%`;

let current = null; // the catalogue of the chosen methodology

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

// The catalogue with the names of a titles file the user loaded (checked by the core, in the
// full module); null when none is loaded.
let titled = null;

function buildForm(name) {
  current = titled ?? catalog(name);
  $("methodology-title").textContent = current.title;
  const form = $("form");
  form.replaceChildren();
  const top = current.groups.filter((g) => g.parent === null);
  for (const dir of top) {
    const section = el("fieldset", { class: "direction" },
      el("legend", {}, el("span", { class: "gid", text: dir.id }), ` ${dir.title ?? ""}`, el("span", { class: "gmax", text: `макс. ${ru(dir.max)}` })));
    const children = current.groups.filter((g) => g.parent === dir.id);
    const leafGroups = children.length ? children : [dir];
    for (const crit of leafGroups) {
      const block = el("div", { class: "criterion" });
      if (crit !== dir) {
        block.append(el("h3", {}, el("span", { class: "gid", text: crit.id }), ` ${crit.title ?? ""}`,
          el("span", { class: "gmax", text: `${crit.indicator_count} пок., макс. ${ru(crit.max)}` })));
      }
      const grid = el("div", { class: "indicators" });
      for (const input of inputsOf(crit.id)) grid.append(inputRow(input));
      block.append(grid, el("div", { class: "derived", "data-group": crit.id }));
      section.append(block);
    }
    form.append(section);
  }
}

// The inputs the indicators of one group read, in the catalogue's order (for a version-1
// methodology: its indicators).
function inputsOf(groupId) {
  const ids = new Set(current.indicators.filter((i) => i.group === groupId).map((i) => i.id));
  return current.inputs.filter((input) => input.indicators.some((id) => ids.has(id)));
}

// The control is chosen by the input's kind from the catalogue: a number field for points,
// counts and numbers (bounds and step from the catalogue), a да/нет choice for yes/no.
function inputRow(input) {
  const indicator = current.indicators.find((i) => i.id === input.id);
  // Where neither the source nor a titles file names it, the page says so in full.
  const title = input.title ?? indicator?.title ?? null;
  const common = { "data-id": input.id, id: `v-${input.id}`, "aria-label": `${input.id}: ${input.hint_ru}`, title: input.hint_ru };
  let control;
  if (input.kind === "yes_no") {
    control = el("select", common, el("option", { value: "", text: "—" }), el("option", { value: "да", text: "да" }), el("option", { value: "нет", text: "нет" }));
  } else {
    const step = input.kind === "count" ? "1" : input.kind === "points" && Number(input.max) < 10 ? "0.5" : "any";
    const attrs = { ...common, type: "number", step, inputmode: input.kind === "count" ? "numeric" : "decimal", placeholder: input.hint_ru };
    if (input.min !== null) attrs.min = input.min;
    if (input.max !== null) attrs.max = input.max;
    control = el("input", attrs);
  }
  const row = el("div", { class: `indicator kind-${input.kind}`, "data-id": input.id },
    el("label", { for: `v-${input.id}`, class: "iid", text: input.id }),
    el("span", { class: title ? "ititle" : "ititle unnamed", text: title ?? "название в источнике не приводится", title: title ?? "Название в источнике не приводится; его можно задать файлом названий" }),
    control);
  if (input.not_applicable) {
    const na = el("input", { type: "checkbox", "data-na": input.id, id: `na-${input.id}` });
    row.append(el("label", { class: "na", for: `na-${input.id}`, title: "Не применимо к организации: исключается из максимума" }, na, " н/п"));
  } else {
    row.append(el("span", { class: "na-placeholder" }));
  }
  row.append(el("div", { class: "field-error", id: `e-${input.id}` }));
  return row;
}

function readValues() {
  const values = {};
  for (const input of document.querySelectorAll("[data-id]:is(input, select)")) {
    const id = input.dataset.id;
    const na = document.querySelector(`input[data-na="${CSS.escape(id)}"]`);
    input.disabled = Boolean(na?.checked);
    if (na?.checked) values[id] = NA;
    else if (input.value.trim() !== "") values[id] = input.value.trim().replace(",", ".");
    else if (input.validity?.badInput) values[id] = "не число";
  }
  return values;
}

function writeValues(values) {
  for (const input of document.querySelectorAll("[data-id]:is(input, select)")) {
    const v = values[input.dataset.id];
    const na = document.querySelector(`input[data-na="${CSS.escape(input.dataset.id)}"]`);
    if (na) na.checked = v === NA;
    const text = v === true ? "да" : v === false ? "нет" : String(v);
    input.value = v === undefined || v === null || v === NA ? "" : text;
  }
}

function update() {
  const name = $("methodology").value;
  const values = readValues();
  for (const e of document.querySelectorAll(".field-error")) e.textContent = "";
  for (const r of document.querySelectorAll(".indicator.invalid")) r.classList.remove("invalid");
  const problems = check(values, name);
  const bad = new Set();
  const general = [];
  for (const p of problems) {
    const target = p.indicator && $(`e-${p.indicator}`);
    if (target) {
      target.textContent = p.message_ru;
      target.parentElement.classList.add("invalid");
      bad.add(p.indicator);
    } else {
      general.push(p.message_ru);
    }
  }
  const banner = $("problems");
  banner.hidden = problems.length === 0;
  banner.textContent = problems.length
    ? `Исправьте ${problems.length} ${problems.length === 1 ? "значение" : "значения"}: они не учтены в итоге.` + (general.length ? ` ${general.join("; ")}` : "")
    : "";
  const valid = Object.fromEntries(Object.entries(values).filter(([id]) => !bad.has(id) && current.inputs.some((i) => i.id === id)));
  render(score(valid, name));
}

function render(r) {
  $("total").textContent = ru(r.total);
  $("max").textContent = ru(r.max);
  const level = $("level");
  level.className = `level ${LEVEL_CLASS[r.level] ?? "none"}`;
  level.textContent = r.level_title ?? "уровни методикой не установлены";
  // Percentages and leaves come from the core's report (one decimal, rounded once), as the CLI shows them.
  $("share").textContent = r.percent === null ? "" : `${pct(r.percent)} от максимума`;
  const bars = $("bars");
  bars.replaceChildren();
  for (const g of r.groups) {
    const width = g.percent ?? "0";
    bars.append(el("div", { class: g.parent === null ? "bar dir" : "bar" },
      el("div", { class: "bar-label" }, el("span", { class: "gid", text: g.id }), ` ${g.title ?? ""}`),
      el("div", { class: "bar-value", text: `${ru(g.points)} / ${ru(g.max)}` }),
      el("div", { class: "bar-track" }, el("div", { class: `bar-fill ${LEVEL_CLASS[r.level] ?? "none"}`, style: `width:${width}%` }))));
  }
  const leaves = new Set(r.groups.filter((g) => g.leaf).map((g) => g.id));
  const deficits = $("deficits");
  deficits.replaceChildren();
  for (const d of r.deficits.groups.filter((d) => leaves.has(d.id)).slice(0, 5)) {
    deficits.append(el("li", {}, el("span", { class: "gid", text: d.id }), ` ${d.title ?? ""} `, el("b", { text: `−${ru(d.lost)}` }), ` из ${ru(d.max)}`));
  }
  // How each computed indicator came to its points (from the core's report).
  for (const box of document.querySelectorAll(".derived")) {
    const lines = r.indicators.filter((i) => i.group === box.dataset.group && (i.how || i.status === "not_applicable" && i.inputs));
    box.replaceChildren(...lines.map((i) => el("div", { class: "how" }, el("span", { class: "iid", text: i.id }),
      ` ${i.status === "not_applicable" ? "не применимо (нет данных для расчёта)" : i.how}`)));
  }
  $("missing").textContent = r.missing.length ? `Не заполнено показателей: ${r.missing.length} (засчитано 0 баллов).` : "Все показатели заполнены.";
  if (window.__vsokoFirstScoreMs === undefined) {
    window.__vsokoFirstScoreMs = performance.now();
    $("timing").textContent = `Первый расчёт через ${window.__vsokoFirstScoreMs.toFixed(0)} мс после открытия страницы.`;
  }
}

function document_() {
  return { methodology: $("methodology").value, school: $("school").value, period: $("period").value, values: readValues() };
}

// A file of the page's own making: a Blob downloaded under `name`.
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
function download(data, name, type) {
  const a = el("a", { href: URL.createObjectURL(new Blob([data], { type })), download: name });
  a.click();
  URL.revokeObjectURL(a.href);
}

// A file name from a school's or plan's name (characters a file system forbids replaced).
const fileName = (text, ext) => `${String(text || "документ").replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_").slice(0, 100)}.${ext}`;

async function load(file) {
  $("load-error").hidden = true;
  try {
    loadDoc(JSON.parse(await file.text()));
  } catch (e) {
    $("load-error").hidden = false;
    $("load-error").textContent = `Файл не загружен полностью: ${e.message_ru ?? e.message}`;
  }
  update();
}

// The filled form (XLSX) or CSV with the same header, read by the core in the browser: the
// first school's row goes into the form.
async function loadTable(file) {
  $("load-error").hidden = true;
  try {
    const core = await planModule();
    const rows = core.inputsFromFile(new Uint8Array(await file.arrayBuffer()), file.name, $("methodology").value);
    if (!rows.length) throw new Error("в таблице нет строк со школами");
    loadDoc(rows[0]);
    if (rows.length > 1) {
      $("load-error").hidden = false;
      $("load-error").textContent = `В таблице школ: ${rows.length}; в форму загружена первая — «${rows[0].school ?? ""}». Справки по всем школам пишет vsoko doc score-report --per-school.`;
    }
  } catch (e) {
    $("load-error").hidden = false;
    $("load-error").textContent = `Таблица не загружена: ${e.message_ru ?? e.message}`;
  }
  update();
}

async function scoreDocx() {
  $("load-error").hidden = true;
  try {
    const core = await planModule();
    const doc = document_();
    download(core.document("score-report", doc), fileName(`Справка ${doc.school}`, "docx"), DOCX);
  } catch (e) {
    $("load-error").hidden = false;
    $("load-error").textContent = `Справка не составлена: ${e.message_ru ?? e.message}`;
  }
}

// An input document (methodology, school, period, values) into the form.
function loadDoc(doc) {
  if (doc.methodology && doc.methodology !== $("methodology").value) {
    $("methodology").value = doc.methodology;
    buildForm(doc.methodology);
  }
  $("school").value = doc.school ?? "";
  $("period").value = doc.period ?? "";
  writeValues(doc.values ?? {});
  const unknown = Object.keys(doc.values ?? {}).filter((id) => !current.inputs.some((i) => i.id === id));
  if (unknown.length) throw new Error(`в файле есть данные, которых нет в методике: ${unknown.join(", ")}`);
}

function save() {
  const doc = document_();
  const blob = new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" });
  const a = el("a", { href: URL.createObjectURL(blob), download: `${doc.school || "school"}-${doc.methodology}.json` });
  a.click();
  URL.revokeObjectURL(a.href);
}

// A titles file (CSV: код; название), UTF-8 or as Russian Excel saves it (Windows-1251). The
// core checks every row; on an error nothing is renamed and each problem is shown.
async function loadTitles(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text;
  try { text = new TextDecoder("utf-8", { fatal: true }).decode(bytes); } catch { text = new TextDecoder("windows-1251").decode(bytes); }
  const status = $("titles-status");
  const core = await planModule();
  try {
    titled = core.catalogWithTitles($("methodology").value, text);
    status.className = "status ok";
    status.textContent = `Названия из файла «${file.name}» применены.`;
  } catch (e) {
    status.className = "status error";
    status.textContent = e.message_ru ?? String(e);
    return;
  }
  const values = readValues(); // the form is drawn again with the new names; the values stay
  buildForm($("methodology").value);
  writeValues(values);
  update();
}

// The one-file page (dist/vsoko.html) carries its modules inside it, gzip'ed and in base64, in
// data blocks; the served page has none and the glue fetches the .wasm beside it.
async function embedded(name) {
  const block = document.getElementById(`wasm-${name}`);
  if (!block) return undefined;
  const packed = Uint8Array.from(atob(block.textContent.trim()), (c) => c.charCodeAt(0));
  const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"));
  return { module_or_path: await new Response(stream).arrayBuffer() };
}

try {
  await init(await embedded("lean"));
} catch (e) {
  $("load-error").textContent = `Не удалось запустить расчёт в этом браузере (${e.message ?? e}). Откройте страницу в актуальной версии Chromium, Яндекс Браузера, Firefox или Edge.`;
  throw e;
}
$("load-error").hidden = true;
// The short names come from the methodologies' data (the core's catalogue), not from the page.
for (const name of methodologies()) $("methodology").append(el("option", { value: name, text: catalog(name).short_title }));
buildForm($("methodology").value);
$("methodology").addEventListener("change", () => {
  // A titles file names one methodology's ids; another methodology starts with its own names.
  titled = null;
  $("titles-status").textContent = "";
  buildForm($("methodology").value);
  update();
});
$("form").addEventListener("input", update);
$("load").addEventListener("change", (e) => e.target.files[0] && load(e.target.files[0]));
$("load-table").addEventListener("change", (e) => e.target.files[0] && loadTable(e.target.files[0]));
$("doc-score").addEventListener("click", scoreDocx);
$("titles").addEventListener("change", (e) => e.target.files[0] && loadTitles(e.target.files[0]));
$("save").addEventListener("click", save);
$("clear").addEventListener("click", () => { writeValues({}); update(); });
update();

// ---- The plan tab: the core checks the plan and draws its cyclogram; the page only shows them.
let plan = null;
let full = null; // the full module, once loaded

async function planModule() {
  if (!full) {
    const m = await import("../pkg/web/vsoko_wasm.js");
    await m.default(await embedded("web"));
    full = m;
  }
  return full;
}

function showTab(which) {
  const isScore = which === "score";
  $("plan-view").hidden = which !== "plan";
  $("results-view").hidden = which !== "results";
  $("people-view").hidden = which !== "people";
  document.querySelector("main.layout").hidden = !isScore;
  $("score-toolbar").hidden = !isScore;
  for (const tab of ["score", "plan", "results", "people"]) $(`tab-${tab}`).classList.toggle("active", tab === which);
}

const STATUS_RU = { done: "выполнено", not_done: "не выполнено", moved: "перенесено", cancelled: "отменено" };

// An item of the due lists, with a button that marks it done on the day chosen (the core makes
// the mark; the page keeps the plan it returns and offers it for saving).
function itemLine(i) {
  const text = `${i.id}. ${i.content} — ${i.when}${i.responsible.length ? ` (${i.responsible.join("; ")})` : ""}`;
  const line = el("li", { text, "data-item": i.id });
  if (i.status !== "done") {
    const done = el("button", { type: "button", class: "mark-done", text: "Выполнено" });
    done.addEventListener("click", () => markDone(i.id));
    line.append(" ", done);
  }
  if (STATUS_RU[i.status]) line.append(` [${STATUS_RU[i.status]}]`);
  return line;
}

async function markDone(id) {
  try {
    const { planMark } = await planModule();
    const on = $("plan-as-of").value || new Date().toISOString().slice(0, 10);
    plan = planMark(plan, id, "done", { on });
    await renderPlan();
  } catch (e) {
    $("plan-error").textContent = e.message_ru ?? String(e);
    $("plan-error").hidden = false;
  }
}

function sharePct(p) {
  return p === null || p === undefined ? "—" : `${p.replace(".", ",")}\u00a0%`;
}

function shareTable(first, rows, label) {
  const head = el("tr", {}, ...[first, "Пунктов", "Выполнено", "%"].map((t) => el("th", { text: t })));
  return [head, ...rows.map((r) => el("tr", {}, el("td", { text: label(r) }),
    el("td", { text: String(r.due) }), el("td", { text: String(r.done) }), el("td", { text: sharePct(r.pct) })))];
}

const MONTHS_RU = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"];

function renderCompletion(core, asOf) {
  const c = core.planCompletion(plan, asOf);
  const t = c.total;
  $("plan-completion-summary").textContent =
    `Пунктов к сроку: ${t.due}; выполнено: ${t.done}${t.pct === null ? "" : ` (${sharePct(t.pct)})`}; отмечено как невыполненные: ${t.not_done}.`;
  $("plan-completion-months").replaceChildren(...shareTable("Месяц", c.months,
    (m) => `${MONTHS_RU[Number(m.month.slice(5)) - 1]} ${m.month.slice(0, 4)}`));
  $("plan-completion-people").replaceChildren(...shareTable("Ответственный", c.responsible, (r) => r.responsible));
}

$("plan-doc").addEventListener("click", async () => {
  try {
    const core = await planModule();
    download(core.document("plan", plan), fileName(`План ВСОКО ${plan.academic_year ?? ""}`, "docx"), DOCX);
  } catch (e) {
    $("plan-error").textContent = e.message_ru ?? String(e);
    $("plan-error").hidden = false;
  }
});

$("plan-save").addEventListener("click", () => {
  const text = typeof plan === "string" ? plan : JSON.stringify(plan, null, 2);
  const a = el("a", { href: URL.createObjectURL(new Blob([text], { type: "application/json" })), download: "plan.json" });
  a.click();
  URL.revokeObjectURL(a.href);
});

async function renderPlan() {
  $("plan-error").hidden = true;
  try {
    const { checkPlan, planCyclogram, planDue } = await planModule();
    const asOf = $("plan-as-of").value || null;
    const result = checkPlan(plan, asOf);
    const errors = result.findings.filter((f) => f.severity === "error").length;
    $("plan-summary").textContent = result.complete
      ? `Пунктов: ${plan.items.length}. Замечаний нет.`
      : `Пунктов: ${plan.items.length}. Замечаний: ${result.findings.length} (ошибок: ${errors})`;
    $("plan-findings").replaceChildren(...result.findings.map((f) =>
      el("li", { class: f.severity, text: `${f.severity === "error" ? "Ошибка" : "Внимание"}: ${f.message_ru}` })));
    const due = asOf ? planDue(plan, asOf) : { due: [], overdue: [] };
    $("plan-due").replaceChildren(...due.due.map(itemLine));
    $("plan-overdue").replaceChildren(...due.overdue.map(itemLine));
    renderCompletion(await planModule(), asOf);
    $("plan-save").disabled = false;
    $("plan-doc").disabled = false;
    const c = planCyclogram(plan);
    $("plan-title").textContent = `Циклограмма ВСОКО на ${c.academic_year} учебный год`;
    const head = el("tr", {}, el("th", { text: "Механизм / объект" }), ...c.columns_ru.map((t) => el("th", { text: t })));
    const rows = c.rows.map((r) => el("tr", {}, el("th", { text: r.label }),
      ...r.cells.map((cell) => el("td", {}, cell.length ? el("ul", {}, ...cell.map((e) => el("li", { text: e }))) : null))));
    $("plan-cyclogram").replaceChildren(head, ...rows);
  } catch (e) {
    $("plan-error").textContent = e.message_ru ?? String(e);
    $("plan-error").hidden = false;
  }
}

$("tab-score").addEventListener("click", () => showTab("score"));
$("tab-plan").addEventListener("click", () => showTab("plan"));
$("tab-results").addEventListener("click", () => showTab("results"));
$("tab-people").addEventListener("click", () => showTab("people"));
$("plan-as-of").value = new Date().toISOString().slice(0, 10);
$("plan-as-of").addEventListener("change", () => plan && renderPlan());
$("plan-template").addEventListener("click", async () => {
  try {
    const { planTemplate } = await planModule();
    plan = planTemplate($("plan-year").value);
    await renderPlan();
  } catch (e) {
    $("plan-error").textContent = e.message_ru ?? String(e);
    $("plan-error").hidden = false;
  }
});
// A plan as a school keeps it: JSON, or a table — Word (DOCX), Excel (XLSX), CSV — read by the
// core in the browser; the year comes from the plan's title, else from the field above.
$("plan-load").addEventListener("change", async (ev) => {
  const file = ev.target.files[0];
  if (!file) return;
  $("plan-error").hidden = true;
  if (/\.json$/i.test(file.name)) {
    plan = await file.text();
    try {
      plan = JSON.parse(plan);
    } catch {}
  } else {
    try {
      const { planFromFile } = await planModule();
      const bytes = new Uint8Array(await file.arrayBuffer());
      try {
        plan = planFromFile(bytes, file.name, null);
      } catch (e) {
        if (!/учебный год не указан/.test(e.message_ru ?? "")) throw e;
        plan = planFromFile(bytes, file.name, $("plan-year").value);
      }
    } catch (e) {
      $("plan-error").textContent = `План не загружен: ${e.message_ru ?? String(e)}`;
      $("plan-error").hidden = false;
      ev.target.value = "";
      return;
    }
  }
  ev.target.value = "";
  renderPlan();
});

// ---- The results tab: the core reads the files (every sheet), tells what each is and draws
// its own pages; the page shows them in sandboxed frames where no script runs.
const KIND_RU = { marks: "отметки", tasks: "задания", objectivity: "объективность" };

// A frame as tall as the core's page (up to most of the screen; it scrolls inside beyond).
function fitFrame(frame) {
  const doc = frame.contentDocument;
  if (!doc?.documentElement) return;
  const height = doc.documentElement.scrollHeight + 2;
  frame.style.height = `${Math.min(height, Math.max(480, window.innerHeight * 0.85))}px`;
}

function showResult(kind, html, prefix = "results") {
  const section = $(`${prefix}-${kind}`);
  const frame = section.querySelector("iframe");
  section.hidden = false;
  section.querySelector(".empty").hidden = html !== null;
  frame.hidden = html === null;
  if (html === null) {
    frame.removeAttribute("srcdoc");
    return;
  }
  frame.onload = () => fitFrame(frame);
  frame.srcdoc = html;
}

function findingLine(f) {
  const where = [f.file && !f.message_ru.includes(f.file) ? f.file : null, f.row ? `строка ${f.row}` : null].filter(Boolean).join(", ");
  const kind = f.severity === "error" ? "Ошибка" : "Внимание";
  return el("li", { class: f.severity, text: `${kind}${where ? ` (${where})` : ""}: ${f.message_ru}` });
}

async function readResults(list) {
  $("results-error").hidden = true;
  $("results-findings-card").hidden = true;
  for (const kind of ["marks", "tasks", "objectivity"]) $(`results-${kind}`).hidden = true;
  $("results-read").textContent = "Файлы читаются…";
  try {
    const files = await Promise.all([...list].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    const core = await planModule();
    const r = core.results(files);
    $("results-read").replaceChildren(`Прочитано файлов: ${r.files.length}`, ...r.files.map((f) =>
      el("span", { class: "file-kind", text: `${f.name} — ${f.kinds.map((k) => KIND_RU[k]).join(", ")}` })));
    const errors = r.findings.filter((f) => f.severity === "error").length;
    $("results-findings-card").hidden = r.findings.length === 0;
    $("results-findings-title").textContent = `Замечания к данным: ${r.findings.length}${errors ? ` (строк не учтено: ${errors})` : ""}`;
    $("results-findings").replaceChildren(...r.findings.map(findingLine));
    for (const kind of ["marks", "tasks", "objectivity"]) showResult(kind, r.html[kind]);
    objectivityResult = r.objectivity ?? null;
    $("doc-objectivity").hidden = objectivityResult === null;
  } catch (e) {
    $("results-read").textContent = "";
    $("results-error").textContent = e.message_ru ?? String(e);
    $("results-error").hidden = false;
  }
}

$("results-files").addEventListener("change", (ev) => ev.target.files.length && readResults(ev.target.files));

// The objectivity result last read, for its справка.
let objectivityResult = null;
$("doc-objectivity").addEventListener("click", async () => {
  try {
    const core = await planModule();
    download(core.document("objectivity-report", objectivityResult), "Справка по результатам ВПР.docx", DOCX);
  } catch (e) {
    $("results-error").textContent = `Справка не составлена: ${e.message_ru ?? String(e)}`;
    $("results-error").hidden = false;
  }
});

// ---- The people tab: the teachers' register and surveys. The core recognises each file (a
// register, a survey definition, exports of answers), computes as of the chosen day and draws
// its own pages; the page shows them in sandboxed frames where no script runs.
const PEOPLE_KIND_RU = { teachers: "реестр педагогов", survey_definition: "описание анкеты", survey_answers: "ответы анкеты", unread: "не прочитан" };
let peopleFiles = null; // the files last chosen, read again when the day changes

async function readPeople() {
  if (!peopleFiles) return;
  $("people-error").hidden = true;
  $("people-findings-card").hidden = true;
  for (const kind of ["teachers", "survey"]) $(`people-${kind}`).hidden = true;
  $("people-read").textContent = "Файлы читаются…";
  try {
    const core = await planModule();
    const r = core.people(peopleFiles, $("people-as-of").value || null);
    $("people-read").replaceChildren(`Прочитано файлов: ${r.files.length}`, ...r.files.map((f) =>
      el("span", { class: "file-kind", text: `${f.name} — ${PEOPLE_KIND_RU[f.kind] ?? f.kind}` })));
    const errors = r.notes.filter((f) => f.severity === "error").length;
    $("people-findings-card").hidden = r.notes.length === 0;
    $("people-findings-title").textContent = `Замечания к данным: ${r.notes.length}${errors ? ` (ошибок: ${errors})` : ""}`;
    $("people-findings").replaceChildren(...r.notes.map(findingLine));
    for (const kind of ["teachers", "survey"]) showResult(kind, r[kind]?.html ?? null, "people");
  } catch (e) {
    $("people-read").textContent = "";
    $("people-error").textContent = e.message_ru ?? String(e);
    $("people-error").hidden = false;
  }
}

$("people-as-of").value = new Date().toISOString().slice(0, 10);
$("people-as-of").addEventListener("change", readPeople);
$("people-files").addEventListener("change", async (ev) => {
  if (!ev.target.files.length) return;
  peopleFiles = await Promise.all([...ev.target.files].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  readPeople();
});
