"""The page's CSS and JavaScript (Gradio 6 takes them in launch()).

The JavaScript only adds behaviour to markup built by ui/render.py and to Gradio's own widgets:
citation chips open and scroll to their source, Copy / Share link write to the clipboard, the
conversation exports as Markdown, the send button is disabled while the question box is empty,
accessible names are fixed where Gradio sets a poor one (each message's aria-label is its raw HTML),
the Ask / Browse tabs take the arrow keys (WAI-ARIA tabs pattern), a dropdown's list closes when Tab
leaves it, and the page's title, its lang and Gradio's own few words follow the interface language,
which this browser remembers. It never builds markup from message text.

WCAG 2.2 AA on a phone and a desktop: every control and chip is at least 24 x 24 CSS px (2.5.8), focus
is always visible (a 3 px ring), and no text is lighter than 4.5:1.
"""

CSS = """
/* --- page ------------------------------------------------------------------------------------ */
/* overflow: clip, not hidden: a hidden overflow would make the container the sticky box's scroller */
.gradio-container { max-width: 1100px !important; width: 100% !important; margin: 0 auto !important;
  overflow: clip !important; }
/* Hidden until the load event has put the page in its interface language (no flash of English). */
.gradio-container:has(.cqa-head:not([data-chosen])) main { visibility: hidden; }
#cqa-top { align-items: flex-end; gap: .5rem 1rem; flex-wrap: wrap !important; }
#cqa-header { min-width: min(100%, 320px) !important; flex: 1 1 480px !important; }
.cqa-head h1 { font-size: 1.35rem; line-height: 1.25; margin: 0 0 .2rem 0; }
.cqa-head .cqa-intro { margin: 0; font-size: .95rem; color: var(--body-text-color); }
#cqa-ui-lang { flex: 0 0 200px !important; width: 200px !important; min-width: 0 !important; }
.cqa-status { margin: 0; font-size: .85em; }
.cqa-dot { display: inline-block; width: .6em; height: .6em; border-radius: 50%; margin-inline-end: .35em; }
.cqa-status-loading .cqa-dot { background: #b45309; animation: cqa-pulse 1s infinite alternate; }
.cqa-status-ready .cqa-dot { background: #15803d; }
.cqa-status-error .cqa-dot { background: #b91c1c; }
@keyframes cqa-pulse { from { opacity: .3; } to { opacity: 1; } }
.cqa-sr { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
#cqa-chat .cqa-md, #cqa-chat [hidden] { display: none !important; }
/* Gradio's own "clear" icon (18 px): "New conversation" does that, in the interface language. */
#cqa-chat .icon-button-wrapper.top-panel { display: none !important; }

/* --- WCAG 2.2: targets of 24 x 24 px at least (2.5.8), a visible focus ring everywhere (2.4.7) ---- */
footer a, footer button { min-height: 24px; display: inline-flex !important; align-items: center; }
#cqa-ui-lang input, #cqa-answer-lang input, #cqa-browse-lang input { min-height: 24px; }
#cqa-ui-lang .wrap:focus-within, #cqa-answer-lang .wrap:focus-within, #cqa-browse-lang .wrap:focus-within {
  outline: 3px solid #4338ca; outline-offset: 2px; }
.dark #cqa-ui-lang .wrap:focus-within, .dark #cqa-answer-lang .wrap:focus-within,
.dark #cqa-browse-lang .wrap:focus-within { outline-color: #a5b4fc; }
.gradio-container button:focus-visible, .gradio-container a:focus-visible, .gradio-container summary:focus-visible,
.gradio-container [role="tab"]:focus-visible, .cqa-par-scroll:focus-visible, #cqa-search textarea:focus-visible {
  outline: 3px solid #4338ca !important; outline-offset: 2px; }
.dark .gradio-container button:focus-visible, .dark .gradio-container a:focus-visible,
.dark .gradio-container summary:focus-visible, .dark .cqa-par-scroll:focus-visible { outline-color: #a5b4fc !important; }
/* Labels are one short line in the interface language; never let them wrap under the widget. */
#cqa-ui-lang label span, #cqa-answer-lang label span, #cqa-browse-lang label span { white-space: nowrap; }

/* Placeholders (Browse's search hint) dark enough to read: 4.8:1 on white. */
.gradio-container textarea::placeholder, .gradio-container input::placeholder { color: #6b7280 !important;
  opacity: 1; }
.dark .gradio-container textarea::placeholder, .dark .gradio-container input::placeholder { color: #9ca3af !important; }
/* Gradio's grey footer and examples label fail WCAG AA contrast on this background. */
footer, footer a, footer button, .show-api, .built-with, .settings { color: #4b5563 !important; }
.dark footer, .dark footer a, .dark footer button, .dark .show-api, .dark .built-with { color: #d1d5db !important; }
.gallery .label, .label { color: var(--block-label-text-color) !important; }
#cqa-tabs [role="tab"][aria-selected="true"] { color: #4338ca !important; }
.dark #cqa-tabs [role="tab"][aria-selected="true"] { color: #c7d2fe !important; }

/* --- the chat: grows with the page (no inner scroll box); the question box stays in view -------- */
#cqa-chat { min-width: 0 !important; }
#cqa-chat .scroll-down-button-container { display: none !important; }
#cqa-chat .message-row.bot-row .message, #cqa-chat .bot .message { max-width: 100%; }
#cqa-chat .message-row { scroll-margin-top: 12px; }
#cqa-chat .message-row.bot-row, #cqa-chat .bot-row { max-width: 100%; }
/* Gradio wraps the box in a .form of its own height: that wrapper is what sticks to the bottom. Empty, it is
   one line with its label above: under an eighth of a phone's screen. */
.form:has(> #cqa-question) { position: sticky; bottom: 0; z-index: 20; overflow: visible !important;
  background: var(--background-fill-primary); box-shadow: 0 -6px 12px -8px rgba(0, 0, 0, .25); }
#cqa-question { padding: 6px 10px 8px !important; }
#cqa-question [data-testid="block-info"] { margin-bottom: 4px; font-weight: 600; }
#cqa-question textarea { padding-top: 6px !important; padding-bottom: 6px !important; }
/* Send and Stop: real buttons, filled, with a border. */
#cqa-question button.submit-button, #cqa-question button.stop-button { min-height: 36px; min-width: 44px;
  padding: 0 .9em !important; border-radius: 8px; font-weight: 600; color: #fff !important;
  background: #4338ca !important; border: 1px solid #312e81 !important; }
#cqa-question button.stop-button { background: #b91c1c !important; border-color: #7f1d1d !important; }
/* Gradio sets outline: none !important on its textarea: the focus ring needs !important too. */
#cqa-question textarea:focus, #cqa-question textarea:focus-visible { outline: 3px solid #4338ca !important;
  outline-offset: 2px; border-radius: 6px; }
#cqa-question button:focus-visible, .cqa-chip:focus-visible, .cqa-act:focus-visible,
.cqa-answer summary:focus-visible { outline: 3px solid #4338ca; outline-offset: 2px; }
#cqa-question button[disabled] { opacity: .45; cursor: not-allowed; }
.dark #cqa-question textarea:focus { outline-color: #a5b4fc !important; }
.dark #cqa-question button:focus-visible, .dark .cqa-chip:focus-visible,
.dark .cqa-act:focus-visible, .dark .cqa-answer summary:focus-visible { outline-color: #a5b4fc; }

/* --- answers ------------------------------------------------------------------------------------ */
.cqa-question, .cqa-answer { unicode-bidi: isolate; }
.cqa-question p, .cqa-answer p { margin: 0 0 .45em 0; }
/* "start" follows each element's own dir: Arabic cells right, the others left, even inside an RTL answer */
.cqa-answer, .cqa-question, .cqa-browse, .cqa-version, .cqa-source { text-align: start; }
.cqa-gist { font-size: 1.02em; font-weight: 600; }
.cqa-lead { font-weight: 500; }
.cqa-working { font-size: .9em; font-style: italic; display: flex; align-items: center; gap: .5em; }
.cqa-spinner { width: .8em; height: .8em; border-radius: 50%; border: 2px solid currentColor;
  border-inline-end-color: transparent; animation: cqa-spin 1s linear infinite; flex: none; }
@keyframes cqa-spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .cqa-spinner, .cqa-status-loading .cqa-dot { animation: none; } }
.cqa-label { font-size: .78em; font-weight: 700; letter-spacing: .03em; text-transform: uppercase;
  margin: .7em 0 .3em 0 !important; }
.cqa-chips { white-space: nowrap; }
.cqa-chip { display: inline-flex; flex: none; white-space: nowrap; align-items: center; justify-content: center;
  box-sizing: border-box; min-width: 28px; min-height: 24px; padding: 0 .5em; margin: 2px .2em;
  border-radius: 999px; font-size: .82em; font-weight: 700; line-height: 1.2;
  text-decoration: none !important; color: #1e3a8a !important; background: #dbe4ff;
  border: 1px solid #93a8f4; vertical-align: baseline; }
.cqa-chip:hover { background: #c3d1ff; }
.dark .cqa-chip { color: #e0e7ff !important; background: #1e2a5a; border-color: #4f63c6; }
.cqa-ev { margin: .35em 0 .6em 0; }
.cqa-ev-head { display: flex; align-items: baseline; gap: .45em; margin: 0 0 .2em 0 !important; font-size: .9em; }
.cqa-ev-section { font-style: italic; overflow: hidden; min-width: 0; display: -webkit-box; -webkit-line-clamp: 1;
  -webkit-box-orient: vertical; }
.cqa-quote { margin: 0 !important; padding: .35em .75em !important; border: 0 !important;
  border-inline-start: 3px solid #6b7fd7 !important; background: var(--background-fill-secondary);
  border-radius: 0 6px 6px 0; font-style: normal; }
[dir="rtl"] .cqa-quote { border-radius: 6px 0 0 6px; }
.cqa-notice { font-size: .9em; padding: .35em .6em; border-radius: 6px; margin: .5em 0 !important;
  background: rgba(255, 170, 0, .14); border-inline-start: 3px solid #b45309; }
.cqa-sources { margin-top: .5em; }
.cqa-source { margin: .3em 0; border-radius: 8px; background: var(--background-fill-secondary);
  border: 1px solid var(--border-color-primary); scroll-margin: 80px; transition: box-shadow .3s; }
.cqa-source > summary { cursor: pointer; padding: .35em .7em; font-size: .9em; }
.cqa-source[open] > summary { border-bottom: 1px solid var(--border-color-primary); }
.cqa-source.cqa-flash { box-shadow: 0 0 0 3px #6b7fd7; }
.cqa-source-num { font-weight: 700; }
.cqa-source-section::before { content: "· "; }
.cqa-source-section { font-style: italic; }
.cqa-source-text { margin: .4em .7em !important; padding: 0 !important; border: 0 !important; font-size: .95em;
  font-style: normal; }
.cqa-answer mark { background: #fde68a; color: #1f2937; padding: 0 .1em; border-radius: 3px; }
.cqa-versions { margin: 0 .7em .5em .7em; }
.cqa-versions > summary { cursor: pointer; font-size: .85em; padding: .35em 0; min-height: 28px;
  box-sizing: border-box; }
.cqa-nearest > summary { cursor: pointer; padding: .3em 0; min-height: 28px; box-sizing: border-box; }
.cqa-grid { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: .5em; margin-top: .4em; }
@media (max-width: 900px) { .cqa-grid { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
@media (max-width: 560px) { .cqa-grid { grid-template-columns: minmax(0, 1fr); } }
.cqa-version { padding: .4em .55em; border: 1px solid var(--border-color-primary); border-radius: 6px;
  font-size: .88em; background: var(--background-fill-primary); }
.cqa-version-lang { font-weight: 700; font-size: .85em; margin-bottom: .2em; }
.cqa-actions { display: flex; flex-wrap: wrap; align-items: flex-start; gap: .4em; margin-top: .6em;
  font-size: .85em; }
.cqa-act { display: inline-flex; align-items: center; box-sizing: border-box; min-height: 32px; min-width: 44px;
  padding: .15em .8em; border-radius: 6px; cursor: pointer;
  border: 1px solid var(--border-color-primary); background: var(--background-fill-primary);
  color: var(--body-text-color) !important; text-decoration: none !important; font: inherit; }
.cqa-act:hover { background: var(--background-fill-secondary); }
.cqa-details > summary { cursor: pointer; padding: 0 .5em; min-height: 32px; line-height: 32px;
  box-sizing: border-box; border-radius: 6px; }
.cqa-details[open] { flex-basis: 100%; }
.cqa-details p { margin: .2em 0 !important; }
.cqa-meta { font-size: .95em; }

/* --- Browse -------------------------------------------------------------------------------------- */
.cqa-browse .cqa-section h2 { margin: 1em 0 .3em 0; font-size: 1.05em; }
/* Six languages side by side: a row per clause, so its versions stand level; Arabic right to left in its
   column. A phone scrolls the table sideways in its own box (the box takes focus, so keys scroll it). */
/* Every flex box from the page down to it may shrink below the table's width (flex items default to their
   content's width): otherwise the whole page, not the table's box, would scroll sideways. */
.gradio-container, .gradio-container > .main, .gradio-container > .main > .wrap, .gradio-container main,
#cqa-tabs, #cqa-tabs > .column, #cqa-tab-browse, #cqa-tab-browse .column, #cqa-browse, #cqa-browse > *,
.cqa-browse { min-width: 0 !important; max-width: 100%; }
.cqa-par-scroll { overflow-x: auto; max-width: 100%; border: 1px solid var(--border-color-primary);
  border-radius: 8px; }
.cqa-par { width: 100%; min-width: 60rem; table-layout: fixed; border-collapse: collapse; font-size: .88em; }
.cqa-par th, .cqa-par td { padding: .45em .55em; vertical-align: top; text-align: start;
  border-bottom: 1px solid var(--border-color-primary); }
.cqa-par thead th { position: sticky; top: 0; background: var(--background-fill-secondary); font-size: .95em; }
.cqa-par th[scope="row"], .cqa-par thead th:first-child { width: 3rem; text-align: center; position: sticky;
  inset-inline-start: 0; background: var(--background-fill-secondary); }
.cqa-par-section td, .cqa-par-section td h2 { font-weight: 700; font-size: 1em; margin: 0; }
.cqa-par-section { background: var(--background-fill-secondary); }
.cqa-par-title { margin: 0; }
.cqa-par mark { background: #fde68a; color: #1f2937; padding: 0 .1em; border-radius: 3px; }
@media (max-width: 640px) { .cqa-par { min-width: 84rem; } }
.cqa-browse .cqa-lead-in { font-style: italic; margin: .2em 0 .5em 0; }
.cqa-source .cqa-lead-in { font-style: italic; font-size: .9em; opacity: .8; margin: .3em 0 .2em 0; }
.cqa-browse .cqa-clause { display: flex; gap: .6em; align-items: baseline; margin: .35em 0; }
.cqa-browse .cqa-clause p { margin: 0; }
.cqa-browse .cqa-clause-num { flex: none; min-width: 2em; text-align: center; font-weight: 700;
  border-radius: 6px; background: var(--background-fill-secondary); padding: 0 .3em; }
.cqa-browse-count { font-size: .85em; }
.cqa-browse mark { background: #fde68a; color: #1f2937; padding: 0 .1em; border-radius: 3px; }

/* --- phone --------------------------------------------------------------------------------------- */
@media (max-width: 640px) {
  .gradio-container .main { padding-left: 8px !important; padding-right: 8px !important; }
  #cqa-chat .message-row { margin-left: 2px !important; margin-right: 2px !important; }
  .cqa-head h1 { font-size: 1.05rem; }
  .cqa-head .cqa-intro { font-size: .85rem; }
  #cqa-top { gap: .25rem; }
  #cqa-ui-lang { flex-basis: 100% !important; width: 100% !important; }
  #cqa-ui-lang [data-testid="block-info"] { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0, 0, 0, 0); white-space: nowrap; }
  #cqa-chat .message { padding: .5em .6em; }
  /* Browse: the language menu above the search box (Gradio puts both in one .form box) */
  #cqa-browse-tools .form { flex-wrap: wrap !important; }
  #cqa-browse-tools .form > .block { flex: 1 1 100% !important; min-width: 0 !important; }
}
"""

