// The built Node package over the shared fixtures: same results as Rust, every error code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { FIXTURES, read, thrown } from "./support.mjs";

const require = createRequire(import.meta.url);
const vsoko = require("../pkg/node/vsoko_wasm.js");

for (const methodology of ["index-2023", "nocko-1547"]) {
  test(`golden schools: ${methodology}`, () => {
    const cases = readdirSync(join(FIXTURES, "schools", methodology)).filter((f) => !f.endsWith(".expected.json"));
    assert.ok(cases.length > 0);
    for (const file of cases) {
      const doc = read(`schools/${methodology}/${file}`);
      const want = read(`schools/${methodology}/${file.replace(".json", ".expected.json")}`);
      const r = vsoko.scoreDocument(doc);
      assert.equal(r.total, want.total, file);
      assert.equal(r.max, want.max, file);
      assert.equal(r.level, want.level, file);
      assert.deepEqual(r.missing, want.missing, file);
      assert.deepEqual(r.not_applicable, want.not_applicable, file);
      for (const g of r.groups) {
        assert.equal(g.points, want.groups[g.id].points, `${file} ${g.id}`);
        assert.equal(g.max, want.groups[g.id].max, `${file} ${g.id}`);
      }
      assert.equal(vsoko.score(doc.values, methodology).total, want.total, file);
    }
  });
}

test("bad inputs give their codes (those JSON.parse can carry into JS)", () => {
  const seen = new Set();
  for (const c of read("bad_inputs.json")) {
    const text = readFileSync(join(FIXTURES, c.file), "utf8");
    let doc;
    try {
      doc = JSON.parse(text);
    } catch {
      continue; // malformed JSON never reaches vsoko from JS
    }
    if (c.code === "duplicate_indicator") continue; // JSON.parse keeps the last key
    if (c.file.includes("json_number")) continue; // JSON.parse rounds these to a float first
    const e = thrown(() => vsoko.scoreDocument(doc, c.methodology ?? undefined, { strict: c.strict }));
    assert.ok(e instanceof Error, c.file);
    assert.equal(e.name, "VsokoError", c.file);
    assert.equal(e.code, c.code, c.file);
    assert.equal(e.indicator, c.indicator, c.file);
    seen.add(c.code);
  }
  for (const code of ["unknown_methodology", "invalid_input", "unknown_indicator", "invalid_value",
    "value_out_of_range", "not_applicable_forbidden", "missing_indicator"]) {
    assert.ok(seen.has(code), code);
  }
});

test("JS-only inputs: NaN, Infinity, wrong shapes are errors, never panics", () => {
  for (const v of [NaN, Infinity, -Infinity, true, [1], { a: 1 }, "NaN", "2,5"]) {
    const e = thrown(() => vsoko.score({ "1.1.1": v }));
    assert.equal(e.code, "invalid_value", String(v));
    assert.equal(e.indicator, "1.1.1");
  }
  for (const v of [5, "x", null, [1, 2]]) {
    assert.equal(thrown(() => vsoko.score(v)).code, "invalid_input", String(v));
  }
  assert.equal(thrown(() => vsoko.score({}, "index-2025")).code, "unknown_methodology");
  assert.equal(thrown(() => vsoko.score({}, undefined, { strict: "yes" })).code, "invalid_input");
  assert.equal(thrown(() => vsoko.catalog("x")).code, "unknown_methodology");
  // The module still works after errors.
  assert.equal(vsoko.score({ "1.1.1": 3 }).total, "3");
});

