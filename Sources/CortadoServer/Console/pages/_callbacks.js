// Task tokens waiting for a callback, as the execution page and the callbacks inbox show them: one card per
// token with the forms that answer it (SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat).
import { sfn } from "../api.js";
import { h, time, toDate, href, arnName, errorBox, field } from "../ui.js";

/** "12 s ago", "4 min ago", "3 h ago", "2 d ago". */
export function ago(value, now = Date.now()) {
  const d = toDate(value);
  if (!d) return "";
  const s = Math.max(0, Math.round((now - d.getTime()) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

/** A token shortened for display: its start and end. */
export function shortToken(token) {
  const t = String(token || "");
  return t.length > 28 ? `${t.slice(0, 14)}…${t.slice(-10)}` : t;
}

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (or no permission): select the text in a scratch field and copy that.
    const scratch = h("textarea", { class: "scratch", "aria-hidden": "true", tabindex: "-1" });
    scratch.value = text;
    document.body.append(scratch);
    scratch.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    scratch.remove();
    return ok;
  }
}

/** A submit button that is disabled while its form's action runs. */
function submit(label, kind = "") {
  const b = h("button", { type: "submit", class: `btn ${kind}` });
  b.textContent = label;
  return b;
}

/** Wires a form: `action()` runs on submit with the buttons disabled; `valid()` may veto it. */
function onSubmit(form, buttons, action, valid = () => true) {
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!valid() || buttons.some((b) => b.disabled)) return;
    for (const b of buttons) b.disabled = true;
    try {
      await action();
    } finally {
      for (const b of buttons) b.disabled = false;
      valid();
    }
  });
}

/**
 * A card for one waiting callback `cb` ({executionArn, stateMachineArn, executionName, stateName, resource,
 * taskToken, scheduledDate, heartbeatSeconds?}). `showExecution` adds the execution and machine (the inbox);
 * `onAnswered(kind)` is called after a success or failure was accepted (the token no longer waits).
 */
export function callbackCard(cb, { showExecution = false, onAnswered = () => {} } = {}) {
  const result = h("div", { class: "cb-result", "aria-live": "polite" });
  const show = (...nodes) => result.replaceChildren(...nodes);
  const call = async (action, body, done) => {
    try {
      await sfn(action, { taskToken: cb.taskToken, ...body });
    } catch (e) {
      show(errorBox(e, { title: `${action} failed:` }));
      return false;
    }
    show(h("div", { class: "ok-note" }, done));
    return true;
  };

  // Send success: the output must be JSON, checked as it is typed; nothing is sent until it is.
  const output = h("textarea", { class: "code cb-output", rows: "4", spellcheck: "false", "aria-describedby": null });
  output.value = "{}";
  const outputProblem = h("div", { class: "field-problem", role: "status" });
  const successButton = submit("Send success", "primary");
  const checkOutput = () => {
    let problem = "";
    if (!output.value.trim()) problem = "The output is empty: write a JSON value, e.g. {}.";
    else {
      try {
        JSON.parse(output.value);
      } catch (e) {
        problem = `This is not JSON: ${e.message}`;
      }
    }
    outputProblem.textContent = problem;
    output.classList.toggle("invalid", !!problem);
    output.setAttribute("aria-invalid", String(!!problem));
    successButton.disabled = !!problem;
    return !problem;
  };
  output.addEventListener("input", checkOutput);
  const outputField = field("Output (JSON)", output);
  outputProblem.id = `${output.id}-problem`;
  output.setAttribute("aria-describedby", outputProblem.id);
  outputField.append(outputProblem);
  const successForm = h("form", { class: "cb-form cb-success", "aria-label": "Send success" }, outputField, successButton);
  onSubmit(successForm, [successButton], async () => {
    if (await call("SendTaskSuccess", { output: output.value }, "Success sent: the task is done.")) onAnswered("success");
  }, checkOutput);

  // Send failure: error and cause are both optional, as in SendTaskFailure.
  const error = h("input", { type: "text", class: "cb-error", maxlength: "256", placeholder: "e.g. OrderRejected" });
  const cause = h("textarea", { class: "cb-cause", rows: "2", placeholder: "Why it failed" });
  const failureButton = submit("Send failure", "danger");
  const failureForm = h("form", { class: "cb-form cb-failure", "aria-label": "Send failure" },
    field("Error", error), field("Cause", cause), failureButton);
  onSubmit(failureForm, [failureButton], async () => {
    const body = {};
    if (error.value) body.error = error.value;
    if (cause.value) body.cause = cause.value;
    if (await call("SendTaskFailure", body, "Failure sent: the task failed.")) onAnswered("failure");
  });

  // Send heartbeat: the task keeps waiting.
  const heartbeatButton = submit("Send heartbeat");
  const heartbeatForm = h("form", { class: "cb-form cb-heartbeat", "aria-label": "Send heartbeat" },
    h("p", { class: "hint" }, cb.heartbeatSeconds
      ? `The task fails with States.HeartbeatTimeout if no heartbeat comes within ${cb.heartbeatSeconds} s.`
      : "The task has no heartbeat timeout; a heartbeat only tells it you are still working."),
    heartbeatButton);
  onSubmit(heartbeatForm, [heartbeatButton], async () => {
    await call("SendTaskHeartbeat", {}, `Heartbeat sent at ${new Date().toLocaleTimeString()}.`);
  });

  const copyButton = h("button", { type: "button", class: "btn small cb-copy", title: "Copy the whole task token" }, "Copy token");
  copyButton.addEventListener("click", async () => {
    const ok = await copy(cb.taskToken);
    copyButton.textContent = ok ? "Copied" : "Copy failed";
    setTimeout(() => (copyButton.textContent = "Copy token"), 1500);
  });

  const facts = h("dl", { class: "facts cb-facts" },
    showExecution ? [h("dt", {}, "Execution"), h("dd", {}, h("a", { href: href.execution(cb.executionArn) }, cb.executionName || arnName(cb.executionArn)))] : null,
    showExecution ? [h("dt", {}, "State machine"), h("dd", {}, h("a", { href: href.stateMachine(cb.stateMachineArn) }, arnName(cb.stateMachineArn)))] : null,
    h("dt", {}, "State"), h("dd", { class: "cb-state" }, cb.stateName),
    h("dt", {}, "Waiting since"), h("dd", {}, time(cb.scheduledDate), " ", h("span", { class: "muted cb-ago" }, `(${ago(cb.scheduledDate)})`)),
    h("dt", {}, "Resource"), h("dd", { class: "mono" }, cb.resource),
    h("dt", {}, "Task token"), h("dd", {}, h("code", { class: "cb-token", title: cb.taskToken }, shortToken(cb.taskToken)), " ", copyButton));

  return h("article", {
    class: "callback", "aria-label": `Callback for ${cb.stateName}`,
    dataset: { executionArn: cb.executionArn, state: cb.stateName, token: cb.taskToken },
  }, facts, h("div", { class: "cb-forms" }, successForm, failureForm, heartbeatForm), result);
}

