// The jikji workspace: chat with streamed answers and follow-ups, a source viewer beside the answer, and the
// document library. Plain ES modules served by jikji: no build step, no outside requests. Document text is
// untrusted and only ever inserted with textContent.
import { errorText as describeError, labels, pickLanguage, rememberLanguage, request, responseError } from "/workspace/i18n.js";
import { citationFromLink, createViewer } from "/workspace/viewer.js";

let lang = pickLanguage();
let T = labels(lang);
const $ = (id) => document.getElementById(id);
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

// ---- language -------------------------------------------------------------------------------------------------
function applyLanguage() {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = T[node.dataset.i18n];
  $("q").placeholder = T.placeholder;
  $("lang").textContent = T.switchTo;
  $("lang").setAttribute("aria-label", T.switchTo);
}
$("lang").addEventListener("click", () => {
  lang = lang === "ko" ? "en" : "ko";
  rememberLanguage(lang);
  T = labels(lang);
  applyLanguage();
  if (!$("libraryPane").hidden) loadLibrary();
});

// ---- sign-in: the key lives in this tab's sessionStorage only (never a URL, a cookie or localStorage) -----------
const KEY = "jikji.key";
const authHeaders = () => {
  const key = sessionStorage.getItem(KEY);
  return key ? { authorization: "Bearer " + key } : {};
};
let me = null;

/** Signed in: true; the key refused: false; the server unreachable or failing: null, with the reason under the form. */
async function whoAmI() {
  const signIn = () => {
    me = null;
    $("main").hidden = true;
    $("indexNotice").hidden = true;
    $("signin").hidden = false;
    $("who").hidden = true;
    $("signout").hidden = true;
    $("key").focus();
  };
  let res;
  try {
    res = await request(T, "/v1/me", { headers: authHeaders() });
  } catch (error) {
    signIn();
    $("signinError").textContent = error.message;
    return null;
  }
  if (!res.ok) {
    signIn();
    if (res.status === 401) return false;
    $("signinError").textContent = (await responseError(T, res)).message;
    return null;
  }
  me = await res.json();
  $("signin").hidden = true;
  $("main").hidden = false;
  $("who").hidden = false;
  $("who").textContent = T.signedIn(me.name, me.role);
  $("signout").hidden = !sessionStorage.getItem(KEY);
  // Upload, delete and re-ingest need the editor role; the API refuses them to readers too.
  const editor = me.role === "editor" || me.role === "admin";
  document.body.classList.toggle("reader", !editor);
  for (const node of document.querySelectorAll(".editor-only")) node.hidden = !editor;
  await loadCollections();
  await loadConversations();
  await showIndexStatus();
  // A shared viewer link opens once the person is signed in.
  const shared = citationFromLink(location.hash);
  if (shared) {
    showTab("chat");
    $("chatPane").classList.add("with-viewer");
    viewer.open(shared);
  }
  return true;
}
/** A stale search index (built by an older jikji: searches miss documents, uploads refused) is said above everything. */
async function showIndexStatus() {
  const notice = $("indexNotice");
  const health = await request(T, "/healthz", { headers: authHeaders() })
    .then((res) => (res.ok ? res.json() : null))
    .catch(() => null);
  notice.hidden = health?.indexStatus?.state !== "stale";
  notice.dataset.checked = "true";
}
$("signin").addEventListener("submit", async (event) => {
  event.preventDefault();
  sessionStorage.setItem(KEY, $("key").value.trim());
  $("key").value = "";
  const signedIn = await whoAmI();
  if (signedIn === false) {
    sessionStorage.removeItem(KEY);
    $("signinError").textContent = T.badKey;
  } else if (signedIn) $("signinError").textContent = "";
  else sessionStorage.removeItem(KEY);
});
$("signout").addEventListener("click", () => {
  sessionStorage.removeItem(KEY);
  resetChat();
  whoAmI();
});

/** An error body's `{ code, message }` in the page's language (see i18n.js). */
function errorText(error) {
  return describeError(T, error);
}

async function api(url, init = {}) {
  const res = await request(T, url, { ...init, headers: { ...(init.headers ?? {}), ...authHeaders() } });
  if (res.status === 401) { whoAmI(); throw new Error(T.needKey); }
  if (!res.ok) throw await responseError(T, res);
  return res;
}

// ---- tabs -----------------------------------------------------------------------------------------------------
function showTab(name) {
  $("tabChat").setAttribute("aria-pressed", String(name === "chat"));
  $("tabLibrary").setAttribute("aria-pressed", String(name === "library"));
  $("chatPane").hidden = name !== "chat";
  $("libraryPane").hidden = name !== "library";
  if (name === "library") loadLibrary();
}
$("tabChat").addEventListener("click", () => showTab("chat"));
$("tabLibrary").addEventListener("click", () => showTab("library"));

