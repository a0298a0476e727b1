// Cortado's Lambda runtime for Node.js (18, 20, 22); Node built-ins only.
//
// Cortado starts one of these per function instance. It loads the handler named by _HANDLER, then asks
// the Runtime API at AWS_LAMBDA_RUNTIME_API for events, one at a time, over one keep-alive connection.
// What a function sees (handler resolution, the context object, console lines, error documents) follows
// AWS's Node.js runtime, with the function's directory shown as /var/task and this file as
// /var/runtime/index.mjs. See ../README.md for the contract.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import util from 'node:util';

const API = '/2018-06-01/runtime';
const AWS_TASK_ROOT = '/var/task';
const AWS_RUNTIME_FILE = '/var/runtime/index.mjs';
const BOOTSTRAP_FILE = fileURLToPath(import.meta.url);
const ERROR_TYPE_HEADER = 'Lambda-Runtime-Function-Error-Type';
// Where AWS's runtime and some libraries (e.g. Powertools) look for the current request id.
const REQUEST_ID = Symbol.for('aws.lambda.runtime.requestId');

const require = createRequire(import.meta.url);
const env = process.env;
const taskRoot = path.resolve(env.LAMBDA_TASK_ROOT || process.cwd());

// ---------------------------------------------------------------------------------------------------------
// Errors the runtime itself raises. AWS names them `Runtime.<Class>`; the name is set on the prototype so
// that it is already in place when V8 writes the first line of the stack.

class ImportModuleError extends Error {}
class HandlerNotFound extends Error {}
class MalformedHandlerName extends Error {}
class UserCodeSyntaxError extends Error {}
class UnhandledPromiseRejection extends Error {}
class NodeJsExit extends Error {}
for (const type of [
  ImportModuleError,
  HandlerNotFound,
  MalformedHandlerName,
  UserCodeSyntaxError,
  UnhandledPromiseRejection,
  NodeJsExit,
]) {
  type.prototype.name = `Runtime.${type.name}`;
}

// ---------------------------------------------------------------------------------------------------------
// Paths. Users read stack traces against the layout they deploy to, so the task root reads as /var/task
// and this file as AWS's runtime entry point. Longer prefixes go first: on macOS /tmp/x is also
// /private/tmp/x, and replacing the short one first would leave "/private" in front.

function rewriterFor(root) {
  const roots = new Set([root]);
  try {
    roots.add(fs.realpathSync(root));
  } catch {
    // A missing task root fails later, with the module that cannot be found.
  }
  const pairs = [];
  for (const r of roots) {
    if (r === '/' || r === AWS_TASK_ROOT) continue;
    pairs.push([pathToFileURL(r).href + '/', `file://${AWS_TASK_ROOT}/`], [r + '/', `${AWS_TASK_ROOT}/`]);
  }
  pairs.push(
    [import.meta.url, pathToFileURL(AWS_RUNTIME_FILE).href],
    [BOOTSTRAP_FILE, AWS_RUNTIME_FILE],
  );
  pairs.sort((a, b) => b[0].length - a[0].length);
  return (text) => {
    for (const [from, to] of pairs) {
      if (text.includes(from)) text = text.split(from).join(to);
    }
    return text;
  };
}

const rewrite = rewriterFor(taskRoot);
const bootstrapUrl = import.meta.url;

function isBootstrapFrame(line) {
  return /^\s+at /.test(line) && (line.includes(bootstrapUrl) || line.includes(BOOTSTRAP_FILE));
}

/** A stack as AWS reports it: one entry per line, without this file's frames, paths as on AWS. */
function traceLines(stack) {
  return stack
    .split('\n')
    .filter((line) => !isBootstrapFrame(line))
    .map(rewrite);
}

function looksLikeError(value) {
  return Boolean(
    value &&
      typeof value.name === 'string' &&
      value.name &&
      typeof value.message === 'string' &&
      value.message &&
      typeof value.stack === 'string' &&
      value.stack,
  );
}