# Runs once in the page. Delegated listeners, so messages streamed in later need no wiring.
JS = """
() => {
  const q = (s, r = document) => r.querySelector(s);
  const copyText = async (text) => {
    try { await navigator.clipboard.writeText(text); return true; } catch (e) {
      const t = document.createElement('textarea');
      t.value = text; t.setAttribute('readonly', ''); t.style.position = 'fixed'; t.style.opacity = '0';
      document.body.appendChild(t); t.select();
      let ok = false; try { ok = document.execCommand('copy'); } catch (e2) { ok = false; }
      t.remove(); return ok;
    }
  };
  const confirm = (el) => {  // swap the control's label for its "done" label for a moment
    const a = q('.cqa-act-label', el), d = q('.cqa-act-done', el);
    if (!a || !d) return;
    a.hidden = true; d.hidden = false;
    setTimeout(() => { a.hidden = false; d.hidden = true; }, 1800);
  };
  document.addEventListener('click', (ev) => {
    const t = ev.target && ev.target.closest ? ev.target : null;
    if (!t) return;
    const chip = t.closest('a.cqa-chip');
    if (chip) {
      const id = decodeURIComponent((chip.getAttribute('href') || '').slice(1));
      const el = id ? document.getElementById(id) : null;
      if (!el) return;
      ev.preventDefault();
      if (el.tagName === 'DETAILS') el.open = true;
      el.scrollIntoView({behavior: 'smooth', block: 'center'});
      el.classList.remove('cqa-flash'); void el.offsetWidth; el.classList.add('cqa-flash');
      setTimeout(() => el.classList.remove('cqa-flash'), 1600);
      const s = q('summary', el); if (s) s.focus({preventScroll: true});
      return;
    }
    const copy = t.closest('button.cqa-copy');
    if (copy) {
      const md = q('.cqa-md', copy.closest('.cqa-answer'));
      if (md) copyText(md.textContent).then((ok) => { if (ok) confirm(copy); });
      return;
    }
    const share = t.closest('a.cqa-share');
    if (share) {
      ev.preventDefault(); ev.stopPropagation();
      const url = new URL(share.getAttribute('href'), location.href);
      url.searchParams.set('lang', uiLang());  // the interface language now, not when the answer came
      copyText(url.href).then((ok) => { if (ok) confirm(share); });
    }
  }, true);
  const uiLang = () => { const h = q('#cqa-header .cqa-head'); return (h && h.lang) || 'en'; };
  document.addEventListener('keydown', (ev) => {
    const t = ev.target;
    if (!t || !t.matches) return;
    // A dropdown: Gradio takes every key for typing, Tab too, and reopens the list as focus leaves it.
    // Tab only moves focus (stopped here, in the capture phase, before Gradio's handler sees it).
    if (ev.key === 'Tab' && t.matches('input[role="combobox"]')) { ev.stopPropagation(); return; }
    // Ask / Browse: the WAI-ARIA tabs pattern. Arrows move to and select the next tab (mirrored right to
    // left), Home / End the first / last; Tab leaves the tab list.
    const tab = t.closest('#cqa-tabs [role="tablist"] [role="tab"]');
    if (!tab) return;
    const tabs = [...tab.parentElement.querySelectorAll('[role="tab"]')].filter((b) => !b.disabled);
    const i = tabs.indexOf(tab), rtl = getComputedStyle(tab).direction === 'rtl';
    const step = {ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1}[ev.key];
    const j = step !== undefined ? (i + step + tabs.length) % tabs.length
      : ev.key === 'Home' ? 0 : ev.key === 'End' ? tabs.length - 1 : null;
    if (j === null) return;
    ev.preventDefault();
    const next = tabs[j];
    next.click(); next.focus();
    requestAnimationFrame(() => {  // Gradio may render the tab list anew on selection
      const again = document.getElementById(next.id); if (again && document.activeElement !== again) again.focus();
    });
  }, true);
  // Gradio's own few words (API link, its loading and error texts) in the interface language too: its
  // translations are switched by the function its settings panel uses.
  let gradioLocale = null;
  const syncGradioLocale = (lang) => {
    const code = lang === 'zh' ? 'zh-CN' : lang;
    if (gradioLocale === code) return;
    gradioLocale = code;
    const core = performance.getEntriesByType('resource').map((e) => e.name)
      .find((n) => /\\/assets\\/core-[^/]+\\.js$/.test(n));
    if (core) import(core).then((m) => { if (m.changeLocale) m.changeLocale(code); }).catch(() => {});
  };
  // An empty question changes nothing: Enter does nothing and Send is disabled. While an answer is being
  // written (Stop shown), Enter waits too: one answer at a time.
  document.addEventListener('keypress', (ev) => {
    const t = ev.target;
    if (ev.key === 'Enter' && !ev.shiftKey && t && t.matches && t.matches('#cqa-question textarea')
        && (!t.value.trim() || q('#cqa-question button.stop-button'))) {
      ev.preventDefault(); ev.stopImmediatePropagation();
    }
  }, true);
  const syncSend = () => {
    const ta = q('#cqa-question textarea'), b = q('#cqa-question button.submit-button');
    if (ta && b) { const empty = !ta.value.trim(); if (b.disabled !== empty) b.disabled = empty; }
  };
  document.addEventListener('input', syncSend, true);
  setInterval(syncSend, 200);
  let asked = 0, shown = false;
  const fix = () => {
    // Gradio names each message with its raw HTML; our markup carries its own hidden "Answer:" label.
    document.querySelectorAll('#cqa-chat [data-testid="user"][aria-label], #cqa-chat [data-testid="bot"][aria-label]')
      .forEach((el) => el.removeAttribute('aria-label'));
    const ta = q('#cqa-question textarea'), title = q('#cqa-question [data-testid="block-info"]');
    if (ta && title) {
      const name = title.textContent.trim();
      if (name && ta.getAttribute('aria-label') !== name) ta.setAttribute('aria-label', name);
    }
    document.querySelectorAll('#cqa-question textarea, #cqa-search textarea')
      .forEach((t) => { if (t.getAttribute('dir') !== 'auto') t.setAttribute('dir', 'auto'); });
    const head = q('#cqa-header .cqa-head');
    if (head) {
      const root = document.documentElement;
      if (root.lang !== head.lang) root.lang = head.lang;
      if (root.dir !== head.dir) root.dir = head.dir;
      if (head.hasAttribute('data-chosen') && !shown) {  // the page has just been shown (see the CSS)
        shown = true;
        const box = q('#cqa-question textarea');
        if (box && (!document.activeElement || document.activeElement === document.body)) box.focus({preventScroll: true});
      }
      const title = q('h1', head);
      if (title && document.title !== title.textContent) document.title = title.textContent;
      syncGradioLocale(head.lang);
      const log = q('#cqa-chat [role="log"]'), name = head.dataset.chatName;
      if (log && name && log.getAttribute('aria-label') !== name) log.setAttribute('aria-label', name);
    }
    // Tabs: only the selected tab is in the Tab order (the arrows reach the other); each panel is named by
    // its tab.
    document.querySelectorAll('#cqa-tabs [role="tablist"] [role="tab"]').forEach((b) => {
      const want = b.getAttribute('aria-selected') === 'true' ? '0' : '-1';
      if (b.getAttribute('tabindex') !== want) b.setAttribute('tabindex', want);
      const panel = b.getAttribute('aria-controls') && document.getElementById(b.getAttribute('aria-controls'));
      if (panel && b.id && panel.getAttribute('aria-labelledby') !== b.id) panel.setAttribute('aria-labelledby', b.id);
    });
    // A new question scrolls to the top of the view, its answer appears under it.
    const questions = document.querySelectorAll('#cqa-chat .cqa-question');
    if (questions.length > asked) {
      const last = questions[questions.length - 1];
      (last.closest('.message-row') || last).scrollIntoView({behavior: 'smooth', block: 'start'});
    }
    asked = questions.length;
    syncSend();
  };
  fix();
  new MutationObserver(fix).observe(document.body,
    {childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label', 'lang', 'aria-selected']});
  // Gradio's translations set <html lang> to their own code ("zh-CN"): the page's is the interface language's.
  new MutationObserver(fix).observe(document.documentElement, {attributes: true, attributeFilter: ['lang', 'dir']});
}
"""

