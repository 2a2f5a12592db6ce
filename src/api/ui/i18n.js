// Labels in Korean and English. The language follows the browser until the person picks one with the switch.
const LABELS = {
  ko: {
    chat: "대화", library: "문서함", signIn: "로그인", signOut: "로그아웃", keyLabel: "API 키 또는 SSO 토큰",
    needKey: "이 서버는 API 키가 필요합니다.", badKey: "키가 맞지 않습니다.", collection: "컬렉션", allCollections: "모든 컬렉션",
    newChat: "새 대화", question: "질문", ask: "질문하기", placeholder: "무엇이 궁금하신가요?", close: "닫기",
    prev: "이전 쪽", next: "다음 쪽", filter: "이름으로 찾기", dropHere: "파일을 여기에 끌어 놓거나 고르세요.",
    uploadTo: "올릴 컬렉션", chooseFiles: "파일 고르기", title: "제목", type: "형식", pages: "쪽수", chunks: "조각",
    groups: "열람 그룹", ingested: "수집 시각", status: "상태", actions: "작업", empty: "문서가 없습니다.",
    delete: "삭제", reingest: "다시 수집", confirmDelete: "이 문서를 삭제할까요? 되돌릴 수 없습니다.", copy: "답변 복사", regenerate: "다시 생성", copied: "복사했습니다",
    extractive: "발췌 답변 · 문서 문장을 그대로 인용", generative: "생성 답변 · 모델이 문서를 근거로 작성",
    missing: (words) => `문서에 없는 말: ${words.join(", ")} — 답은 질문의 나머지 말로 찾은 내용입니다.`,
    verified: "원문 확인됨", unverified: "원문 미확인", sources: "출처", page: (n) => `${n}쪽`, pageOf: (n, m) => `${n} / ${m}쪽`,
    section: "위치", working: "답을 찾는 중…", queued: "대기 중", running: "처리 중", succeeded: "완료", failed: "실패",
    partial: "일부 실패", ready: "준비됨", noOriginal: "원본 파일이 보관되어 있지 않아 추출한 글을 보여 드립니다.",
    signedIn: (name, role) => `${name} (${role})`, everyone: "컬렉션 기본 그룹", switchTo: "English",
    conversations: "지난 대화", noConversations: "저장된 대화가 없습니다.", untitled: "제목 없음", rename: "이름 바꾸기",
    confirmDeleteChat: "이 대화를 삭제할까요? 되돌릴 수 없습니다.", feedback: "답변 평가", helpful: "도움이 됐어요", notHelpful: "아쉬워요",
    thanks: "평가해 주셔서 고맙습니다. 의견을 덧붙일 수 있습니다.", comment: "의견", commentPlaceholder: "무엇이 좋았거나 부족했나요? (선택)",
    send: "보내기", commentSaved: "의견을 저장했습니다.", ocrText: "스캔한 쪽입니다. 아래는 OCR로 읽은 글입니다.",
    indexStale: "검색 색인이 이전 버전의 jikji로 만들어져 검색에서 빠지는 문서가 있을 수 있고, 새 문서는 올릴 수 없습니다. 관리자가 jikji reindex 를 실행하면 해결됩니다.",
    unreachable: "서버에 연결할 수 없습니다. 서버가 켜져 있는지, 네트워크가 연결되어 있는지 확인해 주세요.",
    connectionLost: "답을 받는 중에 서버와 연결이 끊겼습니다. 다시 질문해 주세요.",
    httpFailed: (status) => `서버가 오류로 답했습니다 (HTTP ${status})`,
    // The server's error messages are English; each error code is said here first, the server's words (the file,
    // the limit, the field) after it. English pages show the server's message alone.
    errors: {
      invalid_input: "요청이 올바르지 않습니다", unauthorized: "로그인이 필요하거나 키가 맞지 않습니다",
      forbidden: "이 작업을 할 권한이 없습니다", not_found: "찾을 수 없습니다", unsupported_media_type: "읽을 수 없는 파일 형식입니다",
      payload_too_large: "크기 제한을 넘었습니다", rate_limited: "요청이 너무 많습니다. 잠시 후 다시 해 주세요",
      conflict: "지금 상태와 맞지 않는 요청입니다", document_unreadable: "문서를 읽을 수 없습니다",
      index_stale: "검색 색인을 다시 만들어야 새 문서를 올릴 수 있습니다 (관리자가 jikji reindex 실행)",
      config_invalid: "서버 설정이 잘못되었습니다", index_unavailable: "검색 색인에 연결할 수 없습니다",
      store_unavailable: "저장소에 연결할 수 없습니다", upstream_unavailable: "모델 서버에 연결할 수 없습니다",
      upstream_timeout: "모델 서버가 제때 답하지 않았습니다", upstream_error: "모델 서버가 오류를 냈습니다",
      internal: "서버 내부 오류가 났습니다",
    },
  },
  en: {
    chat: "Chat", library: "Library", signIn: "Sign in", signOut: "Sign out", keyLabel: "API key or SSO token",
    needKey: "This server needs an API key.", badKey: "That key was not accepted.", collection: "Collection", allCollections: "All collections",
    newChat: "New chat", question: "Question", ask: "Ask", placeholder: "What would you like to know?", close: "Close",
    prev: "Previous page", next: "Next page", filter: "Find by name", dropHere: "Drop files here, or choose them.",
    uploadTo: "Upload to collection", chooseFiles: "Choose files", title: "Title", type: "Type", pages: "Pages", chunks: "Chunks",
    groups: "Groups", ingested: "Ingested", status: "Status", actions: "Actions", empty: "No documents.",
    delete: "Delete", reingest: "Re-ingest", confirmDelete: "Delete this document? This cannot be undone.", copy: "Copy answer", regenerate: "Regenerate", copied: "Copied",
    extractive: "Extractive · quoted from the documents", generative: "Generative · written by the model from the documents",
    missing: (words) => `Not in the documents: ${words.join(", ")} — the answer is about the question's other words.`,
    verified: "quote verified", unverified: "quote not verified", sources: "Sources", page: (n) => `p. ${n}`, pageOf: (n, m) => `Page ${n} of ${m}`,
    section: "Section", working: "Looking for the answer…", queued: "queued", running: "running", succeeded: "done", failed: "failed",
    partial: "partly failed", ready: "ready", noOriginal: "The original file was not kept, so the extracted text is shown.",
    signedIn: (name, role) => `${name} (${role})`, everyone: "collection default", switchTo: "한국어",
    conversations: "Conversations", noConversations: "No saved conversations.", untitled: "Untitled", rename: "Rename",
    confirmDeleteChat: "Delete this conversation? This cannot be undone.", feedback: "Rate this answer", helpful: "Helpful", notHelpful: "Not helpful",
    thanks: "Thanks for rating. You can add a comment.", comment: "Comment", commentPlaceholder: "What was good or missing? (optional)",
    send: "Send", commentSaved: "Comment saved.", ocrText: "This page is a scan. Below is the text OCR read from it.",
    indexStale: "The search index was built by an older jikji: searches may miss documents, and uploads are refused until an administrator runs jikji reindex.",
    unreachable: "Cannot reach the server. Check that it is running and that the network is up.",
    connectionLost: "The connection to the server was lost while the answer was arriving. Please ask again.",
    httpFailed: (status) => `The server answered with an error (HTTP ${status})`,
  },
};

