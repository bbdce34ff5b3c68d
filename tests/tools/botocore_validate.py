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

from botocore_paths import enum_errors


def main():
    operation, files = sys.argv[1], sys.argv[2:]
    model = botocore.session.get_session().get_service_model("ecs").operation_model(operation)
    failed = False
    for name in files:
        with open(name, encoding="utf-8") as f:
            params = json.load(f)
        report = ParamValidator().validate(params, model.input_shape)
        problems = [report.generate_report()] if report.has_errors() else []
        problems += [f"{e['path']}: not one of the allowed values" for e in enum_errors(model.input_shape, params, "")]
        for problem in problems:
            failed = True
            print(f"{name}: {problem}")
    print(f"botocore {operation}: {len(files)} files, {'FAILED' if failed else 'ok'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