/** The document AWS posts for a failed invocation or init: {errorType, errorMessage, trace}. */
function errorDocument(error) {
  try {
    if (util.types.isNativeError(error) || looksLikeError(error)) {
      return {
        errorType: error.name,
        errorMessage: rewrite(error.message),
        trace: traceLines(error.stack),
      };
    }
    return { errorType: typeof error, errorMessage: rewrite(error.toString()), trace: [] };
  } catch {
    // AWS's answer when name, message or stack cannot be read (e.g. a thrown undefined).
    return {
      errorType: 'handled',
      errorMessage:
        'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

/** The JSON AWS logs after "Invoke Error" and "Uncaught Exception": an error's fields plus its own. */
function formattedForLog(error) {
  let value = error;
  try {
    if (!(util.types.isNativeError(error) || error instanceof Error)) value = new Error(error);
    // Rewritten as a whole: own fields (an fs error's `path`, say) hold paths too.
    const json = JSON.stringify(value, (_key, v) => {
      if (!(v instanceof Error)) return v;
      const fields = Object.assign({ errorType: v.name, errorMessage: v.message, code: v.code }, v);
      if (typeof v.stack === 'string') fields.stack = traceLines(v.stack);
      return fields;
    });
    return '\t' + rewrite(json);
  } catch {
    return '\t' + JSON.stringify(errorDocument(value));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Console. One call is one line on stdout: `<ISO time>\t<request id>\t<LEVEL>\t<message>`, newlines inside
// the message turned into CR so that Cortado keeps them in one log event (it turns CR back into newlines).
// Before the first invocation the request id reads "undefined", as on AWS.

const LEVELS = { TRACE: 1, DEBUG: 2, INFO: 3, WARN: 4, ERROR: 5, FATAL: 6 };
const minimumLevel = LEVELS[(env.AWS_LAMBDA_LOG_LEVEL || '').toUpperCase()] || LEVELS.TRACE;

function writeLog(level, args) {
  if (LEVELS[level] < minimumLevel) return;
  const line = `${new Date().toISOString()}\t${globalThis[REQUEST_ID]}\t${level}\t${util.format(...args)}`;
  process.stdout.write(line.replace(/\n/g, '\r') + '\n');
}

function patchConsole() {
  const logger = (level) => (...args) => writeLog(level, args);
  console.trace = logger('TRACE');
  console.debug = logger('DEBUG');
  console.info = logger('INFO');
  console.log = console.info;
  console.warn = logger('WARN');
  console.error = logger('ERROR');
  console.fatal = logger('FATAL');
}

function logError(label, error) {
  writeLog('ERROR', [label, formattedForLog(error)]);
}

/** Resolves once what was written to stdout and stderr has left the process (Cortado reads the pipes). */
function flushOutput() {
  const pending = [];
  for (const stream of [process.stdout, process.stderr]) {
    // Pipes are synchronous on Linux, so this is normally nothing; elsewhere a write may still be queued.
    if (stream.writableLength > 0) pending.push(new Promise((resolve) => stream.write('', resolve)));
  }
  return pending.length ? Promise.all(pending) : null;
}

// ---------------------------------------------------------------------------------------------------------
// The Runtime API client: a minimal HTTP/1.1 client on one socket. Node's http module would do, but it
// costs tens of microseconds per request and hides the socket we need to ref/unref; requests here are
// strictly one at a time, so a few dozen lines of parsing are enough.

class RuntimeApi {
  constructor(address) {
    const colon = address.lastIndexOf(':');
    this.host = address.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
    this.port = Number(address.slice(colon + 1));
    this.hostHeader = address;
    this.socket = null;
    this.input = Buffer.alloc(0);
    this.pending = null;
  }

  /** GET next: waits as long as it takes (long poll). Returns {headers, body}. */
  async next() {
    const response = await this.request('GET', `${API}/invocation/next`, '', '');
    if (response.status !== 200) {
      throw new Error(`Runtime API answered ${response.status} to GET next: ${response.body.toString()}`);
    }
    return response;
  }

  postResponse(requestId, body) {
    return this.request(
      'POST',
      `${API}/invocation/${encodeURIComponent(requestId)}/response`,
      'Content-Type: application/json\r\n',
      body,
    );
  }

  postError(requestId, error) {
    return this.postErrorDocument(`${API}/invocation/${encodeURIComponent(requestId)}/error`, error);
  }

  postInitError(error) {
    return this.postErrorDocument(`${API}/init/error`, error);
  }

  postErrorDocument(target, error) {
    const document = errorDocument(error);
    const headers =
      'Content-Type: application/json\r\n' + `${ERROR_TYPE_HEADER}: ${headerValue(document.errorType)}\r\n`;
    return this.request('POST', target, headers, JSON.stringify(document));
  }

  /** The event loop may end while a handler runs (see Runtime.invoke); the idle socket must not keep it. */
  hold(keepAlive) {
    if (this.socket) keepAlive ? this.socket.ref() : this.socket.unref();
  }

  request(method, target, headers, body) {
    if (!this.socket) this.connect();
    this.socket.ref();
    let head = `${method} ${target} HTTP/1.1\r\nHost: ${this.hostHeader}\r\n${headers}`;
    if (method !== 'GET') head += `Content-Length: ${Buffer.byteLength(body)}\r\n`;
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject, status: 0, headers: null, length: 0, chunked: false, chunks: [] };
      // Head and body in one write: one segment on the wire, no Nagle or delayed-ACK stall.
      this.socket.write(head + '\r\n' + body);
    });
  }

  connect() {
    const socket = net.connect({ host: this.host, port: this.port });
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.received(chunk));
    socket.on('error', (error) => this.closed(socket, error));
    socket.on('close', () => this.closed(socket, new Error('the Runtime API closed the connection')));
    this.socket = socket;
    this.input = Buffer.alloc(0);
  }

  closed(socket, error) {
    if (this.socket !== socket) return;
    this.socket = null;
    const pending = this.pending;
    if (!pending) return;
    if (pending.headers && pending.length === Infinity) {
      this.finish(this.input); // a body delimited by the end of the connection
    } else {
      this.pending = null;
      pending.reject(error);
    }
  }

  received(chunk) {
    this.input = this.input.length ? Buffer.concat([this.input, chunk]) : chunk;
    while (this.pending && this.parse()) {
      // keep going: a chunk may hold an interim response and the final one
    }
  }

  /** Advances the pending response with the bytes in `input`; true if it made progress worth repeating. */
  parse() {
    const p = this.pending;
    if (!p.headers) {
      const end = this.input.indexOf('\r\n\r\n');
      if (end < 0) return false;
      const lines = this.input.toString('utf8', 0, end).split('\r\n');
      this.input = this.input.subarray(end + 4);
      const status = Number(lines[0].split(' ')[1]);
      if (status >= 100 && status < 200) return true; // interim (100 Continue): the real answer follows
      const headers = {};
      for (let i = 1; i < lines.length; i++) {
        const colon = lines[i].indexOf(':');
        if (colon > 0) headers[lines[i].slice(0, colon).trim().toLowerCase()] = lines[i].slice(colon + 1).trim();
      }
      p.status = status;
      p.headers = headers;
      p.chunked = /chunked/i.test(headers['transfer-encoding'] || '');
      if (headers['content-length'] !== undefined) p.length = Number(headers['content-length']);
      else if (p.chunked || status === 204 || status === 304) p.length = 0;
      else p.length = Infinity;
    }
    if (p.chunked) return this.parseChunk(p);
    if (p.length === Infinity || this.input.length < p.length) return false;
    const body = this.input.subarray(0, p.length);
    this.input = this.input.subarray(p.length);
    this.finish(body);
    return false;
  }

  parseChunk(p) {
    const eol = this.input.indexOf('\r\n');
    if (eol < 0) return false;
    const size = parseInt(this.input.toString('latin1', 0, eol), 16);
    if (size === 0) {
      const trailersEnd = this.input.indexOf('\r\n\r\n', eol);
      if (trailersEnd < 0) return false;
      this.input = this.input.subarray(trailersEnd + 4);
      this.finish(Buffer.concat(p.chunks));
      return false;
    }
    if (this.input.length < eol + 2 + size + 2) return false;
    p.chunks.push(this.input.subarray(eol + 2, eol + 2 + size));
    this.input = this.input.subarray(eol + 2 + size + 2);
    return true;
  }

  finish(body) {
    const p = this.pending;
    this.pending = null;
    if (/close/i.test(p.headers.connection || '') && this.socket) {
      this.socket.destroy();
      this.socket = null;
    }
    p.resolve({ status: p.status, headers: p.headers, body });
  }
}

/** Header values must be visible ASCII; an error's name is user text. */
function headerValue(text) {
  return String(text).replace(/[^\x20-\x7e]/g, (c) => encodeURIComponent(c));
}

// ---------------------------------------------------------------------------------------------------------
// Loading the handler, as AWS does: `[dir/]module.property.path`, the module being the text up to the
// first dot of the last path segment.

async function loadHandler(root, fullHandler) {
  if (fullHandler.includes('..')) {
    throw new MalformedHandlerName(
      `'${fullHandler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const base = path.basename(fullHandler);
  const moduleRoot = fullHandler.slice(0, fullHandler.length - base.length);
  const match = /^([^.]*)\.(.*)$/.exec(base);
  if (!match) throw new MalformedHandlerName('Bad handler');
  const [, moduleName, propertyPath] = match;

  let userModule;
  try {
    userModule = await loadModule(root, moduleRoot, moduleName);
  } catch (error) {
    if (error instanceof SyntaxError) throw new UserCodeSyntaxError(error);
    if (error && error.code === 'MODULE_NOT_FOUND') throw new ImportModuleError(error);
    throw error;
  }
  const handler = propertyPath.split('.').reduce((value, key) => value && value[key], userModule);
  if (!handler) throw new HandlerNotFound(`${fullHandler} is undefined or not exported`);
  if (typeof handler !== 'function') throw new HandlerNotFound(`${fullHandler} is not a function`);
  return handler;
}

async function loadModule(root, moduleRoot, moduleName) {
  const file = path.resolve(root, moduleRoot, moduleName);
  if (fs.existsSync(file)) return require(file);
  if (isFile(file + '.js')) {
    if (isTypeModule(path.dirname(file), root)) return import(pathToFileURL(file + '.js').href);
    try {
      return require(file + '.js');
    } catch (error) {
      // ESM syntax in a .js file that no package.json marks as a module: let the ESM loader decide.
      if (error && error.code === 'ERR_REQUIRE_ESM') return import(pathToFileURL(file + '.js').href);
      throw error;
    }
  }
  if (isFile(file + '.mjs')) return import(pathToFileURL(file + '.mjs').href);
  if (isFile(file + '.cjs')) return require(file + '.cjs');
  // Like AWS: last, Node's own resolution from the task root (a package in node_modules, a directory).
  // When that fails too, its "Cannot find module" becomes Runtime.ImportModuleError.
  return require(require.resolve(moduleName, { paths: [root, path.join(root, moduleRoot)] }));
}

function isFile(file) {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return Boolean(stat && stat.isFile());
}

/**
 * Whether the nearest package.json marks .js files as ES modules. The search stops at the task root, not at
 * "/", so that a package.json above the function's code (Cortado's own checkout, say) cannot change it.
 */
function isTypeModule(folder, root) {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    if (dir.endsWith(`${path.sep}node_modules`)) return false;
    const manifest = path.join(dir, 'package.json');
    if (isFile(manifest)) {
      try {
        return JSON.parse(fs.readFileSync(manifest, 'utf8')).type === 'module';
      } catch {
        return false;
      }
    }
    if (dir === root || dir === path.dirname(dir) || !dir.startsWith(root)) return false;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Invocations.

const functionData = {
  functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
  functionName: env.AWS_LAMBDA_FUNCTION_NAME,
  memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
  logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
  logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
};

function parseHeaderJson(text, name) {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`Cannot parse ${name} as json: ${error.toString()}`);
  }
}

function serialize(result) {
  let body;
  try {
    body = JSON.stringify(result === undefined ? null : result);
  } catch {
    throw new Error('Unable to stringify response body');
  }
  return body === undefined ? 'null' : body; // a function or a symbol has no JSON form
}

/**
 * Runs invocations one after another. The class is named Runtime and the handler is called as its
 * `handler` method, as in AWS's runtime, so that user frames read the same (`at Runtime.handler (...)`,
 * `at exports.other [as handler] (...)`).
 */
class Runtime {
  constructor(api, handler) {
    this.api = api;
    this.handler = handler;
    this.isAsync = handler.constructor && handler.constructor.name === 'AsyncFunction';
    this.phase = 'idle'; // idle (waiting for next) | invoke | post
    this.report = null; // ends the current invocation; set while phase is 'invoke'
    this.exitAfterPost = null;
    this.onEmptyLoop = null; // what to do if the event loop runs dry during an invocation
  }

  async run() {
    process.on('beforeExit', () => {
      const action = this.onEmptyLoop;
      this.onEmptyLoop = null;
      if (action) action();
    });
    for (;;) {
      this.phase = 'idle';
      const next = await this.api.next();
      this.phase = 'invoke';
      const outcome = await this.invoke(next.headers, next.body);
      this.phase = 'post';
      this.api.hold(true);
      const id = next.headers['lambda-runtime-aws-request-id'];
      let body = null;
      let error = outcome.error;
      if (!('error' in outcome)) {
        try {
          body = serialize(outcome.result);
        } catch (serializationError) {
          error = serializationError;
        }
      }
      // After a crash the error is already logged (as "Uncaught Exception" and the like).
      if (body === null && outcome.exitCode === undefined) logError('Invoke Error', error);
      await flushOutput();
      if (body === null) await this.api.postError(id, error);
      else await this.api.postResponse(id, body);
      if (this.exitAfterPost !== null) process.exit(this.exitAfterPost);
      if (outcome.exitCode !== undefined) process.exit(outcome.exitCode);
    }
  }

  /**
   * Calls the handler and resolves with {result} or {error} (plus exitCode after a crash). An invocation
   * ends with whichever comes first: the returned promise settling, the callback, context.succeed/fail/
   * done, or the event loop running dry. The socket is unref'd meanwhile, so "the event loop is empty" is
   * observable, which gives callbackWaitsForEmptyEventLoop and sync handlers their AWS meaning.
   */
  invoke(headers, body) {
    const id = headers['lambda-runtime-aws-request-id'];
    globalThis[REQUEST_ID] = id;
    if (headers['lambda-runtime-trace-id']) env._X_AMZN_TRACE_ID = headers['lambda-runtime-trace-id'];
    else delete env._X_AMZN_TRACE_ID;

    // The handler is called here rather than inside a Promise executor, which would add a frame to traces.
    let resolve;
    const outcome = new Promise((r) => (resolve = r));
    let reported = false;
    const report = (settled) => {
      if (reported) return;
      reported = true;
      this.report = null;
      this.onEmptyLoop = null;
      resolve(settled);
    };
    this.report = report;
    const succeedWith = (result) => report({ result });
    const failWith = (error) => report({ error });

    // Only the first of callback, succeed, fail and done counts.
    let finished = false;
    const once = (fn) =>
      function (...args) {
        if (finished) return;
        fn(...args);
        finished = true;
      };
    let waitsForEmptyLoop = true;
    const callback = once((error, result) => {
      this.onEmptyLoop = null;
      if (error !== undefined && error !== null) failWith(error);
      else if (!waitsForEmptyLoop) succeedWith(result);
      else this.onEmptyLoop = () => succeedWith(result);
    });
    const done = (error, result) => {
      this.onEmptyLoop = null;
      if (error !== undefined && error !== null) failWith(error);
      else succeedWith(result);
    };
    const context = {
      get callbackWaitsForEmptyEventLoop() {
        return waitsForEmptyLoop;
      },
      set callbackWaitsForEmptyEventLoop(value) {
        waitsForEmptyLoop = value;
      },
      succeed: once((result) => done(null, result)),
      fail: once((error) => done(error === undefined || error === null ? 'handled' : error)),
      done: once(done),
    };

    // Neither a settled promise nor a callback by the time nothing is left to run: an async handler's
    // promise can no longer settle (an error); a plain function simply returned (null, as on AWS).
    this.onEmptyLoop = this.isAsync
      ? () => failWith(new NodeJsExit('The handler returned a promise that never settled and nothing was left to run'))
      : () => succeedWith(null);
    this.api.hold(false);

    try {
      const deadline = Number(headers['lambda-runtime-deadline-ms']);
      Object.assign(context, functionData, {
        clientContext: parseHeaderJson(headers['lambda-runtime-client-context'], 'ClientContext'),
        identity: parseHeaderJson(headers['lambda-runtime-cognito-identity'], 'CognitoIdentity'),
        invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
        awsRequestId: id,
        getRemainingTimeInMillis: () => deadline - Date.now(),
      });
      const result = this.handler(JSON.parse(body.toString('utf8')), context, callback);
      if (result && typeof result.then === 'function') result.then(context.succeed, context.fail);
    } catch (error) {
      callback(error);
    }
    return outcome;
  }

  /** An uncaught exception or unhandled rejection: report it for the invocation under way, then exit. */
  crash(error, exitCode) {
    if (this.report) this.report({ error, exitCode });
    else if (this.phase === 'idle') process.exit(exitCode); // nothing to report it for; GET next is open
    else this.exitAfterPost = exitCode; // the invocation's answer is on its way; let it arrive first
  }
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  patchConsole();
  if (!env.AWS_LAMBDA_RUNTIME_API) {
    process.stderr.write('bootstrap: AWS_LAMBDA_RUNTIME_API is not set\n');
    process.exit(2);
  }
  const api = new RuntimeApi(env.AWS_LAMBDA_RUNTIME_API);
  let runtime = null;

  // During init a crash is an init error; afterwards it belongs to the invocation under way.
  let initFailed = false;
  const crash = (label, error, exitCode) => {
    logError(label, error);
    if (runtime) return runtime.crash(error, exitCode);
    if (initFailed) return;
    initFailed = true;
    Promise.resolve(flushOutput())
      .then(() => api.postInitError(error))
      .finally(() => process.exit(exitCode));
  };
  process.on('uncaughtException', (error) => crash('Uncaught Exception', error, 129));
  process.on('unhandledRejection', (reason) =>
    crash('Unhandled Promise Rejection', new UnhandledPromiseRejection(reason), 128),
  );

  let handler;
  try {
    handler = await loadHandler(taskRoot, env._HANDLER || '');
  } catch (error) {
    return crash('Uncaught Exception', error, 129);
  }
  // A rejection left unhandled by the module's top level is reported once the current tick ends; wait
  // for that, so that it is an init error (as on AWS) rather than racing the first GET next.
  await new Promise((resolve) => setImmediate(resolve));
  if (initFailed) return;
  runtime = new Runtime(api, handler);
  await runtime.run();
}

main().catch((error) => {
  // Only the Runtime API connection failing gets here; Cortado sees the exit and the stderr line.
  process.stderr.write(`bootstrap: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
