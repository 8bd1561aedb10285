// `results` over the fixture files themselves (bytes as the page's file chooser gives them): the
// same figures the CLI's `marks`, `tasks` and `objectivity` commands give on the same files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { FIXTURES, read, thrown } from "./support.mjs";

const require = createRequire(import.meta.url);
const vsoko = require("../pkg/node/vsoko_wasm.js");

const file = (p) => ({ name: p.split("/").pop(), bytes: new Uint8Array(readFileSync(join(FIXTURES, p))) });
const by = (rows, keys) => (want) => rows.find((r) => keys.every((k) => r[k] === want[k]));

test("results: each file is recognised as its kind", () => {
  const r = vsoko.results([
    file("marks/school_1_marks.csv"),
    file("marks/vedomost_7b.xlsx"),
    file("tasks/vpr_math5_school.xlsx"),
    file("tasks/vpr_region.csv"),
    file("objectivity/f1_vpr_math4.xlsx"),
  ]);
  const kinds = Object.fromEntries(r.files.map((f) => [f.name, f.kinds]));
  assert.deepEqual(kinds["school_1_marks.csv"], ["marks"]);
  assert.deepEqual(kinds["vedomost_7b.xlsx"], ["marks"]);
  // A ВПР export with «Отметка по журналу» feeds both tasks and objectivity.
  assert.deepEqual(kinds["vpr_math5_school.xlsx"], ["tasks", "objectivity"]);
  assert.deepEqual(kinds["vpr_region.csv"], ["tasks"]);
  assert.ok(kinds["f1_vpr_math4.xlsx"].includes("objectivity"));
  for (const k of ["marks", "tasks", "objectivity"]) {
    assert.ok(r[k], k);
    assert.match(r.html[k], /^<!DOCTYPE html>/i, k);
    assert.match(r.html[k], /Content-Security-Policy/, k);
  }
});

test("results: marks equal the CLI's on the long table", () => {
  const r = vsoko.results([file("marks/school_1_marks.csv")]);
  const want = read("marks/expected.json");
  assert.equal(r.tasks, null);
  assert.equal(r.objectivity, null);
  assert.equal(r.html.tasks, null);
  const group = by(r.marks.groups, ["class", "subject", "period"]);
  for (const w of want.groups) {
    const g = group(w);
    assert.ok(g, JSON.stringify(w));
    for (const k of ["pupils", "success_pct", "quality_pct", "sou_pct", "mean"]) assert.equal(g[k], w[k], `${w.class} ${w.subject} ${k}`);
  }
  const school = by(r.marks.schools, ["school", "period"]);
  for (const w of want.schools) assert.equal(school(w).quality_pct, w.quality_pct);
  assert.deepEqual(r.marks.findings.map((f) => f.code), want.findings.map((f) => f.code));
});

test("results: tasks equal the CLI's on the ВПР export and the long table together", () => {
  const r = vsoko.results([file("tasks/vpr_math5_school.xlsx"), file("tasks/vpr_region.csv")]);
  const want = read("tasks/expected_vpr.json");
  assert.equal(r.tasks.tasks.length, want.tasks.length);
  const task = by(r.tasks.tasks, ["school", "class", "task", "subject"]);
  for (const w of want.tasks) {
    const t = task(w);
    assert.ok(t, JSON.stringify(w));
    assert.equal(t.completion_pct, w.completion_pct, JSON.stringify(w));
    assert.equal(t.region_completion_pct, w.region_completion_pct, JSON.stringify(w));
    assert.equal(t.participants, w.participants, JSON.stringify(w));
  }
  assert.deepEqual(
    r.tasks.weak.map((w) => [w.school, w.task, w.completion_pct]),
    want.weak.map((w) => [w.school, w.task, w.completion_pct]),
  );
  assert.deepEqual(r.tasks.marks[0].pct, want.marks[0].pct);
  assert.match(r.html.tasks, /35,71/);
});

test("results: objectivity equals the CLI's on the ВПР file", () => {
  const r = vsoko.results([file("objectivity/f1_vpr_math4.xlsx")]);
  const want = read("objectivity/f1_vpr_math4.expected.json");
  for (const w of want.groups) {
    const g = by(r.objectivity.groups, ["school", "subject", "grade"])(w);
    assert.ok(g, JSON.stringify(w));
    for (const [k, v] of Object.entries(w)) assert.deepEqual(g[k], v, k);
  }
  assert.match(r.html.objectivity, /понизили/);
});

