// Calls to Cortado's APIs from the console: the same AWS JSON, Lambda REST and S3 REST the SDKs use,
// unsigned (Cortado does not check signatures), plus the change stream (docs/architecture/console.md).

/** An error answered by an API: AWS's error name and message. */
export class AwsError extends Error {
  constructor(type, message, status) {
    super(message || type);
    this.type = type;
    this.status = status;
  }
}

const jsonVersions = { AWSEvents: "1.1", Logs_20140328: "1.1" };

/** An AWS JSON action: `aws("AWSStepFunctions.ListStateMachines", {})` → the parsed answer. */
export async function aws(target, body = {}) {
  const prefix = target.split(".")[0];
  let response;
  try {
    response = await fetch("/", {
      method: "POST",
      headers: {
        "Content-Type": `application/x-amz-json-${jsonVersions[prefix] || "1.0"}`,
        "X-Amz-Target": target,
      },
      body: JSON.stringify(body),
    });
  } catch (e) {
    throw new AwsError("NetworkError", `Cortado did not answer (${e.message}). Is the server running?`, 0);
  }
  const text = await response.text();
  let value = {};
  if (text) {
    try {
      value = JSON.parse(text);
    } catch {
      throw new AwsError("InvalidResponse", `${target} answered something that is not JSON`, response.status);
    }
  }
  if (!response.ok) {
    const type = String(value.__type || "InternalFailure").split("#").pop();
    throw new AwsError(type, value.message || value.Message || text, response.status);
  }
  return value;
}

/** Step Functions (AWS JSON 1.0). */
export const sfn = (action, body) => aws(`AWSStepFunctions.${action}`, body);
/** EventBridge (AWS JSON 1.1). */
export const events = (action, body) => aws(`AWSEvents.${action}`, body);
/** CloudWatch Logs (AWS JSON 1.1). */
export const logs = (action, body) => aws(`Logs_20140328.${action}`, body);
/** DynamoDB (AWS JSON 1.0). */
export const dynamodb = (action, body) => aws(`DynamoDB_20120810.${action}`, body);

/**
 * Lambda's REST API: `lambda("GET", "/2015-03-31/functions/")`. Answers the parsed JSON body; for
 * Invoke, `{status, headers, text}` when `raw` is set.
 */
export async function lambda(method, path, body, { raw = false, headers = {} } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: { "Content-Type": "application/json", ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  } catch (e) {
    throw new AwsError("NetworkError", `Cortado did not answer (${e.message})`, 0);
  }
  const text = await response.text();
  if (raw && response.ok) return { status: response.status, headers: response.headers, text };
  let value = {};
  try {
    value = text ? JSON.parse(text) : {};
  } catch {
    if (!response.ok) throw new AwsError("InternalFailure", text, response.status);
    return text;
  }
  if (!response.ok) {
    const type = response.headers.get("x-amzn-ErrorType") || value.Type || value.__type || "ServiceException";
    throw new AwsError(String(type).split(":")[0], value.message || value.Message || text, response.status);
  }
  return value;
}

/**
 * S3's REST API, path-style: `s3("GET", "/bucket", {"list-type": "2", prefix: "a/"})` → an XML Document
 * (or the Response for an object GET when `raw` is set). S3's errors are XML `<Error><Code>…`.
 */
export async function s3(method, path, query = {}, { raw = false, body, headers = {} } = {}) {
  const search = new URLSearchParams(query).toString();
  let response;
  try {
    // Accept: not text/html, so the server never takes an S3 call for a console page.
    response = await fetch(path + (search ? `?${search}` : ""), {
      method,
      body,
      headers: { Accept: "application/xml", ...headers },
    });
  } catch (e) {
    throw new AwsError("NetworkError", `Cortado did not answer (${e.message})`, 0);
  }
  if (raw && response.ok) return response;
  const text = await response.text();
  const doc = text ? new DOMParser().parseFromString(text, "application/xml") : null;
  if (!response.ok) {
    const code = doc?.querySelector("Error > Code")?.textContent || `HTTP${response.status}`;
    const message = doc?.querySelector("Error > Message")?.textContent || text;
    throw new AwsError(code, message, response.status);
  }
  return doc;
}

/**
 * Listens to the change stream: `onChange(topic)` is called (coalesced by the server) whenever one of
 * `topics` changes. Also calls `onChange(null)` every `pollSeconds` as a fallback (other nodes, a stream
 * that dropped). Answers a function that stops listening.
 */
export function subscribe(topics, onChange, { pollSeconds = 10 } = {}) {
  const query = topics.map((t) => `topic=${encodeURIComponent(t)}`).join("&");
  const live = document.getElementById("live");
  const source = new EventSource(`/_console/changes?${query}`);
  source.addEventListener("open", () => live?.classList.add("on"));
  source.addEventListener("error", () => live?.classList.remove("on"));
  source.addEventListener("change", (e) => {
    let topic = null;
    try {
      topic = JSON.parse(e.data).topic;
    } catch {
      /* a malformed message still means "something changed" */
    }
    onChange(topic);
  });
  const timer = setInterval(() => onChange(null), pollSeconds * 1000);
  return () => {
    clearInterval(timer);
    source.close();
    live?.classList.remove("on");
  };
}