test("arguments of the wrong type throw invalid_input naming the argument, never trap", () => {
  const v = { "1.1.1": 3 };
  const cases = [
    [() => vsoko.score(v, 7), "methodology"],
    [() => vsoko.score(v, { strict: true }), "methodology"],
    [() => vsoko.score(v, undefined, "strict"), "options"],
    [() => vsoko.score(v, undefined, { strcit: true }), "options"],
    [() => vsoko.check(v, 7), "methodology"],
    [() => vsoko.check(5), "values"],
    [() => vsoko.catalog(42), "name"],
    [() => vsoko.checkSelfexam({}, new Date()), "asOf"],
    [() => vsoko.checkSelfexam(new Date()), "report"],
    [() => vsoko.checkSelfexam(42), "report"],
    [() => vsoko.scoreDocument({ values: {} }, 7), "methodology"],
    [() => vsoko.scoreDocument({ values: {}, school: 5 }), "school"],
    [() => vsoko.scoreDocument({ values: {}, valeus: {} }), "document"],
  ];
  for (const [call, argument] of cases) {
    const e = thrown(call);
    assert.equal(e.name, "VsokoError", call.toString());
    assert.equal(e.code, "invalid_input", call.toString());
    assert.ok(e.message.includes(argument), `${call}: ${e.message}`);
  }
  // The module still works after every one of them.
  assert.equal(vsoko.score(v).total, "3");
});

test("a JS number is its own shortest text", () => {
  assert.equal(vsoko.score({ "3.2.1": 1e-7 }).total, "0.0000001");
});

test("exact decimals as strings", () => {
  const r = vsoko.score({ "3.2.1": 0.1, "3.2.2": "0.2" });
  assert.equal(r.total, "0.3");
  assert.equal(typeof r.max, "string");
  assert.equal(r.level, "low");
  assert.ok(!JSON.stringify(r).includes("0.30000000000000004"));
});

test("catalog, check, methodologies, version", () => {
  const c = vsoko.catalog("index-2023");
  assert.equal(c.indicators.length, 72);
  assert.deepEqual(c.groups.map((g) => g.max), ["90", "51", "24", "15", "22", "14", "4", "4", "31", "2", "26", "3"]);
  assert.deepEqual(vsoko.methodologies(), ["index-2023", "nocko-1547", "nok-2019"]);
  // A titles file names indicators over the built-in's own; a broken one lists every row.
  const titled = vsoko.catalogWithTitles("index-2023", "Код;Название\n1.1.1;Пример названия\n");
  assert.equal(titled.indicators[0].title, "Пример названия");
  assert.equal(titled.indicators[1].title, null);
  const bad = thrown(() => vsoko.catalogWithTitles("index-2023", "1.1.1;А\n1.1.1;Б\n9.9;В\n"));
  assert.equal(bad.code, "invalid_titles");
  assert.match(bad.message_ru, /\(2\).*строка 2: код «1\.1\.1» уже был в строке 1.*строка 3: «9\.9»/);
  // Every built-in has its short name in its data (the page's menu reads it).
  assert.deepEqual(vsoko.methodologies().map((n) => vsoko.catalog(n).short_title), [
    "Индекс качества общего образования",
    "Показатели приказа № 1547 (открытость, комфортность)",
    "Независимая оценка качества условий (приказы № 114 и № 344н)"]);
  const problems = vsoko.check({ "1.1.1": 4, "1.1.2": "n/a", "1.1.18": 1 });
  assert.deepEqual(problems.map((p) => [p.code, p.indicator]), [
    ["value_out_of_range", "1.1.1"], ["not_applicable_forbidden", "1.1.2"], ["unknown_indicator", "1.1.18"]]);
  assert.ok(problems[0].message_ru.includes("1.1.1"));
  assert.match(vsoko.version(), /^\d+\.\d+\.\d+$/);
});

test("self-examination fixtures", () => {
  for (const c of read("selfexam.json")) {
    const text = readFileSync(join(FIXTURES, c.file), "utf8");
    if (c.error) {
      assert.equal(thrown(() => vsoko.checkSelfexam(text, c.as_of ?? undefined)).code, c.error, c.file);
      continue;
    }
    const r = vsoko.checkSelfexam(JSON.parse(text), c.as_of ?? undefined);
    assert.deepEqual(r.findings.map((f) => f.code).sort(), c.findings, c.file);
  }
});

