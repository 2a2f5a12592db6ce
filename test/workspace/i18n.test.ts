import { describe, expect, it } from "vitest";
// The workspace's own module, as the browser loads it (no DOM needed for these two exports).
import { errorText, labels } from "../../src/api/ui/i18n.js";

describe("the workspace's error text", () => {
  it("says an error code in Korean on a Korean page, then the server's words; English pages get the server's message", () => {
    const error = { code: "not_found", message: "No document with id or source \"x.pdf\"" };
    expect(errorText(labels("ko"), error)).toBe("찾을 수 없습니다: No document with id or source \"x.pdf\"");
    expect(errorText(labels("en"), error)).toBe("No document with id or source \"x.pdf\"");
    expect(errorText(labels("ko"), { code: "forbidden", message: "" })).toBe("이 작업을 할 권한이 없습니다");
    expect(errorText(labels("ko"), { code: "no_such_code", message: "odd" })).toBe("odd");
    // A stale index refuses uploads with its own code, said in Korean, not as a generic conflict.
    expect(errorText(labels("ko"), { code: "index_stale", message: "" })).toContain("jikji reindex");
  });
});
