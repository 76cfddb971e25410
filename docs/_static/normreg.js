/* normreg course website: two fixes to the theme, no dependencies, nothing loaded from elsewhere.
 *
 * 1. The sidebar toggles. pydata-sphinx-theme 0.20 and sphinx-book-theme 1.4 attach their
 *    handlers to the *first* .primary-toggle / .secondary-toggle of the page, a header button that
 *    is hidden on lesson pages (pydata/pydata-sphinx-theme#2451, executablebooks/sphinx-book-theme#988).
 *    The visible buttons did nothing on a phone or a zoomed projector. Clicks on them are passed on.
 * 2. Search terms. Sphinx's sphinx_highlight.js highlights the searched words only on pages without
 *    searchtools.js, and this theme loads it on every page. Highlight them on every page but the
 *    search page itself, and offer a button that jumps to the first match.
 * 3. A "Copy" button on every block of code (not on outputs).
 * 4. An inline formula wider than its column scrolls in its own box (on a phone), instead of
 *    making the whole page pan sideways.
 * 5. Quizzes (course_lib.quizzes, rendered by docs/_ext/normreg_site.py): "Check" says ✓ or ✗ and
 *    the explanation of the answer given, in the page, with no network.
 * 6. Sliders (course_lib.sliders, staged by tools/lessons.py): a figure drawn at several values of λ
 *    comes as one image per value, all but one hidden. A range input (arrow keys, Home, End) shows
 *    one at a time; its value is read out to screen readers. Without JavaScript the default shows.
 * The words this script writes are in the page's language (English, or Chinese on the zh_CN site).
 */
"use strict";

const CHINESE = document.documentElement.lang === "zh-CN";
const tr = (english, chinese) => (CHINESE ? chinese : english);

document.addEventListener("DOMContentLoaded", () => {
  for (const selector of [".primary-toggle", ".secondary-toggle"]) {
    const toggles = Array.from(document.querySelectorAll(selector));
    toggles.slice(1).forEach((toggle) => {
      toggle.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopImmediatePropagation();
        toggle.blur();
        toggles[0].click();
      });
    });
  }

  document.querySelectorAll("div.highlight").forEach((block) => {
    const pre = block.querySelector("pre");
    if (!pre || block.closest(".cell_output, .output")) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "normreg-copy";
    button.textContent = tr("Copy", "复制");
    button.setAttribute("aria-label", tr("Copy this code", "复制这段代码"));
    button.addEventListener("click", async () => {
      const text = pre.innerText.replace(/\n$/, "");
      try {
        await navigator.clipboard.writeText(text);
      } catch (error) {  // no clipboard API (some browsers on pages opened as files): copy a selection
        const area = document.createElement("textarea");
        area.value = text;
        document.body.appendChild(area);
        area.select();
        document.execCommand("copy");
        area.remove();
      }
      button.textContent = tr("Copied", "已复制");
      window.setTimeout(() => { button.textContent = tr("Copy", "复制"); }, 1500);
    });
    block.prepend(button);
  });

  const markWideMath = () => document.querySelectorAll("mjx-container:not([display])").forEach((math) => {
    const column = math.parentElement.getBoundingClientRect();
    math.classList.toggle("normreg-wide-math", math.getBoundingClientRect().width > column.width);
  });
  window.addEventListener("load", () => window.MathJax?.startup?.promise?.then(markWideMath));  // async script
  window.addEventListener("resize", markWideMath);

  document.querySelectorAll("form.normreg-quiz").forEach((form) => {
    const feedback = form.querySelector(".normreg-quiz-feedback");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const say = (ok, text) => {
        feedback.textContent = `${ok ? "✓" : "✗"} ${text}`;
        feedback.className = `normreg-quiz-feedback ${ok ? "normreg-right" : "normreg-wrong"}`;
      };
      const chosen = form.querySelector("input[type=radio]:checked");
      const number = form.querySelector("input[type=text]");
      if (number) {
        const value = Number(number.value.trim().replace(",", "."));
        if (!number.value.trim() || !Number.isFinite(value)) {
          feedback.className = "normreg-quiz-feedback";
          feedback.textContent = tr("Type a number first.", "请先输入一个数。");
          return;
        }
        const close = (a, b) => Math.abs(a - b) <= Number(number.dataset.relTol) * Math.max(Math.abs(a), Math.abs(b));
        const known = JSON.parse(number.dataset.wrong).find((w) => close(value, w.value));
        if (close(value, Number(number.dataset.answer))) say(true, `${value}: ${number.dataset.why}`);
        else if (known) say(false, `${value}: ${known.why}`);
        else say(false, tr(`${value} is not right. ${number.dataset.hint}`, `${value} 不对。${number.dataset.hint}`).trim());
      } else if (!chosen) {
        feedback.className = "normreg-quiz-feedback";
        feedback.textContent = tr("Choose an answer first.", "请先选择一个答案。");
      } else {
        say(chosen.dataset.correct === "true", `${chosen.value}) ${chosen.dataset.why}`);
      }
    });
  });

  document.querySelectorAll("figure.normreg-slider").forEach((figure, number) => {
    const frames = Array.from(figure.querySelectorAll(".normreg-slider-frames img"));
    const readout = figure.querySelector(".normreg-slider-readout");
    const shown = Math.max(0, frames.findIndex((frame) => !frame.hidden));
    const id = `normreg-slider-${number}`;
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = tr(`Move ${figure.dataset.name}`, `移动 ${figure.dataset.name}`);
    const input = document.createElement("input");
    Object.assign(input, {type: "range", id, min: 0, max: frames.length - 1, step: 1, value: shown});
    const output = document.createElement("output");
    output.htmlFor = id;
    output.setAttribute("aria-live", "polite");
    const show = (index) => {
      frames.forEach((frame, k) => { frame.hidden = k !== index; });
      output.textContent = frames[index].dataset.label;
      input.setAttribute("aria-valuetext", frames[index].dataset.label);
    };
    input.addEventListener("input", () => show(Number(input.value)));
    // load every frame once the reader reaches for the slider, so that moving it never waits
    const preload = () => frames.forEach((frame) => { frame.loading = "eager"; });
    input.addEventListener("focus", preload, {once: true});
    input.addEventListener("pointerdown", preload, {once: true});
    readout.replaceChildren(label, input, output);
    show(shown);
  });

  const onSearchPage = document.location.pathname.endsWith("/search.html");
  if (onSearchPage || typeof SphinxHighlight === "undefined") return;
  const terms = localStorage.getItem("sphinx_highlight_terms")
    || new URLSearchParams(window.location.search).get("highlight") || "";
  if (!terms.trim()) return;
  SphinxHighlight.highlightSearchWords();  // highlights after a 10 ms timeout
  window.setTimeout(() => {
    const matches = document.querySelectorAll(".highlighted");
    const article = document.querySelector("article.bd-article") || document.querySelector("main");
    if (!matches.length || !article) return;
    const box = document.createElement("p");
    box.className = "normreg-jump";
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = tr(`Jump to the first of ${matches.length} matches of “${terms.trim()}”`,
                             `跳到“${terms.trim()}”的第一个匹配（共 ${matches.length} 个）`);
    button.addEventListener("click", () => {
      matches[0].scrollIntoView({block: "center"});
      matches[0].setAttribute("tabindex", "-1");
      matches[0].focus({preventScroll: true});
    });
    box.appendChild(button);
    article.prepend(box);
  }, 50);
});