// ---- collections ----------------------------------------------------------------------------------------------
let documents = [];
async function loadCollections() {
  const data = await (await api("/v1/documents?limit=1000")).json();
  documents = data.documents;
  const names = [...new Set(documents.map((d) => d.collection))].sort();
  for (const select of [$("collection"), $("libraryCollection")]) {
    const current = select.value;
    select.replaceChildren(select.options[0]);
    for (const name of names) { const o = el("option", null, name); o.value = name; select.append(o); }
    select.value = names.includes(current) ? current : "";
  }
}

// ---- chat -----------------------------------------------------------------------------------------------------
const viewer = createViewer({ T: new Proxy({}, { get: (_, k) => T[k] }), authHeaders, onClose: () => $("chatPane").classList.remove("with-viewer") });
let messages = [];
let busy = false;
/** The stored conversation this thread belongs to; created on the first question. */
let conversation = null;

function resetChat() {
  messages = [];
  conversation = null;
  $("thread").replaceChildren();
  viewer.close();
  markCurrent();
}
$("newChat").addEventListener("click", () => { resetChat(); $("q").focus(); });

/** Reads a server-sent event stream, calling `onData` with each event's data. */
async function readEvents(res, onData) {
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    let chunk;
    try {
      chunk = await reader.read();
    } catch (error) {
      throw new Error(T.connectionLost, { cause: error });
    }
    const { value, done } = chunk;
    if (done) break;
    buffer += value;
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const data = block.split("\n").filter((line) => line.startsWith("data:")).map((line) => line.slice(5).trimStart()).join("\n");
      if (data) onData(data);
    }
  }
}

function citationButton(citation) {
  const li = el("li");
  const button = el("button", "cite");
  button.type = "button";
  const parts = [`[${citation.ref}] ${citation.source}`];
  if (citation.page !== null && citation.page !== undefined) parts.push(T.page(citation.page));
  if (citation.section) parts.push(citation.section);
  button.append(el("span", "where", parts.join(" · ")));
  // A row of a table cut across chunks: its header's cells, the row's context (not part of the quote).
  if (citation.tableHeader) button.append(el("span", "header", citation.tableHeader));
  button.append(el("span", "quote", `“${citation.quote}”`));
  button.title = citation.verified ? T.verified : T.unverified;
  button.addEventListener("click", () => {
    $("chatPane").classList.add("with-viewer");
    viewer.open(citation);
  });
  li.append(button);
  return li;
}

/** Thumbs up or down on a stored answer, then an optional comment; the choice is kept in the store for admins. */
function feedbackControls(messageId, given) {
  const box = el("div", "feedback");
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", T.feedback);
  const status = el("span", "muted feedback-status");
  status.setAttribute("aria-live", "polite");
  const comment = el("form", "feedback-comment");
  comment.hidden = true;
  const input = el("input");
  input.type = "text";
  input.maxLength = 2000;
  input.placeholder = T.commentPlaceholder;
  input.setAttribute("aria-label", T.comment);
  const send = el("button", "ghost", T.send);
  send.type = "submit";
  comment.append(input, send);
  let rating = given?.rating ?? null;
  const buttons = {};
  const url = () => `/v1/conversations/${conversation.id}/messages/${messageId}/feedback`;
  async function save(body) {
    await api(url(), { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  }
  // Words, not emoji: an air-gapped desktop may have no emoji font.
  for (const [value, label] of [["up", T.helpful], ["down", T.notHelpful]]) {
    const button = el("button", `ghost thumb thumb-${value}`, label);
    button.type = "button";
    button.setAttribute("aria-pressed", String(rating === value));
    button.addEventListener("click", async () => {
      try {
        await save({ rating: value });
        rating = value;
        for (const [v, b] of Object.entries(buttons)) b.setAttribute("aria-pressed", String(v === value));
        box.dataset.rating = value;
        status.textContent = T.thanks;
        comment.hidden = false;
        input.focus();
      } catch (error) { status.textContent = error.message; }
    });
    buttons[value] = button;
    box.append(button);
  }
  if (rating) box.dataset.rating = rating;
  comment.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!rating) return;
    try {
      await save({ rating, comment: input.value.trim() || null });
      box.dataset.commented = "true";
      status.textContent = T.commentSaved;
      comment.hidden = true;
    } catch (error) { status.textContent = error.message; }
  });
  box.append(status, comment);
  return box;
}

