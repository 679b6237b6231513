"""Static files: the dashboard's own CSS/JS from this package, and the JavaScript libraries from the
installed Python packages that ship them (plotly, pyvis), read at run time: nothing is copied into the
repository and nothing is fetched from a CDN.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from allegiance.errors import NotFound

router = APIRouter(include_in_schema=False)
HERE = Path(__file__).resolve().parent / "static"
OWN = {"app.js": "text/javascript", "style.css": "text/css"}
VENDOR = {
    "plotly.min.js": ("plotly", "package_data/plotly.min.js"),
    "vis-network.min.js": ("pyvis", "lib/vis-9.1.2/vis-network.min.js"),
    "vis-network.css": ("pyvis", "lib/vis-9.1.2/vis-network.css"),
}
CACHE = {"Cache-Control": "public, max-age=3600"}


def vendor_path(name: str) -> Path:
    package, inner = VENDOR[name]
    path = Path(str(resources.files(package).joinpath(inner)))
    if not path.is_file():
        raise NotFound(f"{package} does not ship {inner}", input=name, hint=f"pip install '{package}'")
    return path


@router.get("/static/{name}")
def own(name: str) -> FileResponse:
    if name not in OWN:
        raise NotFound("no such static file", input=name)
    return FileResponse(HERE / name, media_type=OWN[name], headers=CACHE)


@router.get("/static/vendor/{name}")
def vendor(name: str) -> FileResponse:
    if name not in VENDOR:
        raise NotFound("no such library", input=name)
    media = "text/css" if name.endswith(".css") else "text/javascript"
    return FileResponse(vendor_path(name), media_type=media, headers=CACHE)
