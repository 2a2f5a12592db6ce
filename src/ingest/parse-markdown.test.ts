import { describe, expect, it } from "vitest";
import { expectDocumentInvariants } from "../../test/ingest/invariants.ts";
import { parseMarkdown, stripInline } from "./parse-markdown.ts";

describe("parseMarkdown", () => {
  it("reads headings, paragraphs, lists, code and tables, skipping front matter", () => {
    const doc = parseMarkdown(
      [
        "---",
        "title: ignored",
        "---",
        "# 직지 안내서",
        "",
        "첫 문단은 **굵게** 쓰고",
        "두 줄로 나눴습니다.",
        "",
        "Setext heading",
        "--------------",
        "",
        "- first item",
        "  continued",
        "* second [link](https://example.com)",
        "",
        "1. numbered",
        "",
        "```ts",
        "const a = **1**;",
        "",
        "return a;",
        "```",
        "",
        "| 이름 | 값 |",
        "|------|---:|",
        "| a    | **1** |",
        "",
        "## Closing ##",
        "***",
        "Last ![logo](logo.png) words.",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.title).toBe("직지 안내서");
    expect(doc.blocks.map(({ kind, level, text }) => ({ kind, level, text }))).toEqual([
      { kind: "heading", level: 1, text: "직지 안내서" },
      { kind: "paragraph", level: undefined, text: "첫 문단은 굵게 쓰고 두 줄로 나눴습니다." },
      { kind: "heading", level: 2, text: "Setext heading" },
      { kind: "list", level: undefined, text: "first item continued\nsecond link\n1. numbered" },
      { kind: "code", level: undefined, text: "const a = **1**;\n\nreturn a;" },
      { kind: "table", level: undefined, text: "이름 | 값\na | 1" },
      { kind: "heading", level: 2, text: "Closing" },
      { kind: "paragraph", level: undefined, text: "Last  words." },
    ]);
  });

  it("reads an = underline as a level-1 heading and keeps a dated line inside its paragraph", () => {
    expect(parseMarkdown("제목\n===\n\n본문").blocks.map((block) => block.kind)).toEqual(["heading", "paragraph"]);
    const doc = parseMarkdown("Title\n=====\n\n회의는 다음과 같이\n2024. 3. 15. 열립니다.");
    expect(doc.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["heading", "Title"],
      ["paragraph", "회의는 다음과 같이 2024. 3. 15. 열립니다."],
    ]);
  });

  it("leaves heading ids out of section titles: {#id} (Hugo, VitePress, Docusaurus, Pandoc) and MDX's {/*id*/}", () => {
    const doc = parseMarkdown(
      [
        "# 템플릿 문법 {#template-syntax}",
        "",
        "## 일반 변수로 충분하지 않은 경우 {/*when-a-regular-variable-isnt-enough*/}",
        "",
        "본문 {/* TODO: 번역 확인 */}입니다.",
        "",
        "### Attributes {#attrs .unnumbered}",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.title).toBe("템플릿 문법");
    expect(doc.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["heading", "템플릿 문법"],
      ["heading", "일반 변수로 충분하지 않은 경우"],
      ["paragraph", "본문 입니다."],
      ["heading", "Attributes"],
    ]);
  });

  it("reads Hugo shortcodes, MDN macros and Liquid tags as what the page shows, not as their source", () => {
    const doc = parseMarkdown(
      [
        "{{< feature-state for_k8s_version=\"v1.21\" state=\"stable\" >}}",
        "_크론잡은_ 반복 일정에 따라 {{< glossary_tooltip term_id=\"job\" text=\"잡\" >}}을 만든다.",
        "{{< caution >}}",
        "모든 일정 시간은 컨트롤러의 시간대를 기준으로 한다.",
        "{{< /caution >}}",
        "",
        "{{jsSidebar(\"JavaScript Guide\")}} {{PreviousNext(\"Web/Guide/A\", \"Web/Guide/B\")}}",
        "",
        "요소 {{HTMLElement(\"select\")}}에서 {{jsxref(\"Array.prototype.map()\", \"map()\")}}과 {{Glossary(\"HTTP\")}}를 쓴다.",
        "",
        "{% include note.html %}설정은 `{{ site.url }}`에 있다.{% endraw %}",
        "",
        "```rust",
        "{{#rustdoc_include ../listings/ch02/src/main.rs:print}}",
        "```",
        "",
        "```",
        "fn main() {}",
        "{{#include ../listings/ch02/output.txt}}",
        "```",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["paragraph", "크론잡은 반복 일정에 따라 잡을 만든다."],
      ["paragraph", "모든 일정 시간은 컨트롤러의 시간대를 기준으로 한다."],
      ["paragraph", "요소 select에서 map()과 HTTP를 쓴다."],
      ["paragraph", "설정은 {{ site.url }}에 있다."],
      ["code", "fn main() {}"],
    ]);
  });

  it("reads admonition containers (:::tip 제목 … :::) as their title labelling their body, and skips <script>/<style> blocks and block comments", () => {
    const doc = parseMarkdown(
      [
        "앞 문단입니다.",
        ":::warning 보안 경고",
        "임의의 HTML을 렌더링하는 것은 위험합니다.",
        ":::",
        "",
        "::: code-group",
        "```sh [npm]",
        "npm install vue",
        "```",
        ":::",
        "",
        ":::note[참고]",
        "본문입니다.",
        ":::",
        "",
        ":::tip 설치 명령",
        "```sh",
        "npm i",
        "```",
        ":::",
        ":::info 빈 상자",
        ":::",
        "",
        "<script setup>",
        "import { ref } from 'vue'",
        "",
        "const count = ref(0)",
        "</script>",
        "",
        "<!--",
        "TODO 더 많은 레시피는 추후 추가될 수 있습니다:",
        "",
        "- CI 설정하는 방법",
        "-->",
        "",
        "<style>",
        ".demo { color: red }",
        "</style>",
        "뒤 문단입니다.",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["paragraph", "앞 문단입니다."],
      ["paragraph", "보안 경고: 임의의 HTML을 렌더링하는 것은 위험합니다."],
      ["code", "npm install vue"],
      ["paragraph", "참고: 본문입니다."],
      ["paragraph", "설치 명령"],
      ["code", "npm i"],
      ["paragraph", "빈 상자"],
      ["paragraph", "뒤 문단입니다."],
    ]);
  });

  it("takes the front matter's title as the page's title heading, as Hugo, Docusaurus, MDN and ko.react.dev show it", () => {
    const doc = parseMarkdown(
      ["---", "# reviewers:", "# - erictune", 'title: "State: 컴포넌트의 기억 저장소"', "weight: 80", "---", "", "도입 문단입니다.", "", "## 타임 존", "", "본문입니다."].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.title).toBe("State: 컴포넌트의 기억 저장소");
    expect(doc.blocks.map((block) => [block.kind, block.level, block.text])).toEqual([
      ["heading", 1, "State: 컴포넌트의 기억 저장소"],
      ["paragraph", undefined, "도입 문단입니다."],
      ["heading", 2, "타임 존"],
      ["paragraph", undefined, "본문입니다."],
    ]);
    // Front matter is plain text, shown as written: react.dev's reference pages are titled "<Suspense>".
    expect(parseMarkdown(["---", "title: <Suspense>", "---", "", "<Intro>", "", "본문", "", "</Intro>"].join("\n")).title).toBe("<Suspense>");
    const toml = parseMarkdown(["+++", "title = 'Installation'", "+++", "", "# 설치", "", "text"].join("\n"));
    expect(toml.blocks.map((block) => block.text)).toEqual(["설치", "text"]);
    expect(toml.title).toBe("설치");
  });

  it("titles a page that opens on its only top heading, whatever its level (an mdBook sub-chapter opens on ##)", () => {
    const chapter = parseMarkdown(["## 변수와 가변성", "", "변수는 기본적으로 불변입니다.", "", "### 상수", "", "상수는 항상 불변입니다."].join("\n"));
    expect(chapter.title).toBe("변수와 가변성");
    // Sections of a page, not its title: two headings at the top level, or text before the first heading.
    expect(parseMarkdown(["## Install", "", "npm i", "", "## Usage", "", "run it"].join("\n")).title).toBeNull();
    expect(parseMarkdown(["Intro text.", "", "## Install", "", "npm i"].join("\n")).title).toBeNull();
  });

  it("reads Python-Markdown admonitions and content tabs (MkDocs: !!! note \"제목\", ??? warning, === \"탭\") as their title labelling an indented body", () => {
    const doc = parseMarkdown(
      [
        "!!! note",
        "    특별히 신경써야 하는 부분이 없으므로 설치 화면은 넣지 않는다.",
        "",
        "??? warning \"주의\"",
        "",
        "    일부 내용은 수정할 수도 있다.",
        "",
        "    ```sh",
        "    mkdocs serve",
        "    ```",
        "",
        "=== \"Windows\"",
        "    PowerShell에서 실행한다.",
        "",
        "이제부터 확장에 대해서 알아보자.",
        "",
        "    들여쓴 코드",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["paragraph", "특별히 신경써야 하는 부분이 없으므로 설치 화면은 넣지 않는다."],
      ["paragraph", "주의: 일부 내용은 수정할 수도 있다."],
      ["code", "mkdocs serve"],
      ["paragraph", "Windows: PowerShell에서 실행한다."],
      ["paragraph", "이제부터 확장에 대해서 알아보자."],
      ["code", "들여쓴 코드"],
    ]);
  });

  it("keeps prose that opens with a <script> or <!-- it never closes", () => {
    const doc = parseMarkdown("<script> 태그는 스크립트를 넣습니다.\n\n<!-- 닫히지 않은 주석\n\n본문은 남습니다.");
    expect(doc.blocks.map((block) => block.text)).toEqual(["태그는 스크립트를 넣습니다.", "<!-- 닫히지 않은 주석", "본문은 남습니다."]);
  });

  it("reads a block quote's own code fences and lists, and a GitHub alert's body without its [!NOTE] label", () => {
    const doc = parseMarkdown(
      [
        "라이프타임이 명시돼야 한다며 컴파일러가 에러를 일으킬 겁니다.",
        "> ```console",
        "> $ cargo run",
        "> error[E0106]: missing lifetime specifier",
        ">  --> src/main.rs:3:15",
        "> ```",
        ">",
        "> - 첫째 항목",
        "> - 둘째 항목",
        "",
        "> [!NOTE]",
        "> 설정 파일은 `~/.config`에 있습니다.",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["paragraph", "라이프타임이 명시돼야 한다며 컴파일러가 에러를 일으킬 겁니다."],
      ["code", "$ cargo run\nerror[E0106]: missing lifetime specifier\n --> src/main.rs:3:15"],
      ["list", "첫째 항목\n둘째 항목"],
      ["paragraph", "설정 파일은 ~/.config에 있습니다."],
    ]);
  });

  it("keeps a footnote's text and drops its markers", () => {
    const doc = parseMarkdown("이미지를 생성하고 사용중이다[^1].\n\n[^1]: awesome-pages 플러그인을 추가한 Dockerfile\n\n[zlib]: https://zlib.net");
    expect(doc.blocks.map((block) => block.text)).toEqual(["이미지를 생성하고 사용중이다.", "awesome-pages 플러그인을 추가한 Dockerfile"]);
  });

  it("has no title without a level-1 heading when its top-level headings are sections", () => {
    expect(parseMarkdown("## One section\n\ntext\n\n## Another\n\nmore").title).toBeNull();
  });

  it("keeps an ordered list's numbers as the page shows them: counted from the first item, per nesting level", () => {
    const doc = parseMarkdown(
      [
        "## 설치 순서",
        "",
        "1. 설치 파일을 내려받습니다.",
        "1. 설치합니다.",
        "   - 관리자 권한이 필요합니다.",
        "   1. 경로를 고릅니다.",
        "   1. 확인을 누릅니다.",
        "1. 다시 시작합니다.",
        "",
        "5) 다섯째 단계",
        "6) 여섯째 단계",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.filter((block) => block.kind === "list").map((block) => block.text)).toEqual([
      [
        "1. 설치 파일을 내려받습니다.",
        "2. 설치합니다.",
        "관리자 권한이 필요합니다.",
        "1. 경로를 고릅니다.",
        "2. 확인을 누릅니다.",
        "3. 다시 시작합니다.",
        "5. 다섯째 단계",
        "6. 여섯째 단계",
      ].join("\n"),
    ]);
  });

  it("reads indented code after a blank line or a heading, and ends a quoted paragraph at an empty > line", () => {
    const doc = parseMarkdown(
      [
        "#### Sudo compiles but when I run it I get:",
        "",
        "    /usr/local/bin/sudo must be owned by uid 0",
        "",
        "> Sudo must be set-user-ID root. You can fix it",
        "> by running the following as root:",
        "",
        "    chown root /usr/local/bin/sudo",
        "",
        "    chmod 4755 /usr/local/bin/sudo",
        "",
        "> The first cause is a nosuid mount.",
        ">",
        "> The other is NFS.",
        "",
        "- item",
        "",
        "    continued item paragraph",
        "",
        "A paragraph",
        "    with an indented continuation.",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map(({ kind, text }) => [kind, text])).toEqual([
      ["heading", "Sudo compiles but when I run it I get:"],
      ["code", "/usr/local/bin/sudo must be owned by uid 0"],
      ["paragraph", "Sudo must be set-user-ID root. You can fix it by running the following as root:"],
      ["code", "chown root /usr/local/bin/sudo\n\nchmod 4755 /usr/local/bin/sudo"],
      ["paragraph", "The first cause is a nosuid mount."],
      ["paragraph", "The other is NFS."],
      ["list", "item continued item paragraph"],
      ["paragraph", "A paragraph with an indented continuation."],
    ]);
  });
  it("reads a code fence indented under a list item as code, without the item's indentation, and the list goes on after it", () => {
    const doc = parseMarkdown(
      [
        "1. 패키지를 설치합니다.",
        "",
        "    ```bash",
        "    npm install",
        "      --save-dev vite",
        "    ```",
        "",
        "1. 서버를 실행합니다.",
        "   ```",
        "   npm start",
        "   ```",
        "",
        "- `ulimit`로 제한 늘리기",
        "",
        "  ```shell",
        "  # Check current limit",
        "  $ ulimit -Sn",
        "  ```",
        "",
        "  ```",
        "code at the margin",
        "  ```",
        "",
        "다음 문단.",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map(({ kind, text }) => [kind, text])).toEqual([
      ["list", "1. 패키지를 설치합니다."],
      ["code", "npm install\n  --save-dev vite"],
      ["list", "2. 서버를 실행합니다."],
      ["code", "npm start"],
      ["list", "ulimit로 제한 늘리기"],
      ["code", "# Check current limit\n$ ulimit -Sn"],
      ["code", "code at the margin"],
      ["paragraph", "다음 문단."],
    ]);
  });
});

describe("stripInline", () => {
  it("removes emphasis, links, images, html and escapes but keeps words", () => {
    expect(stripInline("**bold** and __strong__, *em* and _em_, ~~gone~~")).toBe("bold and strong, em and em, gone");
    expect(stripInline("see [the docs](http://x.y) or [ref][1] ![img](a.png)")).toBe("see the docs or ref");
    expect(stripInline("snake_case_name stays, <b>tag</b> \\*literal\\* \\[x](y)")).toBe(
      "snake_case_name stays, tag *literal* [x](y)",
    );
    expect(stripInline("code `**not bold**` stays")).toBe("code **not bold** stays");
    expect(stripInline("<https://example.com> 링크")).toBe("https://example.com 링크");
  });

  it("resolves shortcut and collapsed reference links and drops badge links that only held an image", () => {
    // The shapes of a GitHub README (zstd's): a row of CI badges, table cells naming [zlib] defined further down.
    const doc = parseMarkdown(
      [
        "# Zstandard",
        "",
        "**Development branch status:**",
        "",
        "[![Build Status][travisDevBadge]][travisLink]",
        "[![Build status](https://ci.example/badge.svg)](https://ci.example/project)",
        "",
        "Compressor name | Ratio",
        "--- | ---",
        "[zlib] 1.2.11 -1 | 2.743",
        "[LZ4][] 1.9.3 | 2.101",
        "",
        "Benchmarked with [lzbench] on the [Silesia compression corpus]; [not a link] stays as written.",
        "",
        "[travisDevBadge]: https://api.travis-ci.com/facebook/zstd.svg?branch=dev \"CI\"",
        "[travisLink]: https://travis-ci.com/facebook/zstd",
        "[zlib]: https://www.zlib.net/",
        "[lz4]: https://lz4.github.io/lz4/",
        "[lzbench]: https://github.com/inikep/lzbench",
        "[Silesia   Compression Corpus]: https://sun.aei.polsl.pl/~sdeor/index.php?page=silesia",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map(({ kind, text }) => [kind, text])).toEqual([
      ["heading", "Zstandard"],
      ["paragraph", "Development branch status:"],
      ["table", "Compressor name | Ratio\nzlib 1.2.11 -1 | 2.743\nLZ4 1.9.3 | 2.101"],
      ["paragraph", "Benchmarked with lzbench on the Silesia compression corpus; [not a link] stays as written."],
    ]);
  });
});

describe("HTML and hard line breaks inside Markdown (ansaudit4)", () => {
  it("keeps the words either side of a block tag apart: a cell's <p>s and <br>s, an HTML table's cells and rows", () => {
    // GitBook exports: several values in one pipe-table cell as paragraphs, a key-value table written in HTML.
    expect(stripInline("<p>api.directcloud.jp</p><p>api.directcloud.net</p>")).toBe("api.directcloud.jp api.directcloud.net");
    expect(stripInline("<p>· 파일: 무제한<br>· 폴더: 최대 238,328개</p>")).toBe("· 파일: 무제한 · 폴더: 최대 238,328개");
    expect(stripInline("<b>굵게</b>쓴 글자와 <span>이어진</span>말")).toBe("굵게쓴 글자와 이어진말");
    const doc = parseMarkdown(
      "# 사양\n\n<table><thead><tr><th></th><th></th></tr></thead><tbody><tr><td>DB 동기화 시간대</td><td>매일 오전 4:00~6:00</td></tr>" +
        "<tr><td>접근 제한</td><td><ul><li>IP 주소 제한</li><li>이중 인증</li></ul></td></tr></tbody></table>\n",
    );
    expect(doc.blocks.map((block) => block.text)).toContain("DB 동기화 시간대 | 매일 오전 4:00~6:00\n접근 제한 | IP 주소 제한 이중 인증");
  });

  it("reads a backslash ending a line as the line break it is, not as text", () => {
    const doc = parseMarkdown("# 로그\n\n데이터 이관 도구를 제공합니다.\\\n이 매뉴얼에서는 로그를 설명합니다.\n\n* **정보 로그**\\\n  실행할 때마다 생성됩니다.\n");
    expect(doc.blocks.map((block) => block.text)).toEqual(["로그", "데이터 이관 도구를 제공합니다. 이 매뉴얼에서는 로그를 설명합니다.", "정보 로그 실행할 때마다 생성됩니다."]);
  });
});

describe("MDX components (audit16html)", () => {
  it("reads an accordion's or a step's title as the section over its indented body, and a tab's or a callout's title as its label", () => {
    // Mintlify's FAQ pages (docs.openclaw.ai's Korean FAQ): each question is an <Accordion title>, its answer indented
    // under it with lists and code; MDX has no indented code, so the indentation is the component's, not code.
    const doc = parseMarkdown(
      [
        "---",
        'title: "FAQ: 첫 실행 설정"',
        "---",
        "",
        "## 설치",
        "",
        "<AccordionGroup>",
        '  <Accordion title="Heartbeat가 계속 건너뜁니다. 이유는 무엇인가요?">',
        "    일반적인 건너뛰기 이유:",
        "",
        "    - `quiet-hours`: 활성 시간 창 외부",
        "    - `no-tasks-due`: 도래한 작업이 없음",
        "",
        "    작업 모드에서는 실행이 끝난 뒤에만 진행됩니다.",
        "",
        "    ```bash",
        "    openclaw status",
        "      --all",
        "    ```",
        "",
        "  </Accordion>",
        '  <Accordion title="Pomerium">',
        "    Pomerium은 클레임 헤더에 ID를 전달합니다.",
        "  </Accordion>",
        "</AccordionGroup>",
        "",
        "<Tabs>",
        '  <Tab title="macOS">',
        "    Homebrew로 설치합니다.",
        "  </Tab>",
        '  <TabItem value="win" label="Windows">',
        "    설치 파일을 실행합니다.",
        "  </TabItem>",
        "</Tabs>",
        "",
        "<Steps>",
        '<Step title="계정 만들기">',
        "가입 페이지에서 계정을 만듭니다.",
        "</Step>",
        '  <Step title="토큰 구성">',
        "",
        "```json5",
        "{",
        "  botToken: \"123:abc\",",
        "}",
        "```",
        "",
        "    환경 변수 폴백: `TELEGRAM_BOT_TOKEN`.",
        "  </Step>",
        "</Steps>",
        "",
        '  <Accordion title="Cron이 실행되지 않음">',
        "    ```bash",
        "    openclaw cron status",
        "    ```",
        "",
        "    일반적인 로그 서명:",
        "",
        "- `scheduler disabled` → cron이 비활성화되어 있습니다.",
        "",
        "    상세 페이지를 보십시오.",
        "  </Accordion>",
        "",
        '<Aside type="caution" title="주의">',
        "키를 공유하지 마세요.",
        "</Aside>",
        "",
        "<Note>",
        "    이 기능은 베타입니다.",
        "",
        "여백에 쓴 줄입니다.",
        "",
        "    들여 쓴 줄도 코드가 아닙니다.",
        "</Note>",
        "",
        "뒤 문단입니다.",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.level, block.text])).toEqual([
      ["heading", 1, "FAQ: 첫 실행 설정"],
      ["heading", 2, "설치"],
      ["heading", 3, "Heartbeat가 계속 건너뜁니다. 이유는 무엇인가요?"],
      ["paragraph", undefined, "일반적인 건너뛰기 이유:"],
      ["list", undefined, "quiet-hours: 활성 시간 창 외부\nno-tasks-due: 도래한 작업이 없음"],
      ["paragraph", undefined, "작업 모드에서는 실행이 끝난 뒤에만 진행됩니다."],
      ["code", undefined, "openclaw status\n  --all"],
      ["heading", 3, "Pomerium"],
      ["paragraph", undefined, "Pomerium은 클레임 헤더에 ID를 전달합니다."],
      ["paragraph", undefined, "macOS: Homebrew로 설치합니다."],
      ["paragraph", undefined, "Windows: 설치 파일을 실행합니다."],
      ["heading", 3, "계정 만들기"],
      ["paragraph", undefined, "가입 페이지에서 계정을 만듭니다."],
      ["heading", 3, "토큰 구성"],
      ["code", undefined, '{\n  botToken: "123:abc",\n}'],
      ["paragraph", undefined, "환경 변수 폴백: TELEGRAM_BOT_TOKEN."],
      ["heading", 3, "Cron이 실행되지 않음"],
      ["code", undefined, "openclaw cron status"],
      ["paragraph", undefined, "일반적인 로그 서명:"],
      ["list", undefined, "scheduler disabled → cron이 비활성화되어 있습니다."],
      ["paragraph", undefined, "상세 페이지를 보십시오."],
      ["paragraph", undefined, "주의: 키를 공유하지 마세요."],
      ["paragraph", undefined, "이 기능은 베타입니다."],
      ["paragraph", undefined, "여백에 쓴 줄입니다."],
      ["paragraph", undefined, "들여 쓴 줄도 코드가 아닙니다."],
      ["paragraph", undefined, "뒤 문단입니다."],
    ]);
  });

  it("reads <details> with its <summary> as a section titled by the summary, and leaves a component it never closes as text", () => {
    const doc = parseMarkdown(
      [
        "# 문제 해결",
        "",
        "<details>",
        "<summary>로그가 안 보이면?</summary>",
        "",
        "로그 레벨을 debug로 바꾸세요.",
        "",
        "</details>",
        "<details><summary><b>포트가 이미 사용 중이면?</b></summary>",
        "",
        "다른 포트를 지정하세요.",
        "</details>",
        "",
        '<Collapsible summary="환경 변수로 설정하려면?">',
        "",
        "`SENTRY_ORG`를 쓰세요.",
        "",
        "</Collapsible>",
        "",
        "<Warning>닫히지 않은 경고",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.level, block.text])).toEqual([
      ["heading", 1, "문제 해결"],
      ["heading", 2, "로그가 안 보이면?"],
      ["paragraph", undefined, "로그 레벨을 debug로 바꾸세요."],
      ["heading", 2, "포트가 이미 사용 중이면?"],
      ["paragraph", undefined, "다른 포트를 지정하세요."],
      ["heading", 2, "환경 변수로 설정하려면?"],
      ["paragraph", undefined, "SENTRY_ORG를 쓰세요."],
      ["paragraph", undefined, "닫히지 않은 경고"],
    ]);
  });
});

describe("entities and site markers in Markdown text (audit16html)", () => {
  it("decodes HTML entities outside code, as CommonMark does, and reads Adobe's and DocFX's UI markers as the words they show", () => {
    // Adobe's Korean help (commerce-admin.ko-KR): "**[!UICONTROL Add New Template]**&#x200B;을(를) 클릭합니다."
    const doc = parseMarkdown(
      [
        "# 템플릿",
        "",
        "1. **[!UICONTROL Marketing]** > _[!UICONTROL Communications]_ 로 이동합니다.",
        "1. **[!UICONTROL Add New Template]**&#x200B;을(를) 클릭합니다.",
        "",
        '![그리드](./a.png){width="700" zoomable="yes"}',
        "",
        "R&amp;D 팀의 &lt;tag&gt; 설명,&nbsp;공백 &copy; 2024. 코드 `a &amp; b`는 그대로입니다.",
        "",
        "| 열 | 설명 |",
        "|--- |--- |",
        "| [!UICONTROL ID] | [!DNL Adobe Commerce]의 고유 숫자 |",
        "",
        '{style="table-layout:auto"}',
        "",
        "> [!VIDEO https://video.example/v]",
        "",
        "[!INCLUDE [note](includes/note.md)]",
        "",
        "끝 문단입니다.",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["heading", "템플릿"],
      ["list", "1. Marketing > Communications 로 이동합니다.\n2. Add New Template을(를) 클릭합니다."],
      ["paragraph", "R&D 팀의 <tag> 설명, 공백 © 2024. 코드 a &amp; b는 그대로입니다."],
      ["table", "열 | 설명\nID | Adobe Commerce의 고유 숫자"],
      ["paragraph", "끝 문단입니다."],
    ]);
  });

  it("reads an Obsidian note: a callout's title labels its text, wikilinks show their alias or page, embeds, comments and highlight marks go", () => {
    const doc = parseMarkdown(
      [
        "# 온보딩",
        "",
        "> [!tip] 첫 주 체크리스트",
        "> 노트북을 받으면 [[IT 지원|헬프데스크]]에 등록하세요.",
        "",
        "> [!faq]- 연차는 언제 생기나요?",
        "> 입사 1개월 후 1일이 생깁니다.",
        "",
        "![[조직도.png]]",
        "",
        "==중요==: 보안 교육은 필수입니다. %%작성자 메모%% 자세한 내용은 [[휴가 규정#연차]]을 보세요.",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["heading", "온보딩"],
      ["paragraph", "첫 주 체크리스트: 노트북을 받으면 헬프데스크에 등록하세요."],
      ["paragraph", "연차는 언제 생기나요? 입사 1개월 후 1일이 생깁니다."],
      ["paragraph", "중요: 보안 교육은 필수입니다. 자세한 내용은 휴가 규정 > 연차을 보세요."],
    ]);
  });
});

describe("HTML blocks in Markdown (audit17html)", () => {
  it("reads an HTML block with headings or a table as the HTML it is: a centred <h1> titles the page, spanned cells repeat", () => {
    // A Korean README opens on <h1 align="center">, lists its 명령어 in an HTML table with a rowspan (blank lines
    // between rows, which the browser still joins into one table), and an MDX page lays out cards with <h3> titles.
    const doc = parseMarkdown(
      [
        '<h1 align="center">사내 배포 도구</h1>',
        '<p align="center">배포를 자동화합니다.</p>',
        "",
        "## 명령어",
        "",
        "<table>",
        "  <tr><th>명령어</th><th>설명</th></tr>",
        "",
        '  <tr><td rowspan="2">deploy</td><td>배포합니다.</td></tr>',
        "  <tr><td>--dry-run 으로 미리 봅니다.</td></tr>",
        "</table>",
        "",
        '<div className="card">',
        "  <h3>Java 클라이언트</h3>",
        "  <p>주요 API입니다.</p>",
        "</div>",
        "",
        "<div>본문 <b>강조</b></div>",
        "",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.title).toBe("사내 배포 도구");
    expect(doc.blocks.map((block) => [block.kind, block.level, block.text])).toEqual([
      ["heading", 1, "사내 배포 도구"],
      ["paragraph", undefined, "배포를 자동화합니다."],
      ["heading", 2, "명령어"],
      ["table", undefined, "명령어 | 설명\ndeploy | 배포합니다.\ndeploy | --dry-run 으로 미리 봅니다."],
      ["heading", 3, "Java 클라이언트"],
      ["paragraph", undefined, "주요 API입니다."],
      ["paragraph", undefined, "본문 강조"],
    ]);
  });

  it("leaves Markdown written inside a table's cells to the Markdown reader (a README's code fence in a <td>)", () => {
    const doc = parseMarkdown(["<table>", "<tr>", "<td>", "", "```sh", "npm install", "```", "", "</td>", "</tr>", "</table>", ""].join("\n"));
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.text])).toEqual([["code", "npm install"]]);
  });
});

