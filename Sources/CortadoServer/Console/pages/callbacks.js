// /callbacks: every task token waiting for a callback, across all executions, oldest first
// (AWSStepFunctions.ListWaitingCallbacks, a Cortado extension; docs/architecture/console.md).
import { subscribe } from "../api.js";
import { h, replace, heading, title } from "../ui.js";
import { CallbackList } from "./_callbacks.js";

export async function render(main) {
  title("Callbacks");
  const count = h("p", { class: "muted cb-count", "aria-live": "polite" });
  const list = new CallbackList({
    showExecution: true, pageSize: 25,
    onChange: (l) => (count.textContent = l.size === 0 ? "" : `${l.size}${l.nextToken ? "+" : ""} waiting, oldest first.`),
  });
  replace(main,
    heading("Waiting callbacks", { kind: "Step Functions" }),
    h("p", { class: "muted" },
      "Tasks that run with .waitForTaskToken wait here until someone sends their token back. Answer them from this page ",
      "as your workers would, with SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat."),
    h("section", { class: "panel", "aria-label": "Waiting callbacks" }, count, list.element));
  await list.refresh();
  // The topic changes whenever a callback task is dispatched or answered, or its execution closes.
  return subscribe(["callbacks"], () => list.refresh());
}
