/** Writes the real-document set's PDFs into the folder given (for same-output checks of PDF parsing changes). */
import { REAL_DOCUMENTS, writeRealDocuments } from "../lib/real-docs.ts";

const folder = process.argv[2];
if (folder === undefined) throw new Error("usage: node bench/pdf12/write-real-pdfs.ts <folder>");
console.log(await writeRealDocuments(folder, REAL_DOCUMENTS.filter((document) => document.name.endsWith(".pdf"))));
