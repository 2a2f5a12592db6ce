import { Hono } from "hono";
import type { ApiEnv } from "./auth.ts";
import { PAGE_HEADERS } from "./ui.ts";

/**
 * The agent's console at /assist: the call's transcript on the left, suggestions with their sources on the
 * right, copy and feedback buttons, and a replay mode that plays a transcript file turn by turn. Korean or
 * English after the browser (or ?lang=). All text, the customer's and the documents', is set with textContent;
 * the page loads nothing but its own script and talks only to this server.
 */
const PAGE = /* html */ `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>jikji assist · 직지 상담 도우미</title>
<style>
  :root { font-family: "Pretendard", "Noto Sans KR", "Apple SD Gothic Neo", system-ui, sans-serif; color: #1d2430; }
  body { margin: 0; line-height: 1.5; }
  header { display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; padding: .7rem 1rem; background: #f1f4f8; border-bottom: 1px solid #dde3ea; }
  header h1 { font-size: 1.1rem; margin: 0 1rem 0 0; }
  input[type=text], select { padding: .45rem .6rem; font-size: .95rem; border: 1px solid #c7ced9; border-radius: 6px; }
  button { padding: .45rem .8rem; border: 0; border-radius: 6px; background: #274c77; color: #fff; font-size: .9rem; cursor: pointer; }
  button.secondary { background: #e7ecf3; color: #1d2430; } button:disabled { opacity: .5; cursor: default; }
  main { display: grid; grid-template-columns: 1fr 1fr; gap: 0; height: calc(100vh - 7.5rem); }
  section { overflow-y: auto; padding: .8rem 1rem; } section + section { border-left: 1px solid #dde3ea; background: #fbfcfe; }
  h2 { font-size: .95rem; color: #5b6575; margin: 0 0 .6rem; }
  .turn { margin: .3rem 0; padding: .35rem .6rem; border-radius: 8px; max-width: 90%; }
  .turn.customer { background: #eef3fa; } .turn.agent { background: #f4f1ea; margin-left: auto; }
  .turn .who { font-size: .75rem; color: #6b7482; display: block; } .turn.partial { opacity: .6; font-style: italic; }
  .card { border: 1px solid #d6dde7; border-radius: 8px; padding: .6rem .8rem; margin-bottom: .7rem; background: #fff; }
  .card .text { font-size: 1rem; } .card .meta { font-size: .8rem; color: #5b6575; margin: .3rem 0; }
  .card .source { font-size: .85rem; border-left: 3px solid #8aa6c8; padding-left: .5rem; margin: .3rem 0; cursor: pointer; }
  .card .quote { color: #394150; } .card .actions { display: flex; gap: .4rem; flex-wrap: wrap; }
  .card.generative { border-color: #b9a6d6; } .sent { font-size: .8rem; color: #2d6a4f; }
  footer { display: flex; gap: .5rem; padding: .6rem 1rem; border-top: 1px solid #dde3ea; flex-wrap: wrap; }
  footer input[type=text] { flex: 1; min-width: 200px; } .muted { color: #6b7482; font-size: .85rem; } .error { color: #a4161a; }
</style>
</head>
<body>
<header>
  <h1 data-i18n="title"></h1>
  <input type="text" id="collection" data-i18n-placeholder="collection" size="12">
  <button type="button" id="start" data-i18n="start"></button>
  <span id="status" class="muted" role="status"></span>
  <span style="flex:1"></span>
  <input type="password" id="key" autocomplete="off" data-i18n-placeholder="key" size="14">
  <label class="muted" for="replay-file" data-i18n="replay"></label>
  <input type="file" id="replay-file" accept=".jsonl,.json,.txt">
  <button type="button" class="secondary" id="replay" data-i18n="play" disabled></button>
</header>
<main>
  <section><h2 data-i18n="transcript"></h2><div id="transcript"></div></section>
  <section><h2 data-i18n="suggestions"></h2><div id="suggestions"><p class="muted" id="empty" data-i18n="empty"></p></div></section>
</main>
<footer>
  <select id="speaker"><option value="customer" data-i18n="customer"></option><option value="agent" data-i18n="agent"></option></select>
  <input type="text" id="say" autocomplete="off" data-i18n-placeholder="say">
  <button type="button" id="send" data-i18n="send" disabled></button>
</footer>
<script type="module" src="/assist.js"></script>
</body>
</html>`;

