// The assistant's text as DOM nodes: a small markdown subset (headings, paragraphs, line
// breaks, **bold**, "- " and "1. " lists, [links](https://...)) and nothing else. Every
// piece of text becomes a text node (createElement/textContent, never innerHTML), so
// "<script>" in a message is shown as it is.
(function () {
  "use strict";
  const INLINE = /\*\*(.+?)\*\*|\[([^\]\n]+)\]\(([^()\s]+)\)/g;
  const HEADING = /^\s*(#{1,6})\s+(.+?)\s*#*\s*$/;
  const BULLET = /^\s*[-*•]\s+/;
  const NUMBERED = /^\s*(\d+)[.)]\s+/;
  const SAFE_SCHEMES = ["http:", "https:"];
  // The page's own headings are h1 (the page) and h2 (the conversation), so a message's
  // "# Title" is an h3 and "## Section" an h4: the outline of the page stays whole.
  const HEADING_OFFSET = 2;

  // Only web addresses: http(s), or a path on this site ("/profiles/12"). Anything else
  // (javascript:, data:, mailto:, "//elsewhere") stays text.
  function safeHref(href) {
    if (/^\/(?![/\\])/.test(href)) { return href; }
    try {
      const url = new URL(href);
      return SAFE_SCHEMES.includes(url.protocol) ? url.href : null;
    } catch (err) {
      return null;
    }
  }

  function inline(parent, text) {
    let last = 0;
    for (const match of text.matchAll(INLINE)) {
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      if (match[1] !== undefined) {
        const strong = document.createElement("strong");
        inline(strong, match[1]);
        parent.appendChild(strong);
      } else {
        parent.appendChild(link(match[2], match[3], match[0]));
      }
      last = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  // A link opens in a new tab, so the conversation stays where it was.
  function link(label, href, original) {
    const safe = safeHref(href);
    if (!safe) { return document.createTextNode(original); }
    const a = document.createElement("a");
    a.href = safe;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    a.textContent = label;
    return a;
  }

  function heading(line) {
    const match = HEADING.exec(line);
    const level = Math.min(6, match[1].length + HEADING_OFFSET);
    const element = document.createElement("h" + level);
    inline(element, match[2]);
    return element;
  }

  function block(lines) {
    const kind = kindOf(lines[0]);
    if (kind === "h") { return heading(lines[0]); }
    const element = document.createElement(kind);
    if (kind === "ol") {
      const first = Number(NUMBERED.exec(lines[0])[1]);
      if (first !== 1) { element.start = first; }
    }
    lines.forEach(function (line, index) {
      if (kind === "p") {
        if (index > 0) { element.appendChild(document.createElement("br")); }
        inline(element, line);
      } else {
        const item = document.createElement("li");
        inline(item, line.replace(kind === "ul" ? BULLET : NUMBERED, ""));
        element.appendChild(item);
      }
    });
    return element;
  }

  function kindOf(line) {
    return HEADING.test(line) ? "h" : BULLET.test(line) ? "ul" : NUMBERED.test(line) ? "ol" : "p";
  }

  // Blocks: runs of lines of one kind, split at blank lines; a heading is a block alone.
  function render(text) {
    const fragment = document.createDocumentFragment();
    let run = [];
    String(text).split(/\r?\n/).forEach(function (line) {
      const kind = line.trim() ? kindOf(line) : null;
      if (!kind || kind === "h" || (run.length && kind !== kindOf(run[0]))) {
        if (run.length) { fragment.appendChild(block(run)); }
        run = kind ? [line] : [];
      } else {
        run.push(line);
      }
    });
    if (run.length) { fragment.appendChild(block(run)); }
    return fragment;
  }

  window.KBSBotText = {render: render};
})();
