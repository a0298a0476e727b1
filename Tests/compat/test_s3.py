"""S3's REST API through boto3 (client and resource, path- and virtual-host style), the AWS CLI (`aws s3`
and `aws s3api`) and urllib for presigned URLs: buckets, objects, ranges and conditions, lists,
copies, multipart uploads, presigned GET and PUT (valid, tampered, expired), and S3's errors.

Error codes and messages pinned here are S3's, as its API reference gives them.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import time
import urllib.error
import urllib.request
import uuid

import boto3
import pytest
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError

from support import CREDENTIALS, REGION

SECRET = CREDENTIALS["AWS_SECRET_ACCESS_KEY"]


def s3_client(endpoint: str, style: str = "path", signature: str | None = None):
    session = boto3.session.Session(
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"], aws_secret_access_key=SECRET, region_name=REGION)
    return session.client("s3", endpoint_url=endpoint, config=Config(
        s3={"addressing_style": style}, retries={"total_max_attempts": 1, "mode": "standard"}, read_timeout=120,
        signature_version=signature))


@pytest.fixture
def localhost_names(monkeypatch):
    """`<bucket>.localhost` resolves to 127.0.0.1 (glibc here does not resolve *.localhost itself)."""
    import socket
    real = socket.getaddrinfo

    def resolve(host, *args, **kwargs):
        if isinstance(host, str) and host.endswith(".localhost"):
            host = "127.0.0.1"
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)


@pytest.fixture(scope="module")
def s3srv(cortado_bin):
    """A server whose presigned URLs are checked with the suite's secret key."""
    from conftest import _stop_cleanly
    from support import CortadoServer

    s = CortadoServer(cortado_bin, ["--s3-secret-key", SECRET])
    s.start()
    yield s
    _stop_cleanly(s)


@pytest.fixture(scope="module")
def s3(s3srv):
    return s3_client(s3srv.endpoint)


@pytest.fixture
def bucket(s3):
    name = f"b-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=name)
    return name


def code(e: ClientError) -> str:
    return e.response["Error"]["Code"]


def test_buckets(s3):
    name = f"b-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=name)
    assert name in [b["Name"] for b in s3.list_buckets()["Buckets"]]
    s3.head_bucket(Bucket=name)
    assert s3.get_bucket_location(Bucket=name)["LocationConstraint"] is None
    with pytest.raises(ClientError) as e:
        s3.create_bucket(Bucket=name)
    assert code(e.value) == "BucketAlreadyOwnedByYou"
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409
    s3.put_object(Bucket=name, Key="k", Body=b"x")
    with pytest.raises(ClientError) as e:
        s3.delete_bucket(Bucket=name)
    assert code(e.value) == "BucketNotEmpty"
    s3.delete_object(Bucket=name, Key="k")
    s3.delete_bucket(Bucket=name)
    with pytest.raises(ClientError) as e:
        s3.head_bucket(Bucket=name)
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    with pytest.raises(ClientError) as e:
        s3.create_bucket(Bucket="Bad_Name")
    assert code(e.value) == "InvalidBucketName"
    eu = f"b-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=eu, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    assert s3.get_bucket_location(Bucket=eu)["LocationConstraint"] == "eu-west-1"


def test_put_get_head_delete(s3, bucket):
    body = b"hello, objects"
    put = s3.put_object(Bucket=bucket, Key="dir/a b+c%.txt", Body=body, ContentType="text/plain",
                        Metadata={"Color": "blue"})
    assert put["ETag"] == '"%s"' % hashlib.md5(body).hexdigest()
    got = s3.get_object(Bucket=bucket, Key="dir/a b+c%.txt")
    assert got["Body"].read() == body
    assert got["ContentType"] == "text/plain"
    assert got["Metadata"] == {"color": "blue"}
    assert got["ETag"] == put["ETag"]
    head = s3.head_object(Bucket=bucket, Key="dir/a b+c%.txt")
    assert head["ContentLength"] == len(body)
    s3.delete_object(Bucket=bucket, Key="dir/a b+c%.txt")
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=bucket, Key="dir/a b+c%.txt")
    assert code(e.value) == "NoSuchKey"
    assert e.value.response["Error"]["Message"] == "The specified key does not exist."
    with pytest.raises(ClientError) as e:
        s3.head_object(Bucket=bucket, Key="nope")
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket="no-such-bucket-cortado", Key="k")
    assert code(e.value) == "NoSuchBucket"