/** The meta line, feedback and sources under a finished answer (streamed now, or read back from the store). */
function finishAnswer(item, asked, question, answer) {
  // The question's words no document holds: said before anything else, so the answer is read as about the rest.
  if (answer.missing?.length) item.append(el("p", "missing", T.missing(answer.missing)));
  const meta = el("div", "meta");
  if (answer.mode) {
    // "Not found" is said once, by the answer itself; the mode is said plainly.
    meta.append(el("span", "mode", answer.mode === "extractive" ? T.extractive : T.generative));
    item.dataset.mode = answer.mode;
    item.dataset.grounded = String(answer.grounded);
  }
  const copy = el("button", "ghost", T.copy);
  copy.type = "button";
  copy.addEventListener("click", async () => {
    try { await navigator.clipboard.writeText(answer.text); copy.textContent = T.copied; } catch { /* clipboard refused */ }
  });
  const again = el("button", "ghost regenerate", T.regenerate);
  again.type = "button";
  again.addEventListener("click", () => {
    // Only the latest answer can be asked again: the conversation after it would no longer follow.
    if (busy || item !== $("thread").lastElementChild) return;
    messages.splice(-2, 2);
    asked.remove();
    item.remove();
    $("q").value = question;
    $("ask").requestSubmit();
  });
  meta.append(copy, again);
  item.append(meta);
  if (answer.messageId && conversation) {
    item.dataset.messageId = answer.messageId;
    item.append(feedbackControls(answer.messageId, answer.feedback));
  }
  const citations = answer.citations ?? [];
  if (citations.length) {
    const list = el("ol", "cites");
    list.setAttribute("aria-label", T.sources);
    for (const citation of citations) list.append(citationButton(citation));
    item.append(list);
  }
}

/**
 * Where the messages one request carries start: as many of the latest as the API takes (FIELD_LIMITS in
 * src/api/fields.ts: 50 messages, 32,000 characters), from a question on. The request names that position
 * (`conversationFrom`), so the stored messages before it are kept.
 */
const REQUEST_LIMITS = { messages: 50, chars: 32_000 };
function latestMessagesFrom(all) {
  let from = all.length;
  let chars = 0;
  while (from > 0 && all.length - from < REQUEST_LIMITS.messages && chars + all[from - 1].content.length <= REQUEST_LIMITS.chars) {
    from -= 1;
    chars += all[from].content.length;
  }
  while (from > 0 && from < all.length - 1 && all[from].role !== "user") from += 1;
  return from;
}

async function startConversation() {
  const collection = $("collection").value || null;
  const res = await api("/v1/conversations", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(collection ? { collection } : {}),
  });
  conversation = await res.json();
}

$("ask").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (busy) return;
  const question = $("q").value.trim();
  if (!question) return;
  busy = true;
  $("askButton").disabled = true;
  $("q").value = "";
  messages.push({ role: "user", content: question });
  const asked = el("li", "msg user", question);
  $("thread").append(asked);
  const item = el("li", "msg assistant");
  item.setAttribute("aria-busy", "true");
  const text = el("div", "text");
  const status = el("p", "muted", T.working);
  item.append(status, text);
  $("thread").append(item);
  item.scrollIntoView({ block: "nearest" });
  let answer = "";
  try {
    if (!conversation) await startConversation();
    const from = latestMessagesFrom(messages);
    const body = {
      messages: messages.slice(from),
      ...(from > 0 ? { conversationFrom: from } : {}),
      stream: true,
      conversationId: conversation.id,
      ...($("collection").value ? { collection: $("collection").value } : {}),
    };
    const res = await api("/v1/chat/completions", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify(body),
    });
    let final = null;
    await readEvents(res, (data) => {
      if (data === "[DONE]") return;
      const event = JSON.parse(data);
      if (event.error) throw new Error(errorText(event.error));
      const choice = event.choices?.[0];
      if (choice?.delta?.content) {
        if (status.isConnected) status.remove();
        answer += choice.delta.content;
        text.textContent = answer;
        item.dataset.streamed = "true";
      }
      if (choice?.finish_reason) final = event;
    });
    if (status.isConnected) status.remove();
    messages.push({ role: "assistant", content: answer });
    finishAnswer(item, asked, question, {
      text: answer,
      mode: final?.jikji?.mode,
      grounded: final?.jikji?.grounded,
      citations: final?.citations,
      missing: final?.jikji?.missing,
      messageId: final?.jikji?.messageId,
    });
    loadConversations();
  } catch (error) {
    messages.pop();
    if (status.isConnected) status.remove();
    item.append(el("p", "error", error.message));
  } finally {
    item.removeAttribute("aria-busy");
    busy = false;
    $("askButton").disabled = false;
    $("q").focus();
  }
});

