/**
 * A soak against a running jikji HTTP API: query clients (search and extractive ask), one uploader and one deleter
 * run side by side for a fixed time; then every acknowledged upload must be searchable and every deleted document
 * gone. Shared by the soak test (seconds, small data dir) and `bench/load.ts soak` (minutes, 100k chunks), which
 * also samples the server's RSS while it runs. Nothing here measures time; the caller decides what to time.
 */
import { randomBytes } from "node:crypto";

export interface SoakOptions {
  baseURL: string;
  durationMs: number;
  /** Concurrent query loops; each alternates POST /v1/search and POST /v1/ask. */
  queryClients: number;
  questions: readonly string[];
  /** Sentences the uploaded documents are made of (real text), besides their marker. */
  filler: readonly string[];
  collection: string;
  /** The deleter deletes one finished upload this often (default 2 s). */
  deleteEveryMs?: number;
  /** Pause between one upload's job finishing and the next upload (default 0). */
  uploadPauseMs?: number;
  /** Called every `sampleEveryMs` while the soak runs (RSS sampling). */
  onSample?: () => void;
  sampleEveryMs?: number;
  /** Uploads and deletes made even if the time runs out first, so a short soak on a slow machine still covers both. */
  minUploads?: number;
  minDeletes?: number;
  /** Extra headers for every request (a bearer key). */
  headers?: Record<string, string>;
}

export interface SoakUpload {
  marker: string;
  source: string;
  jobId: string;
  /** Known once the job has finished. */
  documentId: string | null;
  jobStatus: string | null;
  deleted: boolean;
}

