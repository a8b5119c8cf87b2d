"""A harmless demo bot: prints a tick every few seconds, says goodbye and exits 0 on SIGTERM.

It trades nothing. It is here so that a newcomer can watch the supervisor's whole cycle:
start, ticks, planned restart (SIGTERM), goodbye, pause, start again.
"""
import os
import signal
import sys
import time

TICK_SECONDS = float(os.environ.get("DEMO_TICK_SECONDS", "3"))


def say_goodbye(signum, frame):
    print(f"demo bot {os.getpid()}: got signal {signum}, closing positions... goodbye!")
    sys.exit(0)


signal.signal(signal.SIGTERM, say_goodbye)
print(f"demo bot {os.getpid()}: started, ticking every {TICK_SECONDS:g}s")
tick = 0
while True:
    tick += 1
    print(f"demo bot {os.getpid()}: tick {tick}, BTC/USDT order book looks calm")
    time.sleep(TICK_SECONDS)
