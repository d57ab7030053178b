// N-body simulation with doubles: five bodies, symplectic Euler steps, energy printed exactly.
// Scale: process.argv[2] (default 1) repeats the work; the checksum covers all of it.
const SCALE = process.argv.length > 2 ? Number(process.argv[2]) : 1;
class Body {
  constructor(x, y, z, vx, vy, vz, mass) {
    this.x = x;
    this.y = y;
    this.z = z;
    this.vx = vx;
    this.vy = vy;
    this.vz = vz;
    this.mass = mass;
  }
}

const SOLAR_MASS = 4 * Math.PI * Math.PI;
const DAYS = 365.24;

function system() {
  // A made-up planetary system: a heavy star and four planets on rough orbits.
  return [
    new Body(0, 0, 0, 0, 0, 0, SOLAR_MASS),
    new Body(5.2, -1.1, -0.1, 0.6 * DAYS * 0.003, 2.7 * DAYS * 0.003, -0.02 * DAYS * 0.003,
      0.00095 * SOLAR_MASS),
    new Body(8.3, 4.1, -0.4, -1.0 * DAYS * 0.003, 1.8 * DAYS * 0.003, 0.008 * DAYS * 0.003,
      0.00028 * SOLAR_MASS),
    new Body(12.9, -15.1, -0.2, 1.1 * DAYS * 0.003, 0.8 * DAYS * 0.003, -0.01 * DAYS * 0.003,
      0.000043 * SOLAR_MASS),
    new Body(15.4, -25.9, 0.18, 0.97 * DAYS * 0.003, 0.59 * DAYS * 0.003, -0.034 * DAYS * 0.003,
      0.000051 * SOLAR_MASS),
  ];
}

function offsetMomentum(bodies) {
  let px = 0;
  let py = 0;
  let pz = 0;
  for (const b of bodies) {
    px += b.vx * b.mass;
    py += b.vy * b.mass;
    pz += b.vz * b.mass;
  }
  bodies[0].vx = -px / SOLAR_MASS;
  bodies[0].vy = -py / SOLAR_MASS;
  bodies[0].vz = -pz / SOLAR_MASS;
}

function advance(bodies, dt) {
  const n = bodies.length;
  for (let i = 0; i < n; i++) {
    const bi = bodies[i];
    for (let j = i + 1; j < n; j++) {
      const bj = bodies[j];
      const dx = bi.x - bj.x;
      const dy = bi.y - bj.y;
      const dz = bi.z - bj.z;
      const d2 = dx * dx + dy * dy + dz * dz;
      const mag = dt / (d2 * Math.sqrt(d2));
      bi.vx -= dx * bj.mass * mag;
      bi.vy -= dy * bj.mass * mag;
      bi.vz -= dz * bj.mass * mag;
      bj.vx += dx * bi.mass * mag;
      bj.vy += dy * bi.mass * mag;
      bj.vz += dz * bi.mass * mag;
    }
  }
  for (const b of bodies) {
    b.x += dt * b.vx;
    b.y += dt * b.vy;
    b.z += dt * b.vz;
  }
}

function energy(bodies) {
  let e = 0;
  for (let i = 0; i < bodies.length; i++) {
    const b = bodies[i];
    e += 0.5 * b.mass * (b.vx * b.vx + b.vy * b.vy + b.vz * b.vz);
    for (let j = i + 1; j < bodies.length; j++) {
      const c = bodies[j];
      const dx = b.x - c.x;
      const dy = b.y - c.y;
      const dz = b.z - c.z;
      e -= (b.mass * c.mass) / Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return e;
}

const bodies = system();
offsetMomentum(bodies);
console.log("energy before", energy(bodies));
for (let step = 0; step < 1500 * SCALE; step++) advance(bodies, 0.01);
const after = energy(bodies);
console.log("energy after", after);
console.log("star", bodies[0].x, bodies[0].y);
console.log("far planet", bodies[4].x, bodies[4].vz);
console.log("checksum", Math.round(Math.abs(after) * 1e9));
