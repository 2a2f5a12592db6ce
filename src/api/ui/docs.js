// Renders /openapi.json as a reference page. Everything is built with createElement and textContent: the page
// runs no code from the document and loads nothing from another origin.
const params = new URLSearchParams(location.search);
const ko = (params.get("lang") || navigator.language || "ko").toLowerCase().startsWith("ko");
const T = ko
  ? { parameters: "매개변수", body: "요청 본문", responses: "응답", schemas: "스키마", security: "인증", public: "공개 (키 불필요)",
      bearer: "Authorization: Bearer 헤더", name: "이름", where: "위치", type: "형식", about: "설명", required: "필수", events: "이벤트 data:",
      failed: "API 문서를 읽지 못했습니다: ", other: "기타", oneOf: "다음 중 하나", arrayOf: "배열:", download: "openapi.json 내려받기", eitherOf: "다음 중 하나로:" }
  : { parameters: "Parameters", body: "Request body", responses: "Responses", schemas: "Schemas", security: "Security", public: "public (no key needed)",
      bearer: "Authorization: Bearer header", name: "Name", where: "In", type: "Type", about: "Description", required: "required", events: "event data:",
      failed: "Could not read the API document: ", other: "Other", oneOf: "one of", arrayOf: "array of", download: "Download openapi.json", eitherOf: "any of:" };
document.documentElement.lang = ko ? "ko" : "en";

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

const refName = (ref) => ref.split("/").pop();
const anchor = (text) => text.replace(/[^A-Za-z0-9_-]+/g, "-");

function typeText(schema) {
  if (!schema || typeof schema !== "object") return "any";
  if (schema.$ref) return refName(schema.$ref);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (schema.anyOf || schema.oneOf) return (schema.anyOf || schema.oneOf).map(typeText).join(" | ");
  const types = [].concat(schema.type || "any");
  return types
    .map((type) => (type === "array" ? typeText(schema.items) + "[]" : type === "string" && schema.format ? `string (${schema.format})` : type))
    .join(" | ");
}