// ---- conversations: kept per person in the store --------------------------------------------------------------
function markCurrent() {
  for (const li of $("conversations").children) {
    const current = conversation !== null && li.dataset.id === conversation.id;
    li.classList.toggle("current", current);
    li.querySelector(".open")?.setAttribute("aria-current", String(current));
  }
}

async function loadConversations() {
  let data;
  try {
    data = await (await api("/v1/conversations?limit=100")).json();
  } catch { return; }
  const list = $("conversations");
  list.replaceChildren();
  for (const c of data.conversations) {
    const li = el("li");
    li.dataset.id = c.id;
    const label = c.title || T.untitled;
    const open = el("button", "open", label);
    open.type = "button";
    open.title = new Date(c.updatedAt).toLocaleString(lang === "ko" ? "ko-KR" : "en-GB", { dateStyle: "medium", timeStyle: "short" });
    open.addEventListener("click", () => openConversation(c.id));
    const rename = el("button", "ghost rename", "✎");
    rename.type = "button";
    rename.setAttribute("aria-label", `${T.rename}: ${label}`);
    rename.addEventListener("click", () => renameInline(li, c, open));
    const remove = el("button", "ghost remove", "✕");
    remove.type = "button";
    remove.setAttribute("aria-label", `${T.delete}: ${label}`);
    remove.addEventListener("click", async () => {
      if (!confirm(`${T.confirmDeleteChat}\n${label}`)) return;
      try {
        await api(`/v1/conversations/${c.id}`, { method: "DELETE" });
        if (conversation?.id === c.id) resetChat();
        await loadConversations();
      } catch (error) { alert(error.message); }
    });
    li.append(open, rename, remove);
    list.append(li);
  }
  $("noConversations").hidden = data.conversations.length > 0;
  markCurrent();
}

