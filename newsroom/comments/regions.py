"""IP 属地 at province level from the bundled, offline table (data/README.md): never a lookup
service. Unknown, private and IPv6 addresses are 未知 (the table holds IPv4 only)."""

import bisect
import gzip
import ipaddress
import json
import struct
from array import array
from functools import cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "data" / "ipv4-regions.bin.gz"
UNKNOWN = "未知"


@cache
def _table():
    blob = gzip.decompress(TABLE.read_bytes())
    head, count = struct.unpack_from("<II", blob)
    places = json.loads(blob[8 : 8 + head].decode("utf-8"))
    offset = 8 + head
    starts = array("I")
    starts.frombytes(blob[offset : offset + 4 * count])
    index = array("H")
    index.frombytes(blob[offset + 4 * count : offset + 6 * count])
    return places, starts, index


def region(address):
    """'北京', '内蒙古', '中国香港', '美国'… or '未知'."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return UNKNOWN
    if ip.version != 4 or ip.is_private or ip.is_loopback or ip.is_reserved:
        return UNKNOWN
    places, starts, index = _table()
    place = places[index[bisect.bisect_right(starts, int(ip)) - 1]]
    return place if place and place != "0" else UNKNOWN