test("plan: checkPlan and planActions", () => {
  const index = read("plan/findings/index.json");
  for (const c of index) {
    const plan = JSON.parse(readFileSync(join(FIXTURES, "plan/findings", c.file), "utf8"));
    const r = vsoko.checkPlan(plan, c.options.as_of ?? undefined);
    const codes = [...new Set(r.findings.map((f) => f.code))].sort();
    assert.deepEqual(codes, c.codes, c.file);
    for (const f of r.findings) {
      // `message` is English, `message_ru` Russian, as in errors.
      assert.match(f.message_ru, /[а-я]/i, c.file);
      assert.ok(!("message_en" in f) && "section" in f, c.file);
    }
  }
  const school = JSON.parse(readFileSync(join(FIXTURES, "schools/index-2023/school_42.json"), "utf8"));
  const result = vsoko.score(school.values);
  const base = readFileSync(join(FIXTURES, "plan/findings/complete.json"), "utf8");
  const plan = vsoko.planActions(result, "2024-01-15", 2, base);
  const actions = plan.items.filter((i) => i.deficit);
  assert.equal(actions.length, 2);
  assert.equal(typeof actions[0].deficit.lost, "string");
  assert.ok(plan.items.some((i) => i.follows_up === actions[0].id));
  assert.ok(!vsoko.checkPlan(plan).findings.some((f) => f.code === "no_recontrol"));
  assert.equal(thrown(() => vsoko.checkPlan(42)).code, "invalid_input");
  assert.equal(thrown(() => vsoko.checkPlan("")).code, "empty_input");
  assert.equal(thrown(() => vsoko.planActions(result, 20240115)).code, "invalid_input");
  assert.equal(thrown(() => vsoko.planActions(result, "2024-01-15", -1)).code, "invalid_input");
  assert.equal(thrown(() => vsoko.planActions({}, "2024-01-15")).code, "invalid_input");
});

test("planRender: every view in every format, text escaped, the core's errors", () => {
  const script = "<script>alert(1)</script>";
  const plan = {
    academic_year: "2023/24",
    items: [{ id: "1", when: "март", content: script, responsible: [`зам ${script}`], result: script }],
  };
  const options = { responsible: "зам", asOf: "2024-03-10" };
  for (const view of ["cyclogram", "agenda", "due", "completion"]) {
    const html = vsoko.planRender(plan, view, "html", options);
    assert.ok(html.includes("&lt;script&gt;alert(1)&lt;/script&gt;"), view);
    assert.ok(!html.includes("<script"), view);
    assert.ok(html.includes("Content-Security-Policy"), view);
    const md = vsoko.planRender(plan, view, undefined, options);
    assert.ok(md.includes("&lt;script&gt;") && !md.includes("<script"), view);
    assert.ok(JSON.stringify(JSON.parse(vsoko.planRender(JSON.stringify(plan), view, "json", options))).includes("alert(1)"), view);
  }
  assert.equal(thrown(() => vsoko.planRender(plan, "month")).code, "invalid_input");
  assert.equal(thrown(() => vsoko.planRender(plan, "cyclogram", "xlsx")).code, "invalid_input");
  assert.equal(thrown(() => vsoko.planRender(plan, "agenda", "html")).code, "invalid_input");
  assert.equal(thrown(() => vsoko.planRender(plan, "due", "html", { asOf: "2024-13-01" })).code, "invalid_date");
  assert.equal(thrown(() => vsoko.planRender(plan, "due", "html", 7)).code, "invalid_input");
});