export interface SoakReport {
  searches: number;
  asks: number;
  uploads: SoakUpload[];
  deletes: number;
  /** Every failed request or job, with what was asked; must be empty. */
  errors: string[];
  /** Acknowledged, not deleted uploads whose marker search did not find their document. */
  unsearchable: string[];
  /** Deleted documents still listed or still found by their marker. */
  notGone: string[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs the soak, then checks searchability; the report says what went wrong, it does not throw for it. */
export async function soak(options: SoakOptions): Promise<SoakReport> {
  const run = randomBytes(4).toString("hex").replace(/\d/g, (digit) => "ghijklmnop"[Number(digit)]!);
  const report: SoakReport = { searches: 0, asks: 0, uploads: [], deletes: 0, errors: [], unsearchable: [], notGone: [] };
  const deadline = Date.now() + options.durationMs;
  const minUploads = options.minUploads ?? 0;
  const minDeletes = options.minDeletes ?? 0;
  /** Set once the time is up and the writers have done their minimum; the query loops stop then. */
  let writersDone = false;
  const running = () => Date.now() < deadline || !writersDone;
  const headers = options.headers ?? {};

  const request = async (what: string, path: string, init: RequestInit, expected: number): Promise<Response | null> => {
    try {
      const response = await fetch(`${options.baseURL}${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
      if (response.status !== expected) {
        report.errors.push(`${what}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
        return null;
      }
      return response;
    } catch (error) {
      // fetch's own message is only "fetch failed"; the socket's reason is in the cause.
      const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
      report.errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}${cause}`);
      return null;
    }
  };
  const postJson = (what: string, path: string, body: unknown) =>
    request(what, path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }, 200);

  const searchIds = async (query: string): Promise<string[] | null> => {
    const response = await postJson(`search ${query}`, "/v1/search", { query, k: 10, collection: options.collection });
    if (!response) return null;
    const body = (await response.json()) as { hits: Array<{ documentId: string }> };
    return body.hits.map((hit) => hit.documentId);
  };

  let questionCursor = 0;
  const queryLoop = async (client: number) => {
    for (let i = client; running(); i++) {
      const question = options.questions[questionCursor++ % options.questions.length]!;
      if (i % 2 === 0) {
        const response = await postJson(`search ${question}`, "/v1/search", { query: question, k: 10 });
        if (response) {
          await response.json();
          report.searches++;
        }
      } else {
        const response = await postJson(`ask ${question}`, "/v1/ask", { question });
        if (response) {
          await response.json();
          report.asks++;
        }
      }
    }
  };

  const finishJob = async (upload: SoakUpload): Promise<void> => {
    for (;;) {
      const response = await request(`job ${upload.jobId}`, `/v1/jobs/${upload.jobId}`, {}, 200);
      if (!response) return;
      const job = (await response.json()) as { status: string; error: string | null; files: Array<{ documentId?: string; action: string; error?: string }> };
      if (job.status === "queued" || job.status === "running") {
        await sleep(50);
        continue;
      }
      upload.jobStatus = job.status;
      upload.documentId = job.files[0]?.documentId ?? null;
      if (job.status !== "succeeded" || upload.documentId === null) {
        report.errors.push(`upload ${upload.source}: job ${job.status} ${job.error ?? ""} ${JSON.stringify(job.files)}`);
      }
      return;
    }
  };

  let uploaded = 0;
  let uploaderDone = false;
  const uploadLoop = async () => {
    while (Date.now() < deadline || uploaded < minUploads) {
      const n = uploaded++;
      const marker = `soak${run}n${String(n).padStart(5, "0")}q`;
      const sentences = Array.from({ length: 12 }, (_, i) => options.filler[(n * 37 + i * 11) % options.filler.length]!);
      sentences.splice(6, 0, `이 문서의 표식은 ${marker} 입니다 (marker ${marker}).`);
      const source = `soak-${run}-${String(n).padStart(5, "0")}.txt`;
      const form = new FormData();
      form.append("file", new File([sentences.join("\n\n")], source, { type: "text/plain" }));
      form.append("collection", options.collection);
      const response = await request(`upload ${source}`, "/v1/documents", { method: "POST", body: form }, 202);
      if (!response) continue;
      const { jobId } = (await response.json()) as { jobId: string };
      const upload: SoakUpload = { marker, source, jobId, documentId: null, jobStatus: null, deleted: false };
      report.uploads.push(upload);
      await finishJob(upload);
      if (options.uploadPauseMs) await sleep(options.uploadPauseMs);
    }
  };

  const deleteLoop = async () => {
    for (;;) {
      await sleep(options.deleteEveryMs ?? 2_000);
      if (Date.now() >= deadline && report.deletes >= minDeletes) return;
      // Every third upload, oldest first, once its job has finished; the other two thirds stay to be found.
      const target = report.uploads.find((upload, i) => i % 3 === 0 && upload.documentId !== null && !upload.deleted);
      if (!target) {
        // Nothing left to delete and nothing more coming: stop rather than wait for ever (the errors say why).
        if (uploaderDone && Date.now() >= deadline) return;
        continue;
      }
      const response = await request(`delete ${target.source}`, `/v1/documents/${target.documentId}`, { method: "DELETE" }, 204);
      if (response) {
        target.deleted = true;
        report.deletes++;
      }
    }
  };

  const sampler = options.onSample ? setInterval(options.onSample, options.sampleEveryMs ?? 10_000) : null;
  options.onSample?.();
  try {
    await Promise.all([
      ...Array.from({ length: options.queryClients }, (_, client) => queryLoop(client)),
      Promise.all([uploadLoop().finally(() => (uploaderDone = true)), deleteLoop()]).finally(() => (writersDone = true)),
    ]);
  } finally {
    if (sampler) clearInterval(sampler);
  }
  options.onSample?.();

  // The reckoning: what was acknowledged is findable, what was deleted is not.
  for (const upload of report.uploads) {
    if (upload.jobStatus === null) await finishJob(upload);
    if (upload.documentId === null) continue; // already an error
    const ids = await searchIds(upload.marker);
    if (ids === null) continue;
    if (upload.deleted) {
      const listed = await fetch(`${options.baseURL}/v1/documents/${upload.documentId}`, { headers });
      await listed.body?.cancel();
      if (listed.status !== 404 || ids.includes(upload.documentId)) {
        report.notGone.push(`${upload.source} (${upload.documentId}): GET ${listed.status}, found by search ${ids.includes(upload.documentId)}`);
      }
    } else if (!ids.includes(upload.documentId)) {
      report.unsearchable.push(`${upload.source} (${upload.documentId}) not in the hits for ${upload.marker}`);
    }
  }
  return report;
}