const CHOICE = "jikji.lang";

export function pickLanguage() {
  const chosen = localStorage.getItem(CHOICE);
  if (chosen === "ko" || chosen === "en") return chosen;
  return (navigator.language || "ko").toLowerCase().startsWith("ko") ? "ko" : "en";
}

export function rememberLanguage(lang) {
  localStorage.setItem(CHOICE, lang);
}

export function labels(lang) {
  return LABELS[lang] ?? LABELS.en;
}

/**
 * An error body's `{ code, message }` in the page's language (`T`: the page's labels): the code's own phrase, then
 * the server's words (the file, the limit, the field). English pages show the server's message alone.
 */
export function errorText(T, error) {
  const phrase = T.errors?.[error?.code];
  const message = error?.message ?? "";
  if (phrase === undefined) return message;
  return message === "" ? phrase : `${phrase}: ${message}`;
}

/**
 * `fetch`, with a failure to reach the server said in the page's language: the browser's own words ("Failed to
 * fetch", "NetworkError when attempting to fetch resource.") are English and name no cause. A caller's abort stays
 * an AbortError.
 */
export async function request(T, url, init = {}) {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new Error(T.unreachable, { cause: error });
  }
}

/** The error a failed response stands for: its JSON error body said as `errorText` does, else its status (a proxy's HTML page). */
export async function responseError(T, res) {
  const data = await res.json().catch(() => null);
  return new Error(data?.error ? errorText(T, data.error) : T.httpFailed(res.status));
}
