// The search page: finds the sections that answer the reader's words in this language's Pagefind
// index (built by socksite.search: one record per section, with the readers' vocabulary).
//
// Each word of the query is looked up on its own, so a word no page contains is named to the reader
// and the others still find their sections; sections are ranked by how much of the query they
// contain.  Chinese is cut into the same words the index was cut into (_pagefind/words.json), and
// each Chinese word is looked up spelled as the index spells it (socksite.search.spell).
// The words this page says come from #search-data, in the page's language.

const data = JSON.parse(document.getElementById("search-data").textContent);
const form = document.querySelector(".site-search-form");
const input = document.getElementById("site-search-query");
const status = document.getElementById("site-search-status");
const missingNote = document.getElementById("site-search-missing");
const list = document.getElementById("site-search-results");
const nothing = document.getElementById("site-search-nothing");
const resultTemplate = document.getElementById("site-search-result");

/** What being the vocabulary's chosen answer adds to a section's rank (a rare word adds about 5). */
const CHOSEN_ANSWER = 10;
/** How many sections are shown. */
const SHOWN = 10;
/** About how many sections a language's index holds (only the ratio to a word's matches counts). */
const SECTIONS_GUESS = 400;
/** The longest word the Chinese word list holds, in characters. */
const LONGEST_WORD = 12;
// The Han characters the index cuts and spells: the same ranges as socksite.meta.HAN.
const HAN_RANGES = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff";
const HAN = new RegExp(`[${HAN_RANGES}]`, "u");
/** A run of Han characters, or a Latin word, number or identifier ("non-blocking" is one word, as the index has it). */
const QUERY_WORD = new RegExp(`[${HAN_RANGES}]+|[\\p{L}\\p{N}_]+(?:-[\\p{L}\\p{N}_]+)*`, "gu");

/** A word as the index stores it: Chinese as "z" and its code points in hex, the rest in lower case. */
function spell(word) {
  if (!HAN.test(word)) return word.toLowerCase();
  return "z" + [...word].map((character) => character.codePointAt(0).toString(16)).join("");
}

function format(template, values) {
  return template.replace(/%\((\w+)\)s/g, (_, name) => values[name]);
}

/** Cut a run of Han characters into the longest words the index knows; unknown characters stay together. */
function cutHan(run, known) {
  const words = [];
  let unknown = "";
  for (let start = 0; start < run.length; ) {
    let end = Math.min(run.length, start + LONGEST_WORD);
    while (end > start + 1 && !known.has(run.slice(start, end))) end--;
    if (end > start + 1) {
      if (unknown) words.push(unknown);
      unknown = "";
      words.push(run.slice(start, end));
    } else {
      unknown += run[start];
    }
    start = end;
  }
  if (unknown) words.push(unknown);
  return words;
}

/** The query's words: Latin words, numbers and identifiers as typed, Chinese cut as the index was. */
function queryWords(query, known) {
  const words = [];
  for (const run of query.match(QUERY_WORD) || []) {
    if (HAN.test(run) && known) words.push(...cutHan(run, known));
    else words.push(run.toLowerCase());
  }
  return [...new Set(words)];
}

/** *text* with each of *words* (in lower case) marked. */
function marked(text, words) {
  const fragment = document.createDocumentFragment();
  const pattern = words.length
    ? new RegExp(`(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`, "giu")
    : null;
  for (const [index, part] of (pattern ? text.split(pattern) : [text]).entries()) {
    if (index % 2) fragment.append(Object.assign(document.createElement("mark"), { textContent: part }));
    else fragment.append(part);
  }
  return fragment;
}

/**
 * The sentence of the section's text that holds most of *words*, marked.  A section found by its
 * index entries alone shows those, after a label saying so.
 */