# The "Export" button: the conversation as Markdown, built in the page (nothing is written on the server).
EXPORT_JS = """
() => {
  const text = (el) => {
    const c = el.cloneNode(true);
    c.querySelectorAll('.cqa-sr, .cqa-actions, .cqa-md').forEach((x) => x.remove());
    const ps = [...c.querySelectorAll('p')].map((p) => p.textContent.trim()).filter(Boolean);
    return ps.length ? ps.join('\\n\\n') : c.textContent.trim();
  };
  const label = (el, fallback) => {
    const s = el.querySelector('.cqa-sr');
    return s ? s.textContent.replace(/[:：]\\s*$/, '').trim() : fallback;
  };
  const title = document.querySelector('#cqa-header h1');
  const out = ['# ' + (title ? title.textContent.trim() : 'Beijing Consensus Q&A'), ''];
  document.querySelectorAll('#cqa-chat .cqa-question, #cqa-chat .cqa-answer').forEach((el) => {
    if (el.classList.contains('cqa-question')) {
      out.push('## ' + label(el, 'Question'), '', text(el), '');
    } else {
      const md = el.querySelector('.cqa-md');
      out.push('### ' + label(el, 'Answer'), '', md ? md.textContent.trim() : text(el), '');
    }
  });
  const blob = new Blob([out.join('\\n')], {type: 'text/markdown;charset=utf-8'});
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob); a.download = 'consensus-qa-conversation.md';
  document.body.appendChild(a); a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  return [];
}
"""

# The interface language this browser chose before (demo.load's input; None: none stored).
LOAD_LANG_JS = """
(lang) => { try { return localStorage.getItem('cqa-ui-lang') || null; } catch (e) { return null; } }
"""

# Remember the interface language chosen, and keep an address's ?lang= in step with it (a reload keeps it).
STORE_LANG_JS = """
(lang, shown, query) => {
  try { localStorage.setItem('cqa-ui-lang', lang); } catch (e) { /* private mode: not remembered */ }
  const url = new URL(location.href);
  if (url.searchParams.has('lang')) { url.searchParams.set('lang', lang); history.replaceState(history.state, '', url); }
  return [lang, shown, query];
}
"""
