// A cooperative task scheduler: tasks are objects of several classes that override step(),
// Scale: process.argv[2] (default 1) repeats the work; the checksum covers all of it.
const SCALE = process.argv.length > 2 ? Number(process.argv[2]) : 1;
// exchange messages through mailboxes and are picked by priority (polymorphic dispatch).
class Message {
  constructor(from, payload) {
    this.from = from;
    this.payload = payload;
  }
}

class Task {
  constructor(scheduler, name, priority) {
    this.scheduler = scheduler;
    this.name = name;
    this.priority = priority;
    this.mailbox = [];
    this.steps = 0;
    this.done = false;
  }
  send(target, payload) {
    this.scheduler.lookup(target).mailbox.push(new Message(this.name, payload));
  }
  run() {
    this.steps++;
    return this.step();
  }
  step() {
    throw new Error("abstract step called on " + this.name);
  }
  describe() {
    return this.name + "/" + this.priority;
  }
}

class Producer extends Task {
  constructor(scheduler, name, target, count) {
    super(scheduler, name, 3);
    this.target = target;
    this.remaining = count;
    this.seed = name.length;
  }
  step() {
    if (this.remaining === 0) {
      this.done = true;
      return 0;
    }
    this.seed = (this.seed * 1309 + 13849) % 65536;
    this.send(this.target, this.seed % 100);
    this.remaining--;
    return 1;
  }
  describe() {
    return "producer " + super.describe();
  }
}

class Relay extends Task {
  constructor(scheduler, name, targets) {
    super(scheduler, name, 2);
    this.targets = targets;
    this.turn = 0;
  }
  step() {
    let moved = 0;
    while (this.mailbox.length > 0) {
      const m = this.mailbox.shift();
      const t = this.targets[this.turn % this.targets.length];
      this.turn++;
      this.send(t, m.payload * 2 + 1);
      moved++;
    }
    return moved;
  }
  describe() {
    return "relay " + super.describe();
  }
}

class Accumulator extends Task {
  constructor(scheduler, name) {
    super(scheduler, name, 1);
    this.total = 0;
    this.received = 0;
  }
  step() {
    let n = 0;
    for (const m of this.mailbox) {
      this.total = (this.total * 17 + m.payload + m.from.length) % 1000003;
      n++;
    }
    this.received += n;
    this.mailbox = [];
    return n;
  }
}

class Idle extends Task {
  constructor(scheduler) {
    super(scheduler, "idle", 0);
    this.spins = 0;
  }
  step() {
    this.spins++;
    return 0;
  }
}

class Scheduler {
  constructor() {
    this.tasks = [];
    this.byName = {};
    this.clock = 0;
  }
  add(task) {
    this.tasks.push(task);
    this.byName[task.name] = task;
    this.tasks.sort((a, b) => b.priority - a.priority || (a.name < b.name ? -1 : 1));
    return task;
  }
  lookup(name) {
    const t = this.byName[name];
    if (t === undefined) throw new Error("no task " + name);
    return t;
  }
  runUntilQuiet(limit) {
    let work = 1;
    while (work > 0 && this.clock < limit) {
      work = 0;
      for (const t of this.tasks) {
        if (!t.done) work += t.run();
      }
      this.clock++;
    }
    return this.clock;
  }
}

const s = new Scheduler();
s.add(new Idle(s));
const sinks = ["sinkA", "sinkB", "sinkC"];
for (const name of sinks) s.add(new Accumulator(s, name));
s.add(new Relay(s, "relay1", ["sinkA", "sinkB"]));
s.add(new Relay(s, "relay2", ["sinkC", "relay1"]));
s.add(new Producer(s, "alpha", "relay1", 400 * SCALE));
s.add(new Producer(s, "beta", "relay2", 300 * SCALE));
s.add(new Producer(s, "gamma", "sinkC", 200 * SCALE));
const ticks = s.runUntilQuiet(10000 * SCALE);
console.log("ticks", ticks);
for (const t of s.tasks) console.log(t.describe(), t.steps);
let checksum = ticks;
for (const name of sinks) {
  const t = s.lookup(name);
  console.log(name, t.received, t.total);
  checksum = (checksum * 31 + t.total + t.received) % 1000000007;
}
try {
  new Task(s, "abstract", 9).run();
} catch (e) {
  console.log("caught:", e.message);
}
console.log("checksum", checksum);
