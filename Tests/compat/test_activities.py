"""Activities: create/describe/list/delete, a worker polling GetActivityTask, heartbeat timeouts."""

from __future__ import annotations

import json
import threading

import pytest
from botocore.exceptions import ClientError

from support import (
    ARN_PREFIX,
    AwsCliError,
    assert_event_ids,
    create_machine,
    error_code,
    error_message,
    full_history,
    types,
    wait_closed,
    wait_for_event,
)


def activity_machine(activity_arn: str, heartbeat: int | None = None) -> dict:
    state: dict = {"Type": "Task", "Resource": activity_arn, "TimeoutSeconds": 3600, "End": True}
    if heartbeat is not None:
        state["HeartbeatSeconds"] = heartbeat
    return {"StartAt": "Brew", "States": {"Brew": state}}


class Worker(threading.Thread):
    """Polls GetActivityTask once and answers the task with `respond(sfn, task)`."""

    def __init__(self, sfn, activity_arn: str, name: str, respond):
        super().__init__(daemon=True)
        self.sfn, self.activity_arn, self.worker_name, self.respond = sfn, activity_arn, name, respond
        self.task: dict | None = None
        self.error: BaseException | None = None

    def run(self):
        try:
            self.task = self.sfn.get_activity_task(activityArn=self.activity_arn, workerName=self.worker_name)
            if self.task.get("taskToken"):
                self.respond(self.sfn, self.task)
        except BaseException as e:  # reported by the test thread
            self.error = e

    def finish(self, timeout: float = 70) -> dict:
        self.join(timeout)
        assert not self.is_alive(), "the worker is still polling"
        if self.error:
            raise self.error
        assert self.task is not None
        return self.task


def test_create_describe_list_delete_with_the_cli(aws, sfn, new_name):
    name = new_name()
    created = aws("create-activity", "--name", name)
    assert created["activityArn"] == f"{ARN_PREFIX}activity:{name}"
    again = aws("create-activity", "--name", name)
    assert again == created  # idempotent: same ARN and creation date

    described = aws("describe-activity", "--activity-arn", created["activityArn"])
    assert described == {"activityArn": created["activityArn"], "name": name, "creationDate": created["creationDate"]}

    listed = sfn.list_activities(maxResults=1000)["activities"]
    assert {"activityArn": created["activityArn"], "name": name} in [
        {"activityArn": a["activityArn"], "name": a["name"]} for a in listed]

    assert aws("delete-activity", "--activity-arn", created["activityArn"]) is None
    with pytest.raises(AwsCliError) as cli:
        aws("describe-activity", "--activity-arn", created["activityArn"])
    assert cli.value.code == "ActivityDoesNotExist"
    # AWS (recorded): "Activity Does Not Exist: '<arn>'".
    assert cli.value.message == f"Activity Does Not Exist: '{created['activityArn']}'"
    with pytest.raises(ClientError) as e:
        sfn.get_activity_task(activityArn=created["activityArn"])
    assert error_code(e.value) == "ActivityDoesNotExist"
    assert created["activityArn"] not in [a["activityArn"] for a in sfn.list_activities(maxResults=1000)["activities"]]


def test_list_activities_pages(sfn, new_name):
    arns = {sfn.create_activity(name=new_name(str(i)))["activityArn"] for i in range(3)}
    seen: list[str] = []
    token = None
    while True:
        page = sfn.list_activities(maxResults=2, **({"nextToken": token} if token else {}))
        assert len(page["activities"]) <= 2
        seen += [a["activityArn"] for a in page["activities"]]
        token = page.get("nextToken")
        if not token:
            break
    assert len(seen) == len(set(seen))
    assert arns <= set(seen)


def test_invalid_activity_name(sfn):
    # AWS (recorded): InvalidName, the name quoted.
    with pytest.raises(ClientError) as e:
        sfn.create_activity(name="TestActivity InvalidName$")
    assert error_code(e.value) == "InvalidName"
    assert error_message(e.value) == "Invalid Name: 'TestActivity InvalidName$'"