def test_content_md5(s3, bucket):
    import base64
    good = base64.b64encode(hashlib.md5(b"abc").digest()).decode()
    s3.put_object(Bucket=bucket, Key="m", Body=b"abc", ContentMD5=good)
    with pytest.raises(ClientError) as e:
        s3.put_object(Bucket=bucket, Key="m", Body=b"abd", ContentMD5=good)
    assert code(e.value) == "BadDigest"
    assert s3.get_object(Bucket=bucket, Key="m")["Body"].read() == b"abc"


def test_ranges_and_conditions(s3, bucket):
    s3.put_object(Bucket=bucket, Key="r", Body=b"0123456789")
    r = s3.get_object(Bucket=bucket, Key="r", Range="bytes=2-5")
    assert r["Body"].read() == b"2345"
    assert r["ContentRange"] == "bytes 2-5/10"
    assert r["ResponseMetadata"]["HTTPStatusCode"] == 206
    assert s3.get_object(Bucket=bucket, Key="r", Range="bytes=-3")["Body"].read() == b"789"
    assert s3.get_object(Bucket=bucket, Key="r", Range="bytes=7-")["Body"].read() == b"789"
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=bucket, Key="r", Range="bytes=20-30")
    assert code(e.value) == "InvalidRange"
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 416
    etag = s3.head_object(Bucket=bucket, Key="r")["ETag"]
    assert s3.get_object(Bucket=bucket, Key="r", IfMatch=etag)["Body"].read() == b"0123456789"
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=bucket, Key="r", IfMatch='"nope"')
    assert code(e.value) == "PreconditionFailed"
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=bucket, Key="r", IfNoneMatch=etag)
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 304
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=bucket, Key="r", IfModifiedSince=time.time() + 3600)
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 304


def test_lists(s3, bucket):
    keys = ["a/1", "a/2", "a/b/3", "b/1", "c", "d%+ é"]
    for k in keys:
        s3.put_object(Bucket=bucket, Key=k, Body=k.encode())
    all_ = s3.list_objects_v2(Bucket=bucket)
    assert [o["Key"] for o in all_["Contents"]] == sorted(keys, key=lambda k: k.encode())
    assert all_["KeyCount"] == len(keys)
    d = s3.list_objects_v2(Bucket=bucket, Delimiter="/")
    assert [p["Prefix"] for p in d["CommonPrefixes"]] == ["a/", "b/"]
    assert [o["Key"] for o in d["Contents"]] == ["c", "d%+ é"]
    p = s3.list_objects_v2(Bucket=bucket, Prefix="a/", Delimiter="/")
    assert [o["Key"] for o in p["Contents"]] == ["a/1", "a/2"]
    assert [c["Prefix"] for c in p["CommonPrefixes"]] == ["a/b/"]
    seen, token = [], None
    while True:
        kw = {"ContinuationToken": token} if token else {}
        page = s3.list_objects_v2(Bucket=bucket, MaxKeys=2, **kw)
        seen += [o["Key"] for o in page.get("Contents", [])]
        if not page["IsTruncated"]:
            break
        token = page["NextContinuationToken"]
    assert seen == sorted(keys, key=lambda k: k.encode())
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, StartAfter="b/1")["Contents"]] == ["c", "d%+ é"]
    v1 = s3.list_objects(Bucket=bucket, Marker="a/2")
    assert [o["Key"] for o in v1["Contents"]] == ["a/b/3", "b/1", "c", "d%+ é"]
    paginator = s3.get_paginator("list_objects")
    pages = list(paginator.paginate(Bucket=bucket, Delimiter="/", PaginationConfig={"PageSize": 1}))
    assert [cp["Prefix"] for pg in pages for cp in pg.get("CommonPrefixes", [])] == ["a/", "b/"]
    with pytest.raises(ClientError) as e:
        s3.list_objects_v2(Bucket="no-such-bucket-cortado")
    assert code(e.value) == "NoSuchBucket"


