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
/** What naming a section's page (recv, listen…) adds to its rank. */
const PAGE_NAMED = 6;
/** How many sections are shown. */
const SHOWN = 10;
/** About how many sections a language's index holds (only the ratio to a word's matches counts). */
const SECTIONS_GUESS = 400;
/** The most words a vocabulary row is looked up by, in a longer query. */
const LONGEST_PHRASE = 6;
/** The longest word the Chinese word list holds, in characters. */
const LONGEST_WORD = 12;
// The Han characters the index cuts and spells: the same ranges as socksite.meta.HAN.
const HAN_RANGES = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff";
const HAN = new RegExp(`[${HAN_RANGES}]`, "u");
/** A run of Han characters, or a Latin word, number or identifier ("non-blocking" is one word, as the index has it). */
const LATIN = `(?:(?![${HAN_RANGES}])[\\p{L}\\p{N}_])+`;
const QUERY_WORD = new RegExp(`[${HAN_RANGES}]+|${LATIN}(?:-${LATIN})*`, "gu");

/** A word as the index stores it: Chinese as "z" and its code points in hex, the rest in lower case. */
function spell(word) {
  if (!HAN.test(word)) return word.toLowerCase();
  return "z" + [...word].map((character) => character.codePointAt(0).toString(16)).join("");
}

/** Words as one key (socksite.search.answer_key): single-spaced, neighbouring Chinese words joined. */
function joined(words) {
  return words.reduce((text, word) => {
    if (!text) return word;
    return text + (HAN.test(text.at(-1)) && HAN.test(word[0]) ? "" : " ") + word;
  }, "");
}

/** The indexed word that stands for *key* (socksite.search.answer_word): "zq", its FNV-1a hash, "zq". */
function answerWord(key) {
  let digest = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(key)) {
    digest = Math.imul(digest ^ byte, 0x01000193) >>> 0;
  }
  return `zq${digest.toString(16).padStart(8, "0")}zq`;
}

/** Every run of up to LONGEST_PHRASE neighbouring words, and the whole query, as keys. */
function phrases(words) {
  const keys = new Set([joined(words)]);
  for (let start = 0; start < words.length; start++) {
    for (let end = start + 1; end <= Math.min(words.length, start + LONGEST_PHRASE); end++) {
      keys.add(joined(words.slice(start, end)));
    }
  }
  return [...keys];
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

let engine = null;

/** Pagefind, ready to search, and the Chinese word list where there is one: loaded once, on arrival. */
function loadEngine() {
  engine ||= (async () => {
    const pagefind = await import(new URL(data.index, document.baseURI).href);
    await pagefind.options({ baseUrl: new URL(".", document.baseURI).pathname });
    // Only a language whose words the index cut itself (Chinese) has a word list.
    const [known] = await Promise.all([
      data.words ? fetch(new URL(data.words, document.baseURI)).then((response) => response.json()) : null,
      pagefind.init(),
    ]);
    return { pagefind, known: known && new Set(known) };
  })();
  return engine;
}

/** Empty the page of an earlier search's results and notes. */
function clear() {
  list.replaceChildren();
  delete list.dataset.complete;
  missingNote.hidden = true;
  nothing.hidden = true;
}

/** Which search is the latest: an earlier one still running shows nothing when it ends. */
let latest = 0;

async function search(query) {
  const mine = ++latest;
  clear();
  status.textContent = data.searching;
  const { pagefind, known } = await loadEngine();
  const words = queryWords(query, known);
  // All lookups at once: each word; the runs of words the vocabulary names a section as the answer
  // to (those sections come first); the pages the query names (socksite.search.page_word).
  const asked = phrases(words).map(answerWord);
  const latin = [...new Set(words.filter((word) => !HAN.test(word)).map((word) => answerWord(`page:${word}`)))];
  const lookups = [...words.map(spell), ...asked, ...latin].map((word) => pagefind.search(word));
  const answers = await Promise.all(lookups);
  const found = answers.slice(0, words.length);
  const chosen = answers.slice(words.length, words.length + asked.length).flatMap((answer) => answer.results);
  const named = answers.slice(words.length + asked.length).flatMap((answer) => answer.results);
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
  const add = (results, points) => {
    for (const result of new Map(results.map((each) => [each.id, each])).values()) {
      const entry = sections.get(result.id) || { result, rank: 0 };
      entry.rank += points;
      sections.set(result.id, entry);
    }
  };
  add(chosen, CHOSEN_ANSWER);
  add(named, PAGE_NAMED);
  const ranked = [...sections.values()].sort((a, b) => b.rank - a.rank).slice(0, SHOWN);
  // Every result's text is fetched at once; each is shown, in rank order, as soon as it is there.
  const texts = ranked.map((entry) => entry.result.data());
  if (mine !== latest) return;

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
  for (const text of texts) {
    const shown = show(await text, shownWords);
    if (mine !== latest) return;
    list.append(shown);
  }
  list.dataset.complete = "";
}

/** Search for the query in the address (search.html?q=…), as a link or the reader's Enter put it there. */
function searchTheAddress() {
  const query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  input.value = query;
  if (!query) {
    clear();
    status.textContent = "";
    return;
  }
  search(query).catch((error) => {
    status.textContent = data.failed;
    console.error(error);
  });
}

searchTheAddress();
if (!input.value) {
  input.focus();
  loadEngine().catch(() => { engine = null; }); // ready before the reader presses Enter; a failure shows then
}
// Enter searches on this page, without loading it again; the address keeps the query, so the
// language link, Back and a bookmark all take it along.
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const query = input.value.trim();
  if (!query) return;
  window.history.pushState(null, "", `?q=${encodeURIComponent(query)}`);
  searchTheAddress();
});
window.addEventListener("popstate", searchTheAddress);