test("objectivity over pupil objects equals the reference", () => {
  const text = readFileSync(join(FIXTURES, "objectivity/spearman_ties.csv"), "utf8").trim().split("\n");
  const head = text[0].split(",");
  const pupils = text.slice(1).map((line) => Object.fromEntries(line.split(",").map((v, i) => [head[i], v === "" ? null : v])));
  const r = vsoko.objectivity(pupils);
  const want = read("objectivity/spearman_ties.expected.json");
  assert.deepEqual(r.summary, want.summary);
  assert.deepEqual(r.flags.map((f) => [f.school, f.sign]), want.flags.map((f) => [f.school, f.sign]));
  assert.deepEqual(r.groups.map((g) => g.spearman), want.groups.map((g) => g.spearman));
  const bad = thrown(() => vsoko.objectivity([{ ...pupils[0], mark: 7 }]));
  assert.equal(bad.code, "invalid_input");
  assert.equal(bad.index, 0);
  assert.equal(thrown(() => vsoko.objectivity("x")).code, "invalid_input");
  const page = vsoko.objectivityHtml(pupils.map((p) => ({ ...p, school: `${p.school} <script>` })));
  assert.ok(page.includes("&lt;script&gt;") && !page.includes("<script"));
  assert.ok(page.includes("Content-Security-Policy"));
  assert.equal(thrown(() => vsoko.objectivityHtml("x")).code, "invalid_input");
});