def test_delete_objects_and_copy(s3, bucket):
    for k in ["x", "y", "z"]:
        s3.put_object(Bucket=bucket, Key=k, Body=k.encode(), Metadata={"m": k})
    out = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "x"}, {"Key": "y"}, {"Key": "missing"}]})
    assert sorted(d["Key"] for d in out["Deleted"]) == ["missing", "x", "y"]
    quiet = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "nothing"}], "Quiet": True})
    assert "Deleted" not in quiet
    c = s3.copy_object(Bucket=bucket, Key="z2", CopySource={"Bucket": bucket, "Key": "z"})
    assert c["CopyObjectResult"]["ETag"] == '"%s"' % hashlib.md5(b"z").hexdigest()
    assert s3.head_object(Bucket=bucket, Key="z2")["Metadata"] == {"m": "z"}
    s3.copy_object(Bucket=bucket, Key="z3", CopySource=f"{bucket}/z", MetadataDirective="REPLACE",
                   Metadata={"n": "1"}, ContentType="text/x")
    h = s3.head_object(Bucket=bucket, Key="z3")
    assert h["Metadata"] == {"n": "1"} and h["ContentType"] == "text/x"
    with pytest.raises(ClientError) as e:
        s3.copy_object(Bucket=bucket, Key="z", CopySource=f"{bucket}/z")
    assert code(e.value) == "InvalidRequest"
    with pytest.raises(ClientError) as e:
        s3.copy_object(Bucket=bucket, Key="q", CopySource=f"{bucket}/missing")
    assert code(e.value) == "NoSuchKey"
    s3.delete_object(Bucket=bucket, Key="z")
    assert s3.get_object(Bucket=bucket, Key="z2")["Body"].read() == b"z"


def test_multipart(s3, bucket, tmp_path):
    data = os.urandom(12 * 1024 * 1024 + 17)
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    s3.upload_file(str(path), bucket, "big", Config=TransferConfig(multipart_threshold=5 << 20, multipart_chunksize=5 << 20))
    head = s3.head_object(Bucket=bucket, Key="big")
    assert head["ContentLength"] == len(data)
    parts = [data[i:i + (5 << 20)] for i in range(0, len(data), 5 << 20)]
    combined = hashlib.md5(b"".join(hashlib.md5(p).digest() for p in parts)).hexdigest()
    assert head["ETag"] == f'"{combined}-{len(parts)}"'
    assert s3.get_object(Bucket=bucket, Key="big")["Body"].read() == data
    up = s3.create_multipart_upload(Bucket=bucket, Key="m")["UploadId"]
    e1 = s3.upload_part(Bucket=bucket, Key="m", UploadId=up, PartNumber=1, Body=b"a" * 10)["ETag"]
    assert [p["PartNumber"] for p in s3.list_parts(Bucket=bucket, Key="m", UploadId=up)["Parts"]] == [1]
    with pytest.raises(ClientError) as e:
        s3.complete_multipart_upload(Bucket=bucket, Key="m", UploadId=up,
                                     MultipartUpload={"Parts": [{"PartNumber": 2, "ETag": e1}]})
    assert code(e.value) == "InvalidPart"
    s3.complete_multipart_upload(Bucket=bucket, Key="m", UploadId=up, MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": e1}]})
    assert s3.get_object(Bucket=bucket, Key="m")["Body"].read() == b"a" * 10
    up2 = s3.create_multipart_upload(Bucket=bucket, Key="n")["UploadId"]
    s3.abort_multipart_upload(Bucket=bucket, Key="n", UploadId=up2)
    with pytest.raises(ClientError) as e:
        s3.list_parts(Bucket=bucket, Key="n", UploadId=up2)
    assert code(e.value) == "NoSuchUpload"


def test_large_object(s3, bucket):
    data = os.urandom(100 * 1024 * 1024)
    s3.put_object(Bucket=bucket, Key="large", Body=data)
    got = s3.get_object(Bucket=bucket, Key="large")["Body"].read()
    assert hashlib.md5(got).digest() == hashlib.md5(data).digest()


def test_virtual_host_and_resource(s3srv, bucket, localhost_names):
    port = s3srv.endpoint.rsplit(":", 1)[1]
    virtual = s3_client(f"http://localhost:{port}", style="virtual")
    virtual.put_object(Bucket=bucket, Key="v/k", Body=b"virtual")
    assert virtual.get_object(Bucket=bucket, Key="v/k")["Body"].read() == b"virtual"
    assert [o["Key"] for o in virtual.list_objects_v2(Bucket=bucket)["Contents"]] == ["v/k"]
    virtual.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "v/k"}]})
    session = boto3.session.Session(
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"], aws_secret_access_key=SECRET, region_name=REGION)
    res = session.resource("s3", endpoint_url=s3srv.endpoint)
    b = res.Bucket(bucket)
    b.put_object(Key="r1", Body=b"one")
    assert [o.key for o in b.objects.all()] == ["r1"]
    assert res.Object(bucket, "r1").get()["Body"].read() == b"one"
    b.objects.all().delete()
    assert list(b.objects.all()) == []


@pytest.mark.parametrize("signature", [None, "s3v4"])
def test_presigned(s3srv, bucket, signature):
    """botocore presigns with SigV2 by default here, SigV4 when configured; both are checked."""
    s3 = s3_client(s3srv.endpoint, signature=signature)
    s3.put_object(Bucket=bucket, Key="p k", Body=b"presigned")
    url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "p k"}, ExpiresIn=60)
    with urllib.request.urlopen(url) as r:
        assert r.read() == b"presigned"
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(url.replace("Signature=", "Signature=0"))
    assert e.value.code == 403 and b"<Code>SignatureDoesNotMatch</Code>" in e.value.read()
    other = url.replace("p%20k", "other")
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(other)
    assert e.value.code == 403
    put = s3.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": "up"}, ExpiresIn=60)
    request = urllib.request.Request(put, data=b"uploaded", method="PUT", headers={"Content-Type": ""})
    with urllib.request.urlopen(request) as r:
        assert r.status == 200
    assert s3.get_object(Bucket=bucket, Key="up")["Body"].read() == b"uploaded"
    short = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "p k"}, ExpiresIn=1)
    time.sleep(2.2)
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(short)
    body = e.value.read()
    assert e.value.code == 403 and b"<Code>AccessDenied</Code>" in body and b"Request has expired" in body


