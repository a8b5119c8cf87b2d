///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES Supervisor.java
//DEPS org.junit.jupiter:junit-jupiter-engine:5.11.4
//DEPS org.junit.jupiter:junit-jupiter-params:5.11.4
//DEPS org.junit.platform:junit-platform-launcher:1.11.4

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.engine.TestExecutionResult;

import picocli.CommandLine;

/**
 * Tests of Supervisor.java with real child processes (Python bots written into a temp folder) and short
 * timings. Runs itself: `./jbang SupervisorTest.java` prints each result and, last, `N passed, N failed`.
 */
public class SupervisorTest {

    /** The real interpreter behind python3 (pyenv shims and the like add a process and start-up time). */
    static final String PYTHON = realPython();

    /** A bot that notes "start PID" in the witness file named by its argument, and "term PID" on SIGTERM. */
    static final String WITNESS_BOT = """
            import os, signal, sys, time
            def note(s):
                open(sys.argv[1], "a").write(s + "\\n")
            def term(n, f):
                note("term %d" % os.getpid()); sys.exit(0)
            signal.signal(signal.SIGTERM, term)
            note("start %d" % os.getpid())
            time.sleep(60)
            """;

    @TempDir Path dir;
    private final List<Running> running = new ArrayList<>();

    public static void main(String... args) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(args.length == 0 ? List.of(selectClass(SupervisorTest.class))
                        : Arrays.stream(SupervisorTest.class.getDeclaredMethods())
                                .filter(m -> Arrays.asList(args).contains(m.getName()))
                                .map(m -> selectMethod(SupervisorTest.class, m)).toList())
                .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, summary, new Progress());
        TestExecutionSummary result = summary.getSummary();
        PrintWriter out = new PrintWriter(System.out, true, UTF_8);
        if (result.getTotalFailureCount() > 0) {
            out.println();
            result.printFailuresTo(out, 12);
        }
        long failed = result.getTotalFailureCount();
        long skipped = result.getTestsSkippedCount() + result.getTestsAbortedCount();
        out.println(result.getTestsSucceededCount() + " passed, " + failed + " failed"
                + (skipped > 0 ? ", " + skipped + " skipped" : ""));
        System.exit(failed == 0 ? 0 : 1);
    }

    /** One line per test as it ends, so a slow or hanging test shows where it is. */
    static final class Progress implements TestExecutionListener {
        private final Map<TestIdentifier, Long> started = new HashMap<>();

        @Override
        public void executionStarted(TestIdentifier test) {
            started.put(test, System.nanoTime());
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (test.isTest()) {
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started.getOrDefault(test, System.nanoTime()));
                String mark = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? "ok  " : "FAIL";
                System.out.printf("%s %-70s %6d ms%n", mark, test.getLegacyReportingName(), ms);
            }
        }
    }

    @AfterEach
    void stopEverything() {
        for (Running r : running) {
            r.kill();
        }
    }

    // ------------------------------------------------------------------------------------ the cycle

    @Test
    @Timeout(30)
    void plannedRestartHappensAtRunTimeAndTheBotSawSigterm() throws Exception {
        Path witness = dir.resolve("witness");
        writeBot(WITNESS_BOT);
        Running r = start("--run-time", "300ms", "--pause", "0s", "--", PYTHON, "bot.py", witness.toString());
        String firstPid = r.lines.pid(1);
        String secondPid = r.lines.pid(2);
        awaitTrue(() -> lines(witness).size() == 3);
        r.stop();
        assertEquals(0, r.exitCode());
        List<String> notes = Files.readAllLines(witness);
        assertEquals(List.of("start " + firstPid, "term " + firstPid, "start " + secondPid, "term " + secondPid), notes);
        assertTrue(r.lines.contains("Bot stopped gracefully in"));
        assertFalse(r.lines.contains("Failure"));
    }

    @Test
    @Timeout(30)
    void botThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
        writeBot("""
                import signal, time
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
                print("ignoring SIGTERM", flush=True)
                time.sleep(60)
                """);
        Running r = start("--run-time", "300ms", "--grace", "300ms", "--pause", "0s", "--", PYTHON, "bot.py");
        long pid = Long.parseLong(r.lines.pid(1));
        r.lines.await(l -> l.contains("ignoring SIGTERM"));
        String killed = r.lines.await(l -> l.contains("killed 1 process(es) with SIGKILL"));
        assertTrue(killed.contains("after the 300ms grace"), killed);
        assertTrue(gone(pid), "the bot is gone");
        r.stop();
        assertEquals(0, r.exitCode());
    }

    @Test
    @Timeout(30)
    void grandchildrenAndDoubleForkedDaemonsAreGoneAfterAStop() throws Exception {
        Path witness = dir.resolve("pids");
        writeBot("""
                import os, subprocess, sys, time
                child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
                if os.fork() == 0:
                    os.setsid()
                    if os.fork() == 0:
                        open(sys.argv[1], "a").write("daemon %d\\n" % os.getpid())
                        time.sleep(60)
                    os._exit(0)
                open(sys.argv[1], "a").write("child %d\\n" % child.pid)
                time.sleep(60)
                """);
        Running r = start("--grace", "2s", "--", PYTHON, "bot.py", witness.toString());
        long bot = Long.parseLong(r.lines.pid(1));
        awaitTrue(() -> lines(witness).size() == 2);
        List<Long> pids = lines(witness).stream().map(l -> Long.parseLong(l.split(" ")[1])).toList();
        pids.forEach(pid -> assertTrue(ProcessHandle.of(pid).isPresent(), "running before the stop: " + pid));
        r.stop();
        assertEquals(0, r.exitCode());
        for (long pid : concat(pids, bot)) {
            assertTrue(gone(pid), "still alive after the stop: " + pid + " " + stat(pid));
        }
    }

    @Test
    @Timeout(30)
    void aHelperTheBotStartsWhileShuttingDownIsStoppedToo() throws Exception {
        Path witness = dir.resolve("helper");
        writeBot("""
                import os, signal, subprocess, sys, time
                def term(n, f):
                    helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True)
                    open(sys.argv[1], "w").write(str(helper.pid))
                    os._exit(0)
                signal.signal(signal.SIGTERM, term)
                print("ready", flush=True)
                time.sleep(60)
                """);
        Running r = start("--grace", "5s", "--", PYTHON, "bot.py", witness.toString());
        r.lines.await(l -> l.contains("ready"));
        long asked = System.nanoTime();
        r.stop();
        assertEquals(0, r.exitCode());
        long helper = Long.parseLong(Files.readString(witness));
        assertTrue(gone(helper), "the helper started during the stop is gone: " + stat(helper));
        assertTrue(System.nanoTime() - asked < TimeUnit.SECONDS.toNanos(4), "the stop did not wait out the grace");
        assertTrue(r.lines.contains("Bot stopped gracefully"), String.join("\n", r.lines.all()));
    }

    @Test
    @Timeout(30)
    void crashLoopGivesUpAfterMaxFailuresWithGrowingPauses() throws Exception {
        writeBot("import sys; sys.exit(3)\n");
        Running r = start("--max-failures", "3", "--pause", "100ms", "--", PYTHON, "bot.py");
        assertEquals(1, r.exitCode());
        List<String> failures = r.lines.matching("Failure \\d of 3");
        assertEquals(3, failures.size(), failures.toString());
        assertTrue(failures.get(0).contains("exited with code 3"), failures.get(0));
        assertEquals(List.of("Backing off 100ms", "Backing off 200ms"),
                r.lines.matching("Backing off \\d+ms").stream().map(l -> l.replaceAll(".*(Backing off \\d+ms).*", "$1")).toList());
        assertTrue(r.lines.contains("Giving up after 3 consecutive failures"));
    }

    @Test
    @Timeout(30)
    void statusAfterGivingUpSaysFatal() throws Exception {
        writeBot("import sys; sys.exit(1)\n");
        Running r = start("--max-failures", "1", "--", PYTHON, "bot.py");
        assertEquals(1, r.exitCode());
        Result status = execute(Map.of(), "status", "--dir", dir.toString(), "--json");
        assertEquals(3, status.exitCode());
        assertEquals("FATAL", Supervisor.Json.parseObject(status.out()).get("state"));
    }

    @Test
    @Timeout(30)
    void plannedRestartsNeverCountAsFailures() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        Running r = start("--run-time", "150ms", "--pause", "0s", "--max-failures", "1", "--", PYTHON, "bot.py");
        r.lines.pid(4);
        assertEquals(3, r.lines.matching("Planned restart after").size());
        assertFalse(r.lines.contains("Failure"));
        r.stop();
        assertEquals(0, r.exitCode());
    }

    @Test
    @Timeout(30)
    void aRunThatStayedUpForMinUptimeResetsTheCount() throws Exception {
        writeBot("""
                import pathlib, sys, time
                p = pathlib.Path("count")
                n = int(p.read_text()) + 1 if p.exists() else 1
                p.write_text(str(n))
                if n == 3:
                    time.sleep(0.6)
                sys.exit(1)
                """);
        Running r = start("--max-failures", "3", "--min-uptime", "300ms", "--pause", "0s", "--", PYTHON, "bot.py");
        assertEquals(1, r.exitCode());
        assertEquals("5", Files.readString(dir.resolve("count")), "runs 1-2 fail, run 3 resets the count, runs 4-5 reach 3");
        assertEquals(2, r.lines.matching("Failure 1 of 3").size());
    }

    @Test
    @Timeout(30)
    void aCleanExitAfterMinUptimeIsStartedAgainAfterThePause() throws Exception {
        writeBot("import time; time.sleep(0.3)\n");
        Running r = start("--min-uptime", "100ms", "--pause", "50ms", "--max-failures", "1", "--", PYTHON, "bot.py");
        r.lines.pid(3);
        assertTrue(r.lines.contains("Bot exited by itself with code 0"));
        assertTrue(r.lines.contains("Pausing 50ms before the next start"));
        assertFalse(r.lines.contains("Failure"));
        r.stop();
        assertEquals(0, r.exitCode());
    }

    @Test
    @Timeout(30)
    void aCleanExitSoonerThanMinUptimeIsAFailure() throws Exception {
        writeBot("pass\n");
        Running r = start("--max-failures", "2", "--pause", "0s", "--", PYTHON, "bot.py");
        assertEquals(1, r.exitCode());
        assertTrue(r.lines.contains("before the 10s minimum uptime"));
    }

    @Test
    @Timeout(30)
    void missingPythonExits2WithNothingStarted() throws Exception {
        Files.writeString(dir.resolve("bot_trading_system.py"), "print('never')\n");
        Result result = execute(Map.of("PATH", System.getenv("PATH")), "--dir", dir.toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("Python executable not found"), result.err());
        assertTrue(result.err().contains("python3 -m venv venv"), result.err());
        assertTrue(result.err().contains("pip install -r requirements.txt"), result.err());
        assertTrue(result.err().contains("--python"), result.err());
        assertEquals("", result.out());
        assertFalse(Files.exists(dir.resolve(".supervisor.lock")), "nothing started: not even the lock");
    }

    @Test
    @Timeout(30)
    void missingScriptExits2NamingItsAbsolutePath() throws Exception {
        Result result = execute(Map.of("PATH", System.getenv("PATH")), "--dir", dir.toString(), "--python", PYTHON);
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("Script not found: " + dir.resolve("bot_trading_system.py")), result.err());
        assertEquals("", result.out());
    }

    @Test
    @Timeout(30)
    void badDurationExits2NamingTheOption() {
        Result result = execute(Map.of(), "--dir", dir.toString(), "--run-time", "5x", "--", "true");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--run-time"), result.err());
        assertTrue(result.err().contains("'5x' is not a duration"), result.err());
    }

    @Test
    @Timeout(60)
    void sigtermToTheSupervisorStopsTheBotGracefullyAndExits0() throws Exception {
        Path witness = dir.resolve("witness");
        writeBot("""
                import os, signal, sys, time
                def term(n, f):
                    open(sys.argv[1], "a").write("term\\n"); sys.exit(0)
                signal.signal(signal.SIGTERM, term)
                print("ready", flush=True)
                time.sleep(60)
                """);
        Running r = spawn("--", PYTHON, "bot.py", witness.toString());
        long bot = Long.parseLong(r.lines.pid(1));
        r.lines.await(l -> l.contains("ready"));
        r.process.toHandle().destroy();
        assertEquals(0, r.exitCode());
        assertEquals(List.of("term"), lines(witness));
        assertTrue(r.lines.contains("Stop requested (SIGTERM)"));
        assertTrue(r.lines.contains("Bot stopped gracefully"));
        assertTrue(gone(bot));
    }

    @Test
    @Timeout(60)
    void theLogIsUtf8WhateverTheLocale() throws Exception {
        writeBot("import time; print('ação ✓', flush=True); time.sleep(60)\n");
        Running r = spawnWith(Map.of("LANG", "C", "LC_ALL", "C"), "--lang", "pt", "--name", "b", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.endsWith("[b] ação ✓"));
        assertTrue(r.lines.contains("🚀 SUPERVISOR INICIADO"));
        assertTrue(r.lines.contains("✅ Script iniciado com sucesso!"));
        r.process.toHandle().destroy();
        assertEquals(0, r.exitCode());
        assertTrue(r.lines.contains("🏁 SUPERVISOR ENCERRADO"));
    }

    @Test
    @Timeout(30)
    void aStopRequestDuringAPauseExitsAtOnce() throws Exception {
        writeBot("import sys; sys.exit(1)\n");
        Running r = start("--pause", "1h", "--max-failures", "0", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.contains("Backing off 1h"));
        long asked = System.nanoTime();
        r.stop();
        assertEquals(0, r.exitCode());
        assertTrue(Duration.ofNanos(System.nanoTime() - asked).toSeconds() < 10, "did not wait for the pause");
    }

    // ------------------------------------------------------------------------------------ the venv lookup

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            linux venv/bin/python3 first       | false | venv/bin/python3,venv/bin/python,.venv/bin/python3 |       | venv/bin/python3
            linux falls back to bin/python     | false | venv/bin/python,.venv/bin/python3                  |       | venv/bin/python
            linux venv before .venv            | false | .venv/bin/python3,venv/bin/python3                 |       | venv/bin/python3
            linux .venv when no venv           | false | .venv/bin/python3                                  |       | .venv/bin/python3
            linux VIRTUAL_ENV last             | false | /env/bin/python3,.venv/bin/python3                 | /env  | .venv/bin/python3
            linux VIRTUAL_ENV when nothing     | false | /env/bin/python3                                   | /env  | /env/bin/python3
            windows Scripts/python.exe         | true  | venv/Scripts/python.exe,venv/bin/python3           |       | venv/Scripts/python.exe
            windows ignores bin/python3        | true  | venv/bin/python3                                   |       |
            none found                         | false | venv/bin/pip                                       | /env  |
            """)
    @Timeout(5)
    void venvLookupFollowsTheLayoutAndTheOrder(String name, boolean windows, String present, String virtualEnv, String expected) {
        Path bot = Path.of("/bots/a");
        Set<Path> files = Arrays.stream(present.split(",")).map(String::trim).map(bot::resolve).collect(Collectors.toSet());
        Supervisor.Venv.Lookup lookup = Supervisor.Venv.find(bot, null, virtualEnv, windows, files::contains);
        assertEquals(expected == null ? null : bot.resolve(expected), lookup.python().orElse(null));
    }

    @Test
    @Timeout(5)
    void venvOptionIsTheOnlyPlaceLookedIn() {
        Path bot = Path.of("/bots/a");
        Set<Path> files = Set.of(bot.resolve("venv/bin/python3"), bot.resolve("envs/prod/bin/python3"));
        assertEquals(bot.resolve("envs/prod/bin/python3"),
                Supervisor.Venv.find(bot, Path.of("envs/prod"), null, false, files::contains).python().orElseThrow());
        Supervisor.Venv.Lookup none = Supervisor.Venv.find(bot, Path.of("other"), null, false, files::contains);
        assertTrue(none.python().isEmpty());
        assertEquals(List.of(bot.resolve("other/bin/python3"), bot.resolve("other/bin/python")), none.tried());
    }

    @Test
    @Timeout(120)
    void aRealVenvMadeWithPythonVenvRunsTheBot() throws Exception {
        Process venv = new ProcessBuilder(PYTHON, "-m", "venv", "--without-pip", dir.resolve("venv").toString())
                .redirectErrorStream(true).start();
        assertEquals(0, venv.waitFor(), new String(venv.getInputStream().readAllBytes(), UTF_8));
        Files.writeString(dir.resolve("bot_trading_system.py"), """
                import sys, time
                print("prefix " + sys.prefix, flush=True)
                time.sleep(60)
                """);
        Running r = start();
        String command = r.lines.await(l -> l.contains("Command: "));
        assertTrue(command.contains(dir.resolve("venv/bin/python3") + " bot_trading_system.py"), command);
        String prefix = r.lines.await(l -> l.contains("prefix "));
        assertTrue(prefix.endsWith("prefix " + dir.resolve("venv")), prefix);
        r.stop();
        assertEquals(0, r.exitCode());
    }

    // ------------------------------------------------------------------------------------ values and policy

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "3600, PT1H", "15, PT15S", "0, PT0S", "500ms, PT0.5S", "90s, PT1M30S", "15m, PT15M", "1h, PT1H",
            "1h30m, PT1H30M", "2d, PT48H", "1d2h3m4s5ms, PT26H3M4.005S", "PT1H, PT1H", "pt90s, PT1M30S", "' 10s ', PT10S"})
    @Timeout(5)
    void durationsParse(String text, String iso) {
        assertEquals(Duration.parse(iso), Supervisor.Durations.parse(text));
    }

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource({"5x", "-1", "1.5h", "h", "''", "30m1h", "1h1h", "PT-1H", "1 h", "ms"})
    @Timeout(5)
    void badDurationsAreRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Supervisor.Durations.parse(text));
        assertTrue(e.getMessage().contains("is not a duration"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} is refused as too long")
    @CsvSource({"200000d", "99999999999999999999s", "99999999999999999999", "PT9999999999H"})
    @Timeout(5)
    void durationsBeyondAHundredYearsAreRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Supervisor.Durations.parse(text));
        assertTrue(e.getMessage().contains("is longer than the 100 years taken") || e.getMessage().contains("is not a duration"),
                e.getMessage());
    }

    @Test
    @Timeout(10)
    void aLockFileThatCannotBeCreatedExits2SayingWhy() {
        Result result = execute(Map.of("PATH", System.getenv("PATH")), "--dir", dir.toString(),
                "--lock-file", dir.resolve("no/such/folder/x.lock").toString(), "--", "true");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("cannot use the lock file") && result.err().contains("no such file or folder"), result.err());
    }

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource({"3600000, 1h", "500, 500ms", "1500, 1.5s", "42000, 42s", "5400000, 1h30m", "90061000, 1d1h1m1s"})
    @Timeout(5)
    void durationsFormat(long millis, String shown) {
        assertEquals(shown, Supervisor.Durations.format(Duration.ofMillis(millis)));
    }

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({"512M, 536870912", "2G, 2147483648", "10MB, 10485760", "64k, 65536", "1gb, 1073741824", "' 8 K ', 8192"})
    @Timeout(5)
    void sizesParse(String text, long bytes) {
        assertEquals(bytes, Supervisor.Sizes.parse(text));
    }

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource({"512, needs a unit", "5T, is not a size", "M, is not a size", "0M, out of range", "-1M, is not a size"})
    @Timeout(5)
    void badSizesAreRefused(String text, String says) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Supervisor.Sizes.parse(text));
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            planned restart, no count change      | PLANNED     |    | 100   | 2 | false | 2 | 15s
            planned restart after min-uptime      | PLANNED     |    | 20000 | 2 | false | 0 | 15s
            crash: first failure, base pause      | EXITED      | 1  | 20000 | 0 | true  | 1 | 15s
            crash after min-uptime resets first   | EXITED      | 1  | 20000 | 3 | true  | 1 | 15s
            quick crash doubles the pause         | EXITED      | 1  | 100   | 1 | true  | 2 | 30s
            third quick crash                     | EXITED      | 1  | 100   | 2 | true  | 3 | 60s
            pause caps at five minutes            | EXITED      | 1  | 100   | 7 | true  | 8 | 5m
            clean exit too soon is a failure      | EXITED      | 0  | 100   | 0 | true  | 1 | 15s
            clean exit after min-uptime           | EXITED      | 0  | 20000 | 2 | false | 0 | 15s
            signal is a failure                   | EXITED      | 143| 20000 | 0 | true  | 1 | 15s
            could not start                       | NOT_STARTED |    | 0     | 1 | true  | 2 | 30s
            hung never resets the count           | HUNG        |    | 20000 | 1 | true  | 2 | 30s
            memory restart is not a failure       | MEMORY      |    | 20000 | 1 | false | 0 | 15s
            """)
    @Timeout(5)
    void policyDecidesFailuresAndPauses(String name, Supervisor.Ending ending, Integer code, long uptimeMs, int before,
                                        boolean failure, int after, String pause) {
        Supervisor.Decision d = Supervisor.Policy.decide(new Supervisor.Outcome(ending, code, Duration.ofMillis(uptimeMs)),
                before, Duration.ofSeconds(15), Duration.ofSeconds(10), 0);
        assertEquals(failure, d.failure(), "failure");
        assertEquals(after, d.failures(), "count");
        assertEquals(Supervisor.Durations.parse(pause), d.pause(), "pause");
        assertFalse(d.giveUp(), "max-failures 0 never gives up");
    }

    @Test
    @Timeout(5)
    void policyGivesUpAtMaxFailures() {
        Supervisor.Outcome crash = new Supervisor.Outcome(Supervisor.Ending.EXITED, 1, Duration.ofMillis(5));
        assertFalse(Supervisor.Policy.decide(crash, 3, Duration.ZERO, Duration.ofSeconds(10), 5).giveUp());
        assertTrue(Supervisor.Policy.decide(crash, 4, Duration.ZERO, Duration.ofSeconds(10), 5).giveUp());
    }

    // ------------------------------------------------------------------------------------ the log

    @Test
    @Timeout(30)
    void relaysBothStreamsWithTagsAndInOrder() throws Exception {
        writeBot("""
                import sys, time
                for i in range(200):
                    print("out %d" % i)
                    print("err %d" % i, file=sys.stderr)
                sys.stdout.flush()
                time.sleep(60)
                """);
        Running r = start("--name", "bot", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.endsWith("[bot] out 199"));
        r.lines.await(l -> l.endsWith("[bot:err] err 199"));
        assertEquals(range("out ", 200), r.lines.matching("\\[bot\\] out \\d+$").stream().map(SupervisorTest::afterTag).toList());
        assertEquals(range("err ", 200), r.lines.matching("\\[bot:err\\] err \\d+$").stream().map(SupervisorTest::afterTag).toList());
        assertTrue(r.lines.matching("\\[bot\\] out 0").get(0).matches("\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\] \\[bot\\] out 0"));
        r.stop();
        assertEquals(0, r.exitCode());
    }

    @Test
    @Timeout(30)
    void theTagDefaultsToTheScriptsName() throws Exception {
        Files.writeString(dir.resolve("my_bot.py"), "import time; print('hi', flush=True); time.sleep(60)\n");
        Running r = start("--python", PYTHON, "--script", "my_bot.py");
        r.lines.await(l -> l.endsWith("[my_bot] hi"));
        r.stop();
    }

    @Test
    @Timeout(30)
    void aLastLineWithoutNewlineIsKeptAndComesBeforeTheExitLine() throws Exception {
        writeBot("import sys; sys.stdout.write(''.join('line %d\\n' % i for i in range(2000)) + 'no newline at the end'); sys.exit(0)\n");
        Running r = start("--max-failures", "1", "--", PYTHON, "bot.py");
        assertEquals(1, r.exitCode());
        int last = r.lines.indexOf(l -> l.endsWith("] no newline at the end"));
        int exited = r.lines.indexOf(l -> l.contains("Bot exited by itself"));
        assertTrue(last >= 0 && last < exited, "the bot's last line comes before the exit line");
    }

    @Test
    @Timeout(30)
    void aLineOf200KiBIsSplitNotDropped() throws Exception {
        writeBot("import sys, time; sys.stdout.write('x' * 200 * 1024 + '\\nafter\\n'); sys.stdout.flush(); time.sleep(60)\n");
        Running r = start("--name", "b", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.endsWith("[b] after"));
        String joined = r.lines.matching("\\[b\\] x+$").stream().map(SupervisorTest::afterTag).collect(Collectors.joining());
        assertEquals(200 * 1024, joined.length());
        assertEquals(4, r.lines.matching("\\[b\\] x+$").size(), "64 KiB pieces");
        r.stop();
    }

    @ParameterizedTest(name = "a line of {0} bytes")
    @CsvSource({"65535, 1", "65536, 1", "65537, 2", "131072, 2", "0, 1"})
    @Timeout(30)
    void linesAtTheSplitSizeGiveNoEmptyPieces(int size, int pieces) throws Exception {
        writeBot("import os, time; os.write(1, b'y' * " + size + " + b'\\nafter\\n'); time.sleep(60)\n");
        Running r = start("--name", "b", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.endsWith("[b] after"));
        List<String> relayed = r.lines.matching("\\[b\\] ").stream().map(SupervisorTest::afterTag).toList();
        assertEquals(pieces + 1, relayed.size(), "pieces and 'after'");
        assertEquals(size, String.join("", relayed.subList(0, pieces)).length());
        r.stop();
    }

    @Test
    @Timeout(30)
    void bytesThatAreNotUtf8DoNotStopTheRelay() throws Exception {
        writeBot("import sys, time; sys.stdout.buffer.write(b'bad \\xff\\xfe\\xc3 bytes\\nstill here \\xc3\\xa7\\n'); sys.stdout.flush(); time.sleep(60)\n");
        Running r = start("--name", "b", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.endsWith("[b] still here ç"));
        assertTrue(r.lines.contains("[b] bad \uFFFD\uFFFD\uFFFD bytes"));
        r.stop();
    }

    @Test
    @Timeout(60)
    void aFloodOfLinesLosesNone() throws Exception {
        int count = 200_000;
        writeBot("import sys\nw = sys.stdout.write\nfor i in range(" + count + "):\n    w('line %d\\n' % i)\n");
        Path log = dir.resolve("flood.log");
        Running r = start("--name", "b", "--log-file", log.toString(), "--max-failures", "1", "--min-uptime", "1h",
                "--", PYTHON, "bot.py");
        assertEquals(1, r.exitCode());
        List<String> relayed = Files.readAllLines(log).stream().filter(l -> l.contains("] [b] line ")).map(SupervisorTest::afterTag).toList();
        assertEquals(range("line ", count), relayed);
    }

    @Test
    @Timeout(60)
    void rotationUnderAFloodLosesNoLine() throws Exception {
        int count = 50_000;
        writeBot("import sys\nfor i in range(" + count + "):\n    sys.stdout.write('line %d\\n' % i)\n");
        Path log = dir.resolve("logs/bot.log");
        Running r = start("--name", "b", "--log-file", log.toString(), "--log-max-size", "64K", "--log-keep", "100",
                "--max-failures", "1", "--min-uptime", "1h", "--", PYTHON, "bot.py");
        assertEquals(1, r.exitCode());
        List<Path> files = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            Path rotated = log.resolveSibling("bot.log." + i);
            if (Files.exists(rotated)) {
                files.add(rotated);
            }
        }
        files.add(log);
        assertTrue(files.size() > 20, "rotated " + files.size() + " times");
        List<String> relayed = new ArrayList<>();
        for (Path file : files) {
            assertTrue(Files.size(file) <= 64 * 1024, file + " is over the limit");
            List<String> content = Files.readAllLines(file);
            content.forEach(l -> assertTrue(l.startsWith("["), "whole lines only: " + l));
            content.stream().filter(l -> l.contains("] [b] line ")).map(SupervisorTest::afterTag).forEach(relayed::add);
        }
        assertEquals(range("line ", count), relayed);
    }

    @Test
    @Timeout(60)
    void aLogFileThatStopsTakingLinesNeverBlocksTheBot() throws Exception {
        int count = 100_000;
        writeBot("import sys\nfor i in range(" + count + "):\n    sys.stdout.write('line %d\\n' % i)\n");
        Running r = start("--name", "b", "--log-file", "/dev/full", "--max-failures", "1", "--min-uptime", "1h", "--", PYTHON, "bot.py");
        assertEquals(1, r.exitCode());
        assertEquals(1, r.lines.matching("Cannot write the log file /dev/full \\(No space left on device\\)").size());
        assertEquals(range("line ", count), r.lines.matching("\\] \\[b\\] line ").stream().map(SupervisorTest::afterTag).toList());
    }

    @Test
    @Timeout(30)
    void rotationKeepsOnlyLogKeepOldFiles() throws Exception {
        writeBot("import sys\nfor i in range(20000):\n    sys.stdout.write('line %d\\n' % i)\n");
        Path log = dir.resolve("bot.log");
        Running r = start("--log-file", log.toString(), "--log-max-size", "16K", "--log-keep", "2",
                "--max-failures", "1", "--min-uptime", "1h", "--", PYTHON, "bot.py");
        assertEquals(1, r.exitCode());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(Set.of("bot.log", "bot.log.1", "bot.log.2"), files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("bot.log")).collect(Collectors.toSet()));
        }
    }

    @Test
    @Timeout(30)
    void pythonBotsGetUnbufferedOutput() throws Exception {
        writeBot("import time\nprint('one line, then a long sleep')\ntime.sleep(60)\n");
        Running r = start("--", PYTHON, "bot.py");
        r.lines.pid(1);
        long since = System.nanoTime();
        r.lines.await(l -> l.contains("one line, then a long sleep"));
        assertTrue(System.nanoTime() - since < TimeUnit.SECONDS.toNanos(3), "print() showed up while the bot sleeps");
        r.stop();
    }

    @Test
    @Timeout(30)
    void portugueseReadsExactlyAsTheOriginalTool() throws Exception {
        Files.writeString(dir.resolve("bot_trading_system.py"), "import time; time.sleep(60)\n");
        Running r = start("--lang", "pt", "--python", PYTHON);
        String pid = r.lines.pid(1);
        r.lines.await(l -> l.contains("⏳"));
        List<String> words = r.lines.all().stream().map(SupervisorTest::afterStamp).toList();
        assertEquals("🚀 SUPERVISOR INICIADO", words.get(0));
        assertTrue(words.contains("🤖 Iniciando script dos bots: bot_trading_system.py"), words.toString());
        assertTrue(words.contains("✅ Script iniciado com sucesso!"), words.toString());
        assertTrue(words.contains("🆔 PID do processo: " + pid), words.toString());
        assertTrue(words.contains("⏳ Aguardando execução por 3600s..."), words.toString());
        r.stop();
        assertEquals(0, r.exitCode());
        assertTrue(r.lines.contains("🏁 SUPERVISOR ENCERRADO"));
    }

    @Test
    @Timeout(30)
    void portugueseErrorsReadAsTheOriginalTool() throws Exception {
        Result python = execute(Map.of("PATH", "/nowhere", "LANG", "pt_BR.UTF-8"), "--dir", dir.toString());
        assertTrue(python.err().contains("Executável Python não encontrado"), python.err());
        assertTrue(python.err().contains("python3 -m venv venv"), python.err());
        Result script = execute(Map.of("LANG", "pt_BR.UTF-8"), "--dir", dir.toString(), "--python", PYTHON);
        assertTrue(script.err().contains("Script não encontrado: " + dir.resolve("bot_trading_system.py")), script.err());
    }

    @Test
    @Timeout(30)
    void englishIsTheDefaultAndReadsTheSameCycle() throws Exception {
        Files.writeString(dir.resolve("bot_trading_system.py"), "import time; time.sleep(60)\n");
        Running r = start(Map.of("LANG", "C"), "--python", PYTHON);
        String pid = r.lines.pid(1);
        List<String> words = r.lines.all().stream().map(SupervisorTest::afterStamp).toList();
        assertEquals("🚀 SUPERVISOR STARTED", words.get(0));
        assertTrue(words.contains("🤖 Starting the bot script: bot_trading_system.py"), words.toString());
        assertTrue(words.contains("✅ Script started successfully!"), words.toString());
        assertTrue(words.contains("🆔 Process PID: " + pid), words.toString());
        r.stop();
    }

    @Test
    @Timeout(30)
    void portugueseDescribesExitsAndTheSummaryInPortuguese() throws Exception {
        writeBot("import sys; sys.exit(2)\n");
        Running r = start("--lang", "pt", "--max-failures", "1", "--", PYTHON, "bot.py");
        assertEquals(1, r.exitCode());
        assertTrue(r.lines.contains("🏁 Bot terminou sozinho com código 2 após"), String.join("\n", r.lines.all()));
        assertTrue(r.lines.contains("execuções 1, reinícios programados 0"), String.join("\n", r.lines.all()));
        assertTrue(r.lines.contains("falhas 1, última saída: código 2"), String.join("\n", r.lines.all()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            LANG pt                      |             |              | pt_BR.UTF-8 | pt
            LANG en                      |             |              | en_US.UTF-8 | en
            LC_ALL wins over LANG        | en_US.UTF-8 |              | pt_PT.UTF-8 | en
            LC_MESSAGES wins over LANG   |             | pt_PT        | C           | pt
            nothing set                  |             |              |             | en
            C locale                     |             |              | C.UTF-8     | en
            """)
    @Timeout(5)
    void languageComesFromTheLocale(String name, String lcAll, String lcMessages, String lang, Supervisor.Lang expected) {
        Map<String, String> env = new HashMap<>();
        if (lcAll != null) env.put("LC_ALL", lcAll);
        if (lcMessages != null) env.put("LC_MESSAGES", lcMessages);
        if (lang != null) env.put("LANG", lang);
        assertEquals(expected, Supervisor.Lang.fromLocale(env));
    }

    @Test
    @Timeout(5)
    void everyMessageHasAnEnglishAndAPortugueseText() {
        for (Supervisor.Msg msg : Supervisor.Msg.values()) {
            assertNotNull(Supervisor.Texts.EN.get(msg), "en: " + msg);
            assertNotNull(Supervisor.Texts.PT.get(msg), "pt: " + msg);
            assertEquals(count(Supervisor.Texts.EN.get(msg), "%s"), count(Supervisor.Texts.PT.get(msg), "%s"), "placeholders: " + msg);
        }
    }

    @Test
    @Timeout(30)
    void jsonLinesParseAndCarryTheFields() throws Exception {
        writeBot("import sys, time; print('hello out', flush=True); print('hello \"err\"', file=sys.stderr, flush=True); time.sleep(60)\n");
        Running r = start("--log-format", "json", "--name", "b", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.contains("hello out"));
        r.lines.await(l -> l.contains("hello \\\"err\\\""));
        r.stop();
        assertEquals(0, r.exitCode());
        List<Map<String, Object>> objects = r.lines.all().stream().map(Supervisor.Json::parseObject).toList();
        for (Map<String, Object> o : objects) {
            OffsetDateTime.parse((String) o.get("time"));
            assertTrue(Set.of("info", "warn", "error").contains(o.get("level")), o.toString());
            assertNotNull(o.get("event"));
            assertNotNull(o.get("message"));
            assertTrue(o.containsKey("pid") && o.containsKey("stream"), o.toString());
        }
        Map<String, Object> started = objects.stream().filter(o -> "pid".equals(o.get("event"))).findFirst().orElseThrow();
        Map<String, Object> out = objects.stream().filter(o -> "hello out".equals(o.get("message"))).findFirst().orElseThrow();
        Map<String, Object> err = objects.stream().filter(o -> "hello \"err\"".equals(o.get("message"))).findFirst().orElseThrow();
        assertEquals("output", out.get("event"));
        assertEquals("stdout", out.get("stream"));
        assertEquals("stderr", err.get("stream"));
        assertEquals(started.get("pid"), out.get("pid"));
        assertEquals("supervisor", started.get("stream"));
        assertTrue(objects.stream().anyMatch(o -> "summary".equals(o.get("event"))));
    }

    @Test
    @Timeout(30)
    void filesNeverGetAnsiCodes() throws Exception {
        writeBot("import time; print('\\x1b[31mred\\x1b[0m plain', flush=True); time.sleep(60)\n");
        Path log = dir.resolve("bot.log");
        Running r = start("--log-file", log.toString(), "--name", "b", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.endsWith("[b] red plain"));
        r.stop();
        assertEquals(0, r.exitCode());
        String text = Files.readString(log);
        assertTrue(text.contains("[b] red plain"), text);
        assertFalse(text.contains("\u001B"), "no escape codes in the file");
        assertFalse(String.join("\n", r.lines.all()).contains("\u001B"), "nor on a console that is not a terminal");
    }

    @Test
    @Timeout(30)
    void theSummaryLineCountsRunsAndFailures() throws Exception {
        writeBot("import sys; sys.exit(2)\n");
        Running r = start("--max-failures", "2", "--pause", "0s", "--", PYTHON, "bot.py");
        assertEquals(1, r.exitCode());
        String summary = r.lines.await(l -> l.contains("Summary: "));
        assertTrue(summary.contains("runs 2,"), summary);
        assertTrue(summary.contains("failures 2,"), summary);
        assertTrue(summary.contains("last exit: code 2"), summary);
    }

    // ------------------------------------------------------------------------------------ one copy

    @Test
    @Timeout(60)
    void aSecondSupervisorOnTheSameFolderExits3AndStartsNothing() throws Exception {
        Path witness = dir.resolve("starts");
        writeBot("import sys, time; open(sys.argv[1], 'a').write('start\\n'); time.sleep(60)\n");
        Running first = spawn("--", PYTHON, "bot.py", witness.toString());
        first.lines.pid(1);
        awaitTrue(() -> lines(witness).size() == 1);
        Result second = execute(Map.of("PATH", System.getenv("PATH")), "--dir", dir.toString(), "--", PYTHON, "bot.py", witness.toString());
        assertEquals(3, second.exitCode());
        assertTrue(second.err().contains("(PID " + first.process.pid() + ")"), second.err());
        assertEquals(List.of("start"), lines(witness));
        first.process.toHandle().destroy();
        assertEquals(0, first.exitCode());
    }

    @Test
    @Timeout(60)
    void anotherLockFileDoesNotMakeASecondCopy() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        Running first = spawn("--", PYTHON, "bot.py");
        String bot = first.lines.pid(1);
        Result second = execute(Map.of("PATH", System.getenv("PATH")), "--dir", dir.toString(),
                "--lock-file", dir.resolve("other.lock").toString(), "--", PYTHON, "bot.py");
        assertEquals(3, second.exitCode(), second.err());
        assertTrue(second.err().contains("(PID " + first.process.pid() + ")"), second.err());
        assertTrue(!gone(Long.parseLong(bot)), "the first supervisor's bot was left alone");
        first.process.toHandle().destroy();
        assertEquals(0, first.exitCode());
    }

    @Test
    @Timeout(60)
    void aSupervisorKilledWithSigkillLeavesABotTheNextOneStopsFirst() throws Exception {
        Path witness = dir.resolve("witness");
        writeBot(WITNESS_BOT);
        Running first = spawn("--", PYTHON, "bot.py", witness.toString());
        long orphan = Long.parseLong(first.lines.pid(1));
        awaitTrue(() -> lines(witness).size() == 1);
        first.process.toHandle().destroyForcibly();
        first.process.waitFor();
        assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "the bot outlived its supervisor");

        Result status = execute(Map.of(), "status", "--dir", dir.toString(), "--lang", "en");
        assertEquals(3, status.exitCode(), "no supervisor is running");
        assertTrue(status.out().contains("the bot of a supervisor that died is") && status.out().contains("bot PID " + orphan),
                status.out());
        assertEquals((Object) orphan, Supervisor.Json.parseObject(execute(Map.of(), "status", "--dir", dir.toString(), "--json")
                .out()).get("orphanBotPid"));

        Running second = start("--", PYTHON, "bot.py", witness.toString());
        String next = second.lines.pid(1);
        awaitTrue(() -> lines(witness).size() == 3);
        assertTrue(second.lines.contains("Found the bot of a supervisor that died (PID " + orphan));
        assertEquals(List.of("start " + orphan, "term " + orphan, "start " + next), lines(witness), "one bot at a time");
        second.stop();
        assertEquals(0, second.exitCode());
    }

    @Test
    @Timeout(30)
    void aRecordedPidNowOwnedByAnUnrelatedProcessIsLeftAlone() throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(dir.resolve(".supervisor.state"), "{\"supervisorPid\":999999999,\"supervisorStarted\":\"2020-01-01T00:00:00Z\","
                    + "\"botPid\":" + unrelated.pid() + ",\"botStarted\":\"2020-01-01T00:00:00Z\",\"command\":[\"sleep\",\"60\"],"
                    + "\"marker\":\"nothing-matches-this\",\"state\":\"RUNNING\",\"runs\":1,\"plannedRestarts\":0,\"healthRestarts\":0,"
                    + "\"failures\":0,\"nextRestart\":null,\"dir\":\"" + dir + "\",\"lang\":\"en\"}\n");
            writeBot("import time; time.sleep(60)\n");
            Running r = start("--", PYTHON, "bot.py");
            r.lines.pid(1);
            assertTrue(r.lines.contains("PID " + unrelated.pid() + " from the state file now belongs to another process: left alone"));
            assertFalse(r.lines.contains("Found the bot"));
            assertTrue(unrelated.isAlive());
            r.stop();
            assertTrue(unrelated.isAlive(), "still alive after the supervisor's stop");
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    @Timeout(30)
    void statusReportsARunningAndAStoppedBotInBothForms() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        Running r = start("--run-time", "1h", "--", PYTHON, "bot.py");
        String pid = r.lines.pid(1);
        r.lines.await(l -> l.contains("Running for"));

        Result text = execute(Map.of(), "status", "--dir", dir.toString(), "--lang", "en");
        assertEquals(0, text.exitCode());
        assertTrue(text.out().contains("● running"), text.out());
        assertTrue(text.out().contains("bot PID " + pid), text.out());
        Result json = execute(Map.of(), "status", "--dir", dir.toString(), "--json");
        assertEquals(0, json.exitCode());
        Map<String, Object> o = Supervisor.Json.parseObject(json.out());
        assertEquals(true, o.get("running"));
        assertEquals(Long.parseLong(pid), o.get("botPid"));
        assertEquals(ProcessHandle.current().pid(), o.get("supervisorPid"));
        assertEquals("RUNNING", o.get("state"));
        assertEquals(1L, o.get("runs"));
        assertNotNull(o.get("nextRestart"));

        r.stop();
        assertEquals(0, r.exitCode());
        assertNull(Supervisor.Json.parseObject(execute(Map.of(), "status", "--dir", dir.toString(), "--json").out())
                .get("orphanBotPid"), "a bot stopped with its supervisor is no orphan");
        Result stopped = execute(Map.of(), "status", "--dir", dir.toString(), "--lang", "pt");
        assertEquals(3, stopped.exitCode());
        assertTrue(stopped.out().contains("parado"), stopped.out());
        Map<String, Object> after = Supervisor.Json.parseObject(execute(Map.of(), "status", "--dir", dir.toString(), "--json").out());
        assertEquals(false, after.get("running"));
        assertNull(after.get("botPid"));
        Result never = execute(Map.of(), "status", "--dir", dir.resolve("elsewhere").toString());
        assertEquals(3, never.exitCode());
    }

    @Test
    @Timeout(30)
    void lockAndStateFilesAreOnlyWritableByTheOwnerAndSymlinksAreRefused() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        Running r = start("--", PYTHON, "bot.py");
        r.lines.pid(1);
        for (String name : List.of(".supervisor.lock", ".supervisor.state")) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))), name);
        }
        r.stop();
        assertEquals(0, r.exitCode());

        Path target = dir.resolve("target");
        Files.delete(dir.resolve(".supervisor.lock"));
        Files.createSymbolicLink(dir.resolve(".supervisor.lock"), target);
        Result refused = execute(Map.of("PATH", System.getenv("PATH")), "--dir", dir.toString(), "--", PYTHON, "bot.py");
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("it is a symbolic link"), refused.err());
        assertFalse(Files.exists(target), "nothing written through the link");
    }

    @Test
    @Timeout(120)
    void fiveHundredCyclesLeakNoThreadsNorDescriptors() throws Exception {
        Running r = spawn("--run-time", "5ms", "--pause", "0s", "--max-failures", "0", "--min-uptime", "0s", "--", "/bin/true");
        long pid = r.process.pid();
        int[] early = quietest(pid, r.lines, 100);
        int[] late = quietest(pid, r.lines, 500);
        r.process.toHandle().destroy();
        assertEquals(0, r.exitCode());
        // A leak grows; fewer later is the JVM retiring its own compiler threads.
        assertTrue(late[0] <= early[0] + 2, "threads at run 100: " + early[0] + ", at run 500: " + late[0]);
        assertTrue(late[1] <= early[1] + 2, "descriptors at run 100: " + early[1] + ", at run 500: " + late[1]);
    }

    // ------------------------------------------------------------------------------------ health

    @Test
    @Timeout(60)
    void memoryHeldByAGrandchildTriggersAGracefulRestartThatIsNotAFailure() throws Exception {
        writeBot("""
                import subprocess, sys, time
                subprocess.Popen([sys.executable, "-c", "x = b'1' * (120 * 1024 * 1024); import time; print('allocated', flush=True); time.sleep(60)"])
                time.sleep(60)
                """);
        Running r = start("--max-memory", "60M", "--check-every", "100ms", "--pause", "0s", "--max-failures", "1", "--", PYTHON, "bot.py");
        String restart = r.lines.await(l -> l.contains("Memory restart"));
        assertTrue(restart.contains("over the 60MB limit for 3 checks in a row"), restart);
        r.lines.pid(2);
        assertFalse(r.lines.contains("Failure"));
        r.stop();
        assertEquals(0, r.exitCode());
        assertTrue(r.lines.await(l -> l.contains("Summary")).contains("memory restarts 1,"));
    }

    @Test
    @Timeout(30)
    void aBareNumberForMaxMemoryExits2WithAHint() {
        Result result = execute(Map.of(), "--dir", dir.toString(), "--max-memory", "512", "--", "true");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--max-memory"), result.err());
        assertTrue(result.err().contains("needs a unit: 512M"), result.err());
    }

    @Test
    @Timeout(60)
    void aSilentBotIsRestartedAsAFailureUntilTheSupervisorGivesUp() throws Exception {
        writeBot("import time; print('one line, then nothing', flush=True); time.sleep(60)\n");
        Running r = start("--max-silence", "400ms", "--check-every", "50ms", "--max-failures", "2", "--pause", "100ms",
                "--grace", "200ms", "--", PYTHON, "bot.py");
        assertEquals(1, r.exitCode());
        assertEquals(2, r.lines.matching("the bot looks hung").size());
        assertTrue(r.lines.contains("Failure 2 of 2: the bot was hung"));
        assertTrue(r.lines.contains("Backing off 100ms"));
    }

    @Test
    @Timeout(30)
    void aChattyBotIsNeverTakenAsHung() throws Exception {
        writeBot("import time\nwhile True:\n    print('tick', flush=True)\n    time.sleep(0.05)\n");
        Running r = start("--max-silence", "500ms", "--check-every", "50ms", "--run-time", "1500ms", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.contains("Planned restart"));
        assertFalse(r.lines.contains("hung"));
        r.stop();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            later today                  | 2026-01-15T10:00:00 | Europe/Lisbon     | 16:30       | 2026-01-15T16:30:00Z
            tomorrow when passed         | 2026-01-15T10:00:00 | Europe/Lisbon     | 04:00       | 2026-01-16T04:00:00Z
            the first of several         | 2026-01-15T10:00:00 | Europe/Lisbon     | 04:00,16:30 | 2026-01-15T16:30:00Z
            exactly now is tomorrow      | 2026-01-15T04:00:00 | Europe/Lisbon     | 04:00       | 2026-01-16T04:00:00Z
            in the zone, not UTC         | 2026-01-15T10:00:00 | America/Sao_Paulo | 04:00       | 2026-01-16T07:00:00Z
            summer offset                | 2026-07-01T10:00:00 | Europe/Lisbon     | 04:00       | 2026-07-02T03:00:00Z
            spring gap moves forward     | 2026-03-28T12:00:00 | Europe/Lisbon     | 01:30       | 2026-03-29T01:30:00Z
            autumn overlap: first one    | 2026-10-25T00:00:00 | Europe/Lisbon     | 01:30       | 2026-10-25T00:30:00Z
            autumn overlap: not twice    | 2026-10-25T01:31:00 | Europe/Lisbon     | 01:30       | 2026-10-26T01:30:00Z
            """)
    @Timeout(5)
    void restartAtFindsTheNextWallClockTime(String name, String local, String zone, String times, String expected) {
        ZonedDateTime now = ZonedDateTime.of(java.time.LocalDateTime.parse(local), ZoneId.of(zone));
        List<LocalTime> at = Arrays.stream(times.split(",")).map(LocalTime::parse).toList();
        assertEquals(Instant.parse(expected), Supervisor.Schedule.nextRestartAt(now, at));
    }

    @Test
    @Timeout(30)
    void restartAtWithRunTimeOffWaitsForTheClock() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        LocalTime soon = LocalTime.now().plusMinutes(30).withSecond(0).withNano(0);
        Running r = start("--run-time", "off", "--restart-at", soon.toString(), "--", PYTHON, "bot.py");
        String waiting = r.lines.await(l -> l.contains("Running until the scheduled restart at"));
        assertTrue(waiting.contains(soon.toString()), waiting);
        r.stop();
    }

    @Test
    @Timeout(60)
    void onEventGetsTheRightVariablesForEachEvent() throws Exception {
        Path events = dir.resolve("events");
        Path hook = dir.resolve("hook.py");
        Files.writeString(hook, """
                import os, sys
                keys = ["SUPERVISOR_EVENT", "SUPERVISOR_BOT_PID", "SUPERVISOR_EXIT_CODE", "SUPERVISOR_FAILURES"]
                open(sys.argv[1], "a").write("|".join(os.environ[k] for k in keys) + "|" + os.environ["SUPERVISOR_MESSAGE"] + "\\n")
                """);
        writeBot("import sys; sys.exit(4)\n");
        Running r = start("--on-event", PYTHON + " '" + hook + "' " + events, "--max-failures", "2", "--pause", "0s",
                "--", PYTHON, "bot.py");
        assertEquals(1, r.exitCode());
        String first = r.lines.pid(1);
        String second = r.lines.pid(2);
        List<String> got = lines(events).stream().map(l -> l.substring(0, l.lastIndexOf('|'))).toList();
        assertEquals(List.of("started|" + first + "||0", "crashed||4|1", "started|" + second + "||1", "crashed||4|2", "gave-up||4|2"), got);
        assertTrue(lines(events).get(1).endsWith("|exited with code 4 after " + lines(events).get(1).replaceAll(".* after ", "")));
    }

    @Test
    @Timeout(60)
    void onEventReportsPlannedRestartsAndTheStop() throws Exception {
        Path events = dir.resolve("events");
        Path hook = dir.resolve("hook.py");
        Files.writeString(hook, "import os, sys\nopen(sys.argv[1], 'a').write(os.environ['SUPERVISOR_EVENT'] + '\\n')\n");
        writeBot("import time; time.sleep(60)\n");
        Running r = start("--on-event", PYTHON + " " + hook + " " + events, "--run-time", "200ms", "--pause", "0s",
                "--", PYTHON, "bot.py");
        r.lines.pid(2);
        r.stop();
        assertEquals(0, r.exitCode());
        List<String> got = lines(events);
        assertEquals(List.of("started", "planned-restart", "started"), got.subList(0, 3));
        assertEquals("stopped", got.get(got.size() - 1));
    }

    @Test
    @Timeout(60)
    void aFailingOrHangingHookNeverStopsSupervision() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        Running failing = start("--on-event", PYTHON + " -c 'import sys; sys.exit(7)'", "--run-time", "200ms", "--pause", "0s",
                "--", PYTHON, "bot.py");
        failing.lines.pid(3);
        assertTrue(failing.lines.await(l -> l.contains("The --on-event command failed for started")).contains("code 7"));
        failing.stop();
        assertEquals(0, failing.exitCode());

        Running hanging = start("--on-event", "sleep 60", "--on-event-timeout", "300ms", "--run-time", "200ms", "--pause", "0s",
                "--", PYTHON, "bot.py");
        hanging.lines.pid(3);
        assertTrue(hanging.lines.await(l -> l.contains("The --on-event command failed")).contains("still running after 300ms, killed"));
        hanging.stop();
        assertEquals(0, hanging.exitCode());
    }

    // ------------------------------------------------------------------------------------ configuration

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            default                       |          |        |         | 1h   | default
            file                          |          |        | 30m     | 30m  | FILE:2
            environment over file         |          | 20m    | 30m     | 20m  | environment SUPERVISOR_RUN_TIME
            command line over environment | 10m      | 20m    | 30m     | 10m  | command line
            command line over file        | 10m      |        | 30m     | 10m  | command line
            """)
    @Timeout(10)
    void settingsComeFromCommandLineThenEnvironmentThenFileThenDefaults(String name, String cli, String env, String file,
                                                                         String expected, String origin) throws Exception {
        Path config = dir.resolve("supervisor.properties");
        Files.writeString(config, "# settings\n" + (file == null ? "" : "run-time = " + file + "\n") + "pause = 5s\n");
        Map<String, String> vars = new HashMap<>();
        if (env != null) vars.put("SUPERVISOR_RUN_TIME", env);
        List<String> args = new ArrayList<>(List.of("config", "--config", config.toString(), "--dir", dir.toString()));
        if (cli != null) args.addAll(List.of("--run-time", cli));
        Result result = execute(vars, args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.err());
        String line = result.out().lines().filter(l -> l.startsWith("run-time ")).findFirst().orElseThrow();
        assertTrue(line.matches("run-time\\s+= " + expected + "\\s+\\(" + Pattern.quote(origin.replace("FILE", config.toString())) + "\\)"), line);
        assertTrue(result.out().lines().anyMatch(l -> l.matches("pause\\s+= 5s\\s+\\(" + Pattern.quote(config.toString()) + ":\\d\\)")), result.out());
    }

    @Test
    @Timeout(10)
    void anUnknownKeyInTheFileExits2NamingFileAndLine() throws Exception {
        Path config = dir.resolve("supervisor.properties");
        Files.writeString(config, "run-time=1h\n\nrun-tme=2h\n");
        Result result = execute(Map.of(), "--config", config.toString(), "--dir", dir.toString(), "--", "true");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains(config + ":3: unknown key 'run-tme'"), result.err());
    }

    @Test
    @Timeout(10)
    void aBadValueInTheFileOrEnvironmentExits2NamingWhereItCameFrom() throws Exception {
        Path config = dir.resolve("supervisor.properties");
        Files.writeString(config, "# comment\ngrace=soon\n");
        Result file = execute(Map.of(), "--config", config.toString(), "--dir", dir.toString(), "--", "true");
        assertEquals(2, file.exitCode());
        assertTrue(file.err().contains(config + ":2: grace: "), file.err());
        assertTrue(file.err().contains("'soon' is not a duration"), file.err());
        Result env = execute(Map.of("SUPERVISOR_MAX_FAILURES", "many"), "--dir", dir.toString(), "--", "true");
        assertEquals(2, env.exitCode());
        assertTrue(env.err().contains("environment SUPERVISOR_MAX_FAILURES: max-failures: "), env.err());
    }

    @Test
    @Timeout(10)
    void completionScriptsAreProduced() {
        for (String shell : List.of("bash", "zsh")) {
            Result result = execute(Map.of(), "completion", shell);
            assertEquals(0, result.exitCode(), result.err());
            assertTrue(result.out().contains("complete -F"), result.out());
            assertTrue(result.out().contains("--run-time"), "knows the options");
            assertTrue(result.out().contains("status"), "knows the subcommands");
        }
    }

    @Test
    @Timeout(10)
    void helpListsEveryOptionWithItsDefault() {
        Result result = execute(Map.of(), "--help");
        assertEquals(0, result.exitCode());
        for (String option : List.of("--dir", "--script", "--venv", "--python", "--run-time", "--pause", "--grace",
                "--max-failures", "--min-uptime", "--log-file", "--lang", "--max-memory", "--restart-at", "--on-event", "--config")) {
            assertTrue(result.out().contains(option), option);
        }
        assertTrue(result.out().contains("(default: 1h)"), result.out());
        assertTrue(result.out().contains("Exit codes: 0"), result.out());
    }

    // ------------------------------------------------------------------------------------ operating a running bot

    @Test
    @Timeout(30)
    void stopSignalIntReachesAPythonBotAsKeyboardInterruptAndItsFinallyRuns() throws Exception {
        Path witness = dir.resolve("witness");
        writeBot("""
                import sys, time
                try:
                    print("ready", flush=True)
                    time.sleep(60)
                except KeyboardInterrupt:
                    open(sys.argv[1], "a").write("KeyboardInterrupt\\n")
                finally:
                    open(sys.argv[1], "a").write("finally\\n")
                """);
        Running r = start("--stop-signal", "sigint", "--grace", "5s", "--", PYTHON, "bot.py", witness.toString());
        r.lines.await(l -> l.contains("ready"));
        r.stop();
        assertEquals(0, r.exitCode());
        assertEquals(List.of("KeyboardInterrupt", "finally"), lines(witness));
        assertTrue(r.lines.contains("SIGINT sent to 1 process(es); killing after 5s if still running"), String.join("\n", r.lines.all()));
        assertTrue(r.lines.contains("Bot stopped gracefully in"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            TERM    | TERM
            int     | INT
            SIGHUP  | HUP
            sigQuit | QUIT
            usr1    | USR1
            SIGUSR2 | USR2
            """)
    @Timeout(5)
    void stopSignalsAreTakenWithOrWithoutSigInAnyCase(String text, Supervisor.StopSignal expected) {
        assertEquals(expected, Supervisor.StopSignal.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"KILL", "SIGKILL", "9", "STOP", "SIG", "''"})
    @Timeout(10)
    void aStopSignalOutsideTheChoicesExits2NamingThem(String value) {
        Result result = execute(Map.of(), "--stop-signal", value, "--dir", dir.toString(), "--", "true");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("Invalid value for option '--stop-signal'"), result.err());
        assertTrue(result.err().contains("use TERM, INT, HUP, QUIT, USR1 or USR2"), result.err());
    }

    static Stream<Arguments> envFiles() {
        return Stream.of(
                Arguments.of("plain", "A=1", Map.of("A", "1")),
                Arguments.of("export and blanks around =", "export A = 1 ", Map.of("A", "1")),
                Arguments.of("comments and blank lines", "# keys\n\n; systemd's comment\nA=1\n", Map.of("A", "1")),
                Arguments.of("inline comment after a blank", "A=1 # note", Map.of("A", "1")),
                Arguments.of("# inside a value", "A=pa#ss", Map.of("A", "pa#ss")),
                Arguments.of("= inside a value", "A=b=c", Map.of("A", "b=c")),
                Arguments.of("empty value", "A=", Map.of("A", "")),
                Arguments.of("single quotes are literal", "A='x\\n \"y\" # z'", Map.of("A", "x\\n \"y\" # z")),
                Arguments.of("double quotes with escapes", "A=\"one\\ntwo \\\"q\\\" back\\\\slash \\$\"", Map.of("A", "one\ntwo \"q\" back\\slash \\$")),
                Arguments.of("comment after a quoted value", "A=\"v w\"  # c", Map.of("A", "v w")),
                Arguments.of("later lines win", "A=1\nB=2\nA=3", Map.of("A", "3", "B", "2")),
                Arguments.of("CRLF and a byte order mark", "\uFEFFA=1\r\nB='2'\r\n", Map.of("A", "1", "B", "2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envFiles")
    @Timeout(5)
    void envFilesParseAsDotenvAndSystemdWriteThem(String name, String text, Map<String, String> expected) {
        assertEquals(expected, Supervisor.EnvFile.parse(text, "f.env"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no =                 | A=1⏎s3cret-value                | 2 | not a KEY=VALUE line
            a name with a dash   | # c⏎MY-KEY=s3cret-value         | 2 | is not a variable name
            a name with a digit  | 1KEY=s3cret-value               | 1 | is not a variable name
            an unclosed quote    | A="s3cret-value                 | 1 | a quote is not closed
            text after the quote | A='s3cret' -value               | 1 | text after the closing quote
            """)
    @Timeout(5)
    void aBadEnvFileLineNamesFileAndLineButNeverItsText(String name, String text, int line, String says) {
        Supervisor.EnvFile.BadLine bad = assertThrows(Supervisor.EnvFile.BadLine.class,
                () -> Supervisor.EnvFile.parse(text.replace("⏎", "\n"), "/srv/bot/.env"));
        assertTrue(bad.getMessage().startsWith("env file /srv/bot/.env:" + line + ": "), bad.getMessage());
        assertTrue(bad.getMessage().contains(says), bad.getMessage());
        assertFalse(bad.getMessage().contains("s3cret"), bad.getMessage());
    }

    @Test
    @Timeout(10)
    void aBadEnvFileExits2BeforeAnythingStarts() throws Exception {
        Path env = dir.resolve("bot.env");
        Files.writeString(env, "API_KEY=1\nAPI_SECRET s3cret-value\n");
        Path witness = dir.resolve("started");
        Result result = execute(Map.of(), "--env-file", env.toString(), "--dir", dir.toString(), "--", PYTHON, "-c",
                "open('" + witness + "', 'w').write('started')");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains(env + ":2: not a KEY=VALUE line"), result.err());
        assertFalse(result.err().contains("s3cret"), result.err());
        assertFalse(Files.exists(witness), "nothing started");
    }

    @Test
    @Timeout(30)
    void envFilesAreReadAgainBeforeEachStartSoARotatedKeyIsTakenAtTheNextRestart() throws Exception {
        Path env = dir.resolve("bot.env");
        Path witness = dir.resolve("keys");
        Files.writeString(env, "API_KEY=s3cret-one\n");
        writeBot("""
                import os, sys
                open(sys.argv[1], "a").write(os.environ["API_KEY"] + "\\n")
                open(sys.argv[2], "w").write("export API_KEY='s3cret-two'\\n")
                """);
        Running r = start("--env-file", env.toString(), "--min-uptime", "0s", "--pause", "0s", "--", PYTHON, "bot.py",
                witness.toString(), env.toString());
        awaitTrue(() -> lines(witness).size() >= 2);
        r.stop();
        assertEquals(0, r.exitCode());
        assertEquals(List.of("s3cret-one", "s3cret-two"), lines(witness).subList(0, 2));
        assertFalse(r.lines.contains("s3cret"), "values never reach the log");
    }

    @Test
    @Timeout(30)
    void laterEnvFilesWinOverEarlierOnesAndOverTheSupervisorsEnvironment() throws Exception {
        Path first = dir.resolve("first.env");
        Path second = dir.resolve("second.env");
        Path witness = dir.resolve("seen");
        Files.writeString(first, "A=first\nB=first\n");
        Files.writeString(second, "B=second\nHOME=/nowhere\n");
        writeBot("""
                import os, sys
                open(sys.argv[1], "w").write(" ".join(os.environ.get(k, "-") for k in ["A", "B", "HOME", "PATH"]))
                import time; time.sleep(60)
                """);
        Running r = start("--env-file", first.toString(), "--env-file", second.toString(), "--", PYTHON, "bot.py", witness.toString());
        awaitTrue(() -> lines(witness).size() == 1);
        assertEquals("first second /nowhere " + System.getenv("PATH"), lines(witness).get(0));
        r.stop();
        assertEquals(0, r.exitCode());
    }

    @Test
    @Timeout(30)
    void anEnvFileThatCannotBeReadAtARestartIsAFailedStart() throws Exception {
        Path env = dir.resolve("bot.env");
        Files.writeString(env, "API_KEY=s3cret-value\n");
        writeBot("import os, sys; os.remove(sys.argv[1])\n");
        Running r = start("--env-file", env.toString(), "--min-uptime", "0s", "--pause", "0s", "--max-failures", "1",
                "--", PYTHON, "bot.py", env.toString());
        assertEquals(1, r.exitCode());
        String failed = r.lines.await(l -> l.contains("Could not start the bot"));
        assertTrue(failed.endsWith("cannot read the env file " + env + " (no such file or folder: " + env + ")"), failed);
        assertEquals(1, r.lines.matching("🆔").size(), "the first start only");
        assertFalse(r.lines.contains("s3cret"));
    }

    @Test
    @Timeout(30)
    void anEnvFileOthersCanReadIsWarnedAboutOnceAndAPrivateOneIsNot() throws Exception {
        Path shared = dir.resolve("shared.env");
        Path secret = dir.resolve("private.env");
        Files.writeString(shared, "A=1\n");
        Files.writeString(secret, "B=2\n");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r-----"));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        writeBot("import time; time.sleep(60)\n");
        Running r = start("--env-file", shared.toString(), "--env-file", secret.toString(), "--run-time", "200ms",
                "--pause", "0s", "--", PYTHON, "bot.py");
        r.lines.pid(3);
        r.stop();
        assertEquals(0, r.exitCode());
        List<String> warnings = r.lines.matching("can be read by other users");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("The env file " + shared + " can be read by other users (rw-r-----)"), warnings.get(0));
        assertTrue(warnings.get(0).endsWith("chmod 600 " + shared), warnings.get(0));
    }

    @Test
    @Timeout(10)
    void configShowsTheEnvFilesAndTheNamesTheySetButNeverTheValues() throws Exception {
        Path env = dir.resolve("bot.env");
        Files.writeString(env, "API_KEY=s3cret-key\nexport API_SECRET=\"s3cret-secret\"\n");
        Result result = execute(Map.of(), "config", "--env-file", env.toString(), "--dir", dir.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().lines().anyMatch(l -> l.matches("env-file\\s+= " + Pattern.quote(env.toString()) + "\\s+\\(command line\\)")),
                result.out());
        assertTrue(result.out().contains(env + " sets API_KEY, API_SECRET"), result.out());
        assertFalse(result.out().contains("s3cret"), result.out());
    }

    @Test
    @Timeout(30)
    void theServiceManagersVariablesAreNotInheritedByTheBot() throws Exception {
        Path witness = dir.resolve("env");
        writeBot("""
                import os, sys
                names = ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES", "KEPT"]
                open(sys.argv[1], "w").write(" ".join(os.environ.get(n, "absent") for n in names) + "\\n")
                import time; time.sleep(60)
                """);
        Running r = spawnWith(Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "1",
                        "LISTEN_FDS", "1", "LISTEN_PID", "1", "LISTEN_FDNAMES", "web", "KEPT", "yes"),
                "--", PYTHON, "bot.py", witness.toString());
        awaitTrue(() -> lines(witness).size() == 1);
        assertEquals("absent absent absent absent absent absent yes", lines(witness).get(0));
    }

    @Test
    @Timeout(30)
    void logsPrintsTheLastNLinesEvenAcrossARotation() throws Exception {
        writeBot("import sys, time\nfor i in range(400):\n    sys.stdout.write('line %d\\n' % i)\nprint('done', flush=True)\ntime.sleep(60)\n");
        Path log = dir.resolve("logs/bot.log");
        Running r = start("--name", "b", "--log-file", log.toString(), "--log-max-size", "8K", "--log-keep", "10",
                "--", PYTHON, "bot.py");
        r.lines.await(l -> l.endsWith("[b] done"));
        awaitTrue(() -> lines(log).stream().anyMatch(l -> l.endsWith("[b] done")));
        assertTrue(Files.exists(log.resolveSibling("bot.log.1")), "rotated");
        assertTrue(Files.readAllLines(log).size() < 301, "the live file alone has fewer than 301 lines");

        Result last = execute(Map.of(), "logs", "--dir", dir.toString(), "-n", "301");
        assertEquals(0, last.exitCode(), last.err());
        List<String> expected = new ArrayList<>(range("line ", 400).subList(100, 400));
        expected.add("done");
        assertEquals(expected, last.out().lines().map(SupervisorTest::afterTag).toList());

        Result byDefault = execute(Map.of(), "logs", "--dir", dir.toString());
        assertEquals(expected.subList(expected.size() - 50, expected.size()),
                byDefault.out().lines().map(SupervisorTest::afterTag).toList());
        r.stop();
    }

    @Test
    @Timeout(60)
    void logsFollowsAcrossRotationsLosingNoLineAndDoublingNone() throws Exception {
        int count = 3000;
        Path go = dir.resolve("go");
        writeBot("""
                import os, sys, time
                print("ready", flush=True)
                while not os.path.exists(sys.argv[1]):
                    time.sleep(0.01)
                for i in range(%d):
                    sys.stdout.write("line %%d\\n" %% i)
                    if i %% 50 == 0:
                        time.sleep(0.005)
                print("done", flush=True)
                time.sleep(60)
                """.formatted(count));
        Path log = dir.resolve("logs/bot.log");
        Running r = start("--name", "b", "--log-file", log.toString(), "--log-max-size", "8K", "--log-keep", "100",
                "--", PYTHON, "bot.py", go.toString());
        r.lines.await(l -> l.endsWith("[b] ready"));
        awaitTrue(() -> lines(log).stream().anyMatch(l -> l.endsWith("[b] ready")));
        Running follower = spawn("logs", "--dir", dir.toString(), "-n", "1000", "-f");
        follower.lines.await(l -> l.endsWith("[b] ready"));
        Files.writeString(go, "go");
        follower.lines.await(l -> l.endsWith("[b] done"));
        follower.process.toHandle().destroy(); // SIGTERM, as a Ctrl+C would end it
        assertEquals(0, follower.exitCode());
        assertTrue(Files.exists(log.resolveSibling("bot.log.10")), "rotated more than ten times while followed");
        List<String> seen = follower.lines.matching("\\] \\[b\\] line ").stream().map(SupervisorTest::afterTag).toList();
        assertEquals(range("line ", count), seen);
        assertEquals(1, follower.lines.matching("\\] \\[b\\] ready$").size());
        r.stop();
    }

    @Test
    @Timeout(30)
    void logsWithoutALogFileSaysSoAndHowToAddOne() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        Running r = start("--", PYTHON, "bot.py");
        r.lines.pid(1);
        Result result = execute(Map.of(), "logs", "--dir", dir.toString(), "--lang", "en");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("logs to its stdout only"), result.err());
        assertTrue(result.err().contains("Add --log-file FILE"), result.err());
        r.stop();
    }

    @Test
    @Timeout(10)
    void logsWhereNoSupervisorEverRanExits3() {
        Result result = execute(Map.of(), "logs", "--dir", dir.toString());
        assertEquals(3, result.exitCode());
        assertTrue(result.err().contains("no supervisor has run the bot in " + dir), result.err());
    }

    @Test
    @Timeout(30)
    void logsTakesTheBotsFolderFromTheConfigFile() throws Exception {
        Path config = dir.resolve("supervisor.properties");
        Path log = dir.resolve("bot.log");
        Files.writeString(config, "dir=" + dir + "\nrun-time=1h\nlog-file=" + log + "\n");
        writeBot("print('hello from the bot', flush=True)\nimport time; time.sleep(60)\n");
        Running r = start("--config", config.toString(), "--name", "b", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.endsWith("[b] hello from the bot"));
        awaitTrue(() -> lines(log).stream().anyMatch(l -> l.endsWith("[b] hello from the bot")));
        Result result = execute(Map.of("SUPERVISOR_CONFIG", config.toString()), "logs", "-n", "1");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(List.of("hello from the bot"), result.out().lines().map(SupervisorTest::afterTag).toList());
        r.stop();
    }

    @Test
    @Timeout(10)
    void completionAndHelpKnowTheLogsCommandAndTheNewOptions() {
        Result completion = execute(Map.of(), "completion", "bash");
        for (String word : List.of("logs", "--follow", "--lines", "--stop-signal", "--env-file")) {
            assertTrue(completion.out().contains(word), word);
        }
        Result help = execute(Map.of(), "--help");
        for (String word : List.of("logs [--dir DIR] [-n N] [-f]", "--stop-signal", "--env-file", "for logs: none has run there")) {
            assertTrue(help.out().contains(word), word);
        }
    }

    // ------------------------------------------------------------------------------------ harness

    /** A supervisor under test: in this JVM (start) or as its own process (spawn), its log lines collected. */
    final class Running {
        final Lines lines;
        final Supervisor supervisor;
        final Process process;
        private final CompletableFuture<Integer> exit;

        Running(Lines lines, Supervisor supervisor, CompletableFuture<Integer> exit) {
            this.lines = lines;
            this.supervisor = supervisor;
            this.process = null;
            this.exit = exit;
        }

        Running(Process process) {
            this.lines = new Lines();
            this.supervisor = null;
            this.process = process;
            this.exit = process.onExit().thenApply(Process::exitValue);
            Thread pump = new Thread(() -> lines.pump(process.getInputStream()), "test-pump");
            pump.setDaemon(true);
            pump.start();
        }

        void stop() {
            supervisor.want.stop("test");
        }

        int exitCode() throws Exception {
            return exit.get(30, TimeUnit.SECONDS);
        }

        void kill() {
            if (supervisor != null) {
                supervisor.want.stop("end of test");
            } else {
                process.toHandle().destroy();
            }
            try {
                exit.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("the supervisor did not stop after the test", e);
            }
        }
    }

    Running start(String... args) {
        return start(Map.of(), args);
    }

    Running start(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("SUPERVISOR_") || k.startsWith("LC_") || k.equals("LANG"));
        env.putAll(extraEnv);
        Lines lines = new Lines();
        Supervisor supervisor = new Supervisor(lines.stream(), env);
        CommandLine cmd = Supervisor.commandLine(supervisor, env);
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("--dir", dir.toString()));
        all.addAll(List.of(args));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cmd.execute(all.toArray(String[]::new)));
        Running r = new Running(lines, supervisor, exit);
        running.add(r);
        return r;
    }

    Running spawn(String... args) throws IOException {
        return spawnWith(Map.of(), args);
    }

    Running spawnWith(Map<String, String> extraEnv, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "Supervisor", "--dir", dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("SUPERVISOR_") || k.startsWith("LC_") || k.equals("LANG"));
        builder.environment().putAll(extraEnv);
        Running r = new Running(builder.start());
        running.add(r);
        return r;
    }

    record Result(int exitCode, String out, String err) {}

    /** One in-process call of the command line (errors, status, config): its exit code and what it printed. */
    Result execute(Map<String, String> env, String... args) {
        Supervisor supervisor = new Supervisor(OutputStream.nullOutputStream(), env);
        CommandLine cmd = Supervisor.commandLine(supervisor, env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Log lines as they arrive; tests wait on them (a latch on content) instead of sleeping. */
    static final class Lines {
        private final List<String> lines = new ArrayList<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        OutputStream stream() {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    synchronized (Lines.this) {
                        for (int i = off; i < off + len; i++) {
                            if (b[i] == '\n') {
                                lines.add(partial.toString(UTF_8));
                                partial.reset();
                            } else {
                                partial.write(b[i]);
                            }
                        }
                        Lines.this.notifyAll();
                    }
                }
            };
        }

        void pump(InputStream in) {
            try (in; OutputStream out = stream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // The process ended: what it wrote is in.
            }
        }

        List<String> all() {
            synchronized (this) {
                return List.copyOf(lines);
            }
        }

        /** Waits (on a monitor, not a sleep) for a line that matches. */
        String await(Predicate<String> matches) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            synchronized (this) {
                while (true) {
                    for (String line : lines) {
                        if (matches.test(line)) {
                            return line;
                        }
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("no such line within 20 s; the log was:\n" + String.join("\n", lines));
                    }
                    wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                }
            }
        }

        /** The PID the supervisor logged for its n-th run (waits for it). */
        String pid(int n) throws InterruptedException {
            await(l -> l.contains("🆔") && matching("🆔").size() >= n);
            String line = matching("🆔").get(n - 1);
            return line.substring(line.lastIndexOf(' ') + 1);
        }

        List<String> matching(String regex) {
            Pattern p = Pattern.compile(regex);
            return all().stream().filter(l -> p.matcher(l).find()).toList();
        }

        boolean contains(String text) {
            return all().stream().anyMatch(l -> l.contains(text));
        }

        int indexOf(Predicate<String> matches) {
            List<String> all = all();
            for (int i = 0; i < all.size(); i++) {
                if (matches.test(all.get(i))) {
                    return i;
                }
            }
            return -1;
        }
    }

    // ------------------------------------------------------------------------------------ small helpers

    private void writeBot(String python) throws IOException {
        Files.writeString(dir.resolve("bot.py"), python);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** For witness files written by another process: re-reads until the condition holds (bounded by the test's timeout). */
    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(10);
        }
    }

    private static List<String> range(String prefix, int n) {
        List<String> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(prefix + i);
        }
        return all;
    }

    private static String afterTag(String line) {
        int tag = line.indexOf("] [");
        return line.substring(line.indexOf("] ", tag + 3) + 2);
    }

    private static String afterStamp(String line) {
        return line.startsWith("[") ? line.substring(line.indexOf("] ") + 2) : line;
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static List<Long> concat(List<Long> pids, long one) {
        List<Long> all = new ArrayList<>(pids);
        all.add(one);
        return all;
    }

    /**
     * Threads (but the JIT's compiler threads, which the JVM adds and retires as it likes) and open descriptors
     * of a process: the smallest of one sample per run over 20 runs from the given one, since each run's pipes
     * and threads come and go.
     */
    private static int[] quietest(long pid, Lines lines, int fromRun) throws IOException, InterruptedException {
        int threads = Integer.MAX_VALUE;
        int fds = Integer.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            lines.pid(fromRun + i);
            int count = 0;
            try (Stream<Path> tasks = Files.list(Path.of("/proc", "" + pid, "task"))) {
                for (Path task : tasks.toList()) {
                    String name = Files.exists(task.resolve("comm")) ? Files.readString(task.resolve("comm")) : "";
                    count += name.contains("CompilerThre") ? 0 : 1;
                }
            } catch (java.nio.file.NoSuchFileException e) {
                continue; // a thread ended while listed
            }
            threads = Math.min(threads, count);
            try (Stream<Path> open = Files.list(Path.of("/proc", "" + pid, "fd"))) {
                fds = Math.min(fds, (int) open.count());
            }
        }
        return new int[] {threads, fds};
    }

    /** Gone, or a zombie: dead, waiting for a parent that does not reap (PID 1 of some containers). */
    private static boolean gone(long pid) {
        return ProcessHandle.of(pid).map(p -> !Supervisor.ProcessTree.isAlive(p)).orElse(true);
    }

    private static String stat(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/stat"));
        } catch (IOException e) {
            return "(gone)";
        }
    }

    private static String realPython() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
            String path = new String(p.getInputStream().readAllBytes(), UTF_8).trim();
            return p.waitFor() == 0 && !path.isEmpty() ? path : "python3";
        } catch (IOException | InterruptedException e) {
            return "python3";
        }
    }
}