test("Methodology.fromJson scores a custom version-2 methodology like the Rust core", () => {
  const text = readFileSync(join(FIXTURES, "rules/rules.json"), "utf8");
  const m = vsoko.Methodology.fromJson(text);
  const cases = readFileSync(join(FIXTURES, "rules/cases.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  let n = 0;
  for (const c of cases.filter((c) => c.methodology === "rules.json")) {
    const r = m.score(c.values);
    assert.equal(r.total, c.expected.total, c.name);
    assert.equal(r.max, c.expected.max, c.name);
    n += 1;
  }
  assert.ok(n >= 10);
  assert.equal(m.id, JSON.parse(text).id);
  assert.ok(m.catalog().inputs.length > 0);
  const bad = thrown(() => vsoko.Methodology.fromJson('{"format_version": 2, "id": "x", "title": "Т", "groups": []}'));
  assert.equal(bad.code, "invalid_methodology");
  assert.deepEqual(Object.keys(bad.problems[0]).sort(), ["code", "message", "message_ru", "path"]);
  assert.equal(bad.problems[0].code, "no_groups");
});

// An independent percentage: half away from zero at one decimal, in integers (BigInt), from
// points given in hundredths; the core's must agree for every hundredth of small maxima.
function expectedPercent(hundredths, max) {
  const q = (2n * hundredths * 10n + max) / (2n * max); // round(P·10 / M), P ≥ 0
  return `${q / 10n}.${q % 10n}`;
}

test("the page's percentages are the core's for every hundredth of a small maximum", () => {
  for (const max of [7n, 20n, 22n, 143n]) {
    for (let p = 0n; p <= max * 100n; p += 1n) {
      const points = `${p / 100n}.${String(p % 100n).padStart(2, "0")}`;
      const core = vsoko.percent(points, String(max));
      const shown = core.includes(".") ? core : `${core}.0`;
      assert.equal(shown, expectedPercent(p, max), `${points} of ${max}`);
    }
  }
  assert.equal(vsoko.percent("0.29", "20"), "1.5"); // JS floats show 1.4
  assert.equal(vsoko.percent("1", "0"), null);
});

// The fast `score` result: the head at once, the long parts built on first read. Compared with
// `scoreDocument`, which builds the whole report before returning it.
test("a lazy report reads, serialises and orders like the whole one", () => {
  const doc = read("schools/index-2023/school_42.json");
  const whole = vsoko.scoreDocument({ values: doc.values }, "index-2023");
  const lazy = vsoko.score(doc.values, "index-2023");
  assert.deepEqual(Object.keys(lazy), Object.keys(whole));
  assert.equal(JSON.stringify(lazy), JSON.stringify(whole));
  assert.deepEqual({ ...vsoko.score(doc.values, "index-2023") }, whole);
  assert.deepEqual(structuredClone(vsoko.score(doc.values, "index-2023")), whole);
  // A field set before it is read keeps the caller's value; the others still build.
  const r = vsoko.score(doc.values, "index-2023");
  r.groups = "mine";
  assert.equal(r.groups, "mine");
  assert.deepEqual(r.indicators, whole.indicators);
  assert.equal(r.groups, "mine");
  // strict is kept for the long parts too.
  const strict = vsoko.score({ "1.1.1": 1 }, "index-2023", { strict: false });
  assert.equal(strict.missing.length, 71);
});

test("values JSON cannot carry exactly take the per-value path with the same rules", () => {
  for (const v of [Number.NaN, Infinity, -Infinity]) {
    assert.equal(thrown(() => vsoko.score({ "1.1.1": v }, "index-2023")).code, "invalid_value");
  }
  // Exponent forms and -0 read as the decimals they are, as strings would.
  assert.equal(vsoko.score({ "1.1.1": 1e-7 }, "index-2023").total, vsoko.score({ "1.1.1": "0.0000001" }, "index-2023").total);
  assert.equal(vsoko.score({ "1.1.1": -0 }, "index-2023").total, "0");
  assert.equal(thrown(() => vsoko.score({ "1.1.1": 1e21 }, "index-2023")).code, "value_out_of_range");
  assert.equal(thrown(() => vsoko.score({ "1.1.1": [1] }, "index-2023")).code, "invalid_value");
  assert.deepEqual(vsoko.score({ "1.1.1": undefined }, "index-2023").missing, vsoko.score({ "1.1.1": null }, "index-2023").missing);
  // The slow path's report is whole at once and equal.
  assert.deepEqual(vsoko.score({ "1.1.1": 1e-7 }, "index-2023").indicators[0].points, "0.0000001");
});

test("a custom methodology's lazy report builds from it, and throws once it is freed", () => {
  const m = vsoko.Methodology.fromJson(readFileSync(join(FIXTURES, "rules/rules.json"), "utf8"));
  const c = readFileSync(join(FIXTURES, "rules/cases.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l)).find((c) => c.methodology === "rules.json");
  const r = m.score(c.values);
  assert.ok(r.indicators.length > 0);
  const unread = m.score(c.values);
  m.free();
  assert.equal(thrown(() => unread.groups).code, "invalid_input");
});

// `score` takes one of three ways (floats, JSON text, value by value) and builds the long
// parts late; `scoreDocument` reads value by value and builds everything at once. Random values
// of every kind must give the same report or the same error either way.
test("score equals scoreDocument for random values of every kind", () => {
  let seed = 12345;
  const rnd = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const kinds = [
    () => rnd(4),
    () => rnd(301) / 100,
    () => String(rnd(301) / 100),
    () => `${rnd(3)}.${rnd(10)}0`,
    () => rnd(3001) / 1000,
    () => null,
    () => undefined,
    () => "n/a",
    () => -rnd(3) / 10,
    () => 0.1 + 0.2,
    () => "1234567890123.25",
    () => " 2",
    () => true,
    () => -0,
  ];
  const custom = vsoko.Methodology.fromJson(readFileSync(join(FIXTURES, "rules/rules.json"), "utf8"));
  let scored = 0;
  for (const name of ["index-2023", "nocko-1547", "nok-2019", custom]) {
    const ids = (typeof name === "string" ? vsoko.catalog(name) : custom.catalog()).inputs.map((i) => i.id);
    for (let n = 0; n < 600; n++) {
      const values = {};
      const common = n % 3 === 0 ? 8 : 1; // mostly numbers, sometimes anything
      for (const id of ids) {
        if (rnd(5) === 0) continue;
        const k = rnd(kinds.length * common);
        values[id] = k < kinds.length ? kinds[k]() : kinds[k % 2 === 0 ? 0 : 1]();
      }
      if (rnd(40) === 0) values["9.9.9"] = 1;
      const score = () => (typeof name === "string" ? vsoko.score(values, name) : custom.score(values));
      // A custom methodology has no scoreDocument: an absent input given as `undefined` (the
      // same as absent) sends the same values value by value, which builds the report whole.
      const absent = ids.find((id) => !(id in values));
      if (typeof name !== "string" && absent === undefined) continue;
      const whole = () =>
        typeof name === "string" ? vsoko.scoreDocument({ values }, name) : custom.score({ ...values, [absent]: undefined });
      let want;
      try {
        want = whole();
      } catch (e) {
        const got = thrown(score);
        assert.deepEqual([got.code, got.message, got.indicator], [e.code, e.message, e.indicator], JSON.stringify(values));
        continue;
      }
      assert.equal(JSON.stringify(score()), JSON.stringify(want), JSON.stringify(values));
      scored++;
    }
  }
  assert.ok(scored > 400, `only ${scored} scored`);
});

test("the plan's completion and marks: the hand counts of fixtures/plan/cycle", () => {
  const plan = read("plan/cycle/marked_plan.json");
  const want = read("plan/cycle/expected.json");
  const c = vsoko.planCompletion(plan, "2024-12-15");
  assert.deepEqual(c.months, want.completion_as_of_2024_12_15.months);
  assert.deepEqual(c.responsible, want.completion_as_of_2024_12_15.responsible);
  assert.deepEqual(c.total, want.completion_as_of_2024_12_15.total);
  assert.deepEqual(vsoko.planCompletion(plan).total, want.completion_whole_year.total);
  const marked = vsoko.planMark(plan, "3", "done", { on: "2024-12-16", note: "проведено" });
  const item = marked.items.find((i) => i.id === "3");
  assert.deepEqual([item.status, item.done_on, item.note], ["done", "2024-12-16", "проведено"]);
  assert.equal(vsoko.planCompletion(marked, "2024-12-16").total.done, 4);
  assert.equal(thrown(() => vsoko.planMark(plan, "3", "done")).code, "invalid_input", "done needs its day");
  assert.equal(thrown(() => vsoko.planMark(plan, "3", "finished", { on: "2024-12-16" })).code, "invalid_input");
  assert.equal(thrown(() => vsoko.planMark(plan, "99", "cancelled")).code, "invalid_input");
  assert.equal(thrown(() => vsoko.planMark(plan, "3", "moved", { movedTo: "2025-02-30" })).code, "invalid_date");
});

test("documents: DOCX bytes, Markdown text, plans read from Word, errors with codes", () => {
  const actions = read("plan/cycle/actions.json");
  const docx = vsoko.document("order", actions);
  assert.ok(docx instanceof Uint8Array);
  assert.equal(String.fromCharCode(docx[0], docx[1]), "PK");
  const md = vsoko.document("order", actions, { format: "md", school: { director: "Иванова Мария Петровна" } });
  assert.match(md, /ПРИКАЗЫВАЮ:/);
  assert.match(md, /М\.П\.\u00a0Иванова/);
  const school = read("schools/index-2023/school_42.json");
  assert.match(vsoko.document("score-report", school, { format: "md" }), /Результаты по группам показателей/);
  const plan = vsoko.planFromFile(readFileSync(join(FIXTURES, "plan/docx/monthly_plan_2023_24.docx")), "monthly_plan_2023_24.docx");
  assert.equal(plan.items.length, 55);
  assert.equal(thrown(() => vsoko.document("letter", actions)).code, "invalid_input");
  assert.equal(thrown(() => vsoko.document("order", school)).code, "invalid_input");
  assert.equal(thrown(() => vsoko.document("order", actions, { school: { fullname: "x" } })).code, "invalid_input");
  assert.equal(thrown(() => vsoko.planFromFile(new Uint8Array([1, 2, 3]), "plan.docx")).code, "invalid_input");
});
