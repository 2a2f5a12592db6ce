import { describe, expect, it } from "vitest";
import { expectDocumentInvariants } from "../../test/ingest/invariants.ts";
import { parseHtml } from "./parse-html.ts";

describe("parseHtml", () => {
  it("repeats a cell that spans rows on each row it spans, so every row reads with its own columns", () => {
    // The shape of the installation guide's architecture table (ch02s01.html) and of merged cells in Korean forms.
    const doc = parseHtml(`<table>
      <tr><th>아키텍처</th><th>명칭</th><th>서브 아키텍처</th><th>기종</th></tr>
      <tr><td rowspan="2">인텔 x86 기반</td><td rowspan="2">i386</td><td>일반 x86 컴퓨터</td><td>일반</td></tr>
      <tr><td>Xen PV 도메인 전용</td><td>xen</td></tr>
      <tr><td colspan="2">합계</td><td rowspan="3">공통</td><td>2</td></tr>
      <tr><td>가</td><td>나</td><td>3</td></tr>
      <tr><td>다</td><td>라</td></tr>
    </table>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => block.text)).toEqual([
      [
        "아키텍처 | 명칭 | 서브 아키텍처 | 기종",
        "인텔 x86 기반 | i386 | 일반 x86 컴퓨터 | 일반",
        "인텔 x86 기반 | i386 | Xen PV 도메인 전용 | xen",
        "합계 | 공통 | 2",
        "가 | 나 | 공통 | 3",
        "다 | 라 | 공통",
      ].join("\n"),
    ]);
  });

  it("reads MDN's source pages as MDN shows them: front matter as the title, KumaScript macros as their labels or nothing", () => {
    const doc = parseHtml(
      [
        "---",
        "title: CSS 기초",
        "slug: Learn/Getting_started_with_the_web/CSS_기본",
        "tags:",
        "  - CSS",
        "  - 'l10n:priority'",
        "---",
        "<div>{{LearnSidebar}}</div>",
        '<div>{{PreviousMenuNext("Learn/HTML_basics", "Learn/JavaScript_basics", "Learn")}}</div>',
        "<p>CSS는 웹페이지를 꾸미려고 작성하는 코드입니다.</p>",
        '<h2 id="선택자">선택자</h2>',
        '<p>{{HTMLElement("select")}} 요소와 {{jsxref("Array.prototype.map()", "map()")}}을 봅니다.</p>',
        "<pre>{{#each items}}{{this}}{{/each}}</pre>",
        "<p><code>{{ message }}</code>는 그대로 둡니다.</p>",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.title).toBe("CSS 기초");
    expect(doc.blocks.map((block) => [block.kind, block.level, block.text])).toEqual([
      ["heading", 1, "CSS 기초"],
      ["paragraph", undefined, "CSS는 웹페이지를 꾸미려고 작성하는 코드입니다."],
      ["heading", 2, "선택자"],
      ["paragraph", undefined, "select 요소와 map()을 봅니다."],
      ["code", undefined, "{{#each items}}{{this}}{{/each}}"],
      ["paragraph", undefined, "{{ message }}는 그대로 둡니다."],
    ]);
  });

  it("turns headings, paragraphs, lists, code and tables into blocks and skips non-content", () => {
    const doc = parseHtml(`<!doctype html><html><head><title> 직지 &amp; 안내 </title>
      <style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
      <body><noscript>enable js</noscript><template><p>hidden</p></template>
      <h1>개요</h1>
      <p>첫   문단은
         <b>굵게</b>&nbsp;씁니다. Caf&eacute; &lt;ok&gt;</p>
      <ul><li>하나</li><li>둘 <ul><li>둘-가</li></ul></li></ul>
      <pre>line 1
  indented</pre>
      <table><tr><th>이름</th><th>값</th></tr><tr><td><p>a</p></td><td>1</td></tr><tr><td></td><td></td></tr></table>
      <div>div text<section><h3>Deep</h3>section text</section></div>
      </body></html>`);
    expectDocumentInvariants(doc);
    expect(doc.title).toBe("직지 & 안내");
    expect(doc.blocks.map(({ kind, level, text }) => ({ kind, level, text }))).toEqual([
      { kind: "heading", level: 1, text: "개요" },
      { kind: "paragraph", level: undefined, text: "첫 문단은 굵게 씁니다. Café <ok>" },
      { kind: "list", level: undefined, text: "하나\n둘\n둘-가" },
      { kind: "code", level: undefined, text: "line 1\n  indented" },
      { kind: "table", level: undefined, text: "이름 | 값\na | 1" },
      { kind: "paragraph", level: undefined, text: "div text" },
      { kind: "heading", level: 3, text: "Deep" },
      { kind: "paragraph", level: undefined, text: "section text" },
    ]);
  });

  it("takes a FAQ's questions set as a definition list (asciidoc's labeled list) for headings under the section, other terms not", () => {
    const doc = parseHtml(`<html><body><h1>gitfaq(7) Manual Page</h1><h2>Configuration</h2>
      <div class="dlist"><dl>
      <dt class="hdlist1"><a id="user-name"></a>What should I put in <code>user.name</code>?</dt>
      <dd><p>You should put your personal name.</p></dd>
      <dt class="hdlist1">What does <code>http.postBuffer</code> really do?</dt>
      <dd><p>This option changes the size of the buffer that Git uses when pushing data.</p></dd>
      </dl></div>
      <h2>Options</h2><dl><dt>--continue</dt><dd><p>Restart the rebasing process.</p></dd></dl>
      </body></html>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map(({ kind, level, text }) => ({ kind, level, text }))).toEqual([
      { kind: "heading", level: 1, text: "gitfaq(7) Manual Page" },
      { kind: "heading", level: 2, text: "Configuration" },
      { kind: "heading", level: 3, text: "What should I put in user.name?" },
      { kind: "paragraph", level: undefined, text: "You should put your personal name." },
      { kind: "heading", level: 3, text: "What does http.postBuffer really do?" },
      { kind: "paragraph", level: undefined, text: "This option changes the size of the buffer that Git uses when pushing data." },
      { kind: "heading", level: 2, text: "Options" },
      { kind: "paragraph", level: undefined, text: "--continue: Restart the rebasing process." },
    ]);
  });

  it("reads a summary table laid out as a grid of <div>s (Javadoc's summary-table) row by row, as a table", () => {
    const doc = parseHtml(`<html><body><h2>Method Summary</h2>
      <div class="summary-table three-column-summary">
      <div class="table-header col-first">Modifier and Type</div>
      <div class="table-header col-second">Method</div>
      <div class="table-header col-last">Description</div>
      <div class="col-first even-row-color"><code>static boolean</code></div>
      <div class="col-second even-row-color"><code><a href="#and(boolean...)">and</a>(boolean...&nbsp;array)</code></div>
      <div class="col-last even-row-color"><div class="block">Performs an 'and' operation on a set of booleans.</div></div>
      <div class="col-first odd-row-color"><code>static int</code></div>
      <div class="col-second odd-row-color"><code><a href="#compare(boolean,boolean)">compare</a>(boolean&nbsp;x, boolean&nbsp;y)</code></div>
      <div class="col-last odd-row-color"><div class="block">Compares two boolean values.</div></div>
      </div><p>After the table.</p></body></html>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map(({ kind, text }) => ({ kind, text }))).toEqual([
      { kind: "heading", text: "Method Summary" },
      {
        kind: "table",
        text: "Modifier and Type | Method | Description\nstatic boolean | and(boolean... array) | Performs an 'and' operation on a set of booleans.\nstatic int | compare(boolean x, boolean y) | Compares two boolean values.",
      },
      { kind: "paragraph", text: "After the table." },
    ]);
  });

  it("takes the first h1 as title when there is no <title>", () => {
    expect(parseHtml("<h2>Sub</h2><h1>Main <i>title</i></h1><h1>Second</h1>").title).toBe("Main title");
    expect(parseHtml("<p>no headings</p>").title).toBeNull();
  });

  it("takes a template's placeholder <title> (Eclipse's \"Insert title here\", Dreamweaver's, Emmet's) for no title", () => {
    expect(parseHtml("<title>Insert title here</title><h1>환불 안내</h1>").title).toBe("환불 안내");
    expect(parseHtml("<title> Untitled Document </title><p>x</p>").title).toBeNull();
    expect(parseHtml("<title>Document</title><h1>A</h1>").title).toBe("A");
    expect(parseHtml("<title>제목 없음</title><p>x</p>").title).toBeNull();
    expect(parseHtml("<title>Document management</title>").title).toBe("Document management");
  });

  it("leaves out a help center's side list of the section's articles, its related articles, votes and 'more questions' box (Zendesk Guide)", () => {
    // The shape of a Zendesk Guide article page (the Copenhagen theme), as Korean companies' 고객센터 pages are.
    const doc = parseHtml(
      `<div class="article-container"><section class="article-sidebar"><section class="section-articles collapsible-sidebar">` +
        `<h3 class="collapsible-sidebar-title">이 섹션의 문서</h3><ul><li><a href="a">목표 금액을 설정하는 데에 제한이 있나요?</a></li></ul>` +
        `<a class="article-sidebar-item" href="s">더보기</a></section></section>` +
        `<article class="article"><header class="article-header"><h1 class="article-title">펀딩 목표금액은 어떻게 정하나요?</h1>` +
        `<div class="article-author"><div class="article-meta"><ul class="meta-group"><li class="meta-data">17일 전 업데이트</li></ul></div></div></header>` +
        `<section class="article-info"><div class="article-body"><p>목표 금액은 50만 원 이상으로 정해 주세요.</p></div></section>` +
        `<footer><div class="article-votes"><span class="article-votes-question">이 문서가 도움이 되었나요?</span></div>` +
        `<div class="article-more-questions">질문에 대한 답을 찾지 못하셨나요? <a href="r">1:1 문의하기</a></div></footer>` +
        `<section class="article-relatives"><section class="related-articles"><h3 class="related-articles-title">관련 문서</h3>` +
        `<ul><li><a href="b">환불 및 교환 정책은 어떻게 정해야 하나요?</a></li></ul></section></section></article></div>`,
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => block.text)).toEqual(["펀딩 목표금액은 어떻게 정하나요?", "목표 금액은 50만 원 이상으로 정해 주세요."]);
  });

  it("says why a page has no text when its text sits in frames or is built by scripts", () => {
    const framed = parseHtml(`<title>민원안내</title><frameset><frame src="menu.do"><frame src="faq_list.do"></frameset>`);
    expect(framed.blocks).toEqual([]);
    expect(framed.warnings).toEqual(["its text is in 2 frames (menu.do, faq_list.do), each a page of its own: index those pages"]);
    const app = parseHtml(`<html><head><script src="a.js"></script></head><body><div id="app"></div><script>render()</script></body></html>`);
    expect(app.warnings).toEqual([expect.stringMatching(/^its text is built by scripts when a browser shows it: save the page from the browser/)]);
    // A page with text of its own says nothing of its frames or scripts.
    expect(parseHtml(`<p>본문</p><iframe src="ad.html"></iframe><script>x()</script>`).warnings).toEqual([]);
  });

  it("reads the body even when <head> is never closed", () => {
    const doc = parseHtml("<html><head><title>T</title><body><p>Body text.</p></body></html>");
    expect(doc.text).toBe("Body text.");
  });

  it("survives very deeply nested markup", () => {
    const depth = 10_000;
    const doc = parseHtml(`${"<div><span>".repeat(depth)}deep text${"</span></div>".repeat(depth)}<p>after</p>`);
    expect(doc.blocks.map((block) => block.text)).toEqual(["deep text", "after"]);
  });

  it("leaves out the permalink anchors documentation generators append to headings, keeping other links' text", () => {
    const doc = parseHtml(
      `<h1>FAQ<a class="headerlink" href="#faq" title="Permalink to this heading">¶</a></h1>` +
        `<h2>Will restic resume an interrupted backup?<a class="headerlink" href="#will">¶</a></h2>` +
        `<p>Yes, see <a class="reference internal" href="#x">the backup page</a>.</p>` +
        `<h2 class="anchor">Install<a class="hash-link" href="#install">#</a></h2>`,
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map(({ kind, text }) => [kind, text])).toEqual([
      ["heading", "FAQ"],
      ["heading", "Will restic resume an interrupted backup?"],
      ["paragraph", "Yes, see the backup page."],
      ["heading", "Install"],
    ]);
  });

  it("keeps an admonition's own title (DocBook <div class=note><h3>Note</h3>) out of the section headings", () => {
    // PostgreSQL's and other DocBook XSL pages: the note's <h3> is the same level as the section titles around it,
    // and taken as a heading it would become the section of everything after the note.
    const doc = parseHtml(
      `<div class="sect2"><div class="titlepage"><div><div><h3 class="title" id="n">8.1.2. Arbitrary Precision Numbers</h3></div></div></div>` +
        `<p>The type numeric can store numbers.</p>` +
        `<div class="note"><h3 class="title">Note</h3><p>The maximum precision is 1000.</p></div>` +
        `<p>Numeric values are stored without extra zeroes.</p></div>` +
        `<aside class="admonition warning"><h2>Warning</h2><p>Do not round twice.</p></aside>`,
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map(({ kind, text }) => [kind, text])).toEqual([
      ["heading", "8.1.2. Arbitrary Precision Numbers"],
      ["paragraph", "The type numeric can store numbers."],
      ["paragraph", "Note: The maximum precision is 1000."],
      ["paragraph", "Numeric values are stored without extra zeroes."],
      ["paragraph", "Warning: Do not round twice."],
    ]);
  });

  it("keeps texinfo's node navigation out of the text and drops its copiable anchors and Doxygen's member permalinks", () => {
    const nav = (panel: string) =>
      `<div class="${panel}"><p>Next: <a href="Arithmetic-Functions.html" rel="next">Arithmetic Functions</a>, ` +
      `Previous: <a href="Init.html" rel="prev">Initialization</a>, Up: <a href="MPFR-Interface.html" rel="up">MPFR Interface</a>` +
      ` &nbsp; [<a href="Concept-Index.html" rel="index">Index</a>]</p></div>`;
    // makeinfo 6.8/7.0 (div.header, a.copiable-anchor) and 7.1 (div.nav-panel, a.copiable-link).
    for (const [panel, anchor] of [["header", "copiable-anchor"], ["nav-panel", "copiable-link"]] as const) {
      const doc = parseHtml(
        `<body lang="en"><div class="section" id="Conversion-Functions">${nav(panel)}<hr>` +
          `<h3 class="section">5.4 Conversion Functions</h3><dl class="def">` +
          `<dt id="index-mpfr_005fget_005fd"><span class="category">Function: </span><span><em>double</em> <strong>mpfr_get_d</strong> ` +
          `<em>(mpfr_t <var>op</var>)</em><a href='#index-mpfr_005fget_005fd' class='${anchor}'> &para;</a></span></dt>` +
          `<dd><p>Convert op to a double.</p></dd></dl></div><hr>${nav(panel)}</body>`,
      );
      expectDocumentInvariants(doc);
      expect(doc.blocks.map(({ kind, text }) => [kind, text])).toEqual([
        ["heading", "5.4 Conversion Functions"],
        ["paragraph", "Function: double mpfr_get_d (mpfr_t op): Convert op to a double."],
      ]);
      expect(doc.text).not.toContain("Next:");
    }
    const doxygen = parseHtml(
      `<h2 class="groupheader">Member Function Documentation</h2>` +
        `<h2 class="memtitle"><span class="permalink"><a href="#a3bdf">&#9670;&#160;</a></span>asCString()</h2>` +
        `<p>Embedded zeroes could cause you trouble!</p>`,
    );
    expect(doxygen.blocks.map(({ kind, text }) => [kind, text])).toEqual([
      ["heading", "Member Function Documentation"],
      ["heading", "asCString()"],
      ["paragraph", "Embedded zeroes could cause you trouble!"],
    ]);
  });

  it("leaves out a page's side columns (<aside> outside the content), keeping asides inside it and admonitions", () => {
    // LibreOffice's help pages: every one of them has a "Contents" and an "Index 🔎︎" side column filled by script,
    // which became two chunks per page (a fifth of the collection's chunks, one of them in every page).
    const page = parseHtml(
      `<body><header><a href="index.html">LibreOffice Help</a></header>` +
        `<aside class="rightside"><input id="accordion-1" type="checkbox"><label for="accordion-1">Contents</label><div id="Contents"></div></aside>` +
        `<aside class="leftside"><div id="Index"><div class="index-label">Index  🔎︎ </div><input id="search-bar" type="search"><nav class="index"></nav></div></aside>` +
        `<div id="DisplayArea"><h1>WORKDAY</h1><p>The result is a date number.</p></div></body>`,
    );
    expectDocumentInvariants(page);
    expect(page.blocks.map(({ kind, text }) => [kind, text])).toEqual([
      ["heading", "WORKDAY"],
      ["paragraph", "The result is a date number."],
    ]);
    expect(page.furniture.map((line) => line.text)).toEqual(expect.arrayContaining(["Contents", "Index 🔎︎"]));
    // Inside an article, or the element a page marks as its main content, an aside is part of what it says.
    for (const open of [`<article>`, `<div role="main" class="body">`]) {
      const close = open.startsWith("<article") ? "</article>" : "</div>";
      const inside = parseHtml(`${open}<p>Footnotes follow.</p><aside class="footnote"><p>First published 1999.</p></aside>${close}`);
      expect(inside.blocks.map(({ text }) => text)).toEqual(["Footnotes follow.", "First published 1999."]);
    }
  });

  it("leaves out what the page never shows: hidden elements and Doxygen's code tooltips", () => {
    const doc = parseHtml(
      `<div class="fragment"><div class="line">LargestInt(~(LargestUInt(-1) / 2))</div></div>` +
        `<div class="ttc" id="aclass_json_1_1_value_html"><div class="ttname"><a href="#a1">Json::Value::LargestInt</a></div>` +
        `<div class="ttdeci">Json::LargestInt LargestInt</div><div class="ttdef"><b>Definition:</b> value.h:206</div></div>` +
        `<p>Minimum signed integer value.</p><p hidden>Not shown.</p><div style="display: none">Nor this.</div>` +
        `<div style="color: red">Shown in red.</div>`,
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map(({ text }) => text)).toEqual(["LargestInt(~(LargestUInt(-1) / 2))", "Minimum signed integer value.", "Shown in red."]);
  });

  it("takes the page numbers of HTML printed to pages (an SEC filing) out of the text, as footers, and keeps numbers that are text", () => {
    const html =
      "<body><p>Our transfer agent is in Ardmore, PA.</p><p style='text-align:center'>11</p><hr style='page-break-after:always' />" +
      "<p><b>ITEM 7. MANAGEMENT'S DISCUSSION</b></p><p>Revenues grew by 95.3%.</p><p>- 12 -</p>" +
      "<div style='page-break-before: always'><p>Adjusted EBITDA was 8.7 million.</p><table><tr><td>Total</td><td>12</td></tr></table><p>F-3</p></div>" +
      "<p style='page-break-before:always'>The notes are an integral part of these statements.</p>" +
      "<div style='break-after: page; margin: 0'><p>The count of tables was</p><p>7</p><p>Page 14</p></div><p>Signatures follow.</p><p>15</p></body>";
    const doc = parseHtml(html);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => block.text)).toEqual([
      "Our transfer agent is in Ardmore, PA.",
      "ITEM 7. MANAGEMENT'S DISCUSSION",
      "Revenues grew by 95.3%.",
      "Adjusted EBITDA was 8.7 million.",
      "Total | 12",
      "The notes are an integral part of these statements.",
      "The count of tables was",
      "7",
      "Signatures follow.",
    ]);
    expect(doc.furniture).toEqual([
      { page: null, position: "footer", text: "11" },
      { page: null, position: "footer", text: "- 12 -" },
      { page: null, position: "footer", text: "F-3" },
      { page: null, position: "footer", text: "Page 14" },
      { page: null, position: "footer", text: "15" },
    ]);
  });

  it("reads a financial statement's figures whole: spacer columns left out, the currency sign and a negative's closing parenthesis joined to the figure", () => {
    // An SEC filing's table: a spacer column after the label, each year as spacer | $ | figure | ")" cells.
    const row = (label: string, ...years: Array<[string, string, string]>) =>
      `<tr><td>${label}</td><td></td>${years.map(([sign, figure, close]) => `<td>${sign}</td><td>${figure}</td><td>${close}</td><td></td>`).join("")}</tr>`;
    const html =
      "<table><tr><td></td><td></td><td colspan='7'>Years ended December 31,</td></tr>" +
      "<tr><td>Adjusted EBITDA Reconciliation:</td><td></td><td></td><td colspan='2'>2021</td><td></td><td></td><td colspan='2'>2020</td><td></td><td></td></tr>" +
      row("Net income (loss)", ["$", "2,111,812", ""], ["$", "(2,208,887", ")"]) +
      row("Interest income", ["", "(2,048", ")"], ["", "(25,702", ")"]) +
      row("Adjusted EBITDA", ["$", "8,733,830", ""], ["$", "1,377,279", ""]) +
      "</table>" +
      // A table whose empty cells mean something: a column with one filled cell is kept, blanks and all.
      "<table><tr><th>Leave</th><th>Paid</th><th>Notes</th></tr><tr><td>Annual</td><td>yes</td><td></td></tr><tr><td>Unpaid</td><td></td><td>By agreement</td></tr></table>";
    const doc = parseHtml(html);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => block.text)).toEqual([
      [
        "| Years ended December 31,",
        "Adjusted EBITDA Reconciliation: | 2021 | 2020",
        "Net income (loss) | $2,111,812 | $(2,208,887)",
        "Interest income | (2,048) | (25,702)",
        "Adjusted EBITDA | $8,733,830 | $1,377,279",
      ].join("\n"),
      "Leave | Paid | Notes\nAnnual | yes | \nUnpaid |  | By agreement",
    ]);
  });

  it("leaves out a saved wiki page's chrome: skip link, language drop-down, portlets, category links, navigation boxes, 'Retrieved from'", () => {
    const html =
      `<body><a class="mw-jump-link" href="#bodyContent">Jump to content</a><main><header class="mw-body-header"><h1>Duck</h1>` +
      `<div id="p-lang-btn" class="vector-dropdown mw-portlet mw-portlet-lang"><label>136 languages</label>` +
      `<div class="vector-dropdown-content"><ul><li>Acèh</li><li>Afrikaans</li></ul><a>Edit links</a></div></div></header>` +
      `<div id="siteSub" class="noprint">From Wikipedia, the free encyclopedia</div>` +
      `<p>Ducks eat grasses and insects<sup class="noprint">[citation needed]</sup> and small molluscs.</p>` +
      `<div class="navbox"><table><tr><th>Anatidae</th><td>Ducks, geese, swans</td></tr></table></div>` +
      `<div class="printfooter">Retrieved from "https://en.wikipedia.org/w/index.php?title=Duck"</div>` +
      `<div id="catlinks" class="catlinks">Categories: <ul><li>Ducks</li><li>Game birds</li></ul></div>` +
      `<div class="dropdown"><ul class="dropdown-menu"><li>Profile</li><li>Sign out</li></ul></div></main></body>`;
    const doc = parseHtml(html);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => block.text)).toEqual(["Duck", "Ducks eat grasses and insects[citation needed] and small molluscs."]);
  });

  it("keeps a data table set inside a page's layout table a table, and one inside a data cell on its row", () => {
    // A 제안서 form (Google Docs from 한글) lays the whole proposal out in one table; its data table ("From | To | # of
    // Data") sat in a cell, and each of its cells came out as a paragraph of its own: "From", "To", "Raw Data", "-".
    const prose = Array.from({ length: 6 }, (_, i) => `<p>${i + 1}번째 문단: 행동재무학에서는 시장 참여자들이 비이성적인 판단에 의해 움직인다고 본다. `.repeat(5) + "</p>").join("");
    const inner = `<table><tr><th></th><th><p>From</p></th><th><p>To</p></th><th><p># of Data</p></th></tr><tr><td><p>Raw Data</p></td><td><p>2020-06-01</p></td><td><p>-</p></td><td><p>3,181,878</p></td></tr></table>`;
    const doc = parseHtml(`<table><tr><td><p>활용 데이터</p>${prose}${inner}<p>유튜브 Raw Data : 437,574개</p></td></tr></table>`);
    expectDocumentInvariants(doc);
    // It reads as it would standing alone.
    expect(doc.blocks.filter((block) => block.kind === "table").map((block) => block.text)).toEqual([parseHtml(inner).blocks[0]!.text]);
    expect(parseHtml(inner).blocks[0]!.text).toContain("Raw Data | 2020-06-01 | - | 3,181,878");
    expect(doc.blocks.map((block) => block.text)).toContain("유튜브 Raw Data : 437,574개");
    expect(doc.blocks.map((block) => block.text)).not.toContain("From");
    // Inside a data table's cell, the inner table's rows stay in that cell, and the outer rows keep their columns.
    const data = parseHtml(`<table><tr><th>구분</th><th>내용</th></tr><tr><td>일정</td><td><p>1차</p><table><tr><td>5/1</td><td>착수</td></tr><tr><td>6/1</td><td>완료</td></tr></table></td></tr><tr><td>예산</td><td>1억</td></tr></table>`);
    expect(data.blocks.map((block) => [block.kind, block.text])).toEqual([["table", "구분 | 내용\n일정 | 1차 5/1 | 착수 / 6/1 | 완료\n예산 | 1억"]]);
  });

  it("reads the layout table of a graphical admonition (DocBook admon.graphics) as its paragraphs, not as a table", () => {
    const doc = parseHtml(
      `<p>Before.</p><div class="tip" style="margin-left: 0.5in; margin-right: 0.5in;"><table border="0" summary="Tip">` +
        `<tr><td rowspan="2" align="center" valign="top"><img alt="[Tip]" src="images/tip.png"/></td><th align="left">Tip</th></tr>` +
        `<tr><td align="left" valign="top"><p>Official policy is in the Debian Policy Manual.</p><p>Read chapter 2 first.</p></td></tr>` +
        `</table></div><table><tr><th>command</th><th>action</th></tr><tr><td>apt update</td><td>update the index</td></tr></table>`,
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map(({ kind, text }) => [kind, text])).toEqual([
      ["paragraph", "Before."],
      ["paragraph", "Tip: Official policy is in the Debian Policy Manual."],
      ["paragraph", "Read chapter 2 first."],
      ["table", "command | action\napt update | update the index"],
    ]);
  });
  it("reads a page laid out in a table (an intranet's 사규 page: the whole regulation in one cell) as its paragraphs, a data table as a table", () => {
    // The shape of a Word regulation pasted into an old intranet page: a title bar row, then one cell holding every
    // paragraph of the document, chapters and articles included.
    const articles = Array.from({ length: 8 }, (_, i) => [
      `<p><b>제${i + 1}조 (조항 ${i + 1})</b></p>`,
      `<p>① 종업원은 이 조에 정한 사항을 성실히 지켜야 하며 회사는 이를 위하여 필요한 조치를 하여야 한다. 그 밖의 사항은 따로 정한다.</p>`,
      `<p>② 제1항의 사항을 지키지 아니한 자에 대하여는 회사가 정하는 바에 따라 필요한 조치를 할 수 있다.</p>`,
    ]).flat();
    const doc = parseHtml(
      `<table><tr><td>인사관리 &gt; 노사규정관리 &gt; 취업규칙</td></tr>` +
        `<tr><td><p align=center><b>제1장 총 칙</b></p>${articles.join("")}</td></tr></table>` +
        `<table><tr><th>귀속년</th><th>시급</th></tr><tr><td>2021 년</td><td>8,720</td></tr></table>`,
    );
    expectDocumentInvariants(doc);
    const kinds = doc.blocks.map(({ kind, text }) => [kind, text.slice(0, 20)]);
    expect(kinds.slice(0, 4)).toEqual([
      ["paragraph", "인사관리 > 노사규정관리 > 취업규칙"],
      ["heading", "제1장 총 칙"],
      ["paragraph", "제1조 (조항 1)"],
      ["paragraph", "① 종업원은 이 조에 정한 사항을 성"],
    ]);
    expect(doc.blocks.at(-1)).toMatchObject({ kind: "table", text: "귀속년 | 시급\n2021 년 | 8,720" });
    expect(doc.blocks.filter((block) => block.kind === "table")).toHaveLength(1);
  });

  it("keeps a notice's <br> lines apart, so a fee schedule or an address does not run into the sentence after it", () => {
    // The shape of Korean notice pages written without <p>: one line per <br>, a blank line (<br><br>) between
    // paragraphs, and a <br> now and then inside a sentence or after a label, where the line goes on.
    const doc = parseHtml(
      "<body><h2>예매취소 시 유의사항</h2><br><br>\n① 예매 후 7일까지 취소 시에는 취소수수료가 없습니다.<br>\n" +
        "관람일 9일전~관람일 7일전까지 : 티켓금액의 10%<br>\n관람일 6일전~관람일 3일전까지 : 티켓금액의 20%<br>\n" +
        "(취소기간 내에 한함)\n<br><br>\n티켓 반송 주소<br>\n(08375) 서울특별시 구로구 디지털로31길 61 2층<br>\n" +
        "㈜ 인터파크 티켓 고객센터<br> <br>환불 주체가 행사 주최사가 <br>될 수 있습니다.<br>Phone: 02-123-4567<br>Fax: 02-123-4568</body>",
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => block.text)).toEqual([
      "예매취소 시 유의사항",
      [
        "① 예매 후 7일까지 취소 시에는 취소수수료가 없습니다.",
        "관람일 9일전~관람일 7일전까지 : 티켓금액의 10%",
        "관람일 6일전~관람일 3일전까지 : 티켓금액의 20%",
        "(취소기간 내에 한함)",
      ].join("\n"),
      ["티켓 반송 주소 (08375) 서울특별시 구로구 디지털로31길 61 2층", "㈜ 인터파크 티켓 고객센터"].join("\n"),
      ["환불 주체가 행사 주최사가 될 수 있습니다.", "Phone: 02-123-4567", "Fax: 02-123-4568"].join("\n"),
    ]);
  });

  it("takes a question standing alone above its answer (a FAQ set as <div>s) for a heading under the section; one followed by another question or by nothing stays a paragraph", () => {
    // The shape of a Korean 고객센터 FAQ page: the question in one <div>, its answer in the box after it.
    const doc = parseHtml(
      `<h2>자주하는 질문</h2>` +
        `<div class="faq_list"><span class="subject">[알아두기]</span> <span>물품 등록 후 일정 기간이 지나면 자동으로 삭제되나요?</span></div>` +
        `<div class="gray_box"><div>모든 물품이 7일 동안 유지되며, 7일 후 자동으로 삭제됩니다.</div></div>` +
        `<div class="faq_list"><span>[흥정거래] 다시 흥정신청을 하려고 하는데 신청이 안돼요?</span></div>` +
        `<div class="gray_box"><ul><li>입금 확인을 하지 않은 물품에는 다시 흥정신청을 할 수 없습니다.</li></ul></div>` +
        `<p>어떻게 해야 할까요?</p><p>왜 그럴까요?</p><p>두 질문 뒤의 글입니다.</p><p>끝에 남은 질문인가요?</p>`,
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.level ?? 0, block.text])).toEqual([
      ["heading", 2, "자주하는 질문"],
      ["heading", 3, "[알아두기] 물품 등록 후 일정 기간이 지나면 자동으로 삭제되나요?"],
      ["paragraph", 0, "모든 물품이 7일 동안 유지되며, 7일 후 자동으로 삭제됩니다."],
      ["heading", 3, "[흥정거래] 다시 흥정신청을 하려고 하는데 신청이 안돼요?"],
      ["list", 0, "입금 확인을 하지 않은 물품에는 다시 흥정신청을 할 수 없습니다."],
      ["paragraph", 0, "어떻게 해야 할까요?"],
      ["heading", 3, "왜 그럴까요?"],
      ["paragraph", 0, "두 질문 뒤의 글입니다."],
      ["paragraph", 0, "끝에 남은 질문인가요?"],
    ]);
  });

  it("leaves a question typed as a bullet item (\"- … 것인가?\") among its list's items, not a heading over the rest", () => {
    // A 회의록 typed with "-" and "1)" by hand: the question is one of the meeting's points, and as a heading it became
    // the section of every later meeting in the file.
    const doc = parseHtml(
      `<p>2) 개인 회원 - 마이페이지</p><p>- 마이페이지 → 이력서 / 자소서 추가</p><p>- 이력서 → 이력서를 회사 전체에 공유할 것인가?</p>` +
        `<p>3) 기업 회원 - 인재 조회</p><p>• 추천 인재는 어떻게 고르나요?</p><p>기업이 입력한 조건으로 고릅니다.</p>`,
    );
    expect(doc.blocks.filter((block) => block.kind === "heading")).toEqual([]);
  });

  it("leaves a note typed with \">\" that ends by asking among the notes, not a heading over them", () => {
    // A 회의록's notes typed with ">": one point says two things and then asks; as a heading it became the section of
    // every later point of the meeting.
    const doc = parseHtml(
      `<p>>몰카는 사후대책이 아니라 예방 측면에서 접근해야한다.</p><p>>현재 정책에서 피해자들은 무기력하다. 수동적이다. 피해자가 왜 죄인 취급 받는가?</p>` +
        `<p>>공기관에서 진행되는 검사로는 몰카를 뿌리를 뽑을 수 없다.</p><p>결제가 안 됩니다. 어떻게 하나요?</p><p>카드사에 문의합니다.</p>` +
        `<p>I forgot my password. How do I reset it?</p><p>Use the reset link.</p>`,
    );
    expect(doc.blocks.filter((block) => block.kind === "heading").map((block) => block.text)).toEqual(["결제가 안 됩니다. 어떻게 하나요?", "I forgot my password. How do I reset it?"]);
  });

  it("reads a <br> inside a heading, a table cell or a list item as a space", () => {
    const doc = parseHtml("<h2>환불<br>안내</h2><table><tr><td>수수료<br>없음</td><td>2</td></tr></table><ul><li>첫째<br>줄</li></ul>");
    expect(doc.blocks.map((block) => block.text)).toEqual(["환불 안내", "수수료 없음 | 2", "첫째 줄"]);
  });
  it("keeps an ordered list's numbers: a how-to's steps, start=, type=, value=, reversed, Korean list styles and nested lists", () => {
    const doc = parseHtml(`<h1>인증서 재발급</h1>
      <ol>
        <li><p>홈택스에 로그인합니다.</p></li>
        <li>인증센터를 엽니다.
          <ol type="a"><li>공동인증서</li><li>금융인증서</li></ol>
        </li>
        <li>재발급을 누릅니다.</li>
      </ol>
      <p>이어서:</p>
      <ol start="4"><li>비밀번호를 입력합니다.</li><li value="9">완료합니다.</li><li>확인합니다.</li></ol>
      <ol type="I"><li>총칙</li><li>신청</li><li>처리</li><li>부칙</li></ol>
      <ol style="list-style-type: hangul"><li>신청서</li><li>신분증 사본</li></ol>
      <ol reversed start="3"><li>셋</li><li>둘</li></ol>
      <ol><li>1. 이미 번호가 있는 항목</li><li>② 원문자 번호</li><li>2.4GHz 대역을 씁니다</li></ol>
      <ol style="list-style: none"><li>번호 없음</li></ol>
      <ul><li>글머리표</li></ul>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.filter((block) => block.kind === "list").map((block) => block.text)).toEqual([
      ["1. 홈택스에 로그인합니다.", "2. 인증센터를 엽니다.", "a. 공동인증서", "b. 금융인증서", "3. 재발급을 누릅니다."].join("\n"),
      ["4. 비밀번호를 입력합니다.", "9. 완료합니다.", "10. 확인합니다."].join("\n"),
      ["I. 총칙", "II. 신청", "III. 처리", "IV. 부칙"].join("\n"),
      ["가. 신청서", "나. 신분증 사본"].join("\n"),
      ["3. 셋", "2. 둘"].join("\n"),
      ["1. 이미 번호가 있는 항목", "② 원문자 번호", "3. 2.4GHz 대역을 씁니다"].join("\n"),
      "번호 없음",
      "글머리표",
    ]);
  });
  it("leaves out skip links (본문 바로가기, MkDocs' 콘텐츠로 이동, Skip to main content) and keeps other links to the same page", () => {
    const doc = parseHtml(`<body>
      <div class="skipwrap"><a href="#container">본문 바로가기</a> <a href="#gnb">주메뉴 바로가기</a></div>
      <a href="#main" class="skip">Skip to main content</a>
      <a href="#faq" class="md-skip">
          콘텐츠로 이동
      </a>
      <main id="main"><p>자세한 내용은 <a href="#fees">수수료 안내</a>를 보세요.</p></main></body>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => block.text)).toEqual(["자세한 내용은 수수료 안내를 보세요."]);
    expect(doc.furniture.map((line) => line.text)).toEqual(["본문 바로가기", "주메뉴 바로가기", "Skip to main content", "콘텐츠로 이동"]);
  });

  it("leaves out a Korean site's chrome marked by id: header, 메뉴 bars (gnb, lnb), breadcrumb trail and footer with 사업자등록번호", () => {
    const doc = parseHtml(`<html><head><title>자주 묻는 질문 | 고객센터</title></head><body>
      <div id="header"><h1 class="logo"><a href="/">한빛카드</a></h1>
        <div id="gnb"><ul><li><a href="/card">카드</a></li><li><a href="/loan">대출</a></li></ul></div></div>
      <div id="container">
        <div class="lnb"><h2>고객센터</h2><ul><li>공지사항</li><li>자주 묻는 질문</li></ul></div>
        <div id="contents">
          <div class="location">홈 &gt; 고객센터 &gt; 자주 묻는 질문</div>
          <p class="path"><a href="/">HOME</a> › <a>고객센터</a> › <strong>FAQ</strong></p>
          <h3>카드 분실</h3>
          <p>홈 &gt; 전체메뉴 &gt; 분실신고를 누르세요.</p>
          <p>설정 &gt; 카드 관리 &gt; 분실 신고</p>
        </div>
      </div>
      <div id="footer"><p>서울특별시 중구 을지로 100 | 사업자등록번호 123-45-67890</p><p>Copyright © 한빛카드.</p></div>
    </body></html>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => block.text)).toEqual(["카드 분실", "홈 > 전체메뉴 > 분실신고를 누르세요.", "설정 > 카드 관리 > 분실 신고"]);
    expect(doc.furniture.map((line) => line.text)).toEqual(
      expect.arrayContaining(["홈 > 고객센터 > 자주 묻는 질문", "HOME › 고객센터 › FAQ", "서울특별시 중구 을지로 100 | 사업자등록번호 123-45-67890"]),
    );
  });

  it("keeps a FAQ's folded answers and closed tab panels, and leaves out hidden pop-ups and screen-reader-only text", () => {
    const doc = parseHtml(`<h3>자주 묻는 질문</h3>
      <h4 class="blind">질문 목록</h4>
      <dl class="faq_list">
        <dt><a href="#">카드 비밀번호를 잊어버렸어요. 어떻게 하나요?</a></dt>
        <dd style="display:none">영업점을 방문하거나 앱에서 본인인증 후 재설정할 수 있습니다.</dd>
      </dl>
      <div class="faq"><div class="q">해외에서 카드가 승인되지 않아요?</div>
        <div class="a" style="display: none;"><p>해외 결제 차단 서비스를 해제해 주세요.</p></div></div>
      <div role="tabpanel" hidden><p>분실 신고는 24시간 받습니다.</p></div>
      <div class="layer_popup" style="display:none"><p>로그인이 필요합니다.</p></div>
      <p>이용 안내<span class="sr-only">새창 열림</span> 페이지를 보세요.</p>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["heading", "자주 묻는 질문"],
      ["heading", "카드 비밀번호를 잊어버렸어요. 어떻게 하나요?"],
      ["paragraph", "영업점을 방문하거나 앱에서 본인인증 후 재설정할 수 있습니다."],
      ["heading", "해외에서 카드가 승인되지 않아요?"],
      ["paragraph", "해외 결제 차단 서비스를 해제해 주세요."],
      ["paragraph", "분실 신고는 24시간 받습니다."],
      ["paragraph", "이용 안내 페이지를 보세요."],
    ]);
  });
  it("keeps the entries a list hides until its More button is pressed: hidden items of the same kind as the shown ones", () => {
    const doc = parseHtml(`<div class="faq-list">
      <div class="news-suject"><a href="#">Q. 타인 명의로 된 계좌도 등록할 수 있나요?</a><p class="news-text">본인 명의의 계좌만 등록할 수 있습니다.</p></div>
      <div style="display: none" class="news-suject"><a href="#">Q. 은행계좌는 몇 개까지 등록할 수 있나요?</a><p class="news-text">은행계좌 등록 수에는 제한이 없습니다.</p></div>
      <div style="display:none" class="layer_popup"><p>로그인이 필요합니다.</p></div>
      <div class="news-suject more"><a>More</a></div></div>`);
    expectDocumentInvariants(doc);
    const text = doc.blocks.map((block) => block.text).join("\n");
    expect(text).toContain("은행계좌 등록 수에는 제한이 없습니다.");
    expect(text).toContain("Q. 은행계좌는 몇 개까지 등록할 수 있나요?");
    expect(text).not.toContain("로그인이 필요합니다.");
  });

  it("numbers a step set as a definition term (<dt>1</dt><dd>…</dd>) and leaves out links that work the page (닫기, 인쇄, 맨 위로)", () => {
    const doc = parseHtml(`<h1>도움말 가이드</h1>
      <dl>
        <dt>1</dt><dd>조회조건을 선택하고 "조회" 버튼을 클릭합니다.</dd>
        <dt>2</dt><dd><ul><li>엑셀저장을 누릅니다.</li></ul></dd>
        <dt>연회비</dt><dd>1만원</dd>
        <dt>3</dt>
      </dl>
      <dl><dt>1</dt><dd>1:1</dd></dl>
      <p><a href="javascript:print();">인쇄</a> <a href="#top">맨 위로</a> <a href="javascript:toggle(3)">카드를 해지하려면?</a></p>
      <div class="pop_close"><a href="javascript:window.close();">닫기</a></div>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => block.text)).toEqual([
      "도움말 가이드",
      '1. 조회조건을 선택하고 "조회" 버튼을 클릭합니다.',
      "2. 엑셀저장을 누릅니다.",
      "연회비: 1만원",
      "3",
      "1",
      "1:1",
      "카드를 해지하려면?",
    ]);
  });
  it("reads a term with its definition and a box's title with its text as one unit ('연회비: 1만원', '경고: …'), not a label standing alone", () => {
    // Sphinx's glossary and field lists, a fee table set as <dl>; Sphinx/MkDocs (p.admonition-title), Docusaurus
    // (div.theme-admonition > div.admonitionHeading_*) and VitePress (p.custom-block-title) boxes.
    const doc = parseHtml(`<h1>사용자 관리</h1>
      <dl class="simple glossary"><dt id="term-0">일반 계정</dt><dd><p>임직원에게 발급하는 계정. 유효기간 1년.</p><p>퇴사 시 회수합니다.</p></dd>
      <dt>서비스 계정</dt><dt>배치 계정</dt><dd><p>비밀번호 대신 키를 사용합니다.</p></dd></dl>
      <dl class="field-list simple"><dt class="field-odd">담당 부서<span class="colon">:</span></dt><dd class="field-odd"><p>인프라운영팀</p></dd>
      <dt>절차</dt><dd><ul><li>신청서를 냅니다.</li></ul></dd><dt>비고</dt></dl>
      <div class="admonition note"><p class="admonition-title">참고</p><p>계정 신청은 매주 화요일에 처리됩니다.</p></div>
      <div class="theme-admonition theme-admonition-warning admonition_xJq3 alert alert--warning"><div class="admonitionHeading_Gvgb"><span class="admonitionIcon_Rf37"><svg viewBox="0 0 16 16"><path d="M8.9"></path></svg></span>경고</div><div class="admonitionContent_BuS1"><p>운영 서버에는 LTS 버전을 설치하세요.</p></div></div>
      <div class="tip custom-block"><p class="custom-block-title">어떤 호스트가 안전한가요?</p><p>직접 관리하는 호스트만 추가하세요.</p></div>
      <div class="warning custom-block"><p class="custom-block-title">주의</p><pre><code>rm -rf /</code></pre></div>
      <div class="admonition tip"><p class="admonition-title">팁</p></div><p>다음 문단.</p>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map(({ kind, text }) => [kind, text])).toEqual([
      ["heading", "사용자 관리"],
      ["paragraph", "일반 계정: 임직원에게 발급하는 계정. 유효기간 1년."],
      ["paragraph", "퇴사 시 회수합니다."],
      ["paragraph", "서비스 계정"],
      ["paragraph", "배치 계정: 비밀번호 대신 키를 사용합니다."],
      ["paragraph", "담당 부서: 인프라운영팀"],
      ["paragraph", "절차"],
      ["list", "신청서를 냅니다."],
      ["paragraph", "비고"],
      ["paragraph", "참고: 계정 신청은 매주 화요일에 처리됩니다."],
      ["paragraph", "경고: 운영 서버에는 LTS 버전을 설치하세요."],
      ["paragraph", "어떤 호스트가 안전한가요? 직접 관리하는 호스트만 추가하세요."],
      ["paragraph", "주의"],
      ["code", "rm -rf /"],
      ["paragraph", "팁"],
      ["paragraph", "다음 문단."],
    ]);
  });

  it("titles a page by its h1 when the <title> is the h1 with the site's name after it ('설치하기 | 개발자 포털', Sphinx's '— 가이드 2.3 문서')", () => {
    const titled = (title: string, h1: string) => parseHtml(`<html><head><title>${title}</title></head><body><h1>${h1}</h1><p>본문.</p></body></html>`).title;
    expect(titled("설치하기 | 사내 개발자 포털", "설치하기")).toBe("설치하기");
    expect(titled("사용자 관리 &mdash; 사내 인프라 운영 가이드 2.3 문서", "사용자 관리")).toBe("사용자 관리");
    expect(titled("설치 - MkDocs 한국어 매뉴얼", "설치")).toBe("설치");
    expect(titled("고객센터 :: 환불 안내", "환불 안내")).toBe("환불 안내");
    // A title that says more than the h1, or another thing, stays.
    expect(titled("2024 연차 규정 개정 안내", "2024")).toBe("2024 연차 규정 개정 안내");
    expect(titled("COVID-19 재택근무 안내", "COVID")).toBe("COVID-19 재택근무 안내");
    expect(titled("인사 규정", "제1장 총칙")).toBe("인사 규정");
  });

  it("leaves out a doc page's footer furniture: Docusaurus' edit link and last-updated line, VitePress' doc footer, MkDocs' source-file dates", () => {
    const doc = parseHtml(`<main><article><div class="theme-doc-markdown markdown"><h1>설치하기</h1><p>본문입니다.</p></div>
      <footer class="theme-doc-footer docusaurus-mt-lg"><div class="row"><div class="col"><a href="https://git.example.com/edit" class="theme-edit-this-page">페이지 편집</a></div>
      <div class="col lastUpdated_JAkA"><span class="theme-last-updated">최종 업데이트: <b><time>2024년 5월 2일</time></b> 작성자: <b>김개발</b></span></div></div></footer>
      <aside class="md-source-file"><span class="md-source-file__fact">마지막 업데이트: 2024년 5월 2일</span></aside></article>
      <footer class="VPDocFooter"><div class="edit-info"><div class="edit-link"><a class="VPLink link edit-link-button" href="https://x">GitHub에서 이 페이지 편집하기</a></div></div></footer></main>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => block.text)).toEqual(["설치하기", "본문입니다."]);
    expect(doc.furniture.map((line) => line.text)).toContain("페이지 편집");
  });

  it("reads a code group's and a content tab set's labels with their own block (VitePress vp-code-group, MkDocs tabbed-set), not run together, and drops VitePress' language tag", () => {
    const doc = parseHtml(`<h2>설치</h2>
      <div class="vp-code-group vp-adaptive-theme"><div class="tabs"><input type="radio" name="group-Ab1" id="tab-a1" checked><label data-title="npm" for="tab-a1">npm</label><input type="radio" name="group-Ab1" id="tab-a2"><label data-title="Yarn" for="tab-a2">Yarn</label></div>
      <div class="blocks"><div class="language-bash vp-adaptive-theme active"><button title="코드 복사" class="copy"></button><span class="lang">bash</span><pre class="shiki vp-code"><code><span class="line"><span>npm create vite@latest</span></span></code></pre></div>
      <div class="language-bash vp-adaptive-theme"><button title="코드 복사" class="copy"></button><span class="lang">bash</span><pre class="shiki vp-code"><code><span class="line"><span>yarn create vite</span></span></code></pre></div></div></div>
      <div class="tabbed-set tabbed-alternate" data-tabs="1:2"><input checked="checked" id="__tabbed_1_1" name="__tabbed_1" type="radio" /><input id="__tabbed_1_2" name="__tabbed_1" type="radio" />
      <div class="tabbed-labels"><label for="__tabbed_1_1">Windows</label><label for="__tabbed_1_2">macOS</label></div>
      <div class="tabbed-content"><div class="tabbed-block"><p>설치 파일을 실행합니다.</p></div><div class="tabbed-block"><p>dmg 파일을 엽니다.</p></div></div></div>
      <p>설치가 끝났습니다. 언어는 <span class="lang">ko</span>입니다.</p>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map(({ kind, text }) => [kind, text])).toEqual([
      ["heading", "설치"],
      ["paragraph", "npm"],
      ["code", "npm create vite@latest"],
      ["paragraph", "Yarn"],
      ["code", "yarn create vite"],
      ["paragraph", "Windows: 설치 파일을 실행합니다."],
      ["paragraph", "macOS: dmg 파일을 엽니다."],
      ["paragraph", "설치가 끝났습니다. 언어는 ko입니다."],
    ]);
  });

  it("leaves out a Confluence export's and a help center article's furniture: breadcrumbs by id, page metadata, follow/share/comment controls, attachment sizes", () => {
    const confluence = parseHtml(`<div id="main-header"><div id="breadcrumb-section"><ol id="breadcrumbs"><li class="first"><span><a href="index.html">인사팀</a></span></li><li><span><a href="123.html">인사 제도</a></span></li></ol></div>
      <h1 id="title-heading" class="pagetitle"><span id="title-text">재택근무 운영 지침</span></h1></div>
      <div id="content" class="view"><div class="page-metadata">Created by <span class='author'> 김인사</span>, last modified on 3월 02, 2024</div>
      <div id="main-content" class="wiki-content group"><div class="toc-macro client-side-toc-macro conf-macro output-block"><ul><li><a href="#a">신청 방법</a></li></ul></div>
      <h2 id="a">신청 방법</h2><p>전날 18시까지 신청합니다.</p>
      <div class="confluence-information-macro confluence-information-macro-note conf-macro output-block" data-macro-name="note"><p class="title conf-macro-render">주의</p><span class="aui-icon confluence-information-macro-icon"> </span><div class="confluence-information-macro-body"><p>월 8일을 넘을 수 없습니다.</p></div></div></div></div>`);
    expectDocumentInvariants(confluence);
    expect(confluence.blocks.map(({ kind, text, role }) => [kind, text, role])).toEqual([
      ["heading", "재택근무 운영 지침", undefined],
      ["list", "신청 방법", "toc"],
      ["heading", "신청 방법", undefined],
      ["paragraph", "전날 18시까지 신청합니다.", undefined],
      ["paragraph", "주의: 월 8일을 넘을 수 없습니다.", undefined],
    ]);
    const article = parseHtml(`<main role="main"><article id="main-content" class="article"><header class="article-header"><h1 class="article-title">환불은 언제 받을 수 있나요?</h1>
      <a class="article-subscribe" title="팔로우 기사" rel="nofollow" role="button" href="/hc/ko/articles/4/subscription.html">팔로우</a></header>
      <section class="article-info"><div class="article-content"><div class="article-body"><p>영업일 기준 3일 이내에 환불됩니다.</p><p>자세한 내용은 <a role="button" class="copy-link" href="#">링크 복사</a>를 눌러 공유하세요.</p></div>
      <div class="article-attachments"><ul class="attachments"><li class="attachment-item"><a href="/hc/article_attachments/5">환불신청서.pdf</a><div class="attachment-meta"><div class="attachment-meta-item">30KB</div><div class="attachment-meta-item"><a href="/hc/article_attachments/5">다운로드</a></div></div></li></ul></div></div></section>
      <footer><div class="article-footer"><div class="article-share"><ul class="share"><li><a href="https://www.facebook.com/share.php" class="share-facebook">페이스북</a></li></ul></div><a class="article-comment-count" href="#comments">0 댓글</a></div>
      <div class="article-return-to-top"><a href="#article-container">맨 위로 돌아가기</a></div></footer>
      <div class="article-comments" id="article-comments"><section class="comments"><header class="comment-overview"><h2 class="comment-heading">댓글</h2><p class="comment-callout">0 댓글</p></header><p class="comment-callout">댓글을 남기려면 <a href="/hc/ko/signin">로그인</a>하세요.</p></section></div>
      </article></main>`);
    expectDocumentInvariants(article);
    expect(article.blocks.map((block) => block.text)).toEqual([
      "환불은 언제 받을 수 있나요?",
      "영업일 기준 3일 이내에 환불됩니다.",
      "자세한 내용은 링크 복사를 눌러 공유하세요.",
      "환불신청서.pdf",
    ]);
  });

  it("reads a Notion export: each numbered item its own <ol start=…>, a callout's emoji icon left out", () => {
    const doc = parseHtml(`<html><head><title>온보딩 가이드</title></head><body><article class="page sans">
      <header><h1 class="page-title">온보딩 가이드</h1></header><div class="page-body">
      <ol type="1" class="numbered-list" start="1"><li>사내 메일로 가입합니다.</li></ol>
      <ol type="1" class="numbered-list" start="2"><li>관리자 승인을 기다립니다.<ol type="a" class="numbered-list" start="1"><li>보통 하루 걸립니다.</li></ol></li></ol>
      <figure class="callout" style="white-space:pre-wrap;display:flex"><div style="font-size:1.5em"><span class="icon">💡</span></div>
      <div style="width:100%">보안 교육을 먼저 받으세요.</div></figure></div></article></body></html>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => block.text)).toEqual([
      "온보딩 가이드",
      "1. 사내 메일로 가입합니다.",
      "2. 관리자 승인을 기다립니다.\na. 보통 하루 걸립니다.",
      "보안 교육을 먼저 받으세요.",
    ]);
  });
  it("puts each tab panel under its tab's label, the tab list itself out of the text, <button> tabs and hidden panels included", () => {
    const doc = parseHtml(`<main><h2>환불 안내</h2>
      <details><summary>환불은 언제 되나요?</summary><p>취소 후 3영업일 안에 환불됩니다.</p></details>
      <div class="tabs"><ul role="tablist"><li role="tab" aria-controls="p1">개인</li><li role="tab" aria-controls="p2">법인</li></ul>
        <div id="p1" role="tabpanel"><p>신분증을 지참하세요.</p></div>
        <div id="p2" role="tabpanel" hidden><p>사업자등록증을 지참하세요.</p></div></div>
      <div role="tablist"><button role="tab" id="t-card">카드</button><button role="tab" id="t-bank">계좌</button></div>
      <section role="tabpanel" aria-labelledby="t-card"><p>카드는 승인 취소됩니다.</p></section>
      <section role="tabpanel" aria-labelledby="t-bank" style="display:none"><p>계좌로 입금됩니다.</p></section></main>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.level, block.text])).toEqual([
      ["heading", 2, "환불 안내"],
      ["heading", 3, "환불은 언제 되나요?"],
      ["paragraph", undefined, "취소 후 3영업일 안에 환불됩니다."],
      ["heading", 3, "개인"],
      ["paragraph", undefined, "신분증을 지참하세요."],
      ["heading", 3, "법인"],
      ["paragraph", undefined, "사업자등록증을 지참하세요."],
      ["heading", 3, "카드"],
      ["paragraph", undefined, "카드는 승인 취소됩니다."],
      ["heading", 3, "계좌"],
      ["paragraph", undefined, "계좌로 입금됩니다."],
    ]);
  });
});

