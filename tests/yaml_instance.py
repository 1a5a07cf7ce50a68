"""Reading YAML as the YAML language server and ``check-jsonschema`` do, for schema tests."""

from __future__ import annotations

from typing import Any


def load_instance(text: str) -> Any:
    """A YAML document as the YAML language server and ``check-jsonschema`` see it.

    YAML 1.2, with dates such as ``2017-12-29`` left as strings (JSON has no date type; the
    schema checks them with ``format: date`` and a pattern).
    """
    from ruamel.yaml import YAML, SafeConstructor

    class _Constructor(SafeConstructor):
        pass

    _Constructor.add_constructor(
        "tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str
    )
    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _Constructor
    return yaml.load(text)
