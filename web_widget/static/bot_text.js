// The assistant's text as DOM nodes: a small markdown subset (paragraphs, line breaks,
// **bold**, "- " and "1. " lists, [links](https://...)) and nothing else. Every piece of
// text becomes a text node, never HTML, so "<script>" in a message is shown as it is.
(function () {
  "use strict";
  const INLINE = /\*\*(.+?)\*\*|\[([^\]\n]+)\]\(([^()\s]+)\)/g;
  const BULLET = /^\s*[-*•]\s+/;
  const NUMBERED = /^\s*\d+[.)]\s+/;
  const SAFE_SCHEMES = ["http:", "https:", "mailto:", "tel:"];

  function safeHref(href) {
    if (href.startsWith("/") && !href.startsWith("//") && !href.startsWith("/\\")) {
      return href;
    }
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

  function block(lines) {
    const kind = kindOf(lines[0]);
    const element = document.createElement(kind);
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
    return BULLET.test(line) ? "ul" : NUMBERED.test(line) ? "ol" : "p";
  }

  // Blocks: runs of lines of one kind, split at blank lines.
  function render(text) {
    const fragment = document.createDocumentFragment();
    let run = [];
    String(text).split(/\r?\n/).forEach(function (line) {
      if (!line.trim() || (run.length && kindOf(line) !== kindOf(run[0]))) {
        if (run.length) { fragment.appendChild(block(run)); }
        run = line.trim() ? [line] : [];
      } else {
        run.push(line);
      }
    });
    if (run.length) { fragment.appendChild(block(run)); }
    return fragment;
  }

  window.KBSBotText = {render: render};
})();
