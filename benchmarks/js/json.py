"""Python twin of tests/js/programs/json.js (a hand-written parser, not the json module)."""

from __future__ import annotations

import math
from typing import Any

from jsrt import log, scale, show

SCALE = scale()


class ParseError(Exception):
    def __init__(self, message: str, pos: int) -> None:
        super().__init__(message + " at " + str(pos))
        self.message = message + " at " + str(pos)
        self.name = "ParseError"
        self.pos = pos


class Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def char(self, i: int) -> str:
        return self.text[i] if 0 <= i < len(self.text) else ""

    def fail(self, msg: str) -> None:
        raise ParseError(msg, self.pos)

    def skip(self) -> None:
        while True:
            c = self.char(self.pos)
            if c in (" ", "\n", "\r", "\t"):
                self.pos += 1
            else:
                return

    def expect(self, ch: str) -> None:
        if self.char(self.pos) != ch:
            self.fail("expected '" + ch + "'")
        self.pos += 1

    def value(self) -> Any:
        self.skip()
        c = self.char(self.pos)
        if c == "{":
            return self.object()
        if c == "[":
            return self.array()
        if c == '"':
            return self.string()
        if c == "t":
            return self.word("true", True)
        if c == "f":
            return self.word("false", False)
        if c == "n":
            return self.word("null", None)
        if c == "-" or "0" <= c <= "9":
            return self.number()
        self.fail("unexpected end" if c == "" else "unexpected '" + c + "'")
        return None

    def word(self, w: str, v: Any) -> Any:
        if self.text[self.pos : self.pos + len(w)] != w:
            self.fail("bad literal")
        self.pos += len(w)
        return v

    def number(self) -> float:
        start = self.pos
        if self.char(self.pos) == "-":
            self.pos += 1
        while self.pos < len(self.text):
            c = self.text[self.pos]
            if ("0" <= c <= "9") or c in ".eE+-":
                self.pos += 1
            else:
                break
        return float(self.text[start : self.pos])

    def string(self) -> str:
        self.expect('"')
        out = ""
        while True:
            if self.pos >= len(self.text):
                self.fail("unterminated string")
            c = self.text[self.pos]
            self.pos += 1
            if c == '"':
                return out
            if c != "\\":
                out += c
                continue
            e = self.char(self.pos)
            self.pos += 1
            if e == "n":
                out += "\n"
            elif e == "t":
                out += "\t"
            elif e == "u":
                out += chr(int(self.text[self.pos : self.pos + 4], 16))
                self.pos += 4
            else:
                out += e

    def array(self) -> list[Any]:
        self.expect("[")
        out: list[Any] = []
        self.skip()
        if self.char(self.pos) == "]":
            self.pos += 1
            return out
        while True:
            out.append(self.value())
            self.skip()
            if self.char(self.pos) == ",":
                self.pos += 1
                continue
            self.expect("]")
            return out

    def object(self) -> dict[str, Any]:
        self.expect("{")
        out: dict[str, Any] = {}
        self.skip()
        if self.char(self.pos) == "}":
            self.pos += 1
            return out
        while True:
            self.skip()
            key = self.string()
            self.skip()
            self.expect(":")
            out[key] = self.value()
            self.skip()
            if self.char(self.pos) == ",":
                self.pos += 1
                continue
            self.expect("}")
            return out


def parse(text: str) -> Any:
    p = Parser(text)
    v = p.value()
    p.skip()
    if p.pos != len(text):
        p.fail("trailing characters")
    return v


def quote(s: str) -> str:
    out = '"'
    for c in s:
        if c in ('"', "\\"):
            out += "\\" + c
        elif c == "\n":
            out += "\\n"
        else:
            out += c
    return out + '"'


def stringify(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, (bool, int, float)):
        return show(v)
    if isinstance(v, str):
        return quote(v)
    if isinstance(v, list):
        return "[" + ",".join(stringify(x) for x in v) + "]"
    return "{" + ",".join(quote(k) + ":" + stringify(v[k]) for k in v) + "}"


def generate(depth: int, seed: int) -> Any:
    kind = seed % 5
    if depth == 0 or kind == 0:
        return (seed % 1000) / 8 - 40
    if kind == 1:
        return "s" + str(seed) + (' "q"\n' if seed % 3 == 0 else "")
    if kind == 2:
        return [generate(depth - 1, (seed * 31 + i * 7) % 10007) for i in range(4)]
    if kind == 3:
        return True if seed % 2 == 0 else None
    obj = {}
    for i in range(3):
        obj["k" + str(i) + "_" + str(seed % 13)] = generate(depth - 1, (seed * 17 + i) % 10007)
    return obj


def walk(v: Any) -> int:
    if v is None:
        return 1
    if isinstance(v, bool):
        return 3 if v else 5
    if isinstance(v, (int, float)):
        return math.floor(v * 8) + 7
    if isinstance(v, str):
        h = len(v)
        for ch in v:
            h = (h * 31 + ord(ch)) % 1000003
        return h
    h = 11 if isinstance(v, list) else 13
    if isinstance(v, list):
        for x in v:
            h = (h * 7 + walk(x)) % 1000003
    else:
        for k in v:
            h = (h * 7 + walk(k) + walk(v[k])) % 1000003
    return h


checksum = 0
chars = 0
for seed in range(1, 20 * SCALE + 1):
    doc = {"id": seed, "items": generate(5, seed * 104 + 4), "tag": "t\u00e9\\" + str(seed)}
    text = stringify(doc)
    chars += len(text)
    back = parse(text)
    if stringify(back) != text:
        log("round trip failed for", seed)
    checksum = (checksum * 3 + walk(back)) % 1000000007
log("chars", chars)
SAMPLE = ' { "a" : [1, 2.5, -3e2, "x\\u0041y"], "b": {"c": null, "d": [true, false]} } '
log(stringify(parse(SAMPLE)))
for bad in ["[1, 2", '{"a" 1}', "tru", "[1,]x", '"abc']:
    try:
        parse(bad)
        log("parsed?", bad)
    except ParseError as e:
        log(e.name, e.message, True, True)
log("checksum", checksum)