describe("a Korean site's image-lettered pages (audit16html)", () => {
  it("reads a heading set as an image by its alt text, not a logo linked home, and leaves the board's page numbers out", () => {
    // A savings bank's saved pages (고객센터, 수수료안내): every section title is a GIF with its words in alt.
    const doc = parseHtml(`<title>공평저축은행 - 수수료안내</title>
      <div class="quick-menu"><h2><img src="h2.quick.gif" alt="Quick"></h2><ul><li><a href="/rate.jsp">금리안내</a></li></ul></div>
      <div id="quick"><ul><li><a href="/branch.jsp">영업점 찾기</a></li></ul></div>
      <h1><a href="/"><img src="logo.jpg" alt="공평저축은행"></a></h1>
      <h2><img src="txt/commission.gif" alt="수수료안내"></h2>
      <h5><img src="h5_541.gif" alt="예금업무 관련 수수료"></h5>
      <table><tr><th>구분</th><th>수수료</th></tr><tr><td>통장 재발급 수수료</td><td>1,000원/1부</td></tr></table>
      <h5 class="mt20"><img src="h5_542.gif" alt="송금수수료"></h5>
      <table><tr><th>구분</th><th>수수료</th></tr><tr><td>타금융기관간</td><td>1,000원/1부</td></tr></table>
      <h3><img src="icon.gif" alt="아이콘"> 유의 사항</h3>
      <p>수수료는 변경될 수 있습니다.</p>
      <div class="pages"><ul class="bbspages"><li><a href="#" onclick="goPage(1);"><span class="nowPage">1</span></a></li>
        <li><a href="#" onclick="goPage(2);">2</a></li><li><a href="#" onclick="goPage(3);">3</a></li></ul></div>`);
    expectDocumentInvariants(doc);
    expect(doc.title).toBe("공평저축은행 - 수수료안내");
    expect(doc.blocks.map((block) => [block.kind, block.level, block.text])).toEqual([
      ["heading", 2, "수수료안내"],
      ["heading", 5, "예금업무 관련 수수료"],
      ["table", undefined, "구분 | 수수료\n통장 재발급 수수료 | 1,000원/1부"],
      ["heading", 5, "송금수수료"],
      ["table", undefined, "구분 | 수수료\n타금융기관간 | 1,000원/1부"],
      ["heading", 3, "유의 사항"],
      ["paragraph", undefined, "수수료는 변경될 수 있습니다."],
    ]);
  });

  it("reads a grouped two-row table header as one header row, each column under its group's label and its own", () => {
    // The bank's 인터넷뱅킹 이용시간 table: "서비스종류" spans two columns and both header rows, "이용시간" spans 평일 and 토/공휴일.
    const doc = parseHtml(`<table summary="이용시간"><thead>
        <tr><th colspan="2" rowspan="2">서비스종류</th><th colspan="2">이용시간</th></tr>
        <tr><td>평일</td><td>토/공휴일</td></tr></thead>
      <tbody><tr><td colspan="2">조회(각종조회)</td><td>04:10 ~ 23:50</td><td>04:10 ~ 23:50</td></tr>
        <tr><td rowspan="2">예금신규 및 해지</td><td>일반</td><td>04:10 ~ 23:50</td><td>이용불가</td></tr>
        <tr><td>생계형</td><td>04:10 ~ 23:50</td><td>이용불가</td></tr></tbody></table>
      <table><tr><th>구분</th><th>수수료</th></tr><tr><th>항목</th><th>금액</th></tr><tr><td>통장</td><td>1,000원</td></tr></table>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => block.text)).toEqual([
      [
        "서비스종류 | 이용시간 평일 | 이용시간 토/공휴일",
        "조회(각종조회) | 04:10 ~ 23:50 | 04:10 ~ 23:50",
        "예금신규 및 해지 | 일반 | 04:10 ~ 23:50 | 이용불가",
        "예금신규 및 해지 | 생계형 | 04:10 ~ 23:50 | 이용불가",
      ].join("\n"),
      // Header rows with no grouped cell are left as they are.
      "구분 | 수수료\n항목 | 금액\n통장 | 1,000원",
    ]);
  });

  it("reads a FAQ list item's question as the heading of the answer box after it, and the answer's <br> lines as its paragraphs", () => {
    const doc = parseHtml(`<h4><img src="h4_21.gif" alt="예금"></h4>
      <ul class="faq_list">
        <li><span class="faq_list_q"><img src="q.jpg" alt="질문"></span><span class="faq_list_tit">만기일 경과후 정기적금의 납입</span>
          <div class="faq_a"><span class="faq_list_q"><img src="a.jpg" alt="답변"></span>
            <span class="faq_list_tit">“만기가 지났습니다.”라는 메시지가 나오는 경우?<br /><br />
            정기적금은 계약기간의 1.5배 기간내에서 밀린 월적금을 납입할수 있습니다.<br />
            <br />감사합니다.</span></div></li>
        <li><span class="faq_list_tit">세금적용방법 !!</span>
          <div class="faq_a"><span>1) 생계형(비과세)<br />- 가입한도 : 1인당 원금기준 3천만원 이내<br />2) 세금우대</span></div></li>
      </ul>
      <div class="faq"><div class="q">해지할 때 필요한 서류</div><div class="answer"><p>통장과 신분증을 지참하세요.</p></div></div>
      <ul><li>보통 목록의 항목</li><li>또 다른 항목</li></ul>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.level, block.text])).toEqual([
      ["heading", 4, "예금"],
      ["heading", 5, "만기일 경과후 정기적금의 납입"],
      ["paragraph", undefined, "“만기가 지났습니다.”라는 메시지가 나오는 경우?"],
      ["paragraph", undefined, "정기적금은 계약기간의 1.5배 기간내에서 밀린 월적금을 납입할수 있습니다."],
      ["paragraph", undefined, "감사합니다."],
      ["heading", 5, "세금적용방법 !!"],
      ["paragraph", undefined, "1) 생계형(비과세)\n- 가입한도 : 1인당 원금기준 3천만원 이내\n2) 세금우대"],
      ["heading", 5, "해지할 때 필요한 서류"],
      ["paragraph", undefined, "통장과 신분증을 지참하세요."],
      ["list", undefined, "보통 목록의 항목\n또 다른 항목"],
    ]);
  });

  it("reads a table's caption as a line of its own before the table, not as part of its first header cell", () => {
    // Asciidoctor's output (Spring REST Docs' Korean API pages: "Table 1. /api/v2/members/{handle}/following") and the
    // visible <caption> Korean public sites put on every table.
    const doc = parseHtml(`<h4>path parameters</h4>
      <table class="tableblock"><caption class="title">Table 1. /api/v2/members/{handle}/following</caption>
        <colgroup><col style="width: 50%;"><col style="width: 50%;"></colgroup>
        <thead><tr><th class="tableblock">Parameter</th><th class="tableblock">Description</th></tr></thead>
        <tbody><tr><td class="tableblock"><p>handle</p></td><td class="tableblock"><p>조회하고자 하는 멤버의 아이디</p></td></tr></tbody>
      </table>
      <table><caption>수수료 안내 <span>(2024년 기준)</span></caption><tr><th>구분</th><th>수수료</th></tr><tr><td>창구</td><td>1,000원</td></tr></table>
      <table><caption class="blind">숨은 설명</caption><tr><th>가</th><th>나</th></tr><tr><td>1</td><td>2</td></tr></table>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["heading", "path parameters"],
      ["paragraph", "Table 1. /api/v2/members/{handle}/following"],
      ["table", "Parameter | Description\nhandle | 조회하고자 하는 멤버의 아이디"],
      ["paragraph", "수수료 안내 (2024년 기준)"],
      ["table", "구분 | 수수료\n창구 | 1,000원"],
      ["table", "가 | 나\n1 | 2"],
    ]);
  });

  it("keeps a folded answer under the heading or question it folds under, whatever its box is called, and leaves hidden pop-ups out", () => {
    // A Korean 민원 site's FAQ: each question a heading in a toggle link, its answer a <div id="MenuN" style="display:
    // none"> the script opens; and a 고객센터's question box over a display:none answer with no known class.
    const doc = parseHtml(`<h1>자주하는질문</h1>
      <div id="toggleButton1"><a href="#"><h3><b>①</b>&nbsp;신청한 건에 대한 답변은 어디에서 볼 수 있나요?</h3></a></div>
      <div id="Menu1" style="display: none"><div class="box">로그인 하신 후 마이페이지에서 확인하실 수 있습니다.</div></div>
      <div id="toggleButton2"><a href="#"><h3><b>②</b>&nbsp;회원가입 후 탈퇴를 했는데 가입이 안됩니다.</h3></a></div>
      <div id="Menu2" style="display:none"><div class="box">이전 아이디로 재가입이 불가능합니다.</div></div>
      <div class="qna_tit" onclick="toggle(3)">비밀번호를 잊었어요?</div>
      <div id="qna3" style="display:none"><p>본인인증 후 재설정하세요.</p></div>
      <h2>안내</h2>
      <div class="layer_popup" style="display:none"><p>로그인이 필요합니다.</p></div>
      <p>평일 9시부터 운영합니다.</p>
      <div style="display:none"><p>숨긴 문단</p></div>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["heading", "자주하는질문"],
      ["heading", "① 신청한 건에 대한 답변은 어디에서 볼 수 있나요?"],
      ["paragraph", "로그인 하신 후 마이페이지에서 확인하실 수 있습니다."],
      ["heading", "② 회원가입 후 탈퇴를 했는데 가입이 안됩니다."],
      ["paragraph", "이전 아이디로 재가입이 불가능합니다."],
      ["heading", "비밀번호를 잊었어요?"],
      ["paragraph", "본인인증 후 재설정하세요."],
      ["heading", "안내"],
      ["paragraph", "평일 9시부터 운영합니다."],
    ]);
  });

  it("reads a header's second row set in <td>s under the grouped header cells above it, as one header line", () => {
    // A campsite's 요금안내표: "구분" spans two rows, "평상시" and "성수기" two columns each, and their "주중"/"주말" row is
    // written with <td>s. A header cell that spans a data row's column ("연락처" over its rows) leaves those rows data.
    const doc = parseHtml(`<table><tbody>
        <tr class="table-active"><th rowspan="2">구분</th><th colspan="2">평상시</th><th colspan="2">성수기</th></tr>
        <tr><td>주중</td><td>주말</td><td>주중</td><td>주말</td></tr>
        <tr><td>일반</td><td>30,000</td><td>40,000</td><td>50,000</td><td>60,000</td></tr>
      </tbody></table>
      <table>
        <tr><th rowspan="3">구분</th><th>항목</th><th>값</th></tr>
        <tr><td>전화</td><td>1588-0000</td></tr>
        <tr><td>팩스</td><td>02-000-0000</td></tr>
      </table>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => block.text)).toEqual([
      "구분 | 평상시 주중 | 평상시 주말 | 성수기 주중 | 성수기 주말\n일반 | 30,000 | 40,000 | 50,000 | 60,000",
      "구분 | 항목 | 값\n구분 | 전화 | 1588-0000\n구분 | 팩스 | 02-000-0000",
    ]);
    // A group's label across the whole table under the header ("기본 화합물") starts the body; it is no header level.
    const divided = parseHtml(`<table><tr><th>이름</th><th>시간</th></tr><tr><th colspan="2">기본 화합물</th></tr>
      <tr><td>hydroxide</td><td>20</td></tr></table>`);
    expect(divided.blocks.map((block) => block.text)).toEqual(["이름 | 시간\n기본 화합물\nhydroxide | 20"]);
  });

  it("keeps a section's own <header> (its title) as content, and a site header or a footer inside a wrapping <section> out", () => {
    // HTML5 UP's templates, behind many small Korean sites: <section id="one"><div class="inner"><header class="major">
    // <h1>자주하는질문</h1></header>. A <header> is the page's banner only outside sections; one with the id or class
    // "header" (a site wrapped in <section id="wrap">) still is.
    const doc = parseHtml(`<section id="wrap"><header id="header"><a href="/">말해주센</a><nav><a href="/faq">자주하는질문</a></nav></header>
      <div id="main" class="alt"><section id="one"><div class="inner">
        <header class="major"><h1>자주하는질문</h1><p>청원과 민원에 대해 자주 묻는 질문입니다.</p></header>
        <p>궁금한 점은 문의하기를 이용하세요.</p>
        <footer><p>마지막 수정 2024-01-05</p></footer>
      </div></section></div>
      <footer id="footer"><p>© 말해주센</p></footer></section>`);
    expectDocumentInvariants(doc);
    expect(doc.title).toBe("자주하는질문");
    expect(doc.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["heading", "자주하는질문"],
      ["paragraph", "청원과 민원에 대해 자주 묻는 질문입니다."],
      ["paragraph", "궁금한 점은 문의하기를 이용하세요."],
    ]);
  });

  it("leaves a card's lone \"자세히 보기 →\" link out of the text, and keeps the words in a sentence", () => {
    const doc = parseHtml(`<div class="card"><h3>Java 클라이언트</h3><p>주요 API입니다.</p>
      <div class="card__footer"><a href="./java">자세히 보기 →</a></div></div>
      <p><a href="/more">Read more »</a></p><p>요금은 <a href="/fee">자세히 보기</a>에서 확인하세요.</p><p>더 보기</p>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => block.text)).toEqual(["Java 클라이언트", "주요 API입니다.", "요금은 자세히 보기에서 확인하세요."]);
    expect(doc.furniture.map((item) => item.text)).toEqual(["자세히 보기 →", "Read more »", "더 보기"]);
  });

  it("reads an HTML e-mail laid out in single-column tables as its paragraphs, and the data table inside it as a table", () => {
    // A company's notice mail (사내공지): a 100% table around a 600px one, one cell a row, the facts in a table of their own.
    const doc = parseHtml(`<html><head><title>[사내공지] 건강검진 안내</title></head><body>
      <table width="100%"><tr><td align="center"><table width="600">
        <tr><td><a href="https://intra.example.co.kr"><img src="logo.png" alt="예시주식회사"></a></td></tr>
        <tr><td style="font-size:22px;font-weight:bold">2024년 하반기 건강검진 안내</td></tr>
        <tr><td>임직원 여러분 안녕하세요. 인사팀입니다.<br><br>정기 건강검진을 아래와 같이 실시합니다.</td></tr>
        <tr><td><table border="1"><tr><th>검진 기간</th><td>9월 1일 ~ 11월 30일</td></tr><tr><th>문의</th><td>인사팀 (내선 1234)</td></tr></table></td></tr>
        <tr><td>본 메일은 발신전용입니다.</td></tr>
      </table></td></tr></table>
      <table><tr><th>구분</th></tr><tr><td>서울 본사<br>부산 지사</td></tr><tr><td>대전 센터</td></tr></table>
    </body></html>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["paragraph", "2024년 하반기 건강검진 안내"],
      ["paragraph", "임직원 여러분 안녕하세요. 인사팀입니다."],
      ["paragraph", "정기 건강검진을 아래와 같이 실시합니다."],
      ["table", "검진 기간 | 9월 1일 ~ 11월 30일\n문의 | 인사팀 (내선 1234)"],
      ["paragraph", "본 메일은 발신전용입니다."],
      ["table", "구분\n서울 본사 부산 지사\n대전 센터"],
    ]);
  });

  it("keeps an accordion's question written in its toggle <button> (Bootstrap's FAQ accordion), and leaves other buttons out", () => {
    const doc = parseHtml(`<h1>자주 묻는 질문</h1>
      <div class="accordion" id="faq"><div class="accordion-item">
        <h2 class="accordion-header"><button class="accordion-button collapsed" type="button" data-bs-toggle="collapse" data-bs-target="#c1" aria-expanded="false" aria-controls="c1">연차는 언제 생기나요?</button></h2>
        <div id="c1" class="accordion-collapse collapse"><div class="accordion-body">입사 1개월 후 1일이 생깁니다.</div></div>
      </div></div>
      <div class="faq-item"><button class="faq-question" aria-expanded="false">비밀번호를 잊었어요</button><div class="faq-answer" hidden>본인인증 후 재설정하세요.</div></div>
      <button type="button" aria-expanded="false">전체 펼치기</button>
      <form><input name="q"><button type="submit">검색</button></form>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["heading", "자주 묻는 질문"],
      ["heading", "연차는 언제 생기나요?"],
      ["paragraph", "입사 1개월 후 1일이 생깁니다."],
      ["heading", "비밀번호를 잊었어요"],
      ["paragraph", "본인인증 후 재설정하세요."],
    ]);
  });

  it("reads a CSS-only accordion (<input type=checkbox> + <label for>) as each label's section, and leaves a form's labels alone", () => {
    // 문화체육관광부's 민원 FAQ shape: <li><input type="checkbox" id="qna-1"><label for="qna-1">전화상담</label><div><p>…</p></div></li>.
    const doc = parseHtml(`<h2>민원 안내</h2><ul class="qna">
        <li><input type="checkbox" id="qna-1"><label for="qna-1">전화상담</label><div><p>민원안내 전화 상담실(044-203-2000)로 전화주시면 안내해 드립니다.</p></div></li>
        <li><input type="checkbox" id="qna-2"><label for="qna-2">처리기간연장</label><div><p>처리기간은 한 차례 연장될 수 있습니다.</p></div></li>
      </ul>
      <div class="tab"><input type="radio" name="t" id="t1"><label for="t1">개인</label><div class="content"><p>신분증을 지참하세요.</p></div></div>
      <form><input type="checkbox" id="agree"><label for="agree">개인정보 수집에 동의합니다</label><div><p>수집 항목: 이름</p></div></form>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.level, block.text])).toEqual([
      ["heading", 2, "민원 안내"],
      ["heading", 3, "전화상담"],
      ["paragraph", undefined, "민원안내 전화 상담실(044-203-2000)로 전화주시면 안내해 드립니다."],
      ["heading", 3, "처리기간연장"],
      ["paragraph", undefined, "처리기간은 한 차례 연장될 수 있습니다."],
      ["heading", 3, "개인"],
      ["paragraph", undefined, "신분증을 지참하세요."],
      ["paragraph", undefined, "개인정보 수집에 동의합니다"],
      ["paragraph", undefined, "수집 항목: 이름"],
    ]);
  });
});

describe("GitBook's pages (audit18html)", () => {
  it("reads a table whose header GitBook hides (data-header-hidden) with its column names once, not twice", () => {
    const doc = parseHtml(
      [
        "<h1>지원 카메라</h1>",
        '<table data-header-hidden><thead><tr><th width="156">제조사</th><th>카메라 모델</th><th>이미지 유형</th></tr></thead>',
        "<tbody><tr><td><strong>제조사</strong></td><td><strong>카메라 모델</strong></td><td><strong>이미지 유형</strong></td></tr>",
        "<tr><td>MAPIR</td><td>Survey3W, Survey3N</td><td>RAW+JPG, JPG</td></tr>",
        "<tr><td>MAPIR</td><td>Survey3W, Survey3N</td><td>RAW+JPG, JPG</td></tr></tbody></table>",
      ].join(""),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["heading", "지원 카메라"],
      ["table", "제조사 | 카메라 모델 | 이미지 유형\nMAPIR | Survey3W, Survey3N | RAW+JPG, JPG\nMAPIR | Survey3W, Survey3N | RAW+JPG, JPG"],
    ]);
  });
});

describe("MediaWiki pages (audit18html)", () => {
  it("reads the text after a table of contents that is also navigation (role=navigation) as body, and leaves [편집] links out", () => {
    const doc = parseHtml(
      [
        '<html><head><title>직지심체요절 - 위키백과</title></head><body><div class="mw-parser-output">',
        "<p><b>직지심체요절</b>은 고려 승려 백운화상이 엮은 불교 서적이다.</p>",
        '<div id="toc" class="toc" role="navigation"><div class="toctitle"><h2 id="mw-toc-heading">목차</h2></div>',
        '<ul><li class="toclevel-1"><a href="#역사"><span class="tocnumber">1</span> <span class="toctext">역사</span></a></li></ul></div>',
        '<div class="mw-heading mw-heading2"><h2 id="역사">역사</h2><span class="mw-editsection"><span class="mw-editsection-bracket">[</span><a href="#">편집</a><span class="mw-editsection-bracket">]</span></span></div>',
        "<p>1377년 청주 흥덕사에서 금속활자로 인쇄되었다.</p>",
        '<h2><span class="mw-headline" id="소장">소장</span><span class="mw-editsection"><span class="mw-editsection-bracket">[</span><a href="#">원본 편집</a><span class="mw-editsection-bracket">]</span></span></h2>',
        "<p>현재 프랑스 국립도서관에 하권만 소장되어 있다.</p>",
        '<div class="toc" style="display:none"><ul><li><a href="#a">숨긴 목차</a></li></ul></div>',
        "<p>참고 문헌은 문화재청 자료다.</p>",
        "</div></body></html>",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.text, block.role ?? "body"])).toEqual([
      ["paragraph", "직지심체요절은 고려 승려 백운화상이 엮은 불교 서적이다.", "body"],
      ["heading", "역사", "body"],
      ["paragraph", "1377년 청주 흥덕사에서 금속활자로 인쇄되었다.", "body"],
      ["heading", "소장", "body"],
      ["paragraph", "현재 프랑스 국립도서관에 하권만 소장되어 있다.", "body"],
      // A folded table of contents (shown when its toggle opens, as a FAQ's folded answer is) is contents, no more.
      ["list", "숨긴 목차", "toc"],
      ["paragraph", "참고 문헌은 문화재청 자료다.", "body"],
    ]);
  });
});

describe("the seed (나무위키 engine) pages (audit18html)", () => {
  it("leaves the [편집] link out of a section's heading", () => {
    const doc = parseHtml(
      [
        '<h1 class="title">직지</h1><div class="wiki-inner-content">',
        '<h2 class="wiki-heading"><a id="s-1" href="#toc">1.</a> <span id="개요">개요<span class="wiki-edit-section"><a href="/edit/직지?section=1" rel="nofollow">[편집]</a></span></span></h2>',
        '<div class="wiki-heading-content"><div class="wiki-paragraph">직지는 사내 문서 검색 도구이다.</div></div></div>',
      ].join(""),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["heading", "직지"],
      ["heading", "1. 개요"],
      ["paragraph", "직지는 사내 문서 검색 도구이다."],
    ]);
  });
});

describe("invisible characters (audit18html)", () => {
  it("drops soft hyphens and zero-width spaces, which a browser shows as nothing, so the words they sit in stay whole", () => {
    const doc = parseHtml("<h1>안내</h1><p>비밀&#8203;번호를 재설정합니다. Soft&shy;ware 업데이트.</p><p><code>refund&#8203;(String paymentId)</code></p>");
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => block.text)).toEqual(["안내", "비밀번호를 재설정합니다. Software 업데이트.", "refund(String paymentId)"]);
  });
});

describe("Javadoc pages (audit18html)", () => {
  it("does not head a summary table with the last of the tabs that filter it (All Methods, Static Methods)", () => {
    const doc = parseHtml(
      [
        '<main role="main"><h1 class="title">Class PaymentClient</h1>',
        '<section class="method-summary" id="method-summary"><h2>Method Summary</h2><div id="method-summary-table">',
        '<div class="table-tabs" role="tablist"><button id="t0" role="tab" aria-selected="true" aria-controls="method-summary-table.tabpanel" class="active-table-tab">All Methods</button>',
        '<button id="t2" role="tab" aria-selected="false" aria-controls="method-summary-table.tabpanel" class="table-tab">Static Methods</button></div>',
        '<div id="method-summary-table.tabpanel" role="tabpanel"><div class="summary-table three-column-summary" aria-labelledby="t0">',
        '<div class="table-header col-first">Modifier and Type</div><div class="table-header col-second">Method</div><div class="table-header col-last">Description</div>',
        '<div class="col-first even-row-color"><code>void</code></div><div class="col-second even-row-color"><code><a href="#refund(java.lang.String)">refund</a>(String paymentId)</code></div>',
        '<div class="col-last even-row-color"><div class="block">결제를 취소하고 환불합니다.</div></div>',
        "</div></div></div></section></main>",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["heading", "Class PaymentClient"],
      ["heading", "Method Summary"],
      ["table", "Modifier and Type | Method | Description\nvoid | refund(String paymentId) | 결제를 취소하고 환불합니다."],
    ]);
  });
});

describe("WordPress knowledge bases (audit18html)", () => {
  it("reads a BetterDocs article without its breadcrumb, reactions, share buttons, previous/next links and credit; its TOC is contents", () => {
    const doc = parseHtml(
      [
        '<html><head><title>비밀번호 재설정 방법 &#8211; 고객지원센터</title></head><body><div class="betterdocs-content-area">',
        '<div class="betterdocs-breadcrumb"><ul class="betterdocs-breadcrumb-list"><li class="betterdocs-breadcrumb-item"><a href="/">홈</a></li>',
        '<li class="betterdocs-breadcrumb-item breadcrumb-delimiter">&raquo;</li><li class="betterdocs-breadcrumb-item current"><span>비밀번호 재설정 방법</span></li></ul></div>',
        '<h1 class="betterdocs-entry-title">비밀번호 재설정 방법</h1>',
        '<div class="betterdocs-toc"><span class="toc-title">목차</span><ul class="betterdocs-toc-list"><li><a href="#h-1">이메일로 재설정</a></li></ul></div>',
        '<div class="betterdocs-entry-content"><h2 id="h-1">이메일로 재설정</h2><p>가입한 이메일로 재설정 링크가 발송됩니다.</p></div>',
        '<div class="betterdocs-entry-footer"><div class="betterdocs-article-reactions"><h5>이 문서가 도움이 되었나요?</h5>',
        '<ul><li><a class="betterdocs-emoji" href="#">😊</a></li><li><a class="betterdocs-emoji" href="#">😞</a></li></ul></div>',
        '<div class="betterdocs-social-share"><h2 class="betterdocs-social-share-heading">이 문서 공유하기</h2><ul><li><a href="#">Facebook</a></li></ul></div>',
        '<div class="docs-navigation"><a rel="prev" href="#">&larr; 회원가입</a><a rel="next" href="#">이메일 변경 &rarr;</a></div>',
        '<div class="betterdocs-credit"><p>Powered by <a href="#">BetterDocs</a></p></div></div>',
        '<div class="hkb-feedback"><div class="hkb-feedback__title">Was this article helpful?</div></div>',
        "</div></body></html>",
      ].join("\n"),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.text, block.role ?? "body"])).toEqual([
      ["heading", "비밀번호 재설정 방법", "body"],
      ["paragraph", "목차", "toc"],
      ["list", "이메일로 재설정", "toc"],
      ["heading", "이메일로 재설정", "body"],
      ["paragraph", "가입한 이메일로 재설정 링크가 발송됩니다.", "body"],
    ]);
  });

  it("reads a breadcrumb trail written as a list with its separators as items as navigation, whatever its class", () => {
    const doc = parseHtml(
      [
        '<div class="path"><ul><li><a href="/">HOME</a></li><li>&gt;</li><li><a href="/guide">이용안내</a></li><li>&gt;</li><li>자주 묻는 질문</li></ul></div>',
        "<h1>자주 묻는 질문</h1><p>회원 탈퇴는 마이페이지에서 합니다.</p>",
        // A list of steps that goes through a menu is the text's own.
        "<ol><li>설정을 엽니다.</li><li>계정 > 보안을 누릅니다.</li></ol>",
      ].join(""),
    );
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["heading", "자주 묻는 질문"],
      ["paragraph", "회원 탈퇴는 마이페이지에서 합니다."],
      ["list", "1. 설정을 엽니다.\n2. 계정 > 보안을 누릅니다."],
    ]);
    expect(doc.furniture.map((line) => line.text)).toContain("HOME > 이용안내 > 자주 묻는 질문");
  });
});

describe("documentation generators' pages (audit19html)", () => {
  it("reads a Hugo Docsy page without its edit links, feedback box and print-hidden side columns, and a Bootstrap alert as a labelled note", () => {
    const doc = parseHtml(`<html lang="ko"><head><title>파드 | 쿠버네티스</title></head><body class="td-page">
      <div class="td-main"><div class="row">
      <div class="d-none d-xl-block col-xl-2 td-toc d-print-none"><div class="td-page-meta ml-2"><a href="https://example.com/edit">페이지 수정</a><a href="https://example.com/issues">이슈 생성</a></div><nav id="TableOfContents"><ul><li><a href="#s">파드 사용</a></li></ul></nav></div>
      <main class="col-12 col-md-9" role="main"><div class="td-content">
      <h1>파드</h1>
      <h2 id="s">파드 사용</h2>
      <p>일반적으로 파드를 직접 만들 필요가 없다.</p>
      <div class="alert alert-warning" role="alert"><h4 class="alert-heading">주의</h4>노드가 삭제되면 그 노드의 파드도 삭제된다.</div>
      <div class="d-print-none"><h2 class="feedback--title">피드백</h2><p class="feedback--question">이 페이지가 도움이 되었나요?</p><button class="feedback--answer">예</button><p class="feedback--response">피드백 감사합니다.</p></div>
      <div class="td-page-meta__lastmod">마지막 수정 2023년 5월 10일: <a href="https://example.com/commit">Update pod.md (abc1234)</a></div>
      </div></main></div></div></body></html>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["heading", "파드"],
      ["heading", "파드 사용"],
      ["paragraph", "일반적으로 파드를 직접 만들 필요가 없다."],
      ["paragraph", "주의: 노드가 삭제되면 그 노드의 파드도 삭제된다."],
    ]);
  });

  it("reads a Sphinx toctree (an index page's or a singlehtml page's list of its documents) as contents", () => {
    const doc = parseHtml(`<div class="body" role="main"><section id="a"><h1>사내 배포 가이드</h1>
      <div class="toctree-wrapper compound"><ul><li class="toctree-l1"><a class="reference internal" href="#intro">소개</a></li><li class="toctree-l1"><a class="reference internal" href="#deploy">배포 절차</a></li></ul></div>
      <section id="intro"><h2>소개</h2><p>이 가이드는 배포 절차를 설명합니다.</p></section></section></div>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.text, block.role ?? "body"])).toEqual([
      ["사내 배포 가이드", "body"],
      ["소개\n배포 절차", "toc"],
      ["소개", "body"],
      ["이 가이드는 배포 절차를 설명합니다.", "body"],
    ]);
  });

  it("leaves out an mdBook page's menu bar (the book's name over every page), a Slate page's language selector and TypeDoc's side column", () => {
    const book = parseHtml(`<html><head><title>변수와 가변성 - Rust 프로그래밍 언어</title></head><body>
      <div id="menu-bar" class="menu-bar sticky"><div class="left-buttons"><button id="theme-toggle" class="icon-button" type="button">테마</button></div><h1 class="menu-title">Rust 프로그래밍 언어</h1></div>
      <div id="content" class="content"><main><h2 id="v">변수와 가변성</h2><p>기본적으로 변수는 불변입니다.</p></main></div></body></html>`);
    expectDocumentInvariants(book);
    expect(book.blocks.map((block) => block.text)).toEqual(["변수와 가변성", "기본적으로 변수는 불변입니다."]);
    expect(book.title).not.toBe("Rust 프로그래밍 언어");
    const slate = parseHtml(`<div class="page-wrapper"><div class="content"><h1 id="a">인증</h1><p>모든 요청에 API 키를 보내야 합니다.</p></div>
      <div class="dark-box"><div class="lang-selector"><a href="#" data-language-name="shell">shell</a><a href="#" data-language-name="javascript">javascript</a></div></div></div>`);
    expect(slate.blocks.map((block) => block.text)).toEqual(["인증", "모든 요청에 API 키를 보내야 합니다."]);
    const typedoc = parseHtml(`<div class="container container-main"><div class="col-content"><div class="tsd-page-title"><h1>Class JikjiClient</h1></div>
      <section class="tsd-panel tsd-comment"><div class="tsd-comment tsd-typography"><p>문서 검색 서버에 연결하는 클라이언트입니다.</p></div></section></div>
      <div class="col-sidebar"><div class="page-menu"><details open class="tsd-index-accordion tsd-page-navigation"><summary class="tsd-accordion-summary"><h3>On This Page</h3></summary><div class="tsd-accordion-details"><ul><li><a href="#search">search</a></li></ul></div></details></div><div class="site-menu"><nav class="tsd-navigation"><a href="../modules.html">사내 SDK</a></nav></div></div></div>`);
    expect(typedoc.blocks.map((block) => block.text)).toEqual(["Class JikjiClient", "문서 검색 서버에 연결하는 클라이언트입니다."]);
  });
});

describe("wiki pages and list items (audit19html)", () => {
  it("leaves out a MediaWiki site notice and the [1] reference marks in sentences, and the ↑ back links of the footnotes", () => {
    const doc = parseHtml(`<html><head><title>연차 휴가 - 사내위키</title></head><body>
      <div id="siteNotice"><div id="localNotice"><p>위키 점검이 3월 2일 02:00에 있습니다.</p></div></div>
      <div id="content" class="mw-body"><h1 id="firstHeading" class="firstHeading">연차 휴가</h1><div class="mw-parser-output">
      <p>연차 휴가는 15일이 주어진다.<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a></sup> 미사용 연차는 수당으로 보상한다.<sup class="reference"><a href="#cite_note-2">&#91;2&#93;</a></sup></p>
      <h2><span class="mw-headline">각주</span></h2>
      <ol class="references"><li id="cite_note-1"><span class="mw-cite-backlink"><a href="#cite_ref-1">↑</a></span> <span class="reference-text">근로기준법 제60조</span></li></ol>
      </div></div></body></html>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => block.text)).toEqual(["연차 휴가", "연차 휴가는 15일이 주어진다. 미사용 연차는 수당으로 보상한다.", "각주", "1. 근로기준법 제60조"]);
  });

  it("keeps the lines a <br> parts inside a list item as lines, not one run-on sentence", () => {
    const doc = parseHtml(`<ul><li>신청: 인사 시스템<br>승인: 팀장<br/>통보: 메일<br></li><li>반차는 오전 또는<br>오후 4시간</li></ul>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => block.text)).toEqual(["신청: 인사 시스템\n승인: 팀장\n통보: 메일\n반차는 오전 또는 오후 4시간"]);
    // A field's line starts a line in a paragraph too; a sentence that wraps still goes on.
    expect(parseHtml("<p>담당자: 홍길동<br>연락처: 02-123-4567</p><p>행사 주최사가<br>될 수 있습니다.</p>").blocks.map((block) => block.text)).toEqual([
      "담당자: 홍길동\n연락처: 02-123-4567",
      "행사 주최사가 될 수 있습니다.",
    ]);
  });
});

describe("그누보드 (GNUBoard) board pages (audit19html)", () => {
  it("reads a saved notice as its title, its details and its text: without the site's #hd and #ft, screen-reader words, hidden section labels, share and vote buttons and previous/next links", () => {
    const doc = parseHtml(`<html lang="ko"><head><title>공지사항 > 2024년 하계 휴가 안내 | (주)직지테크</title></head><body>
      <div id="hd"><h1 id="hd_h1">공지사항 > 2024년 하계 휴가 안내</h1><div id="hd_wrapper"><ul class="hd_login"><li><a href="/bbs/register.php">회원가입</a></li><li><a href="/bbs/login.php">로그인</a></li></ul></div></div>
      <div id="wrapper"><div id="container">
      <article id="bo_v"><header><h2 id="bo_v_title"><span class="bo_v_tit">2024년 하계 휴가 안내</span></h2></header>
      <section id="bo_v_info"><h2>페이지 정보</h2><div class="profile_info_ct"><span class="sound_only">작성자</span> <strong><span class="sv_member">관리자</span></strong> <strong class="if_date"><span class="sound_only">작성일</span> 24-07-01 09:12</strong></div></section>
      <section id="bo_v_atc"><h2 id="bo_v_atc_title">본문</h2>
      <div id="bo_v_share"><a href="#" class="btn btn_b03">스크랩</a></div>
      <div id="bo_v_con"><p>하계 휴가는 7월 29일부터 8월 2일까지입니다.</p></div>
      <div id="bo_v_act"><a href="#" class="bo_v_good"><span class="sound_only">추천</span><strong>0</strong></a></div></section>
      <ul class="bo_v_nb"><li class="btn_prv"><span class="nb_tit">이전글</span><a href="?wr_id=11">상반기 워크숍 결과</a> <span class="nb_date">24.06.20</span></li><li class="btn_next"><span class="nb_tit">다음글</span><a href="?wr_id=13">보안 교육 일정</a></li></ul>
      <section id="bo_vc"><h2>댓글목록</h2><p id="bo_vc_empty">등록된 댓글이 없습니다.</p></section>
      </article></div></div>
      <div id="ft"><div id="ft_company"><h2>사이트 정보</h2><p class="ft_info">회사명 : (주)직지테크<br>사업자 등록번호 : 123-45-67890</p></div></div>
      </body></html>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["heading", "2024년 하계 휴가 안내"],
      ["paragraph", "관리자 24-07-01 09:12"],
      ["paragraph", "하계 휴가는 7월 29일부터 8월 2일까지입니다."],
      ["paragraph", "등록된 댓글이 없습니다."],
    ]);
  });
});