function facts(schema) {
  const out = [];
  for (const key of ["minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "pattern", "default", "example"]) {
    if (schema && schema[key] !== undefined) out.push(`${key}: ${JSON.stringify(schema[key])}`);
  }
  return out.join(" · ");
}

/** A schema as a nested list; named schemas are links to their entry under "Schemas" (no infinite nesting). */
function schemaTree(schema, depth = 0) {
  if (!schema || typeof schema !== "object") return el("span", { class: "type", text: "any" });
  if (schema.$ref) return el("a", { href: "#schema-" + anchor(refName(schema.$ref)), class: "type", text: refName(schema.$ref) });
  const list = el("ul", { class: "schema" });
  const variants = schema.anyOf || schema.oneOf;
  if (variants && depth < 6) {
    list.append(el("li", { class: "muted", text: T.oneOf }));
    for (const variant of variants) list.append(el("li", {}, schemaTree(variant, depth + 1)));
    return list;
  }
  if (schema.type === "array" || (Array.isArray(schema.type) && schema.type.includes("array"))) {
    list.append(el("li", {}, el("span", { class: "muted", text: T.arrayOf + " " }), schemaTree(schema.items, depth + 1)));
    return list;
  }
  if (schema.properties && depth < 6) {
    const required = new Set(schema.required || []);
    for (const [name, property] of Object.entries(schema.properties)) {
      const item = el(
        "li",
        {},
        el("code", { text: name }),
        " ",
        el("span", { class: "type", text: typeText(property) }),
        required.has(name) ? el("span", { class: "req", text: T.required }) : null,
      );
      const about = [property.description, facts(property)].filter(Boolean).join(" — ");
      if (about) item.append(el("div", { class: "muted", text: about }));
      const nested = property.$ref ? null : property.properties || property.anyOf || property.oneOf || (property.items && (property.items.properties || property.items.$ref));
      if (nested) item.append(schemaTree(property, depth + 1));
      list.append(item);
    }
    return list;
  }
  const leaf = el("li", {}, el("span", { class: "type", text: typeText(schema) }));
  const about = [schema.description, facts(schema)].filter(Boolean).join(" — ");
  if (about) leaf.append(el("div", { class: "muted", text: about }));
  list.append(leaf);
  return list;
}

function content(map) {
  const box = el("div");
  for (const [type, media] of Object.entries(map || {})) {
    box.append(el("div", {}, el("code", { text: type })));
    if (media["x-event-data"]) box.append(el("div", { class: "muted", text: T.events }), schemaTree(media["x-event-data"]));
    else if (media.schema) box.append(schemaTree(media.schema));
  }
  return box;
}

function operation(doc, path, method, op) {
  const id = anchor(method + "-" + path);
  const box = el("section", { class: "op", id }, el("h3", {}, el("span", { class: "method " + method, text: method.toUpperCase() }), path));
  if (op.summary) box.append(el("p", { text: op.summary }));
  if (op.description) box.append(el("p", { class: "muted", text: op.description }));
  const security = op.security || doc.security || [];
  box.append(
    el("p", { class: "muted", text: T.security + ": " + (security.length === 0 ? T.public : T.eitherOf + " " + security.map((s) => Object.keys(s)[0]).join(", ") + " — " + T.bearer) }),
  );
  if (op.parameters && op.parameters.length > 0) {
    const table = el("table", {}, el("tr", {}, ...[T.name, T.where, T.type, T.about].map((text) => el("th", { text }))));
    for (const parameter of op.parameters) {
      const name = el("td", {}, el("code", { text: parameter.name }), parameter.required ? el("span", { class: "req", text: T.required }) : null);
      const about = [parameter.description || (parameter.schema && parameter.schema.description), facts(parameter.schema)].filter(Boolean).join(" — ");
      table.append(el("tr", {}, name, el("td", { text: parameter.in }), el("td", { class: "type", text: typeText(parameter.schema) }), el("td", { text: about })));
    }
    box.append(el("h4", { text: T.parameters }), table);
  }
  if (op.requestBody) box.append(el("h4", { text: T.body }), content(op.requestBody.content));
  box.append(el("h4", { text: T.responses }));
  for (const [status, response] of Object.entries(op.responses || {})) {
    const row = el("div", {}, el("span", { class: "status", text: status + " " }), el("span", { text: response.description || "" }));
    box.append(row);
    const failure = /^[45]/.test(String(status));
    const errorSchema = failure && response.content && response.content["application/json"] && response.content["application/json"].schema;
    // Errors share one body: a link to it, not the same tree under every status.
    if (errorSchema && errorSchema.$ref) row.append(" → ", schemaTree(errorSchema));
    else if (response.content) box.append(content(response.content));
  }
  return box;
}

async function render() {
  const main = document.getElementById("main");
  const nav = document.getElementById("nav");
  let doc;
  try {
    const response = await fetch("/openapi.json");
    if (!response.ok) throw new Error(String(response.status));
    doc = await response.json();
  } catch (error) {
    main.replaceChildren(el("p", { class: "error", text: T.failed + error.message }));
    return;
  }
  main.replaceChildren(
    el("h1", { text: `${doc.info.title} ${doc.info.version}` }),
    el("p", { text: doc.info.description || "" }),
    el("p", {}, el("a", { href: "/openapi.json", download: "openapi.json", text: T.download })),
  );
  nav.replaceChildren(el("strong", { text: doc.info.title }));
  const schemes = (doc.components && doc.components.securitySchemes) || {};
  const securityList = el("table");
  for (const [name, scheme] of Object.entries(schemes)) {
    securityList.append(el("tr", {}, el("td", {}, el("code", { text: name })), el("td", { text: `${scheme.scheme || scheme.type}${scheme.bearerFormat ? " (" + scheme.bearerFormat + ")" : ""}` }), el("td", { text: scheme.description || "" })));
  }
  main.append(el("h2", { class: "tag", text: T.security }), securityList);

  const byTag = new Map();
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const [method, op] of Object.entries(item)) {
      const tag = (op.tags && op.tags[0]) || T.other;
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push([path, method, op]);
    }
  }
  for (const [tag, ops] of byTag) {
    nav.append(el("h2", { text: tag }));
    main.append(el("h2", { class: "tag", id: "tag-" + anchor(tag), text: tag }));
    for (const [path, method, op] of ops) {
      nav.append(el("a", { href: "#" + anchor(method + "-" + path), class: "op-link", text: `${method.toUpperCase()} ${path}` }));
      main.append(operation(doc, path, method, op));
    }
  }
  nav.append(el("h2", { text: T.schemas }));
  main.append(el("h2", { class: "tag", text: T.schemas }));
  for (const [name, schema] of Object.entries((doc.components && doc.components.schemas) || {})) {
    nav.append(el("a", { href: "#schema-" + anchor(name), text: name }));
    const box = el("section", { class: "op", id: "schema-" + anchor(name) }, el("h3", { text: name }));
    if (schema.description) box.append(el("p", { class: "muted", text: schema.description }));
    box.append(schemaTree({ ...schema, description: undefined }));
    main.append(box);
  }
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}

render();
