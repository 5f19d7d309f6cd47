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

/** How many sections are shown. */
const SHOWN = 10;
/** About how many sections a language's index holds (only the ratio to a word's matches counts). */
const SECTIONS_GUESS = 400;
/** The longest word the Chinese word list holds, in characters. */
const LONGEST_WORD = 12;
const HAN = /\p{Script=Han}/u;

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
  for (const run of query.match(/\p{Script=Han}+|[\p{L}\p{N}_]+/gu) || []) {
    if (HAN.test(run) && known) words.push(...cutHan(run, known));
    else words.push(run.toLowerCase());
  }
  return [...new Set(words)];
}

/** The sentence of *content* that holds most of *words*, with each of them marked. */
function summaryOf(content, words) {
  const sentences = content.split(/\n+|(?<=[。！？；])|(?<=[.!?;:])\s+/u).filter((s) => s.trim());
  const lower = words.map((word) => word.toLowerCase());
  let best = sentences[0] || "";
  let bestCount = 0;
  for (const sentence of sentences) {
    const text = sentence.toLowerCase();
    const count = lower.filter((word) => text.includes(word)).length;
    if (count > bestCount) [best, bestCount] = [sentence, count];
  }
  const fragment = document.createDocumentFragment();
  const pattern = lower.length
    ? new RegExp(`(${lower.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`, "giu")
    : null;
  for (const [index, part] of (pattern ? best.split(pattern) : [best]).entries()) {
    if (index % 2) fragment.append(Object.assign(document.createElement("mark"), { textContent: part }));
    else fragment.append(part);
  }
  return fragment;
}

function show(result, words) {
  const item = resultTemplate.content.firstElementChild.cloneNode(true);
  const link = item.querySelector(".site-search-title");
  link.href = result.url;
  link.textContent = result.meta.title;
  const page = item.querySelector(".site-search-page");
  if (result.meta.page && result.meta.page !== result.meta.title) page.textContent = result.meta.page;
  else page.remove();
  item.querySelector(".site-search-summary").append(summaryOf(result.meta.text, words));
  return item;
}

async function search(query) {
  status.textContent = data.searching;
  const pagefind = await import(new URL(data.index, document.baseURI).href);
  await pagefind.options({ baseUrl: new URL(".", document.baseURI).pathname });
  const chinese = document.documentElement.lang.toLowerCase().startsWith("zh");
  const known = chinese
    ? new Set(await (await fetch(new URL(data.words, document.baseURI))).json())
    : null;
  const words = queryWords(query, known);
  const found = await Promise.all(words.map((word) => pagefind.search(spell(word))));
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
      const entry = sections.get(result.id) || { result, rank: 0, words: 0 };
      entry.rank += rarity * (0.5 + 0.5 * result.score / best);
      entry.words += 1;
      sections.set(result.id, entry);
    }
  });
  const ranked = [...sections.values()].sort((a, b) => b.rank - a.rank).slice(0, SHOWN);

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
  const items = ranked.map((entry) => entry.result.data());
  for (const item of items) {
    const result = await item;
    list.append(show(result, shownWords));
  }
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
