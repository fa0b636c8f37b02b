// The chat widget: talks only to this web app (which talks to Rasa), keeps nothing in the
// browser but the page; the conversation comes back from the server after a reload.
(function () {
  "use strict";
  const root = document.querySelector("[data-kbs-chat]");
  if (!root) { return; }
  const log = root.querySelector(".kbs-log");
  const intro = root.querySelector(".kbs-intro");
  const typing = root.querySelector(".kbs-typing");
  const errorBox = root.querySelector(".kbs-error");
  const form = root.querySelector(".kbs-composer");
  const input = form.querySelector("textarea");
  const sendButton = form.querySelector(".kbs-send");
  const restartButton = form.querySelector(".kbs-restart");
  const maxChars = Number(root.dataset.maxChars);
  const csrfToken = document.querySelector('meta[name="csrf-token"]').content;
  let busy = false;

  function scrollToEnd() { log.scrollTop = log.scrollHeight; }

  function addMessage(message) {
    const item = document.createElement("div");
    item.className = "kbs-msg " + (message.from === "you" ? "you" : "bot");
    const who = document.createElement("span");
    who.className = "visually-hidden";
    who.textContent = message.from === "you" ? "You said: " : "The assistant said: ";
    item.appendChild(who);
    if (message.from === "you") {
      const text = document.createElement("p");
      text.textContent = message.text;  // what you typed is shown exactly as typed
      item.appendChild(text);
    } else {
      item.appendChild(window.KBSBotText.render(message.text));
    }
    if (message.buttons && message.buttons.length) { item.appendChild(replies(message.buttons)); }
    log.appendChild(item);
    intro.hidden = true;
    scrollToEnd();
    return item;
  }

  function replies(buttons) {
    const group = document.createElement("div");
    group.className = "kbs-replies";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Quick replies");
    buttons.forEach(function (b) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = b.title;
      button.addEventListener("click", function () {
        send(b.payload, b.title).then(function (sent) {
          if (sent) { button.classList.add("chosen"); }
        });
        input.focus();
      });
      group.appendChild(button);
    });
    return group;
  }

  // Only the newest set of quick replies can be used; older ones would answer out of turn.
  function setRepliesEnabled(group, enabled) {
    if (group) { group.querySelectorAll("button").forEach(function (b) { b.disabled = !enabled; }); }
  }

  function latestReplies() {
    const groups = log.querySelectorAll(".kbs-replies");
    return groups.length ? groups[groups.length - 1] : null;
  }

  function showError(text, signInLink) {
    errorBox.textContent = text;
    if (signInLink) {
      const a = document.createElement("a");
      a.href = root.dataset.signInUrl;
      a.textContent = "Sign in";
      errorBox.append(" ", a);
    }
  }

  async function call(url, options) {
    const response = await fetch(url, Object.assign({
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken}
    }, options));
    let body = {};
    try { body = await response.json(); } catch (err) { body = {}; }
    return {ok: response.ok, status: response.status, body: body};
  }

  async function send(message, shown) {
    if (busy) { return false; }
    if (message.length > maxChars) {
      showError("That message is " + message.length.toLocaleString("en-GB") +
                " characters; the limit is " + maxChars.toLocaleString("en-GB") +
                ". Please send it in shorter parts; it is still in the box.");
      return false;
    }
    busy = true;
    sendButton.disabled = true;
    showError("");
    const offered = latestReplies();
    setRepliesEnabled(offered, false);
    const mine = addMessage({from: "you", text: shown || message});
    typing.hidden = false;
    const answer = await call(root.dataset.sendUrl, {
      method: "POST", body: JSON.stringify({message: message})}).catch(function () { return null; });
    busy = false;
    sendButton.disabled = false;
    typing.hidden = true;
    if (answer && answer.ok) {
      answer.body.messages.forEach(addMessage);
      return true;
    }
    mine.remove();
    setRepliesEnabled(offered, true);
    if (!answer) {
      showError("The web app did not answer. Your message was not sent; please try again.");
    } else {
      showError(answer.body.error || "Something went wrong (" + answer.status + ").",
                answer.status === 401);
    }
    return false;
  }

  async function loadHistory() {
    try {
      const answer = await call(root.dataset.historyUrl, {method: "GET"});
      if (!answer.ok) { showError(answer.body.error || "The conversation so far cannot be shown."); return; }
      answer.body.messages.forEach(addMessage);
      log.querySelectorAll(".kbs-replies").forEach(function (g) { setRepliesEnabled(g, false); });
      const last = log.lastElementChild;
      if (last && last.classList.contains("bot")) { setRepliesEnabled(latestReplies(), true); }
    } catch (err) {
      showError("The conversation so far cannot be shown just now; you can carry on.");
    }
  }

  async function restart() {
    if (busy || !window.confirm("Start a new conversation? This one will no longer be shown here.")) {
      return;
    }
    const answer = await call(root.dataset.restartUrl, {method: "POST", body: "{}"}).catch(
      function () { return {ok: false, body: {}}; });
    if (!answer.ok) {
      showError(answer.body.error || "Could not start again just now; please try again.");
      return;
    }
    log.replaceChildren();
    intro.hidden = false;
    showError("");
    input.focus();
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    const text = input.value;
    if (!text.trim()) { input.focus(); return; }
    if (await send(text)) { input.value = ""; }
    input.focus();
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  restartButton.addEventListener("click", restart);
  loadHistory();
})();
