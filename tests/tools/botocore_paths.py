#!/usr/bin/env python3
"""Prints, as JSON, every problem botocore finds in ECS task and service definition files.

Usage: botocore_paths.py FILE...

Each file is read as the deploy action reads it (aws-actions/amazon-ecs-deploy-task-definition):
`null` members dropped, a `{"taskDefinition": ...}` wrapper unwrapped, read-only
`describe-task-definition` / `describe-services` fields removed. Then botocore's ParamValidator
checks it against RegisterTaskDefinition, CreateService, UpdateService or
CreateExpressGatewayService (an Express Mode input), and every enum is
walked (ParamValidator does not check enums). Output: {"FILE": [{"kind", "path"}...]} with
kinds unknown | type | required | enum | min and JSON-pointer paths, for the agreement test in
tests/tests/real_world.rs. A bare list of container definitions is checked inside a minimal
RegisterTaskDefinition call, its paths pointing into the list. Other files that are not JSON
objects map to null.
"""
import json
import re
import sys

import botocore.session
from botocore.validate import ParamValidator

TASK_READ_ONLY = ["taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities",
                  "registeredAt", "registeredBy", "deregisteredAt", "deleteRequestedAt"]
SERVICE_READ_ONLY = ["serviceArn", "clusterArn", "status", "runningCount", "pendingCount", "events",
                     "deployments", "createdAt", "createdBy", "roleArn", "taskSets", "currentServiceDeployment"]
EXPRESS_MEMBERS = ["infrastructureRoleArn", "primaryContainer", "scalingTarget"]
SERVICE_MEMBERS = ["serviceName", "desiredCount", "deploymentConfiguration", "loadBalancers",
                   "networkConfiguration", "launchType", "capacityProviderStrategy", "schedulingStrategy",
                   "healthCheckGracePeriodSeconds", "deploymentController", "serviceRegistries",
                   "enableExecuteCommand"]


def strip_nulls(value):
    if isinstance(value, dict):
        return {k: strip_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [strip_nulls(v) for v in value]
    return value


def escape(token):
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer(name, prefix):
    """`.a[0].b` (botocore's names) -> `/a/0/b` under `prefix`."""
    tokens = re.findall(r"\.([^.\[]+)|\[(\d+)\]", name)
    return prefix + "".join("/" + escape(a or b) for a, b in tokens)


def enum_errors(shape, value, path):
    if shape.type_name == "structure" and isinstance(value, dict):
        for name, member in shape.members.items():
            if name in value:
                yield from enum_errors(member, value[name], f"{path}/{escape(name)}")
    elif shape.type_name == "list" and isinstance(value, list):
        for i, item in enumerate(value):
            yield from enum_errors(shape.member, item, f"{path}/{i}")
    elif shape.type_name == "map" and isinstance(value, dict):
        for key, item in value.items():
            yield from enum_errors(shape.value, item, f"{path}/{escape(key)}")
    elif getattr(shape, "enum", None) and isinstance(value, str) and value not in shape.enum:
        yield {"kind": "enum", "path": path}


def check(model, params, prefix, relax_service_name):
    operation = "RegisterTaskDefinition"
    if "containerDefinitions" not in params:
        if any(m in params for m in EXPRESS_MEMBERS):
            operation = "CreateExpressGatewayService"
        else:
            operation = "UpdateService" if "service" in params and "serviceName" not in params else "CreateService"
    shape = model.operation_model(operation).input_shape
    report = ParamValidator().validate(params, shape)
    out = []
    for reason, name, extra in report._errors:
        if reason == "unknown field":
            out.append({"kind": "unknown", "path": pointer(name, prefix) + "/" + escape(extra["unknown_param"])})
        elif reason == "missing required field":
            if relax_service_name and name == "" and extra["required_name"] == "serviceName":
                continue
            out.append({"kind": "required", "path": pointer(name, prefix) + "/" + escape(extra["required_name"])})
        elif reason == "invalid type":
            out.append({"kind": "type", "path": pointer(name, prefix)})
        elif reason in ("invalid range", "invalid length"):
            out.append({"kind": "min", "path": pointer(name, prefix)})
        else:
            out.append({"kind": reason, "path": pointer(name, prefix)})
    out += list(enum_errors(shape, params, prefix))
    return out


def main():
    model = botocore.session.get_session().get_service_model("ecs")
    result = {}
    for name in sys.argv[1:]:
        try:
            with open(name, encoding="utf-8") as f:
                data = json.load(f)
        except ValueError:
            result[name] = None
            continue
        if isinstance(data, list):
            # A bare list of container definitions (`--container-definitions file://...`): what
            # the register call around it says about the list, with paths into the list.
            found = check(model, {"family": "f", "containerDefinitions": strip_nulls(data)}, "", False)
            result[name] = [dict(p, path=p["path"][len("/containerDefinitions"):])
                            for p in found if p["path"].startswith("/containerDefinitions/")]
            continue
        if not isinstance(data, dict):
            result[name] = None
            continue
        prefix = ""
        if "containerDefinitions" not in data and isinstance(data.get("taskDefinition"), dict):
            data, prefix = data["taskDefinition"], "/taskDefinition"
        data = strip_nulls(data)
        if "containerDefinitions" in data:
            read_only = TASK_READ_ONLY
        elif any(m in data for m in EXPRESS_MEMBERS):
            read_only = []
        elif sum(m in data for m in SERVICE_MEMBERS) >= 2 or ("service" in data):
            read_only = SERVICE_READ_ONLY
        else:
            result[name] = None
            continue
        for key in read_only:
            data.pop(key, None)
        relax = "containerDefinitions" not in data and not any(m in data for m in EXPRESS_MEMBERS)
        result[name] = check(model, data, prefix, relax)
    json.dump(result, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
