"""Scale protocols, one module each: frames as data, an encoder for the simulator, a parser.

Importing the package registers every protocol in `station.devices.protocols.registry`; the
imports are explicit, in the order the CLI offers the protocols.
"""

from __future__ import annotations

# isort: off
from station.devices.protocols import mtsics  # noqa: F401
from station.devices.protocols import toledo8217  # noqa: F401
from station.devices.protocols import toledo_continuous  # noqa: F401
from station.devices.protocols import nci  # noqa: F401
from station.devices.protocols import cas  # noqa: F401

# isort: on
from station.devices.protocols.base import FrameKind, FrameParser, ScaleFrame, ScaleProtocol
from station.devices.protocols.registry import PROTOCOLS

__all__ = ["PROTOCOLS", "FrameKind", "FrameParser", "ScaleFrame", "ScaleProtocol"]
