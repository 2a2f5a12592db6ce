import { describe, expect, it } from "vitest";
import { LOCAL_PRINCIPAL, makePrincipal } from "../../src/access/principal.ts";
import { canRead, readScope } from "../../src/access/scope.ts";

const hr = makePrincipal({ name: "hr", via: "key", keyId: null, role: "reader", groups: ["hr"], collections: ["policies"] });
const doc = (collection: string, accessGroups: string[], collectionGroups: string[] = []) => ({ collection, accessGroups, collectionGroups });

describe("readScope and canRead", () => {
  it("reads a grouped document only through a held group and an allowed collection", () => {
    const scope = readScope(hr, {}, "collection");
    expect(canRead(scope, doc("policies", ["hr", "x"]))).toBe(true);
    expect(canRead(scope, doc("policies", ["finance"]))).toBe(false);
    expect(canRead(scope, doc("finance", ["hr"]))).toBe(false);
  });

  it("treats a document without groups as its collection's, unless the policy makes it public", () => {
    expect(canRead(readScope(hr, {}, "collection"), doc("policies", [], ["hr"]))).toBe(true);
    expect(canRead(readScope(hr, {}, "collection"), doc("policies", [], []))).toBe(false);
    expect(canRead(readScope(hr, {}, "public"), doc("policies", [], []))).toBe(true);
  });

  it("never widens a scope from what the request asks for", () => {
    const asking = readScope(hr, { accessGroups: ["finance", "hr"], collection: "finance" }, "collection");
    expect(asking.groups).toEqual(["hr"]);
    expect(asking.collections).toEqual([]);
    expect(canRead(asking, doc("finance", ["hr"]))).toBe(false);
  });

  it("lets the local user read everything, or view as the groups it names", () => {
    expect(canRead(readScope(LOCAL_PRINCIPAL, {}, "collection"), doc("misc", []))).toBe(true);
    const viewAs = readScope(LOCAL_PRINCIPAL, { accessGroups: ["sales"] }, "collection");
    expect(canRead(viewAs, doc("misc", ["hr"]))).toBe(false);
  });
});
