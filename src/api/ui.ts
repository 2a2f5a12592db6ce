import { Hono } from "hono";
import type { ApiEnv } from "./auth.ts";

/**
 * A small page for people: ask, search, upload. Labels follow the browser's language (Korean or
 * English). Document text is untrusted, so it is only ever inserted with textContent, and the
 * content security policy forbids anything but this page's own script.
 */
const PAGE = /* html */ `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>jikji · 직지</title>
<style>
  :root { font-family: "Pretendard", "Noto Sans KR", "Apple SD Gothic Neo", system-ui, sans-serif; color: #1d2430; }
  body { max-width: 860px; margin: 2rem auto; padding: 0 1rem; line-height: 1.6; }
  h1 { font-size: 1.4rem; margin-bottom: .2rem; } .sub { color: #5b6575; margin-top: 0; }
  form { display: flex; gap: .5rem; margin: 1rem 0; flex-wrap: wrap; }
  input[type=text] { flex: 1; min-width: 240px; padding: .6rem .8rem; font-size: 1rem; border: 1px solid #c7ced9; border-radius: 8px; }
  button { padding: .6rem 1rem; border: 0; border-radius: 8px; background: #274c77; color: #fff; font-size: 1rem; cursor: pointer; }
  button.secondary { background: #e7ecf3; color: #1d2430; }
  .answer { white-space: pre-wrap; background: #f5f7fa; border-radius: 8px; padding: 1rem; }
  .cite { font-size: .92rem; border-left: 3px solid #8aa6c8; padding: .2rem .8rem; margin: .5rem 0; }
  .cite .where { font-weight: 600; } .badge { font-size: .75rem; padding: 0 .4rem; border-radius: 4px; background: #dfe7f1; margin-left: .4rem; }
  .hit { border-bottom: 1px solid #e5e9ef; padding: .6rem 0; } .hit .text { color: #394150; font-size: .95rem; }
  .muted { color: #6b7482; font-size: .9rem; } .error { color: #a4161a; }
</style>
</head>
<body>
<h1>jikji · 직지</h1>
<p class="sub"><span data-i18n="tagline"></span> <a href="/workspace" data-i18n="workspace"></a></p>
<form id="signin" hidden><input type="password" id="key" autocomplete="off" required><button type="submit" data-i18n="signIn"></button></form>
<p id="who" class="muted" hidden><span id="whoText"></span> <button type="button" class="secondary" id="signout" data-i18n="signOut"></button></p>
<form id="ask"><input type="text" id="q" autocomplete="off" required><button type="submit" data-i18n="ask"></button><button type="button" class="secondary" id="search" data-i18n="search"></button></form>
<div id="out"></div>
<h2 style="font-size:1.05rem" data-i18n="upload"></h2>
<form id="upload"><input type="file" id="files" multiple><input type="text" id="collection" value="default" style="max-width:12rem"><button type="submit" data-i18n="send"></button></form>
<div id="job" class="muted"></div>
<script type="module" src="/ui.js"></script>
</body>
</html>`;

