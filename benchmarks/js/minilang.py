"""Python twin of tests/js/programs/minilang.js."""

from __future__ import annotations

import math
from typing import Any

from jsrt import log, scale

SCALE = scale()


class LangError(Exception):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.message = message


class Token:
    def __init__(self, kind: str, text: str) -> None:
        self.kind = kind
        self.text = text


KEYWORDS = ("let", "in", "if", "then", "else", "fn")


def tokenize(src: str) -> list[Token]:
    out = []
    i = 0
    n = len(src)
    while i < n:
        c = ord(src[i])
        if c in (32, 10):
            i += 1
        elif 48 <= c <= 57:
            j = i
            while j < n and 48 <= ord(src[j]) <= 57:
                j += 1
            out.append(Token("num", src[i:j]))
            i = j
        elif 97 <= c <= 122 or c == 95:
            j = i
            while j < n:
                d = ord(src[j])
                if 97 <= d <= 122 or d == 95 or 48 <= d <= 57:
                    j += 1
                else:
                    break
            word = src[i:j]
            out.append(Token(word if word in KEYWORDS else "id", word))
            i = j
        else:
            two = src[i : i + 2]
            if two in ("==", "<=", "->"):
                out.append(Token(two, two))
                i += 2
            else:
                out.append(Token(src[i], src[i]))
                i += 1
    out.append(Token("eof", ""))
    return out


class Env:
    def __init__(self, name: str, value: Any, nxt: Env | None) -> None:
        self.name = name
        self.value = value
        self.next = nxt


class Node:
    def eval(self, env: Env | None) -> Any:
        raise NotImplementedError


class Num(Node):
    def __init__(self, v: int) -> None:
        self.v = v

    def eval(self, env: Env | None) -> Any:
        return self.v


class Var(Node):
    def __init__(self, name: str) -> None:
        self.name = name

    def eval(self, env: Env | None) -> Any:
        e = env
        while e is not None:
            if e.name == self.name:
                return e.value
            e = e.next
        raise LangError("ReferenceError", "unbound " + self.name)


class BinOp(Node):
    def __init__(self, op: str, left: Node, right: Node) -> None:
        self.op = op
        self.left = left
        self.right = right

    def eval(self, env: Env | None) -> Any:
        a = self.left.eval(env)
        b = self.right.eval(env)
        op = self.op
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if op == "/":
            return math.trunc(a / b)
        if op == "%":
            return int(math.fmod(a, b))
        if op == "<":
            return 1 if a < b else 0
        if op == "<=":
            return 1 if a <= b else 0
        if op == "==":
            return 1 if a == b else 0
        raise LangError("Error", "bad operator " + op)


class Let(Node):
    def __init__(self, name: str, init: Node, body: Node) -> None:
        self.name = name
        self.init = init
        self.body = body

    def eval(self, env: Env | None) -> Any:
        frame = Env(self.name, None, env)
        frame.value = self.init.eval(frame)
        return self.body.eval(frame)


class If(Node):
    def __init__(self, cond: Node, yes: Node, no: Node) -> None:
        self.cond = cond
        self.yes = yes
        self.no = no

    def eval(self, env: Env | None) -> Any:
        return self.yes.eval(env) if self.cond.eval(env) != 0 else self.no.eval(env)


class Fn(Node):
    def __init__(self, param: str, body: Node) -> None:
        self.param = param
        self.body = body

    def eval(self, env: Env | None) -> Any:
        return Closure(self, env)


class Closure:
    def __init__(self, fn: Fn, env: Env | None) -> None:
        self.fn = fn
        self.env = env

    def apply(self, arg: Any) -> Any:
        return self.fn.body.eval(Env(self.fn.param, arg, self.env))


class Call(Node):
    def __init__(self, callee: Node, arg: Node) -> None:
        self.callee = callee
        self.arg = arg

    def eval(self, env: Env | None) -> Any:
        f = self.callee.eval(env)
        if not isinstance(f, Closure):
            raise LangError("TypeError", "not a function: " + str(f))
        return f.apply(self.arg.eval(env))


class Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> str:
        return self.tokens[self.pos].kind

    def take(self, kind: str) -> Token:
        t = self.tokens[self.pos]
        if t.kind != kind:
            raise LangError("SyntaxError", "expected " + kind + " got " + t.kind)
        self.pos += 1
        return t

    def expr(self) -> Node:
        k = self.peek()
        if k == "let":
            self.take("let")
            name = self.take("id").text
            self.take("=")
            init = self.expr()
            self.take("in")
            return Let(name, init, self.expr())
        if k == "if":
            self.take("if")
            c = self.expr()
            self.take("then")
            y = self.expr()
            self.take("else")
            return If(c, y, self.expr())
        if k == "fn":
            self.take("fn")
            p = self.take("id").text
            self.take("->")
            return Fn(p, self.expr())
        return self.compare()

    def compare(self) -> Node:
        left = self.sum()
        k = self.peek()
        if k in ("<", "<=", "=="):
            self.pos += 1
            return BinOp(k, left, self.sum())
        return left

    def sum(self) -> Node:
        left = self.product()
        while self.peek() in ("+", "-"):
            op = self.tokens[self.pos].kind
            self.pos += 1
            left = BinOp(op, left, self.product())
        return left

    def product(self) -> Node:
        left = self.call()
        while self.peek() in ("*", "/", "%"):
            op = self.tokens[self.pos].kind
            self.pos += 1
            left = BinOp(op, left, self.call())
        return left

    def call(self) -> Node:
        f = self.atom()
        while self.peek() == "(":
            self.take("(")
            arg = self.expr()
            self.take(")")
            f = Call(f, arg)
        return f

    def atom(self) -> Node:
        t = self.tokens[self.pos]
        if t.kind == "num":
            self.pos += 1
            return Num(int(t.text))
        if t.kind == "id":
            self.pos += 1
            return Var(t.text)
        self.take("(")
        e = self.expr()
        self.take(")")
        return e


def run(src: str) -> Any:
    p = Parser(tokenize(src))
    ast = p.expr()
    p.take("eof")
    return ast.eval(None)


PROGRAMS = [
    "1 + 2 * 3 - 4 / 2",
    "let fact = fn n -> if n <= 1 then 1 else n * fact(n - 1) in fact(10)",
    "let fib = fn n -> if n < 2 then n else fib(n - 1) + fib(n - 2) in fib(15)",
    "let add = fn a -> fn b -> a + b in let inc = add(1) in inc(inc(40))",
    "let gcd = fn a -> fn b -> if b == 0 then a else gcd(b)(a % b) in gcd(1071)(462)",
    "let sum = fn n -> if n == 0 then 0 else n + sum(n - 1) in sum(150)",
    "let twice = fn f -> fn x -> f(f(x)) in twice(twice(fn x -> x * 2))(3)",
    "let collatz = fn n -> if n == 1 then 0 else 1 + collatz(if n % 2 == 0 then n / 2 else 3 * n "
    "+ 1) in collatz(27)",
]
checksum = 0
for rep in range(SCALE):
    for src in PROGRAMS:
        v = run(src)
        if rep == 0:
            log(v)
        checksum = (checksum * 31 + v) % 1000000007
for bad in ["1 +", "let x = 1 x", "y + 1", "3(4)", "(1 + 2"]:
    try:
        log("value", run(bad))
    except LangError as e:
        log(e.name + ": " + e.message)
log("checksum", checksum)
