// Tidemark dashboard: reads GET api/tables every few seconds and draws one row per table; the buttons call the
// API's POST actions with the token the user gives (kept in this tab's sessionStorage only), which reading also
// sends, and asks for, when the server has a token set. Plain JavaScript,
// no build step, nothing loaded from elsewhere. Values are put in the page as text, never as HTML.
"use strict";

const REFRESH_MS = 5000;
const TOKEN_KEY = "tidemark.api.token";
const body = document.querySelector("#tables tbody");
const message = document.getElementById("message");

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) {
      node.setAttribute(name, value);
    }
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

const number = (n) => Number(n).toLocaleString("en-US");

function duration(seconds) {
  if (seconds === null || seconds === undefined) return "";
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} m ${seconds % 60} s`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} m`;
  return `${Math.floor(seconds / 86400)} d ${Math.floor((seconds % 86400) / 3600)} h`;
}

function time(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  return d.toLocaleTimeString("en-GB", { hour12: false });
}

/** A bar per minute of the last hour; the current minute on the right. */
function chart(rows) {
  const width = 120, height = 24, bar = width / rows.length;
  const max = Math.max(1, ...rows);
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("class", "chart");
  svg.setAttribute("width", width);
  svg.setAttribute("height", height);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const total = rows.reduce((a, b) => a + b, 0);
  const title = document.createElementNS("http://www.w3.org/2000/svg", "title");
  title.textContent = `${number(total)} rows in the last hour, at most ${number(Math.max(...rows))} in a minute`;
  svg.append(title);
  const base = document.createElementNS("http://www.w3.org/2000/svg", "line");
  base.setAttribute("x1", 0); base.setAttribute("x2", width);
  base.setAttribute("y1", height - 0.5); base.setAttribute("y2", height - 0.5);
  svg.append(base);
  rows.forEach((n, i) => {
    if (n <= 0) return;
    const h = Math.max(1, Math.round((n / max) * (height - 2)));
    const rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    rect.setAttribute("x", (i * bar).toFixed(1));
    rect.setAttribute("y", height - h);
    rect.setAttribute("width", Math.max(1, bar - 0.4).toFixed(1));
    rect.setAttribute("height", h);
    svg.append(rect);
  });
  return svg;
}

function lastRun(run) {
  if (!run) return el("td", { "data-field": "lastRun" }, "none yet");
  const cell = el("td", { "data-field": "lastRun", "data-started": run.started },
    `${time(run.started)}, ${number(run.rows)} rows, `,
    el("span", { class: `outcome-${run.outcome}` }, run.outcome),
    el("span", { class: "detail" }, `${number(run.durationMs)} ms`));
  if (run.error) {
    cell.title = run.error;
    cell.append(el("span", { class: "detail outcome-failed" }, run.error));
  }
  return cell;
}

function lastVerification(v) {
  if (!v) return el("td", { "data-field": "lastVerification" }, "none yet");
  const r = v.repaired;
  const done = [[r.copied, "copied"], [r.updated, "updated"], [r.deleted, "deleted"], [r.marked, "marked"]]
    .filter(([n]) => n > 0).map(([n, what]) => `${number(n)} ${what}`).join(", ");
  const found = v.outcome === "failed" ? v.error
    : `${number(v.rows)} rows: ${number(v.missing)} missing, ${number(v.extra)} extra, ${number(v.changed)} changed`
      + (done ? `; repaired ${done}` : "");
  const cell = el("td", { "data-field": "lastVerification", "data-started": v.started },
    `${time(v.started)}, `,
    el("span", { class: `outcome-${v.outcome === "equal" || v.outcome === "repaired" ? "ok" : "failed"}` }, v.outcome),
    el("span", { class: "detail" }, `${found}, ${number(v.durationMs)} ms`));
  if (v.deletesRefused) {
    cell.title = v.deletesRefused;
    cell.append(el("span", { class: "detail outcome-failed" }, `deletes refused: ${v.deletesRefused}`));
  }
  return cell;
}

function progress(p) {
  if (!p) return el("td", { "data-field": "progress" });
  const cell = el("td", { "data-field": "progress" });
  if (p.percent !== null && p.percent !== undefined) {
    cell.append(el("progress", { max: 100, value: p.percent }), ` ${p.percent}%`);
  }
  const of = p.estimatedTotal ? ` of about ${number(p.estimatedTotal)}` : "";
  const left = p.secondsLeft !== null && p.secondsLeft !== undefined && p.estimatedTotal ? `, ${duration(p.secondsLeft)} left` : "";
  cell.append(el("span", { class: "detail" },
    `${p.mode}: ${number(p.rowsDone)}${of} rows, ${number(Math.round(p.rowsPerSecond))} rows/s${left}`));
  return cell;
}

function actions(t) {
  const button = (label, action, disabled) => el("button", {
    type: "button", "data-action": action, "data-table": t.table, disabled: disabled ? "" : null,
  }, label);
  const busy = t.status === "running" || t.paused;
  return el("td", { class: "actions" },
    button("Run", "run", busy),
    t.paused ? button("Resume", "resume", false) : button("Pause", "pause", false),
    button("Resync", "resync", busy),
    button("Replay", "dead-letters/replay", busy || t.deadLetters === 0),
    button("Verify", "verify", busy));
}

