"""allegiance: read news, reconstruct the international relations it describes."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("allegiance")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0+source"