/**
 * A list of waiting callbacks read from ListWaitingCallbacks, paged with "Load more" and refreshed in place:
 * cards whose token still waits are kept as they are (with what was typed in them), new ones are added in
 * order, answered ones disappear.
 */
export class CallbackList {
  constructor({ executionArn = null, pageSize = 25, showExecution = false, empty = "No task is waiting for a callback.", onChange = () => {} } = {}) {
    this.onChange = onChange;
    this.executionArn = executionArn;
    this.pageSize = pageSize;
    this.showExecution = showExecution;
    this.cards = new Map();
    this.nextToken = null;
    this.list = h("div", { class: "callbacks" });
    this.emptyNote = h("p", { class: "muted cb-empty" }, empty);
    this.status = h("div", { class: "pager-status" });
    this.more = h("button", { type: "button", class: "btn" }, "Load more");
    this.more.hidden = true;
    this.more.addEventListener("click", () => this.loadMore());
    this.element = h("div", { class: "callback-list" }, this.emptyNote, this.list, h("div", { class: "pager" }, this.status, this.more));
    this.busy = null;
  }

  async page(nextToken, maxResults) {
    const body = { maxResults };
    if (this.executionArn) body.executionArn = this.executionArn;
    if (nextToken) body.nextToken = nextToken;
    return sfn("ListWaitingCallbacks", body);
  }

  /** Re-reads from the start as many as are shown (at least a page), and reconciles the cards. */
  refresh() {
    // One refresh at a time; a change during one asks for another after it.
    if (this.busy) {
      this.again = true;
      return this.busy;
    }
    this.busy = (async () => {
      do {
        this.again = false;
        const want = Math.min(1000, Math.max(this.pageSize, this.cards.size));
        try {
          const answer = await this.page(null, want);
          this.status.replaceChildren();
          this.show(answer.callbacks || [], false);
          this.nextToken = answer.nextToken || null;
        } catch (e) {
          this.status.replaceChildren(errorBox(e, { title: "The waiting callbacks could not be read." }));
        }
      } while (this.again);
      this.busy = null;
      this.more.hidden = !this.nextToken;
      this.onChange(this);
    })();
    return this.busy;
  }

  async loadMore() {
    if (!this.nextToken) return;
    this.more.disabled = true;
    try {
      const answer = await this.page(this.nextToken, this.pageSize);
      this.status.replaceChildren();
      this.show(answer.callbacks || [], true);
      this.nextToken = answer.nextToken || null;
    } catch (e) {
      this.status.replaceChildren(errorBox(e, { title: "More callbacks could not be read." }));
    } finally {
      this.more.disabled = false;
      this.more.hidden = !this.nextToken;
      this.onChange(this);
    }
  }

  /** Shows `callbacks` in order; `appending` keeps the cards not in it (a further page), else they go. */
  show(callbacks, appending) {
    const seen = new Set();
    for (const cb of callbacks) {
      seen.add(cb.taskToken);
      let card = this.cards.get(cb.taskToken);
      if (!card) {
        card = callbackCard(cb, {
          showExecution: this.showExecution,
          onAnswered: () => {
            // The token no longer waits: the card goes after a moment, its note moves above the list.
            setTimeout(() => this.drop(cb.taskToken), 1200);
          },
        });
        this.cards.set(cb.taskToken, card);
      }
      this.list.append(card); // moves a kept card into its place in the order
    }
    if (!appending) {
      for (const [token, card] of this.cards) {
        if (!seen.has(token) && !card.contains(document.activeElement)) this.drop(token);
      }
    }
    this.emptyNote.hidden = this.cards.size > 0;
    this.onChange(this);
  }

  drop(token) {
    const card = this.cards.get(token);
    if (card) card.remove();
    this.cards.delete(token);
    this.emptyNote.hidden = this.cards.size > 0;
    this.onChange(this);
  }

  get size() {
    return this.cards.size;
  }
}