function row(t) {
  // A table whose runs succeed but which keeps rows in the dead-letter table is not a green "ok".
  const warn = t.status === "ok" && t.deadLetters > 0;
  const tr = el("tr", { "data-table": t.table, "data-status": t.status, class: warn ? "row-warning" : `row-${t.status}` });
  tr.append(
    el("td", { "data-field": "status" }, el("span", { class: `status status-${warn ? "warning" : t.status}`,
      title: warn ? `${t.deadLetters} rows in the dead-letter table: see them, fix the cause, then Replay` : null },
      warn ? "ok, dead letters" : t.status)),
    el("td", { class: "name", "data-field": "table" }, t.table,
      t.targetTable !== t.table ? el("span", { class: "detail" }, `into ${t.targetTable}`) : null),
    el("td", { "data-field": "mode" }, t.mode,
      el("span", { class: "detail" }, `${t.modifier ? `on ${t.modifier}, ` : ""}every ${t.schedule}`)),
    el("td", { class: "number", "data-field": "lag", title: `maxLag ${duration(t.maxLagSeconds)}` }, duration(t.lagSeconds)),
    el("td", { class: "number", "data-field": "rowsSynced" }, number(t.rowsSynced)),
    lastRun(t.lastRun),
    el("td", { class: t.deadLetters > 0 ? "number dead" : "number", "data-field": "deadLetters" }, number(t.deadLetters)),
    lastVerification(t.lastVerification),
    el("td", { "data-field": "chart" }, chart(t.rowsPerMinute)),
    progress(t.progress),
    actions(t));
  if (t.lastError && t.status === "failed") {
    tr.title = t.lastError;
  }
  return tr;
}

function show(text, error) {
  message.textContent = text;
  message.className = error ? "error" : "";
  message.hidden = false;
}

/** A rejected edit of routes/tables.camel.yaml stays in view until a good one is applied. */
function showTablesFile(outcome) {
  const banner = document.getElementById("tables-file");
  banner.hidden = outcome.state !== "rejected";
  banner.textContent = banner.hidden ? "" : `${outcome.message}:\n${outcome.problems.join("\n")}`;
}

/** A GET of the API, with the token when the user gave one (with a token set, the server shows data only then). */
function read(path) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return fetch(path, { cache: "no-store", headers: token ? { Authorization: `Bearer ${token}` } : {} });
}

let asking = false;

async function refresh() {
  if (asking) return;
  try {
    const response = await read("api/tables");
    if (response.status === 401) {
      asking = true;
      const token = await askToken("Reading the tables needs the API token (TIDEMARK_API_TOKEN):");
      asking = false;
      if (token) {
        sessionStorage.setItem(TOKEN_KEY, token);
        document.getElementById("forget-token").hidden = false;
        return refresh();
      }
      throw new Error("the API token is needed to read them");
    }
    const tables = await response.json();
    if (!response.ok) throw new Error(tables.message || response.statusText);
    body.replaceChildren(...tables.map(row));
    document.getElementById("empty").hidden = tables.length > 0;
    const count = (s) => tables.filter((t) => t.status === s).length;
    document.getElementById("summary").textContent = `${tables.length} tables: ${count("ok")} ok, `
      + `${count("running")} running, ${count("failed")} failed, ${count("lagging")} lagging, ${count("paused")} paused`;
    document.getElementById("refreshed").textContent = `updated ${time(new Date().toISOString())}`;
    showTablesFile(await (await read("api/tables-file")).json());
    document.body.dataset.loaded = "true";
  } catch (e) {
    show(`Cannot read the tables: ${e.message}`, true);
  }
}

/** Asks for the token (and, for a resync, for confirmation) in a dialog; resolves to the token or null. */
function askToken(question) {
  const dialog = document.getElementById("token-dialog");
  const input = document.getElementById("token-input");
  document.getElementById("token-question").textContent = question;
  input.value = sessionStorage.getItem(TOKEN_KEY) || "";
  return new Promise((resolve) => {
    const form = document.getElementById("token-form");
    const done = (token) => {
      form.onsubmit = null;
      document.getElementById("token-cancel").onclick = null;
      dialog.close();
      resolve(token);
    };
    form.onsubmit = (event) => {
      event.preventDefault();
      done(input.value.trim() || null);
    };
    document.getElementById("token-cancel").onclick = () => done(null);
    dialog.showModal();
    input.focus();
  });
}

async function act(table, action) {
  let token = sessionStorage.getItem(TOKEN_KEY);
  if (!token || action === "resync") {
    const question = action === "resync"
      ? `Resync ${table}: it is copied again into a staging table and swapped in when complete. The API token:`
      : `${action} ${table} needs the API token (TIDEMARK_API_TOKEN):`;
    token = await askToken(question);
    if (!token) return;
  }
  try {
    const response = await fetch(`api/tables/${encodeURIComponent(table)}/${action}`, {
      method: "POST", headers: { Authorization: `Bearer ${token}` },
    });
    const reply = await response.json();
    if (response.status === 401 || response.status === 403) {
      sessionStorage.removeItem(TOKEN_KEY);
    } else {
      sessionStorage.setItem(TOKEN_KEY, token);
    }
    document.getElementById("forget-token").hidden = !sessionStorage.getItem(TOKEN_KEY);
    show(`${table}: ${reply.message}`, !response.ok);
  } catch (e) {
    show(`${table}: ${action} failed: ${e.message}`, true);
  }
  refresh();
  setTimeout(refresh, 1000);
}

body.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-action]");
  if (button && !button.disabled) {
    act(button.dataset.table, button.dataset.action);
  }
});
document.getElementById("forget-token").addEventListener("click", () => {
  sessionStorage.removeItem(TOKEN_KEY);
  document.getElementById("forget-token").hidden = true;
  show("The API token is forgotten.", false);
});
document.getElementById("forget-token").hidden = !sessionStorage.getItem(TOKEN_KEY);

refresh();
setInterval(refresh, REFRESH_MS);
