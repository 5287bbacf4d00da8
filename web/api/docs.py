"""/api/docs: a documentation page rendered on the server from the OpenAPI document.

It needs no JavaScript and no internet: everything on it comes from the live spec.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, render_template

bp = Blueprint("api_docs_page", __name__)

API_KEY = "ppsmatch.api"  # where init_app keeps the flask-smorest Api in app.extensions
METHODS = ("get", "post", "put", "patch", "delete")
LOCATIONS_NL = {"query": "query", "path": "pad", "header": "header"}


@bp.get("/api/docs")
def docs_page():
    """Browsable API documentation in Dutch, from the OpenAPI document."""
    spec = current_app.extensions[API_KEY].spec.to_dict()
    return render_template("api_docs.html", info=spec["info"], groups=_groups(spec),
                           schemas=_schemas(spec))


def type_name(prop: dict[str, Any]) -> str:
    """A short readable type of a schema property: 'string', 'lijst van Theme', ..."""
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1]
    if prop.get("type") == "array":
        return f"lijst van {type_name(prop.get('items', {}))}"
    if prop.get("type") == "object" and "additionalProperties" in prop:
        return f"object met {type_name(prop['additionalProperties'] or {})}"
    name = str(prop.get("type", "waarde"))
    return f"{name} of null" if prop.get("nullable") else name


def _constraints(prop: dict[str, Any]) -> str:
    parts = []
    if "enum" in prop:
        parts.append("een van: " + ", ".join(str(v) for v in prop["enum"]))
    if "minimum" in prop or "maximum" in prop:
        parts.append(f"{prop.get('minimum', '…')} t/m {prop.get('maximum', '…')}")
    if "maxLength" in prop:
        parts.append(f"hoogstens {prop['maxLength']} tekens")
    if "default" in prop and prop["default"] not in ("", [], None):
        parts.append(f"standaard {prop['default']}")
    return "; ".join(parts)


def _fields(schema: dict[str, Any]) -> list[dict[str, str]]:
    required = set(schema.get("required", ()))
    return [{"name": name, "type": type_name(prop), "required": name in required,
             "description": prop.get("description", ""), "rules": _constraints(prop)}
            for name, prop in schema.get("properties", {}).items()]


def _operation(spec: dict[str, Any], path: str, method: str,
               op: dict[str, Any]) -> dict[str, Any]:
    body = op.get("requestBody", {}).get("content", {})
    body_schema = next(iter(body.values()), {}).get("schema") if body else None
    return {
        "anchor": f"{method}-{path}".replace("/", "-").replace("{", "").replace("}", ""),
        "method": method.upper(), "path": path, "summary": op.get("summary", ""),
        "description": op.get("description", ""), "secured": bool(op.get("security")),
        "parameters": [{"name": p["name"], "in": LOCATIONS_NL.get(p["in"], p["in"]),
                        "type": type_name(p.get("schema", {})),
                        "required": p.get("required", False),
                        "description": p.get("description", ""),
                        "rules": _constraints(p.get("schema", {}))}
                       for p in op.get("parameters", [])],
        "body": type_name(body_schema) if body_schema else "",
        "responses": [_response(spec, status, resp) for status, resp in
                      sorted(op.get("responses", {}).items(), key=lambda item: item[0].zfill(7))],
    }


def _response(spec: dict[str, Any], status: str, resp: dict[str, Any]) -> dict[str, str]:
    if "$ref" in resp:
        resp = spec["components"]["responses"][resp["$ref"].rsplit("/", 1)[-1]]
    content = resp.get("content", {})
    schema = next(iter(content.values()), {}).get("schema") if content else None
    return {"status": status, "description": resp.get("description", ""),
            "schema": type_name(schema) if schema else ""}


def _groups(spec: dict[str, Any]) -> list[dict[str, Any]]:
    by_tag: dict[str, list[dict[str, Any]]] = {}
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                tag = (item[method].get("tags") or ["overig"])[0]
                by_tag.setdefault(tag, []).append(_operation(spec, path, method, item[method]))
    descriptions = {t["name"]: t.get("description", "") for t in spec.get("tags", [])}
    return [{"name": tag, "description": descriptions.get(tag, ""), "operations": ops}
            for tag, ops in by_tag.items()]


def _schemas(spec: dict[str, Any]) -> list[dict[str, Any]]:
    found = spec.get("components", {}).get("schemas", {})
    return [{"name": name, "description": schema.get("description", ""),
             "fields": _fields(schema)} for name, schema in sorted(found.items())]
