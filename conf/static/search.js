// The search page: finds the sections that answer the reader's words in this language's index
// (_search/, written by socksite.search: one record per section, with the readers' vocabulary).
//
// Each word of the query is looked up on its own, so a word no page contains is named to the reader
// and the others still find their sections; sections are ranked by how much of the query they
// contain.  A word is looked up in the one shard file its first letters hash to (socksite.search.shard);
// Chinese is cut into the longest words the index holds (_search/words.json).
// The words this page says come from #search-data, in the page's language.

const data = JSON.parse(document.getElementById("search-data").textContent);
const form = document.querySelector(".site-search-form");
const input = document.getElementById("site-search-query");
const status = document.getElementById("site-search-status");
const missingNote = document.getElementById("site-search-missing");
const list = document.getElementById("site-search-results");
const nothing = document.getElementById("site-search-nothing");
const resultTemplate = document.getElementById("site-search-result");
const index = new URL(data.index, document.baseURI);

/** What being the vocabulary's chosen answer adds to a section's rank (a rare word adds about 5). */
const CHOSEN_ANSWER = 10;
/** What each word of the query in a section's title adds to its rank. */
const IN_TITLE = 2;
/** What naming a section's page (recv, listen…) adds to its rank. */
const PAGE_NAMED = 6;
/** What a word the index holds only in longer or shorter spellings ("connections": "connection") counts, against its own. */
const OTHER_SPELLING = 0.7;
/** The shortest word looked up by the words it begins, or that begin it. */
const SHORTEST_PARTIAL = 3;
/** How many sections are shown. */
const SHOWN = 10;
/** How many files the words are spread over (socksite.search.SHARDS). */
const SHARDS = 256;
/** The most words a vocabulary row is looked up by, in a longer query. */
const LONGEST_PHRASE = 6;
/** The longest Chinese word looked for, in characters (socksite.search.LONGEST_WORD). */
const LONGEST_WORD = 12;
// The Han characters the index cuts: the same ranges as socksite.meta.HAN.
const HAN_RANGES = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff";
const HAN = new RegExp(`[${HAN_RANGES}]`, "u");
/** A run of Han characters, or a Latin word, number or identifier ("non-blocking" is one word, as the index has it). */
const LATIN = `(?:(?![${HAN_RANGES}])[\\p{L}\\p{N}_])+`;
const QUERY_WORD = new RegExp(`[${HAN_RANGES}]+|${LATIN}(?:-${LATIN})*`, "gu");

/** The shard that holds *word* (socksite.search.shard): FNV-1a of its first two letters, or first Han character. */
function shardOf(word) {
  const start = HAN.test(word[0]) ? [...word][0] : [...word].slice(0, 2).join("");
  let digest = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(start)) {
    digest = Math.imul(digest ^ byte, 0x01000193) >>> 0;
  }
  return digest % SHARDS;
}

/** The shards fetched so far, by number: each is fetched once per visit. */
const shards = new Map();

function fetchShard(number) {
  if (!shards.has(number)) {
    const name = number.toString(16).padStart(2, "0");
    const file = fetch(new URL(`${name}.json`, index)).then((response) => {
      if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
      return response.json();
    });
    file.catch(() => shards.delete(number)); // tried again by the next search
    shards.set(number, file);
  }
  return shards.get(number);
}

