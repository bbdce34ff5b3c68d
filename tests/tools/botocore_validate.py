#!/usr/bin/env python3
"""Validates ECS API inputs offline against botocore's ECS model.

Usage: botocore_validate.py OPERATION FILE...   (OPERATION: RegisterTaskDefinition, CreateService)

botocore's ParamValidator catches unknown fields, wrong types and missing required members; it
does not check enum values, so this also walks the input shape and checks every enum.
Exits 1 and prints every problem when any file is invalid.
"""
import json
import sys

import botocore.session
from botocore.validate import ParamValidator


def enum_errors(shape, value, path):
    """Yields `path: message` for every value outside its shape's enum."""
    if shape.type_name == "structure" and isinstance(value, dict):
        for name, member in shape.members.items():
            if name in value:
                yield from enum_errors(member, value[name], f"{path}.{name}")
    elif shape.type_name == "list" and isinstance(value, list):
        for i, item in enumerate(value):
            yield from enum_errors(shape.member, item, f"{path}[{i}]")
    elif shape.type_name == "map" and isinstance(value, dict):
        for key, item in value.items():
            yield from enum_errors(shape.value, item, f"{path}.{key}")
    elif getattr(shape, "enum", None) and value not in shape.enum:
        yield f"{path}: {value!r} is not one of {shape.enum}"


def main():
    operation, files = sys.argv[1], sys.argv[2:]
    model = botocore.session.get_session().get_service_model("ecs").operation_model(operation)
    failed = False
    for name in files:
        with open(name, encoding="utf-8") as f:
            params = json.load(f)
        report = ParamValidator().validate(params, model.input_shape)
        problems = [report.generate_report()] if report.has_errors() else []
        problems += list(enum_errors(model.input_shape, params, "input"))
        for problem in problems:
            failed = True
            print(f"{name}: {problem}")
    print(f"botocore {operation}: {len(files)} files, {'FAILED' if failed else 'ok'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
