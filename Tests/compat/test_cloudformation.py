"""Stacks through CloudFormation's API with the real AWS CLI (query protocol, XML answers): create-stack and
its waiters, describe-*, update-stack, the change sets of `aws cloudformation deploy`, delete-stack, the errors
CloudFormation gives; and `cortado deploy` of a SAM application with local code, which survives kill -9.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from support import AwsCli, AwsCliError, CortadoServer

STACKS = Path(__file__).parent / "fixtures" / "stacks"


def cfn(aws: AwsCli, *args: str):
    return aws(*args, service="cloudformation")


def outputs(aws: AwsCli, stack: str) -> dict[str, str]:
    described = cfn(aws, "describe-stacks", "--stack-name", stack)["Stacks"][0]
    return {o["OutputKey"]: o["OutputValue"] for o in described.get("Outputs", [])}


def test_create_describe_and_run_a_stack_with_the_aws_cli(aws):
    made = cfn(aws, "create-stack", "--stack-name", "cli-plain", "--template-body", f"file://{STACKS / 'plain.json'}",
               "--parameters", "ParameterKey=Owner,ParameterValue=ada", "--tags", "Key=team,Value=coffee")
    assert made["StackId"].startswith("arn:aws:cloudformation:us-east-1:000000000000:stack/cli-plain/")
    cfn(aws, "wait", "stack-create-complete", "--stack-name", "cli-plain")

    stack = cfn(aws, "describe-stacks", "--stack-name", "cli-plain")["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    assert stack["Description"].startswith("A plain CloudFormation template")
    assert sorted((p["ParameterKey"], p["ParameterValue"]) for p in stack["Parameters"]) == [("Env", "dev"), ("Owner", "ada")]
    assert stack["Tags"] == [{"Key": "team", "Value": "coffee"}]
    assert outputs(aws, "cli-plain") == {
        "FlowArn": "arn:aws:states:us-east-1:000000000000:stateMachine:cfn-flow-dev",
        "TableArn": "arn:aws:dynamodb:us-east-1:000000000000:table/cfn-orders-dev",
    }
    resources = cfn(aws, "describe-stack-resources", "--stack-name", "cli-plain")["StackResources"]
    assert {r["LogicalResourceId"]: (r["ResourceType"], r["PhysicalResourceId"], r["ResourceStatus"]) for r in resources} == {
        "Orders": ("AWS::DynamoDB::Table", "cfn-orders-dev", "CREATE_COMPLETE"),
        "Invoices": ("AWS::S3::Bucket", "cfn-invoices-dev", "CREATE_COMPLETE"),
        "Flow": ("AWS::StepFunctions::StateMachine", "arn:aws:states:us-east-1:000000000000:stateMachine:cfn-flow-dev",
                 "CREATE_COMPLETE"),
    }
    events = cfn(aws, "describe-stack-events", "--stack-name", "cli-plain")["StackEvents"]
    story = [(e["LogicalResourceId"], e["ResourceStatus"]) for e in reversed(events)]
    assert story[0] == ("cli-plain", "CREATE_IN_PROGRESS") and story[-1] == ("cli-plain", "CREATE_COMPLETE")
    # The state machine names the table and the bucket, so it is made after both.
    assert story.index(("Flow", "CREATE_IN_PROGRESS")) > story.index(("Orders", "CREATE_COMPLETE"))
    assert story.index(("Flow", "CREATE_IN_PROGRESS")) > story.index(("Invoices", "CREATE_COMPLETE"))
    # The CLI reads a JSON template body back as an object.
    body = cfn(aws, "get-template", "--stack-name", "cli-plain")["TemplateBody"]
    assert body == json.loads((STACKS / "plain.json").read_text())

    started = aws("start-execution", "--state-machine-arn", stack["Outputs"][0]["OutputValue"])
    done = aws("describe-execution", "--execution-arn", started["executionArn"])
    for _ in range(100):
        if done["status"] != "RUNNING":
            break
        done = aws("describe-execution", "--execution-arn", started["executionArn"])
    assert json.loads(done["output"]) == {"table": "cfn-orders-dev", "bucket": "cfn-invoices-dev", "owner": "ada"}

    with pytest.raises(AwsCliError) as again:
        cfn(aws, "create-stack", "--stack-name", "cli-plain", "--template-body", f"file://{STACKS / 'plain.json'}",
            "--parameters", "ParameterKey=Owner,ParameterValue=ada")
    assert again.value.code == "AlreadyExistsException"
    assert again.value.message == "Stack [cli-plain] already exists"


def test_update_in_place_then_delete_with_the_aws_cli(aws, tmp_path):
    copy = tmp_path / "plain.json"
    copy.write_text((STACKS / "plain.json").read_text().replace("cfn-", "up-"))
    template = f"file://{copy}"
    cfn(aws, "create-stack", "--stack-name", "cli-update", "--template-body", template,
        "--parameters", "ParameterKey=Owner,ParameterValue=ada")
    cfn(aws, "wait", "stack-create-complete", "--stack-name", "cli-update")

    # A new Env renames the table, the bucket and the machine: each is replaced; Owner keeps its value.
    cfn(aws, "update-stack", "--stack-name", "cli-update", "--template-body", template,
        "--parameters", "ParameterKey=Env,ParameterValue=prod", "ParameterKey=Owner,UsePreviousValue=true")
    cfn(aws, "wait", "stack-update-complete", "--stack-name", "cli-update")
    stack = cfn(aws, "describe-stacks", "--stack-name", "cli-update")["Stacks"][0]
    assert stack["StackStatus"] == "UPDATE_COMPLETE"
    assert sorted((p["ParameterKey"], p["ParameterValue"]) for p in stack["Parameters"]) == [("Env", "prod"), ("Owner", "ada")]
    tables = aws("list-tables", service="dynamodb")["TableNames"]
    assert "up-orders-prod" in tables and "up-orders-dev" not in tables

    with pytest.raises(AwsCliError) as nothing:
        cfn(aws, "update-stack", "--stack-name", "cli-update", "--template-body", template,
            "--parameters", "ParameterKey=Env,UsePreviousValue=true", "ParameterKey=Owner,UsePreviousValue=true")
    assert (nothing.value.code, nothing.value.message) == ("ValidationError", "No updates are to be performed.")

    cfn(aws, "delete-stack", "--stack-name", "cli-update")
    cfn(aws, "wait", "stack-delete-complete", "--stack-name", "cli-update")
    assert "up-orders-prod" not in aws("list-tables", service="dynamodb")["TableNames"]
    with pytest.raises(AwsCliError) as gone:
        aws("describe-state-machine", "--state-machine-arn", "arn:aws:states:us-east-1:000000000000:stateMachine:up-flow-prod")
    assert gone.value.code == "StateMachineDoesNotExist"
    with pytest.raises(AwsCliError) as described:
        cfn(aws, "describe-stacks", "--stack-name", "cli-update")
    assert (described.value.code, described.value.message) == ("ValidationError", "Stack with id cli-update does not exist")
    deleted = [s for s in cfn(aws, "list-stacks", "--stack-status-filter", "DELETE_COMPLETE")["StackSummaries"]
               if s["StackName"] == "cli-update"]
    assert len(deleted) == 1 and "DeletionTime" in deleted[0]


def test_aws_cloudformation_deploy_uses_change_sets(aws, tmp_path):
    template = tmp_path / "template.yaml"
    template.write_text((STACKS / "plain.json").read_text().replace("cfn-", "cs-"))
    base = ["--endpoint-url", aws.endpoint, "cloudformation", "deploy", "--template-file", str(template),
            "--stack-name", "cli-deploy"]

    def deploy(*extra: str) -> subprocess.CompletedProcess:
        # The CLI names its change sets `awscli-cloudformation-package-deploy-<epoch second>`, and an empty one
        # stays on the stack (FAILED), as on AWS: two deploys within one second would reuse the name.
        time.sleep(1.05 - (time.time() % 1))
        return subprocess.run(aws.command + base + list(extra), env=aws.env, capture_output=True, text=True, timeout=120)

    first = deploy("--parameter-overrides", "Owner=grace")
    assert first.returncode == 0, first.stderr
    assert "Successfully created/updated stack - cli-deploy" in first.stdout
    assert outputs(aws, "cli-deploy")["FlowArn"].endswith(":stateMachine:cs-flow-dev")

    # Nothing changed: the CLI reads the empty change set's reason (and fails on it by default, as on AWS).
    same = deploy()
    assert same.returncode == 255
    assert "No changes to deploy. Stack cli-deploy is up to date" in same.stderr

    changed = deploy("--parameter-overrides", "Env=prod")
    assert changed.returncode == 0, changed.stderr
    stack = cfn(aws, "describe-stacks", "--stack-name", "cli-deploy")["Stacks"][0]
    assert stack["StackStatus"] == "UPDATE_COMPLETE"
    assert {p["ParameterKey"]: p["ParameterValue"] for p in stack["Parameters"]} == {"Env": "prod", "Owner": "grace"}
    assert cfn(aws, "list-change-sets", "--stack-name", "cli-deploy")["Summaries"] == []

    # A change set can be read before it runs, and deleted instead.
    made = cfn(aws, "create-change-set", "--stack-name", "cli-deploy", "--change-set-name", "rename",
               "--template-body", f"file://{template}", "--parameters", "ParameterKey=Env,ParameterValue=dev",
               "ParameterKey=Owner,UsePreviousValue=true")
    described = cfn(aws, "describe-change-set", "--change-set-name", made["Id"])
    assert (described["Status"], described["ExecutionStatus"]) == ("CREATE_COMPLETE", "AVAILABLE")
    actions = {c["ResourceChange"]["LogicalResourceId"]: c["ResourceChange"]["Action"] for c in described["Changes"]}
    assert actions == {"Orders": "Modify", "Invoices": "Modify", "Flow": "Modify"}
    cfn(aws, "delete-change-set", "--change-set-name", "rename", "--stack-name", "cli-deploy")
    with pytest.raises(AwsCliError) as missing:
        cfn(aws, "describe-change-set", "--change-set-name", "rename", "--stack-name", "cli-deploy")
    assert missing.value.code == "ChangeSetNotFoundException"
    assert outputs(aws, "cli-deploy")["FlowArn"].endswith(":stateMachine:cs-flow-prod")


def test_what_cloudformation_refuses(aws, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n")
    with pytest.raises(AwsCliError) as unsupported:
        cfn(aws, "create-stack", "--stack-name", "cli-bad", "--template-body", f"file://{bad}")
    assert unsupported.value.code == "ValidationError"
    assert unsupported.value.message == "Template format error: Cortado does not make resources of these types: Q (AWS::SQS::Queue)"

    with pytest.raises(AwsCliError) as capabilities:
        cfn(aws, "create-stack", "--stack-name", "cli-bad", "--template-body", f"file://{STACKS / 'app' / 'template.yaml'}")
    assert capabilities.value.code == "InsufficientCapabilitiesException"
    assert capabilities.value.message == "Requires capabilities : [CAPABILITY_AUTO_EXPAND, CAPABILITY_IAM]"

    with pytest.raises(AwsCliError) as parameter:
        cfn(aws, "create-stack", "--stack-name", "cli-bad", "--template-body", f"file://{STACKS / 'plain.json'}",
            "--parameters", "ParameterKey=Owner,ParameterValue=x", "ParameterKey=Env,ParameterValue=test")
    assert parameter.value.code == "ValidationError"
    assert parameter.value.message.startswith("Template format error: Parameters/Env")

    with pytest.raises(AwsCliError) as unknown:
        cfn(aws, "describe-stack-events", "--stack-name", "cli-nothing")
    assert (unknown.value.code, unknown.value.message) == ("ValidationError", "Stack with id cli-nothing does not exist")
    assert all(s["StackName"] != "cli-bad" for s in cfn(aws, "list-stacks")["StackSummaries"])


def http(url: str, data: bytes | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")
    with urllib.request.urlopen(request, timeout=60) as r:
        return r.status, json.loads(r.read())


def test_cortado_deploy_packages_local_code_and_the_stack_survives_kill_9(cortado_bin, tmp_path):
    app = tmp_path / "app"
    shutil.copytree(STACKS / "app", app)
    server = CortadoServer(cortado_bin)
    server.start()
    try:
        def deploy(*extra: str) -> subprocess.CompletedProcess:
            return subprocess.run([str(cortado_bin), "deploy", str(app / "template.yaml"), "--stack-name", "app",
                                   "--endpoint", server.endpoint, *extra], capture_output=True, text=True, timeout=120)

        first = deploy()
        assert first.returncode == 0, first.stdout + first.stderr
        assert "Uploaded src/ for Api to s3://cortado-deploy-artifacts/app/Api-" in first.stdout
        assert "Accepted and not enforced (Cortado has no IAM): ApiRole (AWS::IAM::Role), FlowRole (AWS::IAM::Role)" in first.stdout
        assert "Stack app: CREATE_COMPLETE" in first.stdout
        api_id = next(line.split(": ")[1] for line in first.stdout.splitlines() if line.strip().startswith("ApiId:"))
        base = f"{server.endpoint}/restapis/{api_id}/Prod/_user_request_"
        assert f"  ServerlessRestApi: {base}/" in first.stdout
        status, hello = http(f"{base}/hello/ada")
        assert status == 200 and hello["path"] == "/hello/ada" and hello["version"] == "v1"
        # SimpleTable without a name: CloudFormation's `<stack>-<LogicalId>-<suffix>`.
        assert hello["table"].startswith("app-Items-") and len(hello["table"]) == len("app-Items-") + 13
        # The EXPRESS workflow's route runs it synchronously and answers its output: here the function's answer.
        status, output = http(f"{base}/run", b"{}")
        assert status == 200 and output["statusCode"] == 200
        assert json.loads(output["body"]) == {"path": "/from-the-workflow", "table": hello["table"], "version": "v1"}

        server.process.send_signal(signal.SIGKILL)
        server.process.wait()
        server.start()

        aws = AwsCli(server.endpoint)
        assert cfn(aws, "describe-stacks", "--stack-name", "app")["Stacks"][0]["StackStatus"] == "CREATE_COMPLETE"
        assert http(f"{base}/hello/lin")[1]["path"] == "/hello/lin"
        again = deploy()
        assert again.returncode == 0, again.stdout + again.stderr
        assert "No changes to deploy: stack app is up to date" in again.stdout

        # Changed code and a new parameter value update the function in place.
        (app / "src" / "app.py").write_text((app / "src" / "app.py").read_text().replace('"version"', '"v"'))
        changed = deploy("--parameter-overrides", "Version=v2")
        assert changed.returncode == 0, changed.stdout + changed.stderr
        assert "UPDATE_COMPLETE                      AWS::Lambda::Function                Api" in changed.stdout
        assert http(f"{base}/hello/ada")[1]["v"] == "v2"

        removed = subprocess.run([str(cortado_bin), "delete-stack", "app", "--endpoint", server.endpoint],
                                 capture_output=True, text=True, timeout=60)
        assert removed.returncode == 0 and "Stack app: DELETE_COMPLETE" in removed.stdout
        assert aws("list-functions", service="lambda")["Functions"] == []
        assert aws("list-state-machines")["stateMachines"] == []
        assert aws("list-tables", service="dynamodb")["TableNames"] == []
    finally:
        server.stop()
        server.cleanup()