test("results: rejected rows are findings naming file and row", () => {
  const r = vsoko.results([file("tasks/bad_points.csv"), file("marks/bad_rows.csv")]);
  const bad = r.findings.filter((f) => f.severity === "error");
  assert.ok(bad.some((f) => f.file === "bad_points.csv" && f.row === 3), JSON.stringify(bad));
  assert.ok(bad.some((f) => f.file === "bad_points.csv" && f.row === 5), JSON.stringify(bad));
  assert.ok(bad.some((f) => f.file === "bad_rows.csv"), JSON.stringify(bad));
  for (const f of r.findings) {
    assert.equal(typeof f.code, "string");
    assert.ok(f.message && f.message_ru, JSON.stringify(f));
  }
});

test("results: unreadable files throw a VsokoError naming the file in Russian", () => {
  const e = thrown(() => vsoko.results([{ name: "отчёт.xlsx", bytes: new Uint8Array([1, 2, 3]) }]));
  assert.equal(e.name, "VsokoError");
  assert.equal(e.code, "invalid_input");
  assert.equal(e.file, "отчёт.xlsx");
  assert.match(e.message_ru, /отчёт\.xlsx/);
  const none = thrown(() => vsoko.results([{ name: "note.csv", bytes: new TextEncoder().encode("Заметка;текст\n1;2\n") }]));
  assert.match(none.message_ru, /note\.csv/);
  const latin1 = thrown(() => vsoko.results([{ name: "x.csv", bytes: new Uint8Array([0x41, 0x3b, 0xff, 0xfe, 0x0a]) }]));
  assert.match(latin1.message_ru, /x\.csv/);
  // A cell reference calamine's arithmetic overflows on (tafia/calamine#709): refused, no trap.
  const overflow = readFileSync(join(FIXTURES, "../fuzz/regressions/marks_sheets-column-letters-overflow"));
  const refused = thrown(() => vsoko.results([{ name: "f.xlsx", bytes: new Uint8Array(overflow) }]));
  assert.equal(refused.name, "VsokoError");
  assert.match(refused.message_ru, /f\.xlsx/);
  assert.equal(thrown(() => vsoko.results("x")).code, "invalid_input");
  assert.equal(thrown(() => vsoko.results([{ name: "a.csv", bytes: "text" }])).code, "invalid_input");
  // No files: nothing to show, nothing thrown.
  const empty = vsoko.results([]);
  assert.deepEqual([empty.marks, empty.tasks, empty.objectivity, empty.files.length], [null, null, null, 0]);
});

// The whole reports equal the CLI's JSON on the same files (scripts/test-wasm builds the CLI and
// sets VSOKO_CLI); one call reads all five files, each command is given the files of its kind.
test("results: every report equals the CLI's JSON on the same files", { skip: !process.env.VSOKO_CLI && "VSOKO_CLI not set" }, () => {
  const paths = ["marks/school_1_marks.csv", "marks/vedomost_7b.xlsx", "tasks/vpr_math5_school.xlsx",
    "tasks/vpr_region.csv", "objectivity/f1_vpr_math4.xlsx"];
  const r = vsoko.results(paths.map(file));
  const run = (command, files, format) => {
    let out;
    try {
      out = execFileSync(process.env.VSOKO_CLI, [command, ...files.map((f) => join(FIXTURES, f)), "--format", format],
        { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    } catch (e) {
      out = e.stdout; // exit 1: rows rejected, the report still written
    }
    return out;
  };
  const cli = (command, files) => JSON.parse(run(command, files, "json"));
  const kinds = (k) => paths.filter((p) => r.files.find((f) => f.name === p.split("/").pop()).kinds.includes(k));
  assert.deepEqual(kinds("marks"), paths.slice(0, 2));
  assert.deepEqual(r.marks, cli("marks", kinds("marks")));
  assert.deepEqual(r.tasks, cli("tasks", kinds("tasks")));
  assert.deepEqual(r.objectivity, cli("objectivity", kinds("objectivity")));
  // And the pages are the CLI's `--format html` pages.
  for (const k of ["marks", "tasks", "objectivity"]) assert.equal(r.html[k], run(k, kinds(k), "html"), k);
});