describe("GitBook and Hexo Liquid tags (audit18html)", () => {
  it("keeps what GitBook shows of its tags: a tab's or a code block's title, an API block's summary, its parameters' names", () => {
    const doc = parseMarkdown(
      [
        "# 📘 /post",
        "",
        "{% tabs %}",
        '{% tab title="Android" %}',
        "안드로이드에서는 `startRecord()`를 호출합니다.",
        "{% endtab %}",
        "",
        '{% tab title="iOS" %}',
        "iOS에서는 `record()`를 호출합니다.",
        "{% endtab %}",
        "{% endtabs %}",
        "",
        '{% code title="config.json" %}',
        "```json",
        '{"a": 1}',
        "```",
        "{% endcode %}",
        "",
        '{% swagger method="get" path="/api/post" baseUrl="https://blog.example.com" summary="게시글 가져오기 요청" expanded="true" %}',
        "{% swagger-description %}",
        "게시글 목록을 돌려줍니다.",
        "{% endswagger-description %}",
        "",
        '{% swagger-parameter in="cookie" required="false" name="bat" type="JWT" %}',
        "엑세스 토큰을 갖는 쿠키 ( 10분 )",
        "{% endswagger-parameter %}",
        "",
        '{% swagger-parameter in="query" name="postIdx" type="number" required="true" %}',
        "게시글 번호",
        "{% endswagger-parameter %}",
        "",
        '{% swagger-response status="200: OK" description="성공" %}',
        "```javascript",
        "{ ok: true }",
        "```",
        "{% endswagger-response %}",
        "{% endswagger %}",
        "",
        '{% swagger method="post" path="/connect/token" baseUrl="https://account.example.com" summary="" %}',
        '{% swagger-parameter in="body" required="true" type="grant_type" %}',
        "client_credentials",
        "{% endswagger-parameter %}",
        "{% endswagger %}",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.level, block.text])).toEqual([
      ["heading", 1, "📘 /post"],
      ["paragraph", undefined, "Android: 안드로이드에서는 startRecord()를 호출합니다."],
      ["paragraph", undefined, "iOS: iOS에서는 record()를 호출합니다."],
      ["paragraph", undefined, "config.json"],
      ["code", undefined, '{"a": 1}'],
      ["heading", 2, "게시글 가져오기 요청 (GET /api/post)"],
      ["paragraph", undefined, "게시글 목록을 돌려줍니다."],
      ["paragraph", undefined, "bat (JWT, cookie): 엑세스 토큰을 갖는 쿠키 ( 10분 )"],
      ["paragraph", undefined, "postIdx (number, query, required): 게시글 번호"],
      ["paragraph", undefined, "200: OK 성공"],
      ["code", undefined, "{ ok: true }"],
      ["heading", 2, "POST /connect/token"],
      ["paragraph", undefined, "grant_type (body, required): client_credentials"],
    ]);
  });

  it("reads Hexo's API tags (Screeps docs) as the headings the site shows, and `===` between parameters as a separator", () => {
    const doc = parseMarkdown(
      [
        "# StructureLink",
        "",
        "{% page inherited/OwnedStructure.ko.md %}",
        "",
        "{% api_property cooldown 'number' %}",
        "",
        "다음 전송이 가능해질 때까지 기다려야 하는 게임 틱 수입니다.",
        "",
        "{% api_method transferEnergy 'target, [amount]' A %}",
        "",
        "같은 룸 안의 다른 링크로 에너지를 원격 전송합니다.",
        "",
        "{% api_method_params %}",
        'target : <a href="#StructureLink">StructureLink</a>',
        "대상 오브젝트.",
        "===",
        "amount (optional) : number",
        "전송할 에너지 양.",
        "{% endapi_method_params %}",
        "",
        "### 반환 값",
        "",
        "다음 코드 중 하나:",
        "",
        "{% api_property store '<a href=\"#Store\">Store</a>' %}",
        "",
        "적재물을 담은 오브젝트입니다.",
        "",
        "Title",
        "=====",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.level, block.text])).toEqual([
      ["heading", 1, "StructureLink"],
      ["heading", 2, "cooldown (number)"],
      ["paragraph", undefined, "다음 전송이 가능해질 때까지 기다려야 하는 게임 틱 수입니다."],
      ["heading", 2, "transferEnergy(target, [amount])"],
      ["paragraph", undefined, "같은 룸 안의 다른 링크로 에너지를 원격 전송합니다."],
      ["paragraph", undefined, "target : StructureLink 대상 오브젝트."],
      ["paragraph", undefined, "amount (optional) : number 전송할 에너지 양."],
      ["heading", 3, "반환 값"],
      ["paragraph", undefined, "다음 코드 중 하나:"],
      ["heading", 2, "store (Store)"],
      ["paragraph", undefined, "적재물을 담은 오브젝트입니다."],
      ["heading", 1, "Title"],
    ]);
  });

  it("reads a README's list of links to its own headings (목차) as its contents, and a list with other text as a list", () => {
    const doc = parseMarkdown(
      ["# 배포 도구", "", "## 목차", "", "- [설치](#설치)", "  - [요구 사항](#요구-사항)", "- [사용법](#사용법)", "", "## 설치", "", "- [설치 안내서](docs/install.md)를 읽으세요.", "- [FAQ](#faq) 참고", "", "다음에서 참조됨:", "", "- [query](#query)"].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.text, block.role ?? "body"])).toEqual([
      ["heading", "배포 도구", "body"],
      ["heading", "목차", "toc"],
      ["list", "설치\n요구 사항\n사용법", "toc"],
      ["heading", "설치", "body"],
      ["list", "설치 안내서를 읽으세요.\nFAQ 참고", "body"],
      ["paragraph", "다음에서 참조됨:", "body"],
      ["list", "query", "body"],
    ]);
  });

  it("drops the characters a browser shows as nothing (soft hyphens, zero-width spaces) so the words they sit in stay whole", () => {
    const doc = parseMarkdown(["# 안내", "", "비밀&#8203;번호를 재설정합니다. Soft&shy;ware 업데이트.", "", "비밀\u200b번호 찾기"].join("\n"));
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => block.text)).toEqual(["안내", "비밀번호를 재설정합니다. Software 업데이트.", "비밀번호 찾기"]);
  });
});

