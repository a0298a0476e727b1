"""Shared helpers for the server benchmarks: an AWS JSON 1.0 client on one persistent connection,
starting and stopping servers, and reading a process's CPU time from /proc.

Standard library only, so the client runs on any python3 (>= 3.9); moto runs in its own venv.
"""

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
WORKLOADS = os.path.join(HERE, "workloads")
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
CLK_TCK = os.sysconf("SC_CLK_TCK")
ROLE = "arn:aws:iam::123456789012:role/bench"
# moto picks the service from the SigV4 credential scope; Cortado ignores the header.
AUTH = "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=0"


class AWSError(Exception):
    def __init__(self, status, body):
        super().__init__(f"{status} {body}")
        self.status = status
        self.body = body
        self.type = body.get("__type", "") if isinstance(body, dict) else ""


class Client:
    """AWS JSON 1.0 over one keep-alive connection (reopened if the server closes it)."""

    def __init__(self, port, host="127.0.0.1", prefix="AWSStepFunctions", service="states", timeout=120):
        self.host, self.port, self.prefix, self.timeout = host, port, prefix, timeout
        self.headers = {
            "Content-Type": "application/x-amz-json-1.0",
            "Authorization": AUTH.format(service=service),
        }
        self.conn = None

    def _connect(self):
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        self.conn.connect()
        self.conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def raw(self, action, body):
        """(status, parsed body); retries once on a connection the server had closed."""
        data = json.dumps(body).encode()
        headers = dict(self.headers)
        headers["X-Amz-Target"] = f"{self.prefix}.{action}"
        for attempt in (0, 1):
            if self.conn is None:
                self._connect()
            try:
                self.conn.request("POST", "/", body=data, headers=headers)
                resp = self.conn.getresponse()
                payload = resp.read()
                if resp.getheader("Connection", "").lower() == "close" or resp.version == 10:
                    self.conn.close()
                    self.conn = None
                return resp.status, (json.loads(payload) if payload else {})
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError, http.client.CannotSendRequest):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise

    def __call__(self, action, body):
        status, out = self.raw(action, body)
        if status >= 300:
            raise AWSError(status, out)
        return out

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(port, path, timeout=60.0, proc=None):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", path)
            r = c.getresponse()
            r.read()
            c.close()
            if r.status < 500:
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"server on port {port} did not answer {path} within {timeout}s")


def cortado_bin():
    b = os.environ.get("CORTADO_BIN") or os.path.join(ROOT, ".build-release", "release", "cortado")
    if not os.access(b, os.X_OK):
        raise SystemExit(
            f"no cortado binary at {b}: build it with\n"
            f"  swift build -c release --scratch-path .build-release --product cortado\n"
            f"or set CORTADO_BIN"
        )
    return b