/** Words as one key (socksite.search.answer_key): single-spaced, neighbouring Chinese words joined. */
function joined(words) {
  return words.reduce((text, word) => {
    if (!text) return word;
    return text + (HAN.test(text.at(-1)) && HAN.test(word[0]) ? "" : " ") + word;
  }, "");
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
    while (end > start + 1 && !known(run.slice(start, end))) end--;
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

/** The Chinese words the index holds (socksite.search.WORDS), where there are any: loaded once, on arrival. */
let chineseWords = null;

function loadWords() {
  if (!data.words) return Promise.resolve(null);
  chineseWords ||= fetch(new URL(data.words, document.baseURI)).then((response) => {
    if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
    return response.json();
  }).then((words) => new Set(words));
  chineseWords.catch(() => { chineseWords = null; }); // tried again by the next search
  return chineseWords;
}

/**
 * The query's words, and the shards that hold them: Latin words, numbers and identifiers in lower
 * case, Chinese cut as the index was.  All the shards are fetched at once.
 */
async function queryWords(query) {
  const runs = (query.match(QUERY_WORD) || []).map((run) => (HAN.test(run) ? run : run.toLowerCase()));
  const known = await loadWords();
  // With the word list, Chinese is cut first and only its words' shards are fetched; without
  // one (the English pages), a word may begin at any character: each character's shard is needed.
  const cut = (isWord) => runs.flatMap((run) => (HAN.test(run) ? cutHan(run, isWord) : [run]));
  const first = known ? cut((word) => known.has(word)) : null;
  const starts = first || runs.flatMap((run) => (HAN.test(run) ? [...run] : [run]));
  const needed = new Set(starts.map(shardOf));
  const held = new Map(await Promise.all([...needed].map(async (number) => [number, await fetchShard(number)])));
  const at = (word) => held.get(shardOf(word));
  const words = first || cut((word) => Object.hasOwn(at(word).w || {}, word));
  return { words: [...new Set(words)], at };
}

/**
 * The sections holding *word* and what it counts in each, as spelled, else in another spelling;
 * and the sections whose title holds it.
 */
function postings(word, shard) {
  const words = shard.w || {};
  const points = new Map();
  const titled = new Set();
  const add = (spelling, factor) => {
    const flat = words[spelling];
    for (let i = 0; i < flat.length; i += 2) {
      points.set(flat[i], Math.max(points.get(flat[i]) || 0, flat[i + 1] * factor));
    }
    for (const number of shard.t?.[spelling] || []) titled.add(number);
  };
  const chinese = HAN.test(word);
  if (Object.hasOwn(words, word)) {
    add(word, 1);
  } else if (chinese || word.length >= SHORTEST_PARTIAL) {
    // Words it begins ("sendal": sendall; 粘包: 粘包问题), else the longest word that begins it
    // ("connections": connection).
    const longer = Object.keys(words).filter((each) => each.startsWith(word));
    const shorter = Object.keys(words)
      .filter((each) => !chinese && each.length > SHORTEST_PARTIAL && word.startsWith(each))
      .sort((a, b) => b.length - a.length)
      .slice(0, 1);
    for (const spelling of longer.length ? longer : shorter) add(spelling, OTHER_SPELLING);
  }
  return { points, titled };
}

/** A section as a result shows it: its address, title, page and text (socksite.search.Record.shown). */
async function record(number) {
  const response = await fetch(new URL(`r/${number}.json`, index));
  if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
  return response.json();
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
function summaryOf(shown, words) {
  const lower = words.map((word) => word.toLowerCase());
  const count = (text) => lower.filter((word) => text.toLowerCase().includes(word)).length;
  const sentences = (shown.text || "").split(/\n+|(?<=[。！？；])|(?<=[.!?;:])\s+/u).filter((s) => s.trim());
  let best = sentences[0] || "";
  let bestCount = 0;
  for (const sentence of sentences) {
    if (count(sentence) > bestCount) [best, bestCount] = [sentence, count(sentence)];
  }
  const entries = (shown.entries || "").split(" · ").filter((entry) => count(entry) > 0);
  if (bestCount === 0 && entries.length) {
    const fragment = document.createDocumentFragment();
    fragment.append(data.listedUnder + " ", marked(entries.join(data.wordsJoin), lower));
    return fragment;
  }
  return marked(best, lower);
}

/** A result, listed with its title and page; its summary comes with its record. */
function listed([url, title, pageTitle]) {
  const item = resultTemplate.content.firstElementChild.cloneNode(true);
  const link = item.querySelector(".site-search-title");
  link.href = new URL(url, document.baseURI).href;
  link.textContent = title;
  const page = item.querySelector(".site-search-page");
  if (pageTitle && pageTitle !== title) page.textContent = pageTitle;
  else page.remove();
  return item;
}

/** Every record's address, title and page (socksite.search.HEADINGS), loaded once, on arrival. */
let headings = null;

function loadHeadings() {
  headings ||= fetch(new URL(data.headings, document.baseURI)).then((response) => {
    if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
    return response.json();
  });
  headings.catch(() => { headings = null; }); // tried again by the next search
  return headings;
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
  const [{ words, at }, heads] = await Promise.all([queryWords(query), loadHeadings()]);
  const found = words.map((word) => postings(word, at(word)));
  const missing = words.filter((_, place) => found[place].points.size === 0);
  const sections = new Map();
  const add = (number, points) => sections.set(number, (sections.get(number) || 0) + points);
  found.forEach(({ points, titled }, place) => {
    points.forEach((each, number) => add(number, each));
    // A section whose title holds the word is about it (a page's name is in all its titles).
    if (!at(words[place]).p?.[words[place]]) titled.forEach((number) => add(number, IN_TITLE));
  });
  // The sections the vocabulary names as the answer to a run of the query's words come first,
  // then the sections of a page the query names.
  const chosen = new Set(phrases(words).flatMap((key) => at(key.match(QUERY_WORD)[0].toLowerCase()).a?.[key] || []));
  const named = new Set(words.filter((word) => !HAN.test(word)).flatMap((word) => at(word).p?.[word] || []));
  chosen.forEach((number) => add(number, CHOSEN_ANSWER));
  named.forEach((number) => add(number, PAGE_NAMED));
  const ranked = [...sections].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, SHOWN);
  // Every result's record is fetched at once, for its summary.
  const records = ranked.map(([number]) => record(number));
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
  const items = ranked.map(([number]) => listed(heads[number]));
  list.append(...items);
  await Promise.all(records.map(async (shown, place) => {
    const summary = summaryOf(await shown, shownWords);
    if (mine === latest) items[place].querySelector(".site-search-summary").append(summary);
  }));
  if (mine === latest) list.dataset.complete = "";
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

loadHeadings().catch(() => {}); // a failure shows when the reader searches
loadWords().catch(() => {});
searchTheAddress();
if (!input.value) input.focus();
// While the reader types, the shards of the words so far are fetched: a word's shard depends only
// on its first two letters (or first character), so by Enter they are usually here already.
input.addEventListener("input", () => queryWords(input.value).catch(() => {}));
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
