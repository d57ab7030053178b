"""Python twin of tests/js/programs/nbody.js."""

import math

from jsrt import log, scale

SCALE = scale()


class Body:
    def __init__(
        self, x: float, y: float, z: float, vx: float, vy: float, vz: float, mass: float
    ) -> None:
        self.x = x
        self.y = y
        self.z = z
        self.vx = vx
        self.vy = vy
        self.vz = vz
        self.mass = mass


SOLAR_MASS = 4 * math.pi * math.pi
DAYS = 365.24


def system() -> list[Body]:
    return [
        Body(0, 0, 0, 0, 0, 0, SOLAR_MASS),
        Body(5.2, -1.1, -0.1, 0.6 * DAYS * 0.003, 2.7 * DAYS * 0.003, -0.02 * DAYS * 0.003,
             0.00095 * SOLAR_MASS),
        Body(8.3, 4.1, -0.4, -1.0 * DAYS * 0.003, 1.8 * DAYS * 0.003, 0.008 * DAYS * 0.003,
             0.00028 * SOLAR_MASS),
        Body(12.9, -15.1, -0.2, 1.1 * DAYS * 0.003, 0.8 * DAYS * 0.003, -0.01 * DAYS * 0.003,
             0.000043 * SOLAR_MASS),
        Body(15.4, -25.9, 0.18, 0.97 * DAYS * 0.003, 0.59 * DAYS * 0.003, -0.034 * DAYS * 0.003,
             0.000051 * SOLAR_MASS),
    ]


def offset_momentum(bodies: list[Body]) -> None:
    px = py = pz = 0.0
    for b in bodies:
        px += b.vx * b.mass
        py += b.vy * b.mass
        pz += b.vz * b.mass
    bodies[0].vx = -px / SOLAR_MASS
    bodies[0].vy = -py / SOLAR_MASS
    bodies[0].vz = -pz / SOLAR_MASS


def advance(bodies: list[Body], dt: float) -> None:
    n = len(bodies)
    for i in range(n):
        bi = bodies[i]
        for j in range(i + 1, n):
            bj = bodies[j]
            dx = bi.x - bj.x
            dy = bi.y - bj.y
            dz = bi.z - bj.z
            d2 = dx * dx + dy * dy + dz * dz
            mag = dt / (d2 * math.sqrt(d2))
            bi.vx -= dx * bj.mass * mag
            bi.vy -= dy * bj.mass * mag
            bi.vz -= dz * bj.mass * mag
            bj.vx += dx * bi.mass * mag
            bj.vy += dy * bi.mass * mag
            bj.vz += dz * bi.mass * mag
    for b in bodies:
        b.x += dt * b.vx
        b.y += dt * b.vy
        b.z += dt * b.vz


def energy(bodies: list[Body]) -> float:
    e = 0.0
    for i in range(len(bodies)):
        b = bodies[i]
        e += 0.5 * b.mass * (b.vx * b.vx + b.vy * b.vy + b.vz * b.vz)
        for j in range(i + 1, len(bodies)):
            c = bodies[j]
            dx = b.x - c.x
            dy = b.y - c.y
            dz = b.z - c.z
            e -= (b.mass * c.mass) / math.sqrt(dx * dx + dy * dy + dz * dz)
    return e


def js_round(x: float) -> int:
    return math.floor(x + 0.5)


bodies = system()
offset_momentum(bodies)
log("energy before", energy(bodies))
for _ in range(1500 * SCALE):
    advance(bodies, 0.01)
after = energy(bodies)
log("energy after", after)
log("star", bodies[0].x, bodies[0].y)
log("far planet", bodies[4].x, bodies[4].vz)
log("checksum", js_round(abs(after) * 1e9))