class Server:
    """A server process with its port, data directory and CPU accounting."""

    def __init__(self, name, argv, port, health, env=None, data=None):
        self.name, self.port, self.data = name, port, data
        self.log = tempfile.NamedTemporaryFile(prefix=f"{name}-", suffix=".log", delete=False)
        self.proc = subprocess.Popen(argv, stdout=self.log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        try:
            wait_http(port, health, proc=self.proc)
        except Exception:
            self.stop()
            raise

    @property
    def pid(self):
        return self.proc.pid

    def cpu(self):
        """User + system CPU seconds of the server process (all its threads)."""
        return proc_cpu(self.pid)

    def rss_mib(self):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        if self.data and os.environ.get("KEEP_DATA") != "1":
            shutil.rmtree(self.data, ignore_errors=True)

    def log_tail(self, n=20):
        with open(self.log.name, errors="replace") as f:
            return "".join(f.readlines()[-n:])


def proc_cpu(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def start_cortado(time_scale=None, log_level="error"):
    binary = cortado_bin()
    port = free_port()
    data = tempfile.mkdtemp(prefix="cortado-bench-", dir=os.environ.get("BENCH_DATA_DIR"))
    argv = [binary, "serve", "--port", str(port), "--data", data, "--log-level", log_level]
    if time_scale:
        argv += ["--time-scale", str(time_scale)]
    try:
        return Server("cortado", argv, port, "/health", data=data)
    except OSError:
        shutil.rmtree(data, ignore_errors=True)  # the binary could not be started at all
        raise


def start_moto():
    port = free_port()
    venv = os.environ.get("MOTO_VENV") or os.path.join(HERE, ".venv-moto")
    argv = [os.path.join(venv, "bin", "moto_server"), "-p", str(port)]
    s = Server("moto", argv, port, "/moto-api/")
    # Without this switch moto answers executions with canned results instead of running them.
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("POST", "/moto-api/config", body=json.dumps({"stepfunctions": {"execute_state_machine": True}}),
              headers={"Content-Type": "application/json"})
    r = c.getresponse()
    r.read()
    c.close()
    if r.status >= 300:
        s.stop()
        raise RuntimeError(f"moto config refused: {r.status}")
    return s


class FsyncCounter:
    """Counts a process's fsync/fdatasync calls and context switches with `perf stat` over a window
    (count and context_switches stay None when perf is unavailable or NO_PERF=1).

    With PERF_RECORD=FILE set, also samples the process's stacks over the same window with
    `perf record -g` into FILE.<pid> for `perf report`.
    """

    EVENTS = ["syscalls:sys_enter_fdatasync", "syscalls:sys_enter_fsync", "context-switches"]

    def __init__(self, pid):
        self.proc = None
        self.count = None
        self.context_switches = None
        self.record = None
        if os.environ.get("PERF_RECORD") and shutil.which("perf"):
            self.record = subprocess.Popen(
                ["perf", "record", "-F", os.environ.get("PERF_FREQ", "499"), "-g", "-p", str(pid),
                 "-o", f"{os.environ['PERF_RECORD']}.{pid}"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if shutil.which("perf") is None or os.environ.get("NO_PERF") == "1":
            return
        self.out = tempfile.NamedTemporaryFile(prefix="perf-", suffix=".txt", delete=False)
        self.proc = subprocess.Popen(
            ["perf", "stat", "-x,", "-e", ",".join(self.EVENTS), "-p", str(pid)],
            stdout=subprocess.DEVNULL, stderr=self.out)
        time.sleep(0.3)  # let perf attach before the measured window

    def stop(self):
        if self.record is not None:
            self.record.send_signal(signal.SIGINT)
            self.record.wait()
        if self.proc is None:
            return None
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait()
        self.out.close()
        counts = {}
        with open(self.out.name) as f:
            for line in f:
                parts = line.strip().split(",")
                if len(parts) > 2 and parts[2] in self.EVENTS:
                    try:
                        counts[parts[2]] = int(parts[0])
                    except ValueError:
                        pass
        os.unlink(self.out.name)
        if "syscalls:sys_enter_fdatasync" in counts and "syscalls:sys_enter_fsync" in counts:
            self.count = counts["syscalls:sys_enter_fdatasync"] + counts["syscalls:sys_enter_fsync"]
        self.context_switches = counts.get("context-switches")
        return self.count


def system_busy():
    """CPU seconds the whole machine spent busy (all CPUs) since boot, from /proc/stat."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + (v[4] if len(v) > 4 else 0)
    return (sum(v[:8]) - idle) / CLK_TCK


class Window:
    """A measured interval: wall time, the server's CPU, this client's CPU (with reaped children such as
    wrk or worker processes) and what the rest of the machine used, so a noisy neighbour shows."""

    def __init__(self, server):
        self.server = server
        self.t0, self.cpu0, self.busy0, self.me0 = time.time(), server.cpu(), system_busy(), self._me()

    @staticmethod
    def _me():
        t = os.times()
        return t.user + t.system + t.children_user + t.children_system

    def stop(self):
        self.wall = time.time() - self.t0
        self.server_cpu = self.server.cpu() - self.cpu0
        self.client_cpu = self._me() - self.me0
        busy = system_busy() - self.busy0
        self.other_cpu = max(0.0, busy - self.server_cpu - self.client_cpu)
        return self

    def summary(self):
        return {"wall_s": self.wall, "server_cpu_s": self.server_cpu, "server_cores": self.server_cpu / self.wall,
                "client_cores": self.client_cpu / self.wall, "other_cores": self.other_cpu / self.wall}


def load_workload(name):
    with open(os.path.join(WORKLOADS, f"{name}.asl.json")) as f:
        definition = json.load(f)
    with open(os.path.join(WORKLOADS, f"{name}.meta.json")) as f:
        meta = json.load(f)
    return definition, meta


def create_machine(client, name, definition, type_="STANDARD"):
    out = client("CreateStateMachine", {
        "name": name, "definition": json.dumps(definition), "roleArn": ROLE, "type": type_})
    return out["stateMachineArn"]


def list_count(client, sm_arn, status=None):
    n, token = 0, None
    while True:
        body = {"stateMachineArn": sm_arn, "maxResults": 1000}
        if status:
            body["statusFilter"] = status
        if token:
            body["nextToken"] = token
        out = client("ListExecutions", body)
        n += len(out.get("executions", []))
        token = out.get("nextToken")
        if not token:
            return n


def history(client, arn, reverse=False, limit=None):
    events, token = [], None
    while True:
        body = {"executionArn": arn, "reverseOrder": reverse, "maxResults": limit or 1000}
        if token:
            body["nextToken"] = token
        out = client("GetExecutionHistory", body)
        events += out["events"]
        token = out.get("nextToken")
        if not token or limit:
            return events


def state_entered(events):
    return sum(1 for e in events if e["type"].endswith("StateEntered"))


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = (len(sorted_values) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


def machine_info():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"nproc": len(os.sched_getaffinity(0)), "cpu": model}


def save(result_dir, name, obj):
    if result_dir:
        with open(os.path.join(result_dir, f"{name}.json"), "w") as f:
            json.dump(obj, f, indent=1)
