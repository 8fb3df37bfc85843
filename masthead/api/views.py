from django.shortcuts import render

from .api import api


def docs(request):
    """The API reference, rendered on the server from the schema (no JS, no CDN)."""
    schema = api.get_openapi_schema(path_prefix="/api")
    operations = [
        {"path": path, "method": method.upper(), **operation}
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]
    return render(
        request, "api/docs.html", {"schema": schema, "operations": operations}
    )