describe("folded sections (<details>, Notion toggles; audit19html)", () => {
  it("reads a <details>' summary as the title of what it folds, as the Markdown reader does, siblings at one level, a toggle in a list too", () => {
    const doc = parseHtml(`<article class="page sans"><header><h1 class="page-title">온보딩 FAQ</h1></header><div class="page-body">
      <ul class="toggle"><li><details open=""><summary>노트북은 언제 받나요?</summary><p>입사 첫날 오전에 IT팀이 지급합니다.</p></details></li></ul>
      <ul class="toggle"><li><details open=""><summary>점심 식대는 얼마인가요?</summary><p>하루 1만원이 지원됩니다.</p><details><summary>야근 식대</summary><p>저녁은 1만 2천원입니다.</p></details></details></li></ul>
      <details><summary>복지 제도</summary><p>건강검진은 매년 10월에 합니다.</p></details>
      <details open=""><summary style="font-weight:600"><h3>장비 반납</h3></summary><p>퇴사일에 반납합니다.</p></details>
      </div></article>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.kind, block.level ?? 0, block.text])).toEqual([
      ["heading", 1, "온보딩 FAQ"],
      ["heading", 2, "노트북은 언제 받나요?"],
      ["paragraph", 0, "입사 첫날 오전에 IT팀이 지급합니다."],
      ["heading", 2, "점심 식대는 얼마인가요?"],
      ["paragraph", 0, "하루 1만원이 지원됩니다."],
      ["heading", 3, "야근 식대"],
      ["paragraph", 0, "저녁은 1만 2천원입니다."],
      ["heading", 2, "복지 제도"],
      ["paragraph", 0, "건강검진은 매년 10월에 합니다."],
      ["heading", 3, "장비 반납"],
      ["paragraph", 0, "퇴사일에 반납합니다."],
    ]);
  });
});

describe("a table of contents inside navigation (audit19html)", () => {
  it("ends the contents with their element, so the page after a TOC inside a <nav> (a WordPress Easy TOC box) is body, not contents", () => {
    const doc = parseHtml(`<div id="ez-toc-container" class="ez-toc-v2_0 ez-toc-container"><p class="ez-toc-title">목차</p><nav><ul class="ez-toc-list ez-toc-list-level-1"><li><a href="#a">설치</a></li></ul></nav></div>
      <main><h1>설치</h1><p>설치 파일을 실행합니다.</p></main>`);
    expectDocumentInvariants(doc);
    expect(doc.blocks.map((block) => [block.text, block.role ?? "body"])).toEqual([
      ["목차", "toc"],
      ["설치", "body"],
      ["설치 파일을 실행합니다.", "body"],
    ]);
  });
});