describe("MDX and Markdown shapes (audit19html)", () => {
  it("keeps a link's text whole when its address holds parentheses (a wiki page) or is written in angle brackets", () => {
    expect(stripInline("[안드로메다 별자리](<https://en.wikipedia.org/wiki/Andromeda_(constellation)>)는 11월에 잘 보입니다.")).toBe(
      "안드로메다 별자리는 11월에 잘 보입니다.",
    );
    expect(stripInline("[서울](https://ko.wikipedia.org/wiki/서울_(도시))과 ![지도](map_(1).png)부산")).toBe("서울과 부산");
    expect(stripInline('[안내](https://example.com "제목 (참고)")를 보세요.')).toBe("안내를 보세요.");
  });

  it("reads a tab written on one line (`<TabItem label=\"별\">…</TabItem>`) under its label, each tab its own paragraph", () => {
    const doc = parseMarkdown(
      ["# 탭", "", "<Tabs>", '\t<TabItem label="별">시리우스, 베가, 베텔게우스</TabItem>', '\t<TabItem label="달">이오, 유로파, 가니메데</TabItem>', "</Tabs>", "", "끝."].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => block.text)).toEqual(["탭", "별: 시리우스, 베가, 베텔게우스", "달: 이오, 유로파, 가니메데", "끝."]);
  });

  it("reads MDX's `{' '}` (a space written as a JSX expression) as the space it renders", () => {
    expect(stripInline("벨라트릭스, 리겔 {' '}")).toBe("벨라트릭스, 리겔");
    expect(stripInline('계정{" "}설정')).toBe("계정 설정");
  });

  it("keeps the code of a <pre> in an HTML block (a Jupyter notebook's export) verbatim and apart from the text after it", () => {
    const doc = parseMarkdown(
      [
        "# 판다스",
        "",
        '<div class="jp-InputArea jp-Cell-inputArea">',
        "",
        '<div class="highlight hl-ipython3"><pre><span class="kn">import</span> <span class="nn">numpy</span> <span class="k">as</span> np',
        "",
        '<span class="nb">print</span>(np.pi)',
        "</pre></div>",
        '<div class="jp-RenderedMarkdown"><p><strong>1월 부터 6월 까지</strong> 데이터 로드</p></div>',
        "</div>",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["heading", "판다스"],
      ["code", "import numpy as np\n\nprint(np.pi)"],
      ["paragraph", "1월 부터 6월 까지 데이터 로드"],
    ]);
  });

  it("reads a heading GitBook's export glued after a figure (`</figure>## 제목`) as the heading, and a content-ref card to another page as nothing", () => {
    const doc = parseMarkdown(
      [
        "# 설치",
        "",
        '<figure><img src=".gitbook/assets/install.png" alt=""><figcaption><p>설치 화면</p></figcaption></figure>## 요구 사항',
        "",
        "메모리 8GB 이상이 필요합니다.",
        "",
        '{% content-ref url="configuration.md" %}',
        "[configuration.md](configuration.md)",
        "{% endcontent-ref %}",
        "",
        "설정을 마치세요.",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["heading", "설치"],
      ["paragraph", "설치 화면"],
      ["heading", "요구 사항"],
      ["paragraph", "메모리 8GB 이상이 필요합니다."],
      ["paragraph", "설정을 마치세요."],
    ]);
  });
});