const SCRIPT = /* js */ `
// The workspace's labels hold each error code's phrase (the server's messages are English), and its errorText says it.
import { errorText as describeError, labels, request, responseError } from "/workspace/i18n.js";
const params = new URLSearchParams(location.search);
const ko = (params.get("lang") || navigator.language || "ko").toLowerCase().startsWith("ko");
const T = ko
  ? { tagline: "문서에서 답을 찾고, 그 답이 나온 쪽을 알려 드립니다.", ask: "질문", search: "검색", upload: "문서 올리기", send: "올리기",
      placeholder: "무엇이 궁금하신가요?", sources: "출처", page: "쪽", verified: "원문 확인됨", unverified: "원문 미확인",
      workspace: "작업 공간(문서함·대화·원문 보기) 열기", noHits: "일치하는 내용이 없습니다.", working: "처리 중…", extractive: "발췌 답변",
      signIn: "로그인", signOut: "로그아웃", keyPlaceholder: "API 키 또는 SSO 토큰", signedIn: "로그인:", groups: "열람 그룹", allGroups: "모든 문서",
      needKey: "이 서버는 API 키가 필요합니다.", pages: "쪽", chunks: "조각",
      status: { queued: "대기 중", running: "처리 중", succeeded: "완료", failed: "실패", partial: "일부 실패" } }
  : { tagline: "Answers from your documents, with the page they came from.", ask: "Ask", search: "Search", upload: "Upload documents", send: "Upload",
      placeholder: "What would you like to know?", sources: "Sources", page: "p.", verified: "quote verified", unverified: "quote not verified",
      workspace: "Open the workspace (library, chat, source viewer)", noHits: "No matches.", working: "Working…", extractive: "extractive answer",
      signIn: "Sign in", signOut: "Sign out", keyPlaceholder: "API key or SSO token", signedIn: "Signed in as", groups: "reads groups", allGroups: "every document",
      needKey: "This server needs an API key.", pages: "pages", chunks: "chunks",
      status: { queued: "queued", running: "running", succeeded: "done", failed: "failed", partial: "partly failed" } };
const LABELS = labels(ko ? "ko" : "en");
/** An error body's code in the page's language, then the server's own words (the file, the field, the limit). */
function errorText(error) {
  return describeError(LABELS, error);
}
document.documentElement.lang = ko ? "ko" : "en";
for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = T[el.dataset.i18n];
document.getElementById("q").placeholder = T.placeholder;
document.getElementById("key").placeholder = T.keyPlaceholder;
// The key lives in this tab's sessionStorage only: never in a URL, a cookie or localStorage.
const KEY = "jikji.key";
function auth() { const key = sessionStorage.getItem(KEY); return key ? { authorization: "Bearer " + key } : {}; }
const out = document.getElementById("out");
function el(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
function where(c) { return (c.page === null ? c.source : c.source + " · " + (ko ? c.page + T.page : T.page + " " + c.page)) + (c.section ? " · " + c.section : ""); }
async function call(url, body) {
  const res = await request(LABELS, url, { method: "POST", headers: { "content-type": "application/json", ...auth() }, body: JSON.stringify(body) });
  if (res.status === 401) showSignIn();
  if (!res.ok) throw await responseError(LABELS, res);
  return res.json();
}
function showSignIn() {
  document.getElementById("signin").hidden = false;
  document.getElementById("who").hidden = true;
}
async function whoAmI() {
  let res;
  try { res = await request(LABELS, "/v1/me", { headers: auth() }); } catch (error) { showSignIn(); out.replaceChildren(el("p", "error", error.message)); return null; }
  if (!res.ok) { showSignIn(); if (res.status === 401 && !sessionStorage.getItem(KEY)) out.replaceChildren(el("p", "muted", T.needKey)); return false; }
  const me = await res.json();
  document.getElementById("signin").hidden = true;
  document.getElementById("who").hidden = false;
  document.getElementById("whoText").textContent = T.signedIn + " " + me.name + " (" + me.role + ") · " + T.groups + ": " + (me.groups === null ? T.allGroups : me.groups.join(", "));
  return true;
}
document.getElementById("signin").addEventListener("submit", async (event) => {
  event.preventDefault();
  const input = document.getElementById("key");
  sessionStorage.setItem(KEY, input.value.trim());
  input.value = "";
  const signedIn = await whoAmI();
  if (signedIn === false) { sessionStorage.removeItem(KEY); out.replaceChildren(el("p", "error", T.needKey)); }
  else out.replaceChildren();
});
document.getElementById("signout").addEventListener("click", () => {
  sessionStorage.removeItem(KEY);
  out.replaceChildren();
  showSignIn();
});
const ready = whoAmI();
function fail(error) { out.replaceChildren(el("p", "error", error.message)); }
document.getElementById("ask").addEventListener("submit", async (event) => {
  event.preventDefault();
  out.replaceChildren(el("p", "muted", T.working));
  try {
    const r = await call("/v1/ask", { question: document.getElementById("q").value });
    const box = el("div");
    const answer = el("div", "answer", r.answer);
    box.append(answer);
    // A "not found" answer says so itself; the page does not say it a second time.
    if (r.grounded && r.mode === "extractive") box.append(el("p", "muted", T.extractive));
    if (r.citations.length) box.append(el("h3", null, T.sources));
    for (const c of r.citations) {
      const d = el("div", "cite");
      d.append(el("span", "where", "[" + c.ref + "] " + where(c)), el("span", "badge", c.verified ? T.verified : T.unverified), el("div", null, "“" + c.quote + "”"));
      box.append(d);
    }
    out.replaceChildren(box);
  } catch (error) { fail(error); }
});
document.getElementById("search").addEventListener("click", async () => {
  out.replaceChildren(el("p", "muted", T.working));
  try {
    const r = await call("/v1/search", { query: document.getElementById("q").value, k: 10 });
    if (!r.hits.length) return out.replaceChildren(el("p", "muted", T.noHits));
    out.replaceChildren(...r.hits.map((h) => { const d = el("div", "hit"); d.append(el("div", "where", where(h)), el("div", "text", h.text.slice(0, 400))); return d; }));
  } catch (error) { fail(error); }
});
// A link like /?q=질문 asks at once, so an answer can be shared or bookmarked.
if (params.get("q")) {
  document.getElementById("q").value = params.get("q");
  ready.then((signedIn) => { if (signedIn) document.getElementById("ask").requestSubmit(); });
}
document.getElementById("upload").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData();
  for (const f of document.getElementById("files").files) form.append("file", f);
  form.append("collection", document.getElementById("collection").value);
  const status = document.getElementById("job");
  try {
    const res = await request(LABELS, "/v1/documents", { method: "POST", headers: auth(), body: form });
    if (!res.ok) throw await responseError(LABELS, res);
    const data = await res.json();
    const poll = async () => {
      const jobRes = await request(LABELS, "/v1/jobs/" + data.jobId, { headers: auth() }).catch((error) => { status.textContent = error.message; return null; });
      if (jobRes === null) return;
      if (!jobRes.ok) { status.textContent = (await responseError(LABELS, jobRes)).message; return; }
      const job = await jobRes.json();
      const c = job.counters;
      status.textContent = (T.status[job.status] || job.status) + " · " + c.filesDone + "/" + c.filesTotal + " · " +
        c.pages + " " + T.pages + " · " + c.chunks + " " + T.chunks +
        job.files.filter((f) => f.error).map((f) => " · " + f.source + ": " + errorText({ code: f.code, message: f.error })).join("");
      if (job.status === "queued" || job.status === "running") setTimeout(poll, 700);
    };
    poll();
  } catch (error) { status.textContent = error.message; }
});
`;

/** Headers of every page jikji serves: only its own scripts, no plugins, no referrer. */
export const PAGE_HEADERS = {
  "content-security-policy":
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
} as const;

export function createUiRoutes(): Hono<ApiEnv> {
  const ui = new Hono<ApiEnv>();
  const headers = PAGE_HEADERS;
  ui.get("/", (c) => c.html(PAGE, 200, headers));
  ui.get("/ui.js", (c) => c.body(SCRIPT, 200, { ...headers, "content-type": "text/javascript; charset=utf-8" }));
  return ui;
}