function summaryOf(meta, words) {
  const lower = words.map((word) => word.toLowerCase());
  const count = (text) => lower.filter((word) => text.toLowerCase().includes(word)).length;
  const sentences = (meta.text || "").split(/\n+|(?<=[。！？；])|(?<=[.!?;:])\s+/u).filter((s) => s.trim());
  let best = sentences[0] || "";
  let bestCount = 0;
  for (const sentence of sentences) {
    if (count(sentence) > bestCount) [best, bestCount] = [sentence, count(sentence)];
  }
  const entries = (meta.entries || "").split(" · ").filter((entry) => count(entry) > 0);
  if (bestCount === 0 && entries.length) {
    const fragment = document.createDocumentFragment();
    fragment.append(data.listedUnder + " ", marked(entries.join(data.wordsJoin), lower));
    return fragment;
  }
  return marked(best, lower);
}

function show(result, words) {
  const item = resultTemplate.content.firstElementChild.cloneNode(true);
  const link = item.querySelector(".site-search-title");
  link.href = result.url;
  link.textContent = result.meta.title;
  const page = item.querySelector(".site-search-page");
  if (result.meta.page && result.meta.page !== result.meta.title) page.textContent = result.meta.page;
  else page.remove();
  item.querySelector(".site-search-summary").append(summaryOf(result.meta, words));
  return item;
}

async function search(query) {
  status.textContent = data.searching;
  const pagefind = await import(new URL(data.index, document.baseURI).href);
  await pagefind.options({ baseUrl: new URL(".", document.baseURI).pathname });
  // Only a language whose words the index cut itself (Chinese) has a word list.
  const known = data.words
    ? new Set(await (await fetch(new URL(data.words, document.baseURI))).json())
    : null;
  const words = queryWords(query, known);
  const found = await Promise.all(words.map((word) => pagefind.search(spell(word))));
  // The sections the vocabulary names as the answer to the whole query or to one of its words
  // (socksite.search.answer_key): they come first.
  const asked = [...new Set([query, ...words].map((text) => text.toLowerCase().split(/\s+/).filter(Boolean).join(" ")))];
  const chosen = await pagefind.search(null, { filters: { answers: { any: asked } } });
  const missing = words.filter((_, index) => found[index].results.length === 0);
  // Each word counts by how rare it is (a word most sections contain says little), and within a
  // word, by how strongly each section matches it compared with the best match.
  const sections = new Map();
  found.forEach((answer, index) => {
    const results = answer.results;
    if (!results.length) return;
    const rarity = Math.log(1 + SECTIONS_GUESS / results.length);
    const best = results[0].score || 1;
    for (const result of results) {
      const entry = sections.get(result.id) || { result, rank: 0 };
      entry.rank += rarity * (0.5 + 0.5 * result.score / best);
      sections.set(result.id, entry);
    }
  });
  for (const result of chosen.results) {
    const entry = sections.get(result.id) || { result, rank: 0 };
    entry.rank += CHOSEN_ANSWER;
    sections.set(result.id, entry);
  }
  const ranked = [...sections.values()].sort((a, b) => b.rank - a.rank).slice(0, SHOWN);
  await Promise.all(ranked.map(async (entry) => { entry.data = await entry.result.data(); }));

  if (missing.length) {
    const names = missing.map((word) => format(data.quoted, { word })).join(data.wordsJoin);
    missingNote.textContent = format(ranked.length ? data.missing : data.missingAll, { words: names });
    missingNote.hidden = false;
  }
  if (!ranked.length) {
    status.textContent = "";
    for (const link of nothing.querySelectorAll("a.site-search-elsewhere")) {
      link.href = `${link.getAttribute("href").split("?")[0]}?q=${encodeURIComponent(query)}`;
    }
    nothing.hidden = false;
    return;
  }
  status.textContent = format(data.found, { query });
  const shownWords = words.filter((word) => !missing.includes(word));
  for (const entry of ranked) list.append(show(entry.data, shownWords));
  list.dataset.complete = "";
}

const query = (new URLSearchParams(window.location.search).get("q") || "").trim();
input.value = query;
if (query) {
  search(query).catch((error) => {
    status.textContent = data.failed;
    console.error(error);
  });
} else {
  input.focus();
}
form.addEventListener("submit", (event) => {
  if (!input.value.trim()) event.preventDefault();
});
