// Browser tests of the auditor's report and the web interface, in headless Chromium.
//
//   node check.mjs ECHOES_BINARY CORPUS_DIR WORK_DIR SCREENSHOT_DIR
//
// CORPUS_DIR holds the bundled corpus plus hostile documents (script tags, onerror handlers,
// javascript: links) that must stay inert text. Every check that fails is listed and the exit
// code is 1; screenshots of each page are written to SCREENSHOT_DIR.

import { spawn, execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const [echoes, corpus, work, shots] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
const index = join(work, "index");
const failures = [];
let passed = 0;

function check(name, ok, detail = "") {
  if (ok) {
    passed += 1;
    console.log(`ok   ${name}`);
  } else {
    failures.push(name);
    console.log(`FAIL ${name}${detail ? `: ${detail}` : ""}`);
  }
}

const run = (args) => execFileSync(echoes, ["--corpus", corpus, "--index", index, ...args], { encoding: "utf8" });

/** Checks that nothing hostile ran or was turned into markup. */
async function inert(page, where) {
  const pwned = await page.evaluate(() => window.__pwned ?? null);
  check(`${where}: no injected script ran`, pwned === null, `window.__pwned = ${pwned}`);
  const scripts = await page.locator("script").count();
  check(`${where}: no script elements`, scripts === 0, `${scripts} found`);
  const js = await page.locator('[href^="javascript:" i], [src^="javascript:" i]').count();
  check(`${where}: no javascript: links`, js === 0, `${js} found`);
  const handlers = await page.evaluate(
    () => [...document.querySelectorAll("*")].filter((e) => [...e.attributes].some((a) => a.name.startsWith("on"))).length,
  );
  check(`${where}: no event handler attributes`, handlers === 0, `${handlers} found`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
let server;
try {
  // ---- The report, opened from disk.
  const reportPath = join(work, "report.html");
  run(["report", "--out", reportPath]);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const requests = [];
  page.on("request", (r) => { if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) requests.push(r.url()); });
  await page.goto(`file://${reportPath}`);
  check("report: opens with its title", (await page.title()).includes("Reuse of wording"));
  check("report: asks nothing of the network", requests.length === 0, requests.join(", "));
  const figures = await page.locator("#summary .figure").count();
  check("report: summary figures", figures >= 6, `${figures}`);
  const coverageRows = await page.locator("#coverage table.coverage tr").count();
  const silent = await page.locator("#coverage td.none").allTextContents();
  check("report: who answered what, a row a body, silences marked", coverageRows === 8 && silent.length >= 1 && silent.every((t) => t === "no answer"), `${coverageRows} ${silent.join("|")}`);
  const bars = await page.locator(".provenance .bar").count();
  const sharedWidth = await page.locator("#doc-unattributed_2d_response .provenance .bar span.shared").evaluate((e) => e.getBoundingClientRect().width);
  check("report: a provenance bar a document, the unattributed one part shared", bars === 7 && sharedWidth > 20, `${bars} ${sharedWidth}`);
  const cells = page.locator("#heatmap svg g.cell");
  check("report: heatmap has a cell per pair of bodies", (await cells.count()) === 7 * 6, `${await cells.count()}`);
  // The unattributed PDF's words are (almost) all Gloucestershire's; Gloucestershire's covering
  // letter is its own.
  const hot = page.locator('#heatmap g.cell[data-share="1"], #heatmap g.cell[data-share^="0.99"]');
  check("report: heatmap shows the unattributed PDF at 99% or more in Gloucestershire", (await hot.count()) >= 1);
  const tip = await hot.first().locator("title").textContent();
  check("report: heatmap cell tells its value on hover", /→ .*(99|100)% \(\d+ of \d+ own words\)/.test(tip), tip);
  const order = await page.$$eval("#heatmap svg > text[text-anchor=end]", (ts) => ts.map((t) => t.textContent));
  const gi = order.findIndex((t) => t.includes("Gloucestershire"));
  const ui = order.findIndex((t) => t.includes("unattributed-response"));
  check("report: bodies that share text stand together", Math.abs(gi - ui) === 1, order.join(" | "));
  const pairs = await page.locator("#families .pair").count();
  check("report: families hold side-by-side pairs", pairs >= 4, `${pairs}`);
  const shared = await page.locator("#families .pair mark.shared").first().textContent();
  check("report: shared words highlighted", shared.length > 20, shared);
  const grey = await page.locator("#families span.quoted, #documents span.quoted").count();
  check("report: quoted recommendation text greyed", grey > 0, `${grey}`);
  const within = await page.locator("#within .pair").count();
  check("report: within-body reuse listed", within >= 3, `${within}`);
  const docs = await page.locator("#documents section.document").count();
  check("report: a view per document", docs === 7, `${docs}`);
  // A pair links to the paragraph in its document view, which links to its twin.
  const link = page.locator("#families .pair .side a").first();
  const href = await link.getAttribute("href");
  await link.click();
  const target = page.locator(`li${href}`);
  check("report: pair links to its paragraph in the document view", (await target.count()) === 1, href);
  check("report: the paragraph links to its twins", (await target.locator(".twins a").count()) >= 1);
  await inert(page, "report");
  const xss = await page.locator("#documents").textContent();
  check("report: hostile markup shown as text", xss.includes("<script>window.__pwned=1</script>") && xss.includes("onerror="));
  await page.goto(`file://${reportPath}`);
  await page.screenshot({ path: join(shots, "report.png"), fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  const columns = await page.locator("#families .sides").first().evaluate((e) => getComputedStyle(e).gridTemplateColumns.split(" ").length);
  check("report: pairs stack at phone width", columns === 1, `${columns} columns`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await page.locator("#families").scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, "report-phone.png") });
  check("report: no sideways scrolling of the page at phone width", overflow <= 0, `${overflow}px too wide`);
  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: 800, height: 1100 });
  const printedMark = await page.locator("#families mark.shared").first().evaluate((e) => getComputedStyle(e).textDecorationLine);
  check("report: shared words stay marked in print (underlined, not coloured)", printedMark.includes("underline"), printedMark);
  const pdf = await page.pdf({ path: join(work, "report.pdf") });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  check("report: prints to several pages", pages >= 2, `${pages} pages, ${pdf.length} bytes`);
  await page.close();

  // ---- A report over its size: a main file and linked pages, opened from disk.
  const splitPath = join(work, "split.html");
  // A budget that leaves room in the main file, after its fixed parts (summary, heatmap, runs,
  // stock, coverage, where each body stands), for the strongest passages and not for all of them.
  run(["report", "--out", splitPath, "--max-mb", "0.08"]);
  const split = await browser.newPage();
  const splitRequests = [];
  split.on("request", (r) => { if (!r.url().startsWith("file://")) splitRequests.push(r.url()); });
  await split.goto(`file://${splitPath}`);
  check("split report: main file shows summary and coverage", (await split.locator("#summary .figure").count()) >= 6 && (await split.locator("#coverage table").count()) === 1);
  const docPages = await split.locator("#documents ul.pages a").count();
  check("split report: documents listed by page", docPages >= 2, `${docPages}`);
  const inMain = await split.locator("#families section.family").count();
  const onPages = await split.locator("#families ul.pages a").count();
  check("split report: main file holds the strongest passages and links to the rest", inMain >= 1 && onPages >= 1, `${inMain} passages here, ${onPages} page links`);
  const pairLink = split.locator("#families .pair .side a, #families .occurrences a").first();
  const pairHref = await pairLink.getAttribute("href");
  await pairLink.click();
  await split.waitForLoadState();
  const anchor = pairHref.split("#")[1];
  check("split report: a passage's link opens its paragraph on a documents page", split.url().includes("split_files/documents-") && (await split.locator(`li#${anchor}`).count()) === 1, `${pairHref} -> ${split.url()}`);
  const back = split.locator("header nav a");
  await back.click();
  await split.waitForLoadState();
  check("split report: a page leads back to the report", split.url().endsWith("/split.html"), split.url());
  await split.locator("#documents ul.pages a").first().click();
  await split.waitForLoadState();
  check("split report: a documents page holds its documents in full", (await split.locator("section.document li").count()) > 10);
  check("split report: asks nothing of the network", splitRequests.length === 0, splitRequests.join(", "));
  await inert(split, "split report");
  await split.close();

  // ---- The web interface.
  server = spawn(echoes, ["--corpus", corpus, "--index", index, "serve", "--port", "0"], { stdio: ["ignore", "inherit", "pipe"] });
  const base = await new Promise((resolve, reject) => {
    let out = "";
    server.stderr.on("data", (d) => {
      out += d;
      const m = out.match(/serving (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) resolve(m[1]);
    });
    server.on("exit", (code) => reject(new Error(`echoes serve exited with ${code}`)));
    setTimeout(() => reject(new Error("echoes serve did not start")), 30000);
  });
  check("serve: binds loopback", base.startsWith("http://127.0.0.1:"));
  // Search answers at once; the reuse pages say "still comparing" (503) until they are ready.
  for (let i = 0; i < 1200 && (await fetch(`${base}/reuse`)).status === 503; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const web = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // The front page opens on the collection, and each part of it links on.
  await web.goto(`${base}/`);
  const bodyRows = await web.locator("#collection table#bodies tr").count();
  check("front: the collection, a row a body (and one of the unattributed)", bodyRows === 1 + 7, `${bodyRows - 1} rows`);
  check("front: who answered what", (await web.locator("#coverage table").count()) === 1);
  check("front: heatmap has a cell per pair of bodies", (await web.locator("#heatmap g.cell").count()) === 42);
  check("front: the strongest copied run", (await web.locator("#runs .pair").count()) >= 1);
  check("front: documents to check", (await web.locator("#doubtful").count()) === 1);
  await inert(web, "front page");
  await web.screenshot({ path: join(shots, "front.png"), fullPage: true });
  await web.locator('#collection a[href^="/doc/"]').first().click();
  await web.waitForURL(/\/doc\//);
  check("front: a document link opens the document", (await web.locator("section.document, #document, li").count()) > 0, web.url());
  await web.goto(`${base}/`);
  await web.locator('#heatmap a[href="/reuse"]').click();
  await web.waitForURL(/\/reuse$/);
  check("front: the heatmap leads to every copied passage", web.url().endsWith("/reuse"));
  await web.goto(`${base}/`);
  await web.fill('input[name="q"]', '"consistent national position"');
  await web.click('button[type="submit"]');
  await web.waitForSelector("#summary");
  const groups = await web.locator("section.force h3").allTextContents();
  check("search: hits grouped by force", groups.length === 2 && groups.some((g) => g.startsWith("Gloucestershire")), groups.join(" | "));
  const marked = await web.locator(".hit mark.hit").first().textContent();
  check("search: the phrase is highlighted whole", marked === "consistent national position", marked);
  check("search: counts per force and recommendation", (await web.locator("table.counts tr").count()) === 3);
  await web.screenshot({ path: join(shots, "search.png") });
  await web.selectOption('select[name="force"]', "Gloucestershire Constabulary");
  await web.click('button[type="submit"]');
  await web.waitForSelector("#summary");
  check("search: filtered by force", (await web.locator("section.force").count()) === 1);
  await web.goto(`${base}/?q=immigration&role=all&limit=5`);
  const firstHits = await web.locator(".hit a").allTextContents();
  await web.locator('nav.pager a[rel="next"]').first().click();
  await web.waitForSelector("#summary");
  const nextHits = await web.locator(".hit a").allTextContents();
  check("search: next page shows the next hits", web.url().includes("page=2") && nextHits.length === 5 && nextHits.every((h) => !firstHits.includes(h)), nextHits.join(" "));
  await web.locator('nav.pager a[rel="prev"]').first().click();
  await web.waitForSelector("#summary");
  check("search: previous page goes back", (await web.locator(".hit a").allTextContents()).join() === firstHits.join());
  await web.goto(`${base}/?q=immigration&view=kwic`);
  const kwicRows = await web.locator("#kwic tr").count();
  const kwicMatch = await web.locator("#kwic td.match").first().textContent();
  const leftAlign = await web.locator("#kwic td.left").first().evaluate((td) => getComputedStyle(td).textAlign);
  check("search: keyword in context, one row a match, aligned on it", kwicRows > 5 && /^immigra/i.test(kwicMatch) && leftAlign === "right", `${kwicRows} ${kwicMatch} ${leftAlign}`);
  await web.screenshot({ path: join(shots, "kwic.png") });
  await web.goto(`${base}/?q=cookies`);
  check("search: banners are not searched by default", (await web.locator("#summary").textContent()).startsWith("0 hits"));
  await web.goto(`${base}/?q=cookies&role=chrome`);
  check("search: role filter", !(await web.locator("#summary").textContent()).startsWith("0 hits"));
  await web.goto(`${base}/?q=${encodeURIComponent("immigration AND (")}`);
  const error = await web.locator("#error").textContent();
  check("search: a malformed query shows its error on the page", error.startsWith("malformed query"), error);
  const csv = await (await fetch(`${base}/api/search?q=immigration&format=csv`)).text();
  check("search: CSV download", csv.startsWith("id,doc,path,force,recommendation,role,paragraph,line,recommendations,report,date,status,score,text"));
  const api = await (await fetch(`${base}/api/search?q=${encodeURIComponent('"Bright Sky"')}`)).json();
  check("api: search hits have the CLI's fields", api.length === 1 && api[0].force === "South Yorkshire Police" && api[0].recommendation === 4 && api[0].role === "response" && Array.isArray(api[0].highlights), JSON.stringify(api).slice(0, 200));

  // Side by side: from a hit to its paragraph page.
  await web.goto(`${base}/?q=${encodeURIComponent('"Required activity has been captured"')}&force=Gloucestershire`);
  await web.locator(".hit a").first().click();
  await web.waitForSelector("#paragraph");
  const sides = await web.locator(".pair").count();
  check("paragraph: similar paragraphs side by side", sides >= 1, `${sides}`);
  const sharedWeb = await web.locator(".pair mark.shared").count();
  check("paragraph: shared words marked", sharedWeb >= 2, `${sharedWeb}`);
  await web.screenshot({ path: join(shots, "paragraph.png") });
  await web.goto(`${base}/reuse`);
  check("reuse: heatmap", (await web.locator("#heatmap g.cell").count()) === 42);
  check("reuse: families", (await web.locator("#families .pair").count()) >= 4);
  const sources = await web.locator("#families table.occurrences tr.source").count();
  // No likely source: each passage's other occurrence is in the undated unattributed document.
  check("reuse: passages with their occurrences, no likely source without a dated rival", (await web.locator("#families table.occurrences").count()) >= 3 && sources === 0, `${sources}`);
  const templates = await web.locator("#families blockquote.template").count();
  const asIs = await web.locator("#families table.occurrences td", { hasText: "the template as is" }).count();
  check("reuse: each passage shown as its template, occurrences that carry it as is said so", templates >= 3 && asIs >= 4, `${templates} templates, ${asIs} as is`);
  await web.locator('#heatmap g.cell[data-share="1"], #heatmap g.cell[data-share^="0.99"]').first().hover();
  await web.screenshot({ path: join(shots, "reuse.png") });

  // Hostile text stays text, in every page that shows it.
  await web.goto(`${base}/?q=pwned&role=all`);
  check("xss: hostile paragraphs are found", (await web.locator(".hit").count()) >= 2);
  await inert(web, "search page");
  await web.locator(".hit a").first().click();
  await web.waitForSelector("#paragraph");
  await inert(web, "paragraph page");
  const shown = await web.locator("#paragraph").textContent();
  check("xss: shown as text", shown.includes("<") && shown.includes("pwned"), shown);
  await web.goto(`${base}/reuse`);
  await inert(web, "reuse page");
  await web.goto(`${base}/?q=${encodeURIComponent('"><script>window.__pwned=9</script>')}`);
  await inert(web, "search page with a hostile query");
  const echoed = await web.inputValue('input[name="q"]');
  check("xss: a hostile query is echoed as text", echoed.includes("<script>"), echoed);
  await web.goto(`${base}/doc/..%2F..%2Fetc%2Fpasswd`);
  check("serve: no path traversal", !(await web.content()).includes("root:"));
  await web.close();
} catch (e) {
  failures.push(`exception: ${e.stack ?? e}`);
  console.log(`FAIL ${e.stack ?? e}`);
} finally {
  if (server) server.kill("SIGINT");
  await browser.close();
}
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