def test_worker_takes_the_task_and_succeeds(sfn, new_name):
    activity = sfn.create_activity(name=new_name())["activityArn"]
    machine = create_machine(sfn, new_name(), activity_machine(activity))

    def succeed(client, task):
        order = json.loads(task["input"])
        client.send_task_success(taskToken=task["taskToken"], output=json.dumps({"brewed": order["drink"]}))

    worker = Worker(sfn, activity, "barista-1", succeed)
    worker.start()
    execution = sfn.start_execution(stateMachineArn=machine, input='{"drink": "flat white"}')["executionArn"]
    task = worker.finish()
    assert json.loads(task["input"]) == {"drink": "flat white"}

    described = wait_closed(sfn, execution)
    assert described["status"] == "SUCCEEDED"
    assert json.loads(described["output"]) == {"brewed": "flat white"}
    events = full_history(sfn, execution)
    assert_event_ids(events)
    assert types(events) == [
        "ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted", "ActivitySucceeded",
        "TaskStateExited", "ExecutionSucceeded",
    ]
    # AWS (recorded): each activity event points at the one before it.
    assert [e["previousEventId"] for e in events] == [0, 0, 2, 3, 4, 5, 6]
    scheduled = events[2]["activityScheduledEventDetails"]
    assert scheduled["resource"] == activity
    assert json.loads(scheduled["input"]) == {"drink": "flat white"}
    assert scheduled["timeoutInSeconds"] == 3600
    assert events[3]["activityStartedEventDetails"] == {"workerName": "barista-1"}
    assert json.loads(events[4]["activitySucceededEventDetails"]["output"]) == {"brewed": "flat white"}


def test_worker_fails_the_task(sfn, new_name):
    activity = sfn.create_activity(name=new_name())["activityArn"]
    machine = create_machine(sfn, new_name(), activity_machine(activity))
    execution = sfn.start_execution(stateMachineArn=machine, input='{"drink": "mocha"}')["executionArn"]
    worker = Worker(sfn, activity, "barista-2",
                    lambda client, task: client.send_task_failure(taskToken=task["taskToken"], error="Machine.Broken",
                                                                  cause="steam wand"))
    worker.start()
    worker.finish()
    described = wait_closed(sfn, execution)
    assert described["status"] == "FAILED"
    assert (described["error"], described["cause"]) == ("Machine.Broken", "steam wand")
    events = full_history(sfn, execution)
    assert types(events)[-2:] == ["ActivityFailed", "ExecutionFailed"]
    assert events[-2]["activityFailedEventDetails"] == {"error": "Machine.Broken", "cause": "steam wand"}


def test_heartbeat_timeout_through_fast_forward(sfn, server, new_name):
    activity = sfn.create_activity(name=new_name())["activityArn"]
    machine = create_machine(sfn, new_name(), activity_machine(activity, heartbeat=900))
    execution = sfn.start_execution(stateMachineArn=machine, input="{}")["executionArn"]
    worker = Worker(sfn, activity, "sleepy", lambda client, task: client.send_task_heartbeat(taskToken=task["taskToken"]))
    worker.start()
    task = worker.finish()
    wait_for_event(sfn, execution, "ActivityStarted")
    scheduled = wait_for_event(sfn, execution, "ActivityScheduled")
    assert scheduled["activityScheduledEventDetails"]["heartbeatInSeconds"] == 900

    fired = server.fast_forward(execution)
    assert fired["timerFired"] is True
    described = wait_closed(sfn, execution)
    assert described["status"] == "FAILED"
    events = full_history(sfn, execution)
    assert types(events)[-2:] == ["ActivityTimedOut", "ExecutionFailed"]
    # Recorded for service tasks: a heartbeat timeout is `States.Timeout`. Unverified for activities.
    assert events[-2]["activityTimedOutEventDetails"]["error"] == "States.Timeout"
    assert described["error"] == "States.Timeout"

    with pytest.raises(ClientError) as e:
        sfn.send_task_success(taskToken=task["taskToken"], output="{}")
    assert error_code(e.value) == "TaskTimedOut"


def test_fast_forward_with_nothing_pending(sfn, server, new_name):
    machine = create_machine(sfn, new_name())
    execution = sfn.start_execution(stateMachineArn=machine, input='{"name": "x"}')["executionArn"]
    wait_closed(sfn, execution)
    assert server.fast_forward(execution) == {"timerFired": False}