describe("a list item that is a heading", () => {
  it("is the heading with its number, the items under it its body (Obsidian policies)", () => {
    // A Korean 정보보안 정책 written in Obsidian numbers its sections as list items holding headings: read as list lines,
    // "1. ##### 목적 1. 본 정책은 …" kept the marks in the text and the sections had no titles.
    const markdown = [
      "# 정보보안 정책",
      "",
      "1. ##### 목적",
      "   1. 본 정책은 회사의 정보자산을 보호하기 위한 기준을 정한다.",
      "2. ##### 적용 범위",
      "   1. 본 정책은 모든 임직원에게 적용된다.",
      "- ## 부칙",
      "",
      "이 정책은 2025년 1월 1일부터 시행한다.",
    ].join("\n");
    const document = parseMarkdown(markdown);
    expect(document.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["heading", "정보보안 정책"],
      ["heading", "1. 목적"],
      ["list", "1. 본 정책은 회사의 정보자산을 보호하기 위한 기준을 정한다."],
      ["heading", "2. 적용 범위"],
      ["list", "1. 본 정책은 모든 임직원에게 적용된다."],
      ["heading", "부칙"],
      ["paragraph", "이 정책은 2025년 1월 1일부터 시행한다."],
    ]);
    expect(document.text).not.toContain("#");
  });
});
