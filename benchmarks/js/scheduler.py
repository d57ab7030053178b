"""Python twin of tests/js/programs/scheduler.js."""

from __future__ import annotations

import functools

from jsrt import log, scale

SCALE = scale()


class Message:
    def __init__(self, frm: str, payload: int) -> None:
        self.frm = frm
        self.payload = payload


class Task:
    def __init__(self, scheduler: Scheduler, name: str, priority: int) -> None:
        self.scheduler = scheduler
        self.name = name
        self.priority = priority
        self.mailbox: list[Message] = []
        self.steps = 0
        self.done = False

    def send(self, target: str, payload: int) -> None:
        self.scheduler.lookup(target).mailbox.append(Message(self.name, payload))

    def run(self) -> int:
        self.steps += 1
        return self.step()

    def step(self) -> int:
        raise RuntimeError("abstract step called on " + self.name)

    def describe(self) -> str:
        return self.name + "/" + str(self.priority)


class Producer(Task):
    def __init__(self, scheduler: Scheduler, name: str, target: str, count: int) -> None:
        super().__init__(scheduler, name, 3)
        self.target = target
        self.remaining = count
        self.seed = len(name)

    def step(self) -> int:
        if self.remaining == 0:
            self.done = True
            return 0
        self.seed = (self.seed * 1309 + 13849) % 65536
        self.send(self.target, self.seed % 100)
        self.remaining -= 1
        return 1

    def describe(self) -> str:
        return "producer " + super().describe()


class Relay(Task):
    def __init__(self, scheduler: Scheduler, name: str, targets: list[str]) -> None:
        super().__init__(scheduler, name, 2)
        self.targets = targets
        self.turn = 0

    def step(self) -> int:
        moved = 0
        while len(self.mailbox) > 0:
            m = self.mailbox.pop(0)
            t = self.targets[self.turn % len(self.targets)]
            self.turn += 1
            self.send(t, m.payload * 2 + 1)
            moved += 1
        return moved

    def describe(self) -> str:
        return "relay " + super().describe()


class Accumulator(Task):
    def __init__(self, scheduler: Scheduler, name: str) -> None:
        super().__init__(scheduler, name, 1)
        self.total = 0
        self.received = 0

    def step(self) -> int:
        n = 0
        for m in self.mailbox:
            self.total = (self.total * 17 + m.payload + len(m.frm)) % 1000003
            n += 1
        self.received += n
        self.mailbox = []
        return n


class Idle(Task):
    def __init__(self, scheduler: Scheduler) -> None:
        super().__init__(scheduler, "idle", 0)
        self.spins = 0

    def step(self) -> int:
        self.spins += 1
        return 0


def _order(a: Task, b: Task) -> int:
    return b.priority - a.priority or (-1 if a.name < b.name else 1)


class Scheduler:
    def __init__(self) -> None:
        self.tasks: list[Task] = []
        self.by_name: dict[str, Task] = {}
        self.clock = 0

    def add(self, task: Task) -> Task:
        self.tasks.append(task)
        self.by_name[task.name] = task
        self.tasks.sort(key=functools.cmp_to_key(_order))
        return task

    def lookup(self, name: str) -> Task:
        t = self.by_name.get(name)
        if t is None:
            raise RuntimeError("no task " + name)
        return t

    def run_until_quiet(self, limit: int) -> int:
        work = 1
        while work > 0 and self.clock < limit:
            work = 0
            for t in self.tasks:
                if not t.done:
                    work += t.run()
            self.clock += 1
        return self.clock


s = Scheduler()
s.add(Idle(s))
sinks = ["sinkA", "sinkB", "sinkC"]
for name in sinks:
    s.add(Accumulator(s, name))
s.add(Relay(s, "relay1", ["sinkA", "sinkB"]))
s.add(Relay(s, "relay2", ["sinkC", "relay1"]))
s.add(Producer(s, "alpha", "relay1", 400 * SCALE))
s.add(Producer(s, "beta", "relay2", 300 * SCALE))
s.add(Producer(s, "gamma", "sinkC", 200 * SCALE))
ticks = s.run_until_quiet(10000 * SCALE)
log("ticks", ticks)
for t in s.tasks:
    log(t.describe(), t.steps)
checksum = ticks
for name in sinks:
    acc = s.lookup(name)
    assert isinstance(acc, Accumulator)
    log(name, acc.received, acc.total)
    checksum = (checksum * 31 + acc.total + acc.received) % 1000000007
try:
    Task(s, "abstract", 9).run()
except RuntimeError as e:
    log("caught:", str(e))
log("checksum", checksum)