const SCRIPT = /* js */ `
import { labels, request, responseError } from "/workspace/i18n.js";
const params = new URLSearchParams(location.search);
const ko = (params.get("lang") || navigator.language || "ko").toLowerCase().startsWith("ko");
const T = ko
  ? { title: "직지 상담 도우미", collection: "컬렉션(선택)", start: "상담 시작", replay: "녹취 재생", play: "재생", transcript: "대화",
      suggestions: "추천 답변", empty: "고객의 질문에 맞는 답을 찾으면 여기에 보여 드립니다.", customer: "고객", agent: "상담원",
      say: "문장을 입력하고 Enter (Shift+Enter는 중간 인식 결과)", send: "보내기", copy: "복사", helpful: "도움됨", notHelpful: "도움 안 됨",
      copied: "복사함", thanks: "의견을 저장했습니다", confidence: "신뢰도", page: "쪽", open: "상담 중", closed: "상담 종료",
      generative: "모델 답변", extractive: "문서 발췌", replaying: "재생 중…", replayDone: "재생 끝", badLine: "읽을 수 없는 줄",
      key: "API 키 (필요할 때)" }
  : { title: "jikji agent assist", collection: "collection (optional)", start: "Start call", replay: "Replay a call", play: "Play", transcript: "Transcript",
      suggestions: "Suggestions", empty: "Answers from your documents appear here while the customer talks.", customer: "Customer", agent: "Agent",
      say: "Type a turn and press Enter (Shift+Enter sends it as partial)", send: "Send", copy: "Copy", helpful: "Helpful", notHelpful: "Not helpful",
      copied: "Copied", thanks: "Feedback saved", confidence: "confidence", page: "p.", open: "call open", closed: "call closed",
      generative: "model answer", extractive: "from the documents", replaying: "Replaying…", replayDone: "Replay finished", badLine: "unreadable line",
      key: "API key (when required)" };
document.documentElement.lang = ko ? "ko" : "en";
// The workspace's labels: an error code in the page's language, the server's own words after it (i18n.js).
const LABELS = labels(ko ? "ko" : "en");
for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = T[node.dataset.i18n];
for (const node of document.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = T[node.dataset.i18nPlaceholder];

const $ = (id) => document.getElementById(id);
function el(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
let session = null;
let events = null;
const turnNodes = new Map();
const shown = new Set();

function setStatus(text, isError) { $("status").textContent = text; $("status").className = isError ? "error" : "muted"; }

// The key is the one the main page signs in with: this tab's sessionStorage only, never a URL or a cookie.
const KEY = "jikji.key";
$("key").value = sessionStorage.getItem(KEY) || "";
$("key").addEventListener("change", () => {
  const key = $("key").value.trim();
  if (key) sessionStorage.setItem(KEY, key); else sessionStorage.removeItem(KEY);
});
function auth() { const key = sessionStorage.getItem(KEY); return key ? { authorization: "Bearer " + key } : {}; }

async function post(url, body) {
  const res = await request(LABELS, url, { method: "POST", headers: { "content-type": "application/json", ...auth() }, body: JSON.stringify(body) });
  if (!res.ok) throw await responseError(LABELS, res);
  return res.json();
}

function feedback(suggestion, event) {
  if (!session) return Promise.resolve();
  return post("/v1/assist/sessions/" + session + "/feedback", { suggestionId: suggestion.id, event }).catch((error) => setStatus(error.message, true));
}

function where(c) {
  const parts = [c.title || c.source];
  if (c.section) parts.push(c.section);
  if (c.page !== null) parts.push(ko ? c.page + T.page : T.page + " " + c.page);
  return parts.join(" · ");
}

async function copyText(text) {
  try { await navigator.clipboard.writeText(text); return; } catch {}
  const area = el("textarea"); area.value = text; document.body.append(area); area.select();
  try { document.execCommand("copy"); } finally { area.remove(); }
}

function showTurn(turn) {
  let node = turnNodes.get(turn.id);
  if (!node) {
    node = el("div");
    node.dataset.turnId = turn.id;
    node.append(el("span", "who"), el("span", "said"));
    turnNodes.set(turn.id, node);
    $("transcript").append(node);
  }
  node.className = "turn " + turn.speaker + (turn.final ? "" : " partial");
  node.querySelector(".who").textContent = turn.speaker === "agent" ? T.agent : T.customer;
  node.querySelector(".said").textContent = turn.text;
  node.scrollIntoView({ block: "nearest" });
}

function showSuggestion(s) {
  if (shown.has(s.id)) return;
  shown.add(s.id);
  $("empty").hidden = true;
  const card = el("div", "card" + (s.mode === "generative" ? " generative" : ""));
  card.dataset.suggestionId = s.id;
  card.append(el("div", "text", s.text));
  card.append(el("div", "meta", (s.mode === "generative" ? T.generative : T.extractive) + " · " + T.confidence + " " + s.confidence.toFixed(2)));
  for (const c of s.citations) {
    const source = el("div", "source");
    source.append(el("div", null, where(c)));
    if (c.quote && c.quote !== s.text) source.append(el("div", "quote", "“" + c.quote + "”"));
    source.addEventListener("click", () => feedback(s, "clicked"));
    card.append(source);
  }
  const actions = el("div", "actions");
  const note = el("span", "sent");
  const button = (label, cls, onClick) => { const b = el("button", cls, label); b.type = "button"; b.addEventListener("click", onClick); actions.append(b); return b; };
  button(T.copy, "copy", async () => { await copyText(s.text); await feedback(s, "copied"); note.textContent = T.copied; });
  button(T.helpful, "secondary helpful", async () => { await feedback(s, "helpful"); note.textContent = T.thanks; });
  button(T.notHelpful, "secondary not-helpful", async () => { await feedback(s, "not_helpful"); note.textContent = T.thanks; });
  actions.append(note);
  card.append(actions);
  $("suggestions").prepend(card);
  feedback(s, "displayed");
}

// Server-Sent Events read with fetch, not EventSource, which cannot send the Authorization header a key needs.
function onEvent(name, data) {
  if (name === "turn") showTurn(JSON.parse(data).turn);
  else if (name === "suggestions") { for (const s of JSON.parse(data).suggestions) showSuggestion(s); }
  else if (name === "closed") { setStatus(T.closed); if (events) events.abort(); }
}
async function listen(id) {
  if (events) events.abort();
  const controller = new AbortController();
  events = controller;
  try {
    const res = await request(LABELS, "/v1/assist/sessions/" + id + "/events", { headers: { accept: "text/event-stream", ...auth() }, signal: controller.signal });
    if (!res.ok || !res.body) { setStatus((await responseError(LABELS, res)).message, true); return; }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replace(/\\r\\n/g, "\\n");
      let end;
      while ((end = buffer.indexOf("\\n\\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let name = "message";
        const data = [];
        for (const line of block.split("\\n")) {
          if (line.startsWith("event:")) name = line.slice(6).trim();
          else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
        }
        if (data.length > 0) onEvent(name, data.join("\\n"));
      }
    }
  } catch (error) {
    if (!controller.signal.aborted) setStatus(error.message, true);
  }
}

async function start() {
  const collection = $("collection").value.trim();
  const body = { language: ko ? "ko" : "en" };
  if (collection) body.collection = collection;
  const created = await post("/v1/assist/sessions", body);
  session = created.id;
  turnNodes.clear(); shown.clear();
  $("transcript").replaceChildren();
  for (const card of document.querySelectorAll(".card")) card.remove();
  $("empty").hidden = false;
  void listen(session);
  $("send").disabled = false; $("replay").disabled = !$("replay-file").files.length;
  setStatus(T.open);
}

async function sendTurn(speaker, text, final) {
  if (!session) await start();
  const result = await post("/v1/assist/sessions/" + session + "/turns", { speaker, text, final });
  showTurn(result.turn);
  // The stream shows these too; a console without the stream still gets them from the reply.
  for (const s of result.suggestions) showSuggestion(s);
}

$("start").addEventListener("click", () => start().catch((error) => setStatus(error.message, true)));
$("send").addEventListener("click", () => { const text = $("say").value.trim(); if (text) sendTurn($("speaker").value, text, true).catch((error) => setStatus(error.message, true)); $("say").value = ""; });
$("say").addEventListener("keydown", (event) => {
  if (event.key !== "Enter") return;
  event.preventDefault();
  const text = $("say").value.trim();
  if (!text) return;
  sendTurn($("speaker").value, text, !event.shiftKey).catch((error) => setStatus(error.message, true));
  if (!event.shiftKey) $("say").value = "";
});
$("replay-file").addEventListener("change", () => { $("replay").disabled = !$("replay-file").files.length; });
$("replay").addEventListener("click", async () => {
  const file = $("replay-file").files[0];
  if (!file) return;
  const lines = (await file.text()).split(/\\r?\\n/).filter((line) => line.trim() !== "");
  const delay = Number(params.get("delay") || 600);
  $("replay").disabled = true;
  try {
    await start();
    setStatus(T.replaying);
    for (const [i, raw] of lines.entries()) {
      let line;
      try { line = JSON.parse(raw); } catch { setStatus(T.badLine + " " + (i + 1), true); return; }
      await sendTurn(line.speaker, String(line.text), line.final !== false);
      await new Promise((resolve) => setTimeout(resolve, line.final === false ? delay / 3 : delay));
    }
    setStatus(T.replayDone);
  } catch (error) { setStatus(error.message, true); }
  finally { $("replay").disabled = false; }
});
`;

export function createAssistUiRoutes(): Hono<ApiEnv> {
  const ui = new Hono<ApiEnv>();
  ui.get("/assist", (c) => c.html(PAGE, 200, PAGE_HEADERS));
  ui.get("/assist.js", (c) => c.body(SCRIPT, 200, { ...PAGE_HEADERS, "content-type": "text/javascript; charset=utf-8" }));
  return ui;
}