/** Renames in place: Enter saves, Escape (or leaving the field) cancels. */
function renameInline(li, c, open) {
  const input = el("input", "rename-field");
  input.type = "text";
  input.value = c.title;
  input.maxLength = 200;
  input.setAttribute("aria-label", T.rename);
  open.replaceWith(input);
  input.focus();
  input.select();
  let done = false;
  const finish = async (save) => {
    if (done) return;
    done = true;
    const title = input.value.trim();
    if (save && title && title !== c.title) {
      try {
        await api(`/v1/conversations/${c.id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ title }) });
      } catch (error) { alert(error.message); }
    }
    await loadConversations();
    li.parentElement?.querySelector(`li[data-id="${c.id}"] .open`)?.focus();
  };
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") { event.preventDefault(); finish(true); }
    if (event.key === "Escape") { event.preventDefault(); finish(false); }
  });
  input.addEventListener("blur", () => finish(false));
}

/** Shows a stored conversation; a new question continues it. */
async function openConversation(id) {
  if (busy) return;
  let data;
  try {
    data = await (await api(`/v1/conversations/${id}`)).json();
  } catch (error) { alert(error.message); return; }
  resetChat();
  conversation = { id: data.id, title: data.title };
  if (data.collection && [...$("collection").options].some((o) => o.value === data.collection)) $("collection").value = data.collection;
  let asked = null;
  let question = "";
  for (const message of data.messages) {
    messages.push({ role: message.role, content: message.content });
    if (message.role === "user") {
      question = message.content;
      asked = el("li", "msg user", message.content);
      $("thread").append(asked);
    } else {
      const item = el("li", "msg assistant");
      item.append(el("div", "text", message.content));
      $("thread").append(item);
      finishAnswer(item, asked, question, {
        text: message.content,
        mode: message.mode,
        grounded: message.grounded,
        citations: message.citations,
        messageId: message.id,
      });
    }
  }
  markCurrent();
  $("q").focus();
}

// ---- library --------------------------------------------------------------------------------------------------
const JOB_LABEL = (status) => T[status] ?? status;

async function loadLibrary() {
  try {
    await loadCollections();
  } catch (error) {
    $("libraryEmpty").hidden = false;
    $("libraryEmpty").textContent = error.message;
    return;
  }
  renderLibrary();
}

function renderLibrary() {
  const needle = $("filter").value.trim().toLowerCase();
  const collection = $("libraryCollection").value;
  const editor = me && (me.role === "editor" || me.role === "admin");
  const rows = documents
    .filter((d) => !collection || d.collection === collection)
    .filter((d) => !needle || d.source.toLowerCase().includes(needle) || (d.title ?? "").toLowerCase().includes(needle))
    .sort((a, b) => a.collection.localeCompare(b.collection) || a.source.localeCompare(b.source));
  const body = $("documents").tBodies[0];
  body.replaceChildren();
  for (const d of rows) {
    const tr = el("tr");
    tr.dataset.source = d.source;
    const title = el("td", "title");
    title.append(el("div", null, d.title || d.source));
    if (d.title && d.title !== d.source) title.append(el("div", "muted", d.source));
    const date = new Date(d.updatedAt);
    tr.append(
      title,
      el("td", null, d.collection),
      el("td", null, d.mediaType.split("/").pop()),
      el("td", null, d.pageCount ?? "—"),
      el("td", null, d.chunkCount),
      el("td", null, d.accessGroups.length ? d.accessGroups.join(", ") : T.everyone),
      el("td", null, date.toLocaleString(lang === "ko" ? "ko-KR" : "en-GB", { dateStyle: "medium", timeStyle: "short" })),
      el("td", null, T[d.status] ?? d.status),
    );
    if (editor) {
      const actions = el("td", "editor-only");
      const remove = el("button", "ghost delete", T.delete);
      remove.type = "button";
      remove.setAttribute("aria-label", `${T.delete}: ${d.source}`);
      remove.addEventListener("click", async () => {
        if (!confirm(`${T.confirmDelete}\n${d.source}`)) return;
        try {
          await api(`/v1/documents/${d.id}`, { method: "DELETE" });
          await loadLibrary();
        } catch (error) { alert(error.message); }
      });
      const again = el("button", "ghost reingest", T.reingest);
      again.type = "button";
      again.setAttribute("aria-label", `${T.reingest}: ${d.source}`);
      again.addEventListener("click", () => reingest(d));
      actions.append(again, remove);
      tr.append(actions);
    }
    body.append(tr);
  }
  $("libraryEmpty").hidden = rows.length > 0;
  $("libraryEmpty").textContent = T.empty;
}
$("filter").addEventListener("input", renderLibrary);
$("libraryCollection").addEventListener("change", renderLibrary);

/** Shows one job's progress (from GET /v1/jobs/:id) under `label` until it ends, with the failure reason. */
async function trackJob(label, start) {
  const li = el("li");
  li.dataset.file = label;
  const name = el("span", null, label);
  const state = el("span", "muted state", T.queued);
  const bar = el("progress");
  bar.max = 1;
  bar.value = 0;
  bar.setAttribute("aria-label", label);
  li.append(name, state, bar);
  $("uploads").prepend(li);
  const finish = (status, reason) => {
    li.dataset.status = status;
    state.textContent = JOB_LABEL(status);
    bar.value = status === "failed" ? 0 : 1;
    if (reason) li.append(el("span", "error reason", reason));
  };
  try {
    const jobId = await start();
    li.dataset.job = jobId;
    for (;;) {
      const job = await (await api(`/v1/jobs/${jobId}`)).json();
      state.textContent = `${JOB_LABEL(job.status)} · ${job.counters.pages} ${T.pages} · ${job.counters.chunks} ${T.chunks}`;
      if (job.status !== "queued" && job.status !== "running") {
        const failed = job.files.find((f) => f.error);
        const reason = failed ? errorText({ code: failed.code, message: failed.error }) : job.error;
        finish(job.status, job.status === "succeeded" ? null : reason);
        break;
      }
      bar.value = job.status === "running" ? 0.5 : 0.1;
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
  } catch (error) {
    finish("failed", error.message);
  }
  await loadLibrary();
}

/** Uploads one file as its own job, so each file has its own progress and failure reason. */
function uploadOne(file) {
  return trackJob(file.name, async () => {
    const form = new FormData();
    form.append("file", file);
    form.append("collection", $("uploadCollection").value.trim() || "default");
    return (await (await api("/v1/documents", { method: "POST", body: form })).json()).jobId;
  });
}

/** Parses a document again from its kept original, with the same collection and groups. */
function reingest(d) {
  return trackJob(d.source, async () => (await (await api(`/v1/documents/${d.id}/reingest`, { method: "POST" })).json()).jobId);
}

function uploadAll(files) {
  for (const file of files) uploadOne(file);
}
$("files").addEventListener("change", () => { uploadAll([...$("files").files]); $("files").value = ""; });
const drop = $("drop");
drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("over");
  uploadAll([...event.dataTransfer.files]);
});
drop.addEventListener("keydown", (event) => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); $("files").click(); } });

// ---- start ----------------------------------------------------------------------------------------------------
// The conversation list is a column on wide screens and folded away on a phone.
$("history").open = matchMedia("(min-width: 701px)").matches;
applyLanguage();
whoAmI();
