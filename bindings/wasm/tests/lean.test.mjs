// The lean module (pkg/lean, what the page loads): built without a JSON parser, it scores the
// built-ins from their compiled-in descriptions and reads every value that is not a plain
// number one by one. Checked against the hand-computed fixtures and against the full module.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import * as lean from "../pkg/lean/vsoko_wasm.js";
import { FIXTURES, read, thrown } from "./support.mjs";

const here = dirname(fileURLToPath(import.meta.url));
lean.initSync({ module: readFileSync(join(here, "../pkg/lean/vsoko_wasm_bg.wasm")) });
const full = createRequire(import.meta.url)("../pkg/node/vsoko_wasm.js");

test("lean: golden schools of the point methodologies", () => {
  for (const methodology of ["index-2023", "nocko-1547"]) {
    const dir = join(FIXTURES, "schools", methodology);
    const cases = readdirSync(dir).filter((f) => !f.endsWith(".expected.json"));
    assert.ok(cases.length > 0);
    for (const file of cases) {
      const doc = read(`schools/${methodology}/${file}`);
      const want = read(`schools/${methodology}/${file.replace(".json", ".expected.json")}`);
      for (const r of [lean.scoreDocument(doc), lean.score(doc.values, methodology)]) {
        assert.equal(r.total, want.total, file);
        assert.equal(r.max, want.max, file);
        assert.equal(r.level, want.level, file);
        assert.deepEqual(r.not_applicable, want.not_applicable, file);
        for (const g of r.groups) assert.equal(g.points, want.groups[g.id].points, `${file} ${g.id}`);
      }
    }
  }
});

test("lean: nok-2019 (rules over raw counts) against the independent reference", () => {
  const [head, ...rows] = readFileSync(join(FIXTURES, "nok/organisations.csv"), "utf8").trim().split("\n");
  const ids = head.split(",");
  const want = read("nok/expected.json");
  assert.ok(rows.length > 0);
  for (const row of rows) {
    const cells = row.split(",");
    const values = {};
    ids.slice(1).forEach((id, i) => {
      if (cells[i + 1] !== "") values[id] = Number(cells[i + 1]);
    });
    const school = cells[0];
    const r = lean.score(values, "nok-2019");
    assert.equal(r.total, want[school].total, school);
    for (const ind of r.indicators) {
      const points = want[school].indicators[ind.id];
      if (points === undefined) continue; // 2.2 is not used for education
      // null in the reference: the indicator does not apply (a share of 0 respondents).
      if (points === null) assert.equal(ind.status, "not_applicable", `${school} ${ind.id}`);
      else assert.equal(ind.points, points, `${school} ${ind.id}`);
    }
  }
});

test("lean: values read one by one give the full module's report and errors", () => {
  const cases = [
    [{ "1.1.1": "2.125", "1.1.2": "0.5", "1.1.4": 3, "1.1.5": null }, "index-2023"],
    [{ "1.1": "10", "1.2": "н/п", "2.1": 7.5 }, "nocko-1547"],
  ];
  for (const [values, m] of cases) {
    const a = lean.score(values, m);
    const b = full.score(values, m);
    assert.equal(JSON.stringify(a), JSON.stringify(b), m);
    assert.deepEqual(lean.check(values, m), full.check(values, m), m);
  }
  for (const bad of [{ "1.1.1": "much" }, { "1.1.1": 4 }, { "9.9.9": 1 }, { "1.1.1": true }]) {
    const a = thrown(() => lean.score(bad));
    const b = thrown(() => full.score(bad));
    assert.equal(a.code, b.code, JSON.stringify(bad));
    assert.equal(a.message_ru, b.message_ru, JSON.stringify(bad));
  }
});

test("lean: catalogues equal the full module's; no custom methodologies or plan", () => {
  assert.deepEqual(lean.methodologies(), full.methodologies());
  for (const m of lean.methodologies()) assert.deepEqual(lean.catalog(m), full.catalog(m), m);
  assert.equal(lean.percent("0.29", "20"), "1.5");
  assert.equal(lean.Methodology, undefined);
  assert.equal(lean.checkPlan, undefined);
});
