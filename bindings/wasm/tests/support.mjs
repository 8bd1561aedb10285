// What the Node tests share: the fixtures folder, reading a fixture, catching a VsokoError.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../../../fixtures");

/** A fixture's JSON, by its path under `fixtures/`. */
export const read = (p) => JSON.parse(readFileSync(join(FIXTURES, p), "utf8"));

/** The error `fn` throws; fails the test when it throws nothing. */
export function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail("expected a VsokoError");
}