def test_error_xml(s3srv):
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(s3srv.endpoint + "/no-such-bucket-cortado/key")
    body = e.value.read().decode()
    assert e.value.code == 404
    assert "<Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message>" in body
    assert "<RequestId>" in body


def cli(endpoint: str, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.update(CREDENTIALS)
    env["AWS_CONFIG_FILE"] = os.devnull
    env["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    return subprocess.run(["aws", "--endpoint-url", endpoint, *args], capture_output=True, text=True, env=env, timeout=120)


def test_aws_cli(s3srv, tmp_path):
    name = f"cli-{uuid.uuid4().hex[:10]}"
    assert cli(s3srv.endpoint, "s3", "mb", f"s3://{name}").returncode == 0
    src = tmp_path / "f.txt"
    src.write_text("from the cli")
    r = cli(s3srv.endpoint, "s3", "cp", str(src), f"s3://{name}/dir/f.txt")
    assert r.returncode == 0, r.stderr
    ls = cli(s3srv.endpoint, "s3", "ls", f"s3://{name}/dir/")
    assert ls.returncode == 0 and "f.txt" in ls.stdout, ls.stderr
    top = cli(s3srv.endpoint, "s3", "ls", f"s3://{name}")
    assert "PRE dir/" in top.stdout
    out = tmp_path / "back.txt"
    assert cli(s3srv.endpoint, "s3", "cp", f"s3://{name}/dir/f.txt", str(out)).returncode == 0
    assert out.read_text() == "from the cli"
    head = cli(s3srv.endpoint, "--output", "json", "s3api", "head-object", "--bucket", name, "--key", "dir/f.txt")
    assert json.loads(head.stdout)["ContentLength"] == len("from the cli")
    assert cli(s3srv.endpoint, "s3", "rm", f"s3://{name}/dir/f.txt").returncode == 0
    missing = cli(s3srv.endpoint, "s3api", "get-object", "--bucket", name, "--key", "dir/f.txt", str(out))
    assert missing.returncode != 0 and "NoSuchKey" in missing.stderr
    assert cli(s3srv.endpoint, "s3", "rb", f"s3://{name}").returncode == 0
