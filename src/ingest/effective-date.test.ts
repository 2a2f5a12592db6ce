import { describe, expect, it } from "vitest";
import { effectiveDateOf, parseIsoDay } from "./effective-date.ts";

describe("effective dates", () => {
  it("reads the 부칙 of a Korean regulation, the latest amendment winning", () => {
    expect(effectiveDateOf("부칙\n제1조(시행일) 이 규정은 2025년 3월 1일부터 시행한다.")).toBe("2025-03-01");
    expect(
      effectiveDateOf("부칙 <2023.1.1>\n이 규칙은 2023년 1월 1일부터 시행한다.\n부칙 <2024.7.1>\n이 규칙은 2024. 7. 1.부터 시행한다."),
    ).toBe("2024-07-01");
  });

  it("reads English effective-as-of statements", () => {
    expect(effectiveDateOf("This policy is effective as of March 1, 2025.")).toBe("2025-03-01");
    expect(effectiveDateOf("Effective date: 2024-11-15")).toBe("2024-11-15");
    expect(effectiveDateOf("Effective from 1 July 2026")).toBe("2026-07-01");
  });

  it("finds nothing in text without a date in force, and refuses impossible days", () => {
    expect(effectiveDateOf("직원은 성실히 근무하여야 한다. 2025년 3월 1일에 회의가 있다.")).toBeNull();
    expect(effectiveDateOf("이 규정은 2025년 2월 30일부터 시행한다.")).toBeNull();
    expect(parseIsoDay("2025-03-01")).toBe("2025-03-01");
    expect(parseIsoDay("2025-13-01")).toBeNull();
    expect(parseIsoDay("March 1")).toBeNull();
  });
});
