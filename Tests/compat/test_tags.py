"""Tags on state machines and activities: TagResource, UntagResource, ListTagsForResource."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from support import ARN_PREFIX, AwsCliError, create_machine, error_code, error_message


def tag_map(answer: dict) -> dict:
    return {t["key"]: t["value"] for t in answer["tags"]}


def test_tag_untag_and_list_a_state_machine_with_the_cli(aws, sfn, new_name):
    arn = create_machine(sfn, new_name(), tags=[{"key": "team", "value": "coffee"}])
    assert aws("list-tags-for-resource", "--resource-arn", arn) == {"tags": [{"key": "team", "value": "coffee"}]}

    assert aws("tag-resource", "--resource-arn", arn, "--tags", "key=env,value=test", "key=team,value=tea") is None
    assert tag_map(aws("list-tags-for-resource", "--resource-arn", arn)) == {"team": "tea", "env": "test"}

    assert aws("untag-resource", "--resource-arn", arn, "--tag-keys", "team", "not-there") is None
    assert aws("list-tags-for-resource", "--resource-arn", arn) == {"tags": [{"key": "env", "value": "test"}]}


def test_tags_on_an_activity(sfn, new_name):
    arn = sfn.create_activity(name=new_name(), tags=[{"key": "a", "value": "1"}])["activityArn"]
    sfn.tag_resource(resourceArn=arn, tags=[{"key": "b", "value": ""}])
    assert tag_map(sfn.list_tags_for_resource(resourceArn=arn)) == {"a": "1", "b": ""}
    sfn.untag_resource(resourceArn=arn, tagKeys=["a", "b"])
    assert sfn.list_tags_for_resource(resourceArn=arn)["tags"] == []


def test_tags_go_with_the_machine(sfn, new_name):
    name = new_name()
    arn = create_machine(sfn, name, tags=[{"key": "k", "value": "v"}])
    sfn.delete_state_machine(stateMachineArn=arn)
    create_machine(sfn, name)
    assert sfn.list_tags_for_resource(resourceArn=arn)["tags"] == []


def test_tagging_an_unknown_resource_is_resource_not_found(sfn, aws, new_name):
    missing = f"{ARN_PREFIX}stateMachine:{new_name()}"
    for call in (
        lambda: sfn.tag_resource(resourceArn=missing, tags=[{"key": "k", "value": "v"}]),
        lambda: sfn.untag_resource(resourceArn=missing, tagKeys=["k"]),
        lambda: sfn.list_tags_for_resource(resourceArn=missing),
    ):
        with pytest.raises(ClientError) as e:
            call()
        assert error_code(e.value) == "ResourceNotFound"
        assert error_message(e.value) == f"Resource not found: '{missing}'"
    with pytest.raises(AwsCliError) as cli:
        aws("list-tags-for-resource", "--resource-arn", f"{ARN_PREFIX}activity:{new_name()}")
    assert cli.value.code == "ResourceNotFound"


def test_tagging_a_version_is_resource_not_found(sfn, new_name):
    # AWS (recorded): versions cannot be tagged.
    arn = create_machine(sfn, new_name())
    version = sfn.publish_state_machine_version(stateMachineArn=arn)["stateMachineVersionArn"]
    with pytest.raises(ClientError) as e:
        sfn.tag_resource(resourceArn=version, tags=[{"key": "k", "value": "v"}])
    assert error_code(e.value) == "ResourceNotFound"
    assert error_message(e.value) == f"Resource not found: '{version}'"


def test_more_than_50_tags_is_too_many_tags(sfn, new_name):
    arn = create_machine(sfn, new_name())
    sfn.tag_resource(resourceArn=arn, tags=[{"key": f"k{i}", "value": "v"} for i in range(50)])
    with pytest.raises(ClientError) as e:
        sfn.tag_resource(resourceArn=arn, tags=[{"key": "one-more", "value": "v"}])
    assert error_code(e.value) == "TooManyTags"
    assert arn in error_message(e.value)
    assert len(sfn.list_tags_for_resource(resourceArn=arn)["tags"]) == 50


def test_a_tag_key_longer_than_128_is_refused(sfn, new_name):
    arn = create_machine(sfn, new_name())
    with pytest.raises(ClientError) as e:
        sfn.tag_resource(resourceArn=arn, tags=[{"key": "k" * 129, "value": "v"}])
    assert error_code(e.value) == "ValidationException"
    assert "tags.1.member.key" in error_message(e.value)
    assert sfn.list_tags_for_resource(resourceArn=arn)["tags"] == []
