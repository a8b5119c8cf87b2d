///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES Supervisor.java
//DEPS org.junit.jupiter:junit-jupiter-engine:5.11.4
//DEPS org.junit.jupiter:junit-jupiter-params:5.11.4
//DEPS org.junit.platform:junit-platform-launcher:1.11.4

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.StringWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
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

    // ------------------------------------------------------------------------------------ the command

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource({"stauts, status", "restrat, restart", "sotp, stop", "help, --help"})
    @Timeout(10)
    void aMistypedSubcommandIsNamedWithTheOneItIsCloseTo(String typed, String meant) {
        Result result = execute(testEnv(), "--dir", dir.toString(), typed);
        assertEquals(2, result.exitCode(), result.out());
        assertTrue(result.err().contains("did you mean 'supervisor " + meant + "'?"), result.err());
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a letter left out | en | --run-tme 1h | Unknown option: '--run-tme'; did you mean --run-time?
            value after =     | en | --run-tme=1h | Unknown option: '--run-tme=1h'; did you mean --run-time?
            a subcommand's    | en | status --jsn | Unknown option: '--jsn'; did you mean --json?
            the nearest one   | en | --log-kep 3  | Unknown option: '--log-kep'; did you mean --log-keep?
            two letters swapped | en | --lnag pt   | Unknown option: '--lnag'; did you mean --lang?
            swapped, short    | en | --dri .      | Unknown option: '--dri'; did you mean --dir?
            swapped, a subcommand's | en | status --josn | Unknown option: '--josn'; did you mean --json?
            in Portuguese     | pt | --gracee 5s  | Opção desconhecida: '--gracee'; você quis dizer --grace?
            nothing near it   | en | --zzzzzz 5s  | Unknown option: '--zzzzzz'
            nothing near, pt  | pt | --zzzzzz 5s  | Opção desconhecida: '--zzzzzz'
            """)
    @Timeout(10)
    void aMistypedOptionGetsTheClosestOneSuggested(String name, String lang, String args, String expected) {
        Result result = execute(Map.of("LANG", lang.equals("pt") ? "pt_BR.UTF-8" : "C"), args.split(" "));
        assertEquals(2, result.exitCode(), result.err());
        assertEquals("supervisor: " + expected, result.err().lines().findFirst().orElse(""), result.err());
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void aLangGivenBeforeTheSubcommandIsItsLanguage() {
        Result status = execute(testEnv(), "--lang", "pt", "status", "--dir", dir.toString());
        assertEquals(3, status.exitCode());
        assertTrue(status.out().contains("○ parado"), status.out());
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource({"status", "restart", "stop", "logs"})
    @Timeout(30)
    void aDirThatIsNotAFolderIsBadUsageForEveryCommand(String command) {
        Path missing = dir.resolve("no such bot");
        Result result = execute(testEnv(), command, "--dir", missing.toString());
        assertEquals(2, result.exitCode(), result.out() + result.err());
        assertEquals("supervisor: --dir: " + missing + " is not a folder", result.err().strip());
    }

    @Tag("pure")
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
        assertTrue(Pattern.compile("Exit codes:\\R\\s+0\\s+stopped on request.*\\R\\s+1\\s+gave up.*\\R\\s+2\\s+bad usage.*\\R(.*\\R)?"
                + "\\s+3\\s+another supervisor already runs this bot").matcher(result.out()).find(), result.out());
        assertEquals(1, count(result.out(), "Exit codes"), "listed once, not again in a footer");
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            grace            | 10s
            pause            | 15s
            run-time         | 1h
            max-failures     | 5
            min-uptime       | 10s
            log-max-size     | 10MB
            log-keep         | 5
            check-every      | 5s
            on-event-timeout | 30s
            script           | bot_trading_system.py
            log-format       | text
            """)
    @Timeout(10)
    void helpShowsTheDefaultInForce(String option, String value) {
        String help = execute(Map.of(), "--help").out().replaceAll("\\s+", " ");
        int at = help.indexOf(" --" + option + "=");
        assertTrue(at >= 0, option + " in " + help);
        Matcher next = Pattern.compile(" --[a-z-]+=| -[a-zA-Z], --").matcher(help);
        String entry = help.substring(at, next.find(at + 1) ? next.start() : help.length());
        Matcher shown = Pattern.compile("\\(default: ([^)]*)\\)\\.$").matcher(entry);
        assertTrue(shown.find(), "no default shown: " + entry);
        assertEquals(value, shown.group(1), entry);
        Result config = execute(Map.of(), "config", "--dir", dir.toString(), "--", PYTHON);
        String inForce = option.equals("script") ? Pattern.quote(dir.resolve(value).toString()) : value; // from --dir
        assertTrue(config.out().lines().anyMatch(l -> l.matches(option + "\\s+= " + inForce + "\\s+\\(default\\)")), config.out());
    }

    @Tag("pure")
    @Tag("repository")
    @Test
    @Timeout(10)
    void theVersionIsTheChangelogsTopEntryForTheCommandAndEachSubcommand() throws IOException {
        String top = Files.readAllLines(REPO.resolve("CHANGELOG.md")).stream().filter(l -> l.startsWith("## ["))
                .findFirst().orElseThrow();
        assertTrue(top.startsWith("## [" + Supervisor.VERSION + "] - "), top);
        for (String command : List.of("", "status", "restart", "stop", "logs", "config", "completion")) {
            List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command));
            args.add("--version");
            Result result = execute(Map.of(), args.toArray(String[]::new));
            assertEquals(0, result.exitCode(), command);
            String java = System.getProperty("java.runtime.version");
            assertEquals("supervisor " + Supervisor.VERSION + " (Java " + java + ")", result.out().strip(), command);
        }
    }

    @Test
    @Timeout(60)
    void theLogIsUtf8WhateverTheLocale() throws Exception {
        writeBot("import time; print('ação ✓', flush=True); time.sleep(60)\n");
        Running r = spawnWith(Map.of("LANG", "C", "LC_ALL", "C"), "--lang", "pt", "--name", "b", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.endsWith("[b] ação ✓"));
        assertTrue(r.lines.contains("🚀 SUPERVISOR INICIADO"));
        r.lines.await(l -> l.contains("✅ Script iniciado com sucesso!")); // the bot's first line may come before it
        r.process.toHandle().destroy();
        assertEquals(0, r.exitCode());
        assertTrue(r.lines.contains("🏁 SUPERVISOR ENCERRADO"));
    }

    /**
     * LANG=pt_BR.UTF-8 where that locale is not generated (a fresh server), or only LC_TIME so: glibc takes none of it,
     * ASCII names.
     */
    @ParameterizedTest(name = "{0}, the folder by {1}")
    @CsvSource(delimiter = '|', textBlock = """
            -                                    | --dir              | (in
            LANG=pt_BR.UTF-8                     | --dir              | (em
            LANG=pt_BR.UTF-8                     | the working folder | (em
            LANG=C.UTF-8 LC_TIME=pt_BR.UTF-8     | --dir              | (in
            LANG=C.UTF-8 LC_MESSAGES=pt_BR.UTF-8 | --dir              | (em
            """)
    @Timeout(60)
    void aFolderWithAccentsAndSpacesWorksWithoutALocaleOrWithOneNotGenerated(String locale, String how, String in)
            throws Exception {
        Path folder = Files.createDirectory(dir.resolve("joão bot ü"));
        Files.writeString(folder.resolve("bot.py"), "import time\nprint('olá, ação ü €', flush=True)\ntime.sleep(60)\n");
        Path log = folder.resolve("bot.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "Supervisor",
                "--grace", "1s", "--log-file", "bot.log", "--name", "b", "--", PYTHON, "bot.py")); // ASCII all
        if (how.equals("--dir")) {
            command.addAll(4, List.of("--dir", folder.toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true);
        withoutSettingsOrLocale(builder.environment());
        for (String variable : locale.equals("-") ? new String[0] : locale.split(" ")) {
            String[] pair = variable.split("=", 2);
            builder.environment().put(pair[0], pair[1]);
        }
        Running r = new Running(builder.start());
        running.add(r);
        r.lines.await(l -> l.endsWith("[b] olá, ação ü €"));
        assertTrue(r.lines.contains(in + " " + folder + ")"), String.join("\n", r.lines.all()));
        assertFalse(r.lines.contains("SUPERVISOR_UTF8_"), "the re-run's own variables are no settings to warn about");
        r.process.toHandle().destroy();
        assertEquals(0, r.exitCode());
        assertTrue(lines(log).stream().anyMatch(l -> l.endsWith("[b] olá, ação ü €")), "logged intact in the file");
    }

    /**
     * What ./jbang gives Java: a locale whose charset is UTF-8 (`locale charmap`, as the JVM reads it), same language;
     * glibc refuses the whole locale, and the JVM takes ASCII, when any category names one that is not generated.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nothing set                       |             |         |             |                         | C.UTF-8 | en
            a UTF-8 locale: left as it is     |             |         | C.UTF-8     |                         |         | en
            a locale not generated            |             |         | pt_BR.UTF-8 |                         | C.UTF-8 | pt
            LC_CTYPE=C.UTF-8 does not save it |             | C.UTF-8 | pt_BR.UTF-8 |                         | C.UTF-8 | pt
            LC_ALL not generated              | pt_PT.UTF-8 |         | C.UTF-8     |                         | C.UTF-8 | pt
            LC_TIME not generated             |             |         | C.UTF-8     | LC_TIME=pt_BR.UTF-8     | C.UTF-8 | en
            LC_MESSAGES not generated         |             |         | C.UTF-8     | LC_MESSAGES=pt_BR.UTF-8 | C.UTF-8 | pt
            LC_TIME generated: left as it is  |             |         | C.UTF-8     | LC_TIME=C.UTF-8         |         | en
            """)
    @Timeout(30)
    void theLauncherGivesJavaAUtf8LocaleInTheLanguageAsked(String name, String lcAll, String lcCtype, String lang,
            String another, String javaLcAll, Supervisor.Lang expected) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("LC_ALL", lcAll);
        env.put("LC_CTYPE", lcCtype);
        env.put("LANG", lang);
        if (another != null) {
            String[] pair = another.split("=", 2);
            env.put(pair[0], pair[1]);
        }
        Result result = launcher(env, true, "--version");
        assertEquals(0, result.exitCode(), result.err());
        Map<String, String> got = new HashMap<>();
        result.out().lines().map(l -> l.split("=", 2)).forEach(pair -> got.put(pair[0], pair[1]));
        assertEquals("UTF-8", got.get("charmap"), result.out());
        assertEquals(javaLcAll == null ? "" : javaLcAll, got.get("LC_ALL"), result.out());
        assertEquals(expected, Supervisor.Lang.fromLocale(got), result.out());
    }

    /** A glibc without C.UTF-8 (RHEL 7: here its name made one that does not exist): en_US.UTF-8, else no change. */
    @ParameterizedTest(name = "en_US.UTF-8 generated: {0}")
    @CsvSource({"true, en_US.UTF-8, UTF-8", "false, '', refused"})
    @Timeout(30)
    void theLauncherTakesEnUsUtf8WhereGlibcLacksCUtf8AndSaysNothing(boolean enUs, String javaLcAll, String charmap)
            throws Exception {
        Path cUtf8 = Path.of("/usr/lib/locale/C.utf8");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(cUtf8), "a UTF-8 locale to make en_US.UTF-8 of");
        Path locales = Files.createDirectories(dir.resolve("locales"));
        if (enUs) {
            Files.createSymbolicLink(locales.resolve("en_US.UTF-8"), cUtf8);
        }
        String original = Files.readString(REPO.resolve("jbang"));
        Path script = Files.writeString(dir.resolve("jbang"), original.replace("C.UTF-8", "xx_XX.UTF-8"));
        Result result = launcher(script, PRINTING_JAVA, Map.of("LANG", "pt_BR.UTF-8", "LOCPATH", locales.toString()),
                true, "--version");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("charmap=" + charmap + "\nLC_ALL=" + javaLcAll + "\n"), result.out());
        assertFalse(result.err().contains("setlocale"), result.err());
    }

    /** The bot and its hooks get LC_ALL as the user had it (Python's gettext reads it first), no SUPERVISOR_UTF8_. */
    @ParameterizedTest(name = "through {0}, LC_ALL={1}, LANG={2}")
    @CsvSource(delimiter = '|', textBlock = """
            the re-run | -           | pt_BR.UTF-8 | (em
            the re-run | pt_PT.UTF-8 | C           | (em
            ./jbang    | -           | pt_BR.UTF-8 | (em
            ./jbang    | pt_PT.UTF-8 | C           | (em
            ./jbang    | -           | -           | (in
            """)
    @Timeout(60)
    void theBotAndItsHooksGetTheLocaleAsTheUserHadIt(String via, String lcAll, String lang, String in)
            throws Exception {
        Path folder = Files.createDirectory(dir.resolve("joão bot"));
        Path env = dir.resolve("env.py");
        Path events = dir.resolve("events");
        Files.writeString(env, """
                import os, sys
                line = "LC_ALL=%s LANG=%s UTF8=%s" % (os.environ.get("LC_ALL", "-"), os.environ.get("LANG", "-"),
                        ",".join(k for k in os.environ if k.startswith("SUPERVISOR_UTF8_")))
                if len(sys.argv) > 1:
                    open(sys.argv[1], "a").write(line + "\\n")
                else:
                    print(line, flush=True)
                    sys.exit(3)
                """);
        Map<String, String> variables = new HashMap<>();
        variables.put("LC_ALL", lcAll.equals("-") ? null : lcAll);
        variables.put("LANG", lang.equals("-") ? null : lang);
        String[] args = {"--dir", folder.toString(), "--max-failures", "1", "--name", "b",
            "--on-event", PYTHON + " " + env + " " + events, "--", PYTHON, env.toString()};
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("java.class.path");
        Result result;
        if (via.equals("./jbang")) { // its java: the supervisor, with the arguments JBang's would have passed it
            result = launcher(REPO.resolve("jbang"), "#!/bin/sh\nwhile [ \"$1\" != dev.jbang.Main ]; do shift; done\n"
                    + "shift\nexec '" + java + "' -cp '" + classpath + "' Supervisor \"$@\"\n", variables, true, args);
        } else {
            List<String> command = new ArrayList<>(List.of(java, "-cp", classpath, "Supervisor"));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            withoutSettingsOrLocale(builder.environment());
            variables.forEach((name, value) -> builder.environment().compute(name, (k, v) -> value));
            Process supervisor = builder.start();
            String out = new String(supervisor.getInputStream().readAllBytes(), UTF_8);
            result = new Result(supervisor.waitFor(), out, "");
        }
        String expected = "LC_ALL=" + lcAll + " LANG=" + lang + " UTF8=";
        assertEquals(1, result.exitCode(), result.out() + result.err());
        assertTrue(result.out().contains(in + " " + folder + ")"), result.out());
        assertTrue(result.out().lines().anyMatch(l -> l.endsWith("[b] " + expected)), result.out());
        assertEquals(List.of(expected, expected, expected), lines(events), "started, crashed, gave-up");
    }

    /** The launcher's own errors and hints, in English and Portuguese. */
    @ParameterizedTest(name = "{0}, LANG={1}")
    @CsvSource(delimiter = '|', textBlock = """
            no java           | C.UTF-8     | Error: java not found: install Java 17+
            no java           | pt_BR.UTF-8 | Erro: java não encontrado: instale o Java 17+
            no mvn            | pt_BR.UTF-8 | Erro: o JBang não está instalado e o mvn, para baixá-lo, não foi encontrado
            Maven fails       | pt_BR.UTF-8 | Erro: o Maven não conseguiu obter dev.jbang:jbang-cli
            PATH after install| C.UTF-8     | [jbang] in this shell, and (unless JBang says above that it did)
            PATH after install| pt_BR.UTF-8 | [jbang] O comando instalado, e o jbang que ele chama, estão em
            """)
    @Timeout(30)
    void theLauncherSpeaksTheLanguageOfTheLocale(String what, String lang, String expected) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Map<String, String> env = new HashMap<>(Map.of("LANG", lang, "PATH", bin.toString()));
        switch (what) {
            case "no java" -> env.put("JAVA_HOME", null);
            case "Maven fails" -> {
                Files.writeString(bin.resolve("mvn"), "#!/bin/sh\nexit 1\n");
                bin.resolve("mvn").toFile().setExecutable(true);
                env.put("PATH", bin + ":/usr/bin:/bin");
            }
            default -> { }
        }
        boolean install = what.startsWith("PATH");
        Result result = install ? launcher(Map.of("LANG", lang), true, "app", "install", "--force", "Supervisor.java")
                : launcher(env, false, "--version");
        assertEquals(install ? 0 : 1, result.exitCode(), result.err());
        assertTrue(result.err().contains(expected), result.err());
    }

    /**
     * Runs ./jbang with bash, these variables over a bare environment (a null removes one), a fresh JBang home
     * (bootstrapped: its classpath file made) and a stand-in JDK whose java prints the charset and variables it got.
     */
    private Result launcher(Map<String, String> variables, boolean bootstrapped, String... args) throws Exception {
        return launcher(REPO.resolve("jbang"), PRINTING_JAVA, variables, bootstrapped, args);
    }

    /** The charset the JVM takes (`locale charmap`, "refused" when glibc refuses a category) and the variables. */
    private static final String PRINTING_JAVA = """
            #!/bin/sh
            if [ -n "$(locale 2>&1 >/dev/null)" ]; then charmap=refused; else charmap=$(locale charmap); fi
            printf 'charmap=%s\nLC_ALL=%s\nLC_MESSAGES=%s\nLANG=%s\nSUPERVISOR_UTF8_LANG=%s\n' "$charmap" \
                "$LC_ALL" "$LC_MESSAGES" "$LANG" "$SUPERVISOR_UTF8_LANG"
            """;

    /** Runs this launcher script with a stand-in JDK whose java and javac are this shell script. */
    private Result launcher(Path script, String java, Map<String, String> variables, boolean bootstrapped,
                            String... args) throws Exception {
        Path jdk = Files.createDirectories(dir.resolve("jdk/bin"));
        for (String tool : List.of("java", "javac")) {
            Files.writeString(jdk.resolve(tool), java);
            jdk.resolve(tool).toFile().setExecutable(true);
        }
        Path home = dir.resolve("jbang-home");
        if (bootstrapped) {
            Matcher version = Pattern.compile("(?m)^jbangVersion=(.*)$").matcher(Files.readString(REPO.resolve("jbang")));
            Matcher folder = Pattern.compile("(?m)^cpDir=\\$JBDIR/(.*)$").matcher(Files.readString(REPO.resolve("jbang")));
            assertTrue(version.find() && folder.find(), "the launcher's version and bootstrap folder");
            Path classpath = home.resolve(folder.group(1).replace("$jbangVersion", version.group(1))).resolve("classpath");
            Files.createDirectories(classpath.getParent());
            Files.writeString(classpath, jdk.resolve("java").toString());
        }
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile())
                .redirectError(dir.resolve("launcher.err").toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(Map.of("HOME", dir.toString(), "PATH", "/usr/bin:/bin", "JBANG_DIR", home.toString(),
                "JBANG_LAUNCHER_DELEGATED", "1", "JAVA_HOME", jdk.getParent().toString()));
        variables.forEach((name, value) -> {
            if (value == null) {
                env.remove(name);
            } else {
                env.put(name, value);
            }
        });
        Process launcher = builder.start();
        String out = new String(launcher.getInputStream().readAllBytes(), UTF_8);
        return new Result(launcher.waitFor(), out, Files.readString(dir.resolve("launcher.err")));
    }

    // ------------------------------------------------------------------------------------ options

    @Tag("pure")
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
        args.addAll(List.of("--", PYTHON)); // config resolves what a run would start: here a command found by its path
        Result result = execute(vars, args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.err());
        String line = result.out().lines().filter(l -> l.startsWith("run-time ")).findFirst().orElseThrow();
        assertTrue(line.matches("run-time\\s+= " + expected + "\\s+\\(" + Pattern.quote(origin.replace("FILE", config.toString())) + "\\)"), line);
        assertTrue(result.out().lines().anyMatch(l -> l.matches("pause\\s+= 5s\\s+\\(" + Pattern.quote(config.toString()) + ":\\d\\)")), result.out());
    }

    /**
     * Bad input, one row each: the arguments ('' is an empty one), the option the error names, its words. Values that
     * do not parse, that need another option, and values that would make the loop spin, hang or fill memory.
     */
    static Stream<Arguments> badInput() {
        Stream<Arguments> signals = Stream.of("KILL", "SIGKILL", "9", "STOP", "SIG", "''").map(value -> Arguments.of(
                "--stop-signal " + value, "--stop-signal", "use TERM, INT, HUP, QUIT, USR1 or USR2"));
        Stream<Arguments> patterns = Stream.of("--restart-on", "--fatal-on", "--alert-on").map(option -> Arguments.of(
                option + " ok " + option + " price(USD", option,
                option + ": 'price(USD' is not a valid regular expression (Java syntax)"));
        return Stream.of(signals, patterns, Stream.of(
                Arguments.of("--run-time 5x", "--run-time", "'5x' is not a duration"),
                Arguments.of("--max-memory 512", "--max-memory", "needs a unit: 512M"),
                Arguments.of("--heartbeat beat", "--heartbeat", "--heartbeat needs --max-silence"),
                Arguments.of("--heartbeat-file alive", "--heartbeat-file", "--heartbeat-file needs --max-silence"),
                Arguments.of("--max-silence 1m --heartbeat beat(", "--heartbeat",
                        "--heartbeat: 'beat(' is not a valid regular expression"),
                Arguments.of("logs -n abc", "--lines", "'abc' is not a whole number (5, 0)"),
                Arguments.of("--max-failures 2.5", "--max-failures", "'2.5' is not a whole number (5, 0)"),
                Arguments.of("--lang pt --log-keep many", "--log-keep", "'many' não é um número inteiro (5, 0)")),
                outOfRangeValues()).flatMap(rows -> rows);
    }

    /** Values that would make the loop spin, hang or fill memory: the arguments, the option named, the words. */
    static Stream<Arguments> outOfRangeValues() {
        return Stream.of(
                Arguments.of("--min-uptime 0s", "--min-uptime", "--min-uptime must be longer than 0: it is how long a run"),
                Arguments.of("--lang pt --min-uptime 0", "--min-uptime", "--min-uptime deve ser maior que 0"),
                Arguments.of("--log-keep 2147483647", "--log-keep", "--log-keep must be 1000 or less, not 2147483647"),
                Arguments.of("--lang pt --log-keep 5000", "--log-keep", "--log-keep deve ser 1000 ou menos, e não 5000"),
                Arguments.of("--max-silence 0", "--max-silence", "--max-silence must be 50ms or more, not 0ms"),
                Arguments.of("--max-silence 10ms", "--max-silence", "--max-silence must be 50ms or more, not 10ms"),
                Arguments.of("config --max-silence 0", "--max-silence", "--max-silence must be 50ms or more, not 0ms"),
                Arguments.of("--check-every 1ms", "--check-every", "--check-every must be 50ms or more, not 1ms"),
                Arguments.of("--check-every 0", "--check-every", "--check-every must be 50ms or more, not 0ms"),
                Arguments.of("--log-max-size 1K", "--log-max-size", "--log-max-size must be 8KB or more, not 1KB"),
                Arguments.of("--grace 2h", "--grace", "--grace must be 1h or less, not 2h"),
                Arguments.of("--on-event-timeout 1h", "--on-event-timeout", "--on-event-timeout must be 10m or less, not 1h"),
                Arguments.of("--restart-at " + IntStream.rangeClosed(0, 1440).mapToObj(m -> LocalTime.MIN.plusMinutes(m).toString())
                        .collect(Collectors.joining(",")), "--restart-at", "--restart-at takes at most 1440 times (one a minute of the day), not 1441"));
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    @Timeout(30)
    void badInputExits2NamingTheOptionInTheTablesWords(String args, String option, String words) {
        List<String> all = new ArrayList<>(Stream.of(args.split(" ")).map(a -> a.equals("''") ? "" : a).toList());
        if (!args.startsWith("logs ")) { // were a run's input taken, the run would say so, not this
            all.addAll(List.of("--dir", dir.toString(), "--", "/no/such/bot"));
        }
        Result result = execute(testEnv(), all.toArray(String[]::new));
        assertEquals(2, result.exitCode(), result.out() + result.err());
        assertTrue(result.err().startsWith("supervisor: " + option) || result.err().contains("'" + option + "'"), result.err());
        assertTrue(result.err().contains(words), result.err());
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            key = value                    | `run-time = 30m`         | run-time     | 30m
            key: value                     | `run-time: 30m`          | run-time     | 30m
            key:value                      | `run-time:30m`           | run-time     | 30m
            key=value                      | `run-time=30m`           | run-time     | 30m
            a colon in a value after =     | `restart-at = 04:00`     | restart-at   | 04:00
            = before a colon in the value  | `restart-at=04:00,16:30` | restart-at   | `04:00, 16:30`
            an indented line               | `   pause = 5s   `       | pause        | 5s
            """)
    @Timeout(10)
    void theConfigFileTakesKeyEqualsOrColonValue(String name, String line, String key, String value) throws Exception {
        Path config = dir.resolve("supervisor.properties");
        Files.writeString(config, "# a comment\n! another\n\n" + line + "\n");
        Result result = execute(Map.of(), "config", "--config", config.toString(), "--dir", dir.toString(), "--", PYTHON);
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().lines().anyMatch(l -> l.matches(key + "\\s+= " + Pattern.quote(value) + "\\s+\\("
                + Pattern.quote(config.toString()) + ":4\\)")), result.out());
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void everyKeyOfTheConfigFileIsTakenTheFirstOneToo() throws Exception {
        Path config = dir.resolve("supervisor.properties");
        List<String> keys = List.of("dir", "script", "run-time", "pause", "grace", "max-failures", "log-keep");
        List<String> values = List.of(dir.toString(), "x.py", "2h", "3s", "4s", "6", "7");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            lines.add(keys.get(i) + "=" + values.get(i));
        }
        Files.write(config, lines);
        Files.writeString(dir.resolve("x.py"), "");
        Result result = execute(Map.of(), "config", "--config", config.toString(), "--python", PYTHON);
        assertEquals(0, result.exitCode(), result.err());
        for (int i = 0; i < keys.size(); i++) {
            String shown = i == 1 ? dir.resolve(values.get(i)).toString() : values.get(i); // the script, from --dir
            String expected = keys.get(i) + "\\s+= " + Pattern.quote(shown) + "\\s+\\(" + Pattern.quote(config + ":" + (i + 1)) + "\\)";
            assertTrue(result.out().lines().anyMatch(l -> l.matches(expected)), keys.get(i) + " in " + result.out());
        }
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void anEmptyConfigFileLeavesTheDefaults() throws Exception {
        Path config = Files.writeString(dir.resolve("supervisor.properties"), "");
        Result result = execute(Map.of(), "config", "--config", config.toString(), "--dir", dir.toString(), "--", PYTHON);
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().lines().anyMatch(l -> l.matches("grace\\s+= 10s\\s+\\(default\\)")), result.out());
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void aKeyWithoutAValueIsAnEmptyValue() throws Exception {
        Path config = dir.resolve("supervisor.properties");
        Files.writeString(config, "name\n");
        Result result = execute(Map.of(), "config", "--config", config.toString(), "--dir", dir.toString(), "--", PYTHON);
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().lines().anyMatch(l -> l.matches("name\\s+= \\s+\\(" + Pattern.quote(config.toString()) + ":1\\)")),
                result.out());
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void aConfigFileSavedWithAByteOrderMarkIsRead() throws Exception {
        Path config = dir.resolve("supervisor.properties");
        Files.write(config, ("\uFEFFrun-time=2h\r\npause=3s\r\n").getBytes(UTF_8));
        Result result = execute(Map.of(), "config", "--config", config.toString(), "--dir", dir.toString(), "--", PYTHON);
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().lines().anyMatch(l -> l.matches("run-time\\s+= 2h\\s+\\(" + Pattern.quote(config.toString()) + ":1\\)")),
                result.out());
        assertTrue(result.out().lines().anyMatch(l -> l.matches("pause\\s+= 3s\\s+.*")), result.out());
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void theConfigFileCanComeFromTheEnvironment() throws Exception {
        Path config = dir.resolve("supervisor.properties");
        Files.writeString(config, "pause=7s\n");
        Result result = execute(Map.of("SUPERVISOR_CONFIG", config.toString()), "config", "--dir", dir.toString(), "--", PYTHON);
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().lines().anyMatch(l -> l.matches("pause\\s+= 7s\\s+\\(" + Pattern.quote(config.toString()) + ":1\\)")),
                result.out());
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void anUnknownKeyInTheFileExits2NamingFileAndLine() throws Exception {
        Path config = dir.resolve("supervisor.properties");
        Files.writeString(config, "run-time=1h\n\nrun-tme=2h\n");
        Result result = execute(Map.of(), "--config", config.toString(), "--dir", dir.toString(), "--", "true");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains(config + ":3: unknown key 'run-tme'"), result.err());
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            an empty key before =      | `=5s`          | ''
            an empty key before :      | `:5s`          | ''
            the config key itself      | `config=x`     | 'config'
            the help option            | `help=true`    | 'help'
            """)
    @Timeout(10)
    void keysThatAreNoSettingExit2(String name, String line, String key) throws Exception {
        Path config = dir.resolve("supervisor.properties");
        Files.writeString(config, "pause=5s\n" + line + "\n");
        Result result = execute(Map.of(), "--config", config.toString(), "--dir", dir.toString(), "--", "true");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains(config + ":2: unknown key " + key + " (keys are long option names"), result.err());
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void aBadValueInTheFileExits2NamingFileAndLine() throws Exception {
        Path config = dir.resolve("supervisor.properties");
        Files.writeString(config, "# comment\ngrace=soon\n");
        Result file = execute(Map.of(), "--config", config.toString(), "--dir", dir.toString(), "--", "true");
        assertEquals(2, file.exitCode());
        assertTrue(file.err().contains(config + ":2: grace: "), file.err());
        assertTrue(file.err().contains("'soon' is not a duration"), file.err());
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void aBadValueOnTheCommandLineIsNotBlamedOnTheFile() throws Exception {
        Path config = dir.resolve("supervisor.properties");
        Files.writeString(config, "grace=5s\n");
        Result result = execute(Map.of(), "--config", config.toString(), "--dir", dir.toString(), "--grace", "soon", "--", "true");
        assertEquals(2, result.exitCode());
        assertFalse(result.err().contains(config.toString()), result.err());
        assertTrue(result.err().contains("'soon' is not a duration"), result.err());
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void aConfigFileOverAMegabyteExits2WithoutReadingIt() throws IOException {
        Path config = dir.resolve("huge.properties");
        Files.writeString(config, ("# " + "x".repeat(1000) + "\n").repeat(1100) + "no-such-key = 7s\n");
        Result result = execute(Map.of(), "--config", config.toString(), "--dir", dir.toString(), "--", PYTHON, "-c", "pass");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--config: " + config + " is over 1M"), result.err());
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void aMissingConfigFileExits2NamingIt() {
        Path config = dir.resolve("nowhere.properties");
        Result result = execute(Map.of(), "--config", config.toString(), "--dir", dir.toString(), "--", "true");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--config: " + config + " is not a readable file"), result.err());
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void aBadValueInTheEnvironmentExits2NamingTheVariable() {
        Result env = execute(Map.of("SUPERVISOR_MAX_FAILURES", "many"), "--dir", dir.toString(), "--", "true");
        assertEquals(2, env.exitCode());
        assertTrue(env.err().contains("environment SUPERVISOR_MAX_FAILURES: max-failures: "), env.err());
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void aMisspeltSupervisorVariableIsNamedWithTheClosestSettingButNotItsValue() {
        Result result = execute(Map.of("SUPERVISOR_RUN_TIM", "s3cr3t-value", "SUPERVISOR_ZZZ", "other-value"),
                "config", "--dir", dir.toString(), "--", PYTHON);
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.err().contains("SUPERVISOR_RUN_TIM is not a setting and is ignored; did you mean SUPERVISOR_RUN_TIME?"),
                result.err());
        assertTrue(result.err().contains("SUPERVISOR_ZZZ is not a setting and is ignored (a setting is"), result.err());
        assertFalse(result.err().contains("s3cr3t") || result.out().contains("s3cr3t"), "a variable's value was shown");
        assertFalse(result.err().contains("other-value") || result.out().contains("other-value"), "a variable's value was shown");
    }

    /** A supervisor whose log goes nowhere, for what only parses its command line. */
    static Supervisor quietSupervisor(Map<String, String> env) {
        return new Supervisor(OutputStream.nullOutputStream(), env, Clock.systemUTC());
    }

    /** The warnings about SUPERVISOR_* variables that a call with this environment prints: the same for a plain run. */
    private static List<String> variableWarnings(Map<String, String> env) {
        List<List<String>> each = new ArrayList<>();
        for (boolean withSubcommands : List.of(true, false)) {
            StringWriter err = new StringWriter();
            CommandLine cmd = Supervisor.commandLine(quietSupervisor(env), env, withSubcommands);
            new Supervisor.ConfigSources(env).warnAboutUnknownVariables(cmd.getCommandSpec(), Supervisor.Lang.en, new PrintWriter(err, true));
            each.add(err.toString().lines().toList());
        }
        assertEquals(each.get(0), each.get(1), "a plain run, without the subcommands, warns as a subcommand does");
        return each.get(0);
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a typo near a setting         | SUPERVISOR_GRAC      | SUPERVISOR_GRAC is not a setting and is ignored; did you mean SUPERVISOR_GRACE?
            a typo near a command's own   | SUPERVISOR_FOLOW     | SUPERVISOR_FOLOW is not a setting and is ignored; did you mean SUPERVISOR_FOLLOW?
            nothing near                  | SUPERVISOR_ZZZ       | SUPERVISOR_ZZZ is not a setting and is ignored (a setting is SUPERVISOR_ and an option's long name, like SUPERVISOR_RUN_TIME)
            help is no setting            | SUPERVISOR_HELP      | SUPERVISOR_HELP is not a setting and is ignored (a setting is SUPERVISOR_ and an option's long name, like SUPERVISOR_RUN_TIME)
            version is no setting         | SUPERVISOR_VERSION   | SUPERVISOR_VERSION is not a setting and is ignored (a setting is SUPERVISOR_ and an option's long name, like SUPERVISOR_RUN_TIME)
            a setting of a run            | SUPERVISOR_GRACE     |
            a setting of status           | SUPERVISOR_JSON      |
            a setting of logs             | SUPERVISOR_LINES     |
            a setting of stop             | SUPERVISOR_NO_WAIT   |
            the debug switch              | SUPERVISOR_DEBUG     |
            the run marker                | SUPERVISOR_RUN       |
            a hook's variable             | SUPERVISOR_EVENT     |
            a hook's exit code            | SUPERVISOR_EXIT_CODE |
            not the supervisor's          | GRACE                |
            not the supervisor's either   | supervisor_grac      |
            """)
    @Timeout(10)
    void aSupervisorVariableThatIsNoSettingIsNamedButNotItsValue(String name, String variable, String warning) {
        List<String> warnings = variableWarnings(Map.of(variable, "s3cr3t", "PATH", "/usr/bin"));
        assertEquals(warning == null ? List.of() : List.of("supervisor: warning: " + warning), warnings);
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a plain run                       | --dir /srv/bot --grace 5s            | false
            the bot's command after --        | --grace 5s -- python3 bot.py status  | false
            no argument                       | ''                                   | false
            the version                       | --version                            | false
            a subcommand                      | status                               | true
            an alias                          | list                                 | true
            options before a subcommand       | --dir /srv/bot stop                  | true
            help                              | --help                               | true
            short help                        | -h                                   | true
            short help with the version       | -Vh                                  | true
            a value that is a command's name  | --name logs                          | true
            """)
    @Timeout(10)
    void theSubcommandsAreBuiltOnlyWhenTheArgumentsMayNeedThem(String name, String args, boolean needed) {
        assertEquals(needed, Supervisor.Subcommands.needed(args.isEmpty() ? new String[0] : args.split(" ")));
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void theSubcommandsNamesAreThoseTheirCommandsGive() {
        CommandLine all = Supervisor.commandLine(quietSupervisor(Map.of()), Map.of(), true);
        assertEquals(Supervisor.Subcommands.NAMES, Set.copyOf(all.getSubcommands().keySet()));
        CommandLine plain = Supervisor.commandLine(quietSupervisor(Map.of()), Map.of(), false);
        assertEquals(Set.of(), plain.getSubcommands().keySet());
    }

    @Test
    @Timeout(60)
    void aPlainRunLoadsNoClassOfTheSubcommandsNorOfJavaSql() throws Exception {
        writeBot("import time\nprint('up', flush=True)\ntime.sleep(60)\n");
        Path classes = dir.resolve("classes.txt");
        Running r = spawnWithOptions(List.of("-Xlog:class+load=info:file=" + classes), Map.of(),
                "--grace", "2s", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.endsWith("] up"));
        r.process.toHandle().destroy();
        assertEquals(0, r.exitCode());
        Pattern subcommand = Pattern.compile("\\] Supervisor\\$(Status|Ls|Logs|Restart|Stop|ConfigCommand|SystemdUnit|Completion)\\b");
        List<String> loaded = lines(classes);
        assertTrue(loaded.stream().anyMatch(l -> l.contains("] Supervisor$Loop ")), "the log lists our classes");
        assertEquals(List.of(), loaded.stream().filter(l -> subcommand.matcher(l).find()).toList());
        // picocli's converters for java.sql's types (found by reflection) are left out: we read none of them
        assertEquals(List.of(), loaded.stream().filter(l -> l.contains("] java.sql.")).toList());
        // no class generated for a method called often by reflection (picocli's), nor the 30 classes that generate it
        assertEquals(List.of(), loaded.stream().filter(l -> l.contains("] jdk.internal.reflect.MethodAccessorGenerator ")
                || l.contains("] jdk.internal.reflect.Generated")).toList());
        // a run in English builds no table of Portuguese words
        assertEquals(List.of(), loaded.stream().filter(l -> l.contains("] Supervisor$Portuguese ")).toList());
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void everyUnknownSupervisorVariableIsNamedInOrder() {
        assertEquals(List.of("supervisor: warning: SUPERVISOR_GRAC is not a setting and is ignored; did you mean SUPERVISOR_GRACE?",
                        "supervisor: warning: SUPERVISOR_PAUS is not a setting and is ignored; did you mean SUPERVISOR_PAUSE?"),
                variableWarnings(Map.of("SUPERVISOR_PAUS", "1", "SUPERVISOR_GRAC", "2", "SUPERVISOR_GRACE", "3")));
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void theSupervisorsOwnVariablesAreNotTakenForTypos() {
        Map<String, String> env = new HashMap<>();
        for (String name : List.of("SUPERVISOR_DEBUG", "SUPERVISOR_RUN", "SUPERVISOR_EVENT", "SUPERVISOR_MESSAGE",
                "SUPERVISOR_BOT_PID", "SUPERVISOR_EXIT_CODE", "SUPERVISOR_FAILURES", "SUPERVISOR_RUN_TIME", "SUPERVISOR_JSON")) {
            env.put(name, name.equals("SUPERVISOR_RUN_TIME") ? "2h" : name.equals("SUPERVISOR_JSON") ? "false" : "1");
        }
        Result config = execute(env, "config", "--dir", dir.toString(), "--", PYTHON);
        assertEquals(0, config.exitCode(), config.err());
        assertEquals("", config.err());
        Result status = execute(env, "status", "--dir", dir.toString());
        assertEquals("", status.err());
        // And the check does warn in the same call when one more is wrong.
        env.put("SUPERVISOR_GRAC", "5s");
        assertTrue(execute(env, "status", "--dir", dir.toString()).err().contains("SUPERVISOR_GRAC"));
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0} to {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``                 | ``                 | 0
            abc                | ``                 | 3
            ``                 | abc                | 3
            abc                | abc                | 0
            a                  | b                  | 1
            kitten             | sitting            | 3
            sitting            | kitten             | 3
            flaw               | lawn               | 2
            ab                 | ba                 | 1
            ca                 | abc                | 3
            lnag               | lang               | 1
            abcdef             | azcdxf             | 2
            SUPERVISOR_GRAC    | SUPERVISOR_GRACE   | 1
            SUPERVISOR_RUNTIME | SUPERVISOR_RUN_TIME| 1
            SUPERVISOR_PUASE   | SUPERVISOR_PAUSE   | 1
            SUPERVISOR_PUASX   | SUPERVISOR_PAUSE   | 2
            """)
    @Timeout(5)
    void theEditDistanceCountsInsertionsDeletionsSubstitutionsAndSwaps(String a, String b, int distance) {
        assertEquals(distance, Supervisor.ConfigSources.editDistance(a, b));
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            one letter off a short name            | SUPERVISOR_GRAC     | SUPERVISOR_GRACE,SUPERVISOR_PAUSE      | SUPERVISOR_GRACE
            two letters off a short name           | SUPERVISOR_GRA      | SUPERVISOR_GRACE,SUPERVISOR_PAUSE      |
            two letters off a five-letter name     | SUPERVISOR_PUASX    | SUPERVISOR_GRACE,SUPERVISOR_PAUSE      |
            two letters swapped                    | SUPERVISOR_PUASE    | SUPERVISOR_GRACE,SUPERVISOR_PAUSE      | SUPERVISOR_PAUSE
            two letters off a six-letter name      | SUPERVISOR_SCRPT_   | SUPERVISOR_SCRIPT,SUPERVISOR_PAUSE     | SUPERVISOR_SCRIPT
            three letters off a six-letter name    | SUPERVISOR_RN_TM_   | SUPERVISOR_RUN_TIME,SUPERVISOR_PAUSE   |
            two letters off, no underscore         | SUPERVISOR_RUNTIM   | SUPERVISOR_RUN_TIME,SUPERVISOR_PAUSE   | SUPERVISOR_RUN_TIME
            three letters off an 11-letter name    | SUPERVISOR_LOG_KEEPXYZ | SUPERVISOR_LOG_KEEP,SUPERVISOR_PAUSE | SUPERVISOR_LOG_KEEP
            the first of two as near               | SUPERVISOR_PAUS     | SUPERVISOR_PAUSE,SUPERVISOR_PAUS_      | SUPERVISOR_PAUSE
            the nearer of two, whatever the order  | SUPERVISOR_PAUSEXY  | SUPERVISOR_PAUSEX_Z,SUPERVISOR_PAUSEX  | SUPERVISOR_PAUSEX
            nothing to choose from                 | SUPERVISOR_GRAC     | SUPERVISOR_X                           |
            """)
    @Timeout(5)
    void theNearestSettingIsAThirdOfTheNameOrLessOff(String name, String variable, String settings, String nearest) {
        assertEquals(nearest, Supervisor.ConfigSources.nearest(variable, Arrays.asList(settings.split(","))));
    }

    // ------------------------------------------------------------------------------------ the machine

    private static Supervisor.Verdict verdict(String name) {
        return switch (name) {
            case "none" -> null;
            case "again" -> new Supervisor.Verdict(false, 0, false, Duration.ofSeconds(15));
            case "backoff" -> new Supervisor.Verdict(true, 1, false, Duration.ofSeconds(15));
            default -> new Supervisor.Verdict(true, 5, true, Duration.ofSeconds(15));
        };
    }

    /** Every legal transition: state, event, what is wanted, Policy's verdict on the run that ended, the next state. */
    @Tag("pure")
    @ParameterizedTest(name = "{0} + {1} ({2}, {3}) -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            NEW      | BEGIN        | UP      | none    | STARTING
            NEW      | BEGIN        | RESTART | none    | STARTING
            NEW      | BEGIN        | DOWN    | none    | STOPPED
            NEW      | ORPHAN       | UP      | none    | STOPPING
            NEW      | ORPHAN       | DOWN    | none    | STOPPING
            STOPPING | ORPHAN_GONE  | UP      | none    | STARTING
            STOPPING | ORPHAN_GONE  | DOWN    | none    | STOPPED
            STARTING | STARTED      | UP      | none    | RUNNING
            STARTING | START_FAILED | UP      | backoff | BACKOFF
            STARTING | START_FAILED | UP      | give-up | FATAL
            STARTING | START_FAILED | DOWN    | backoff | STOPPED
            STARTING | START_FAILED | RESTART | give-up | STARTING
            RUNNING  | EXITED       | UP      | none    | STOPPING
            RUNNING  | DEADLINE     | UP      | none    | STOPPING
            RUNNING  | UNHEALTHY    | UP      | none    | STOPPING
            RUNNING  | MATCHED      | UP      | none    | STOPPING
            RUNNING  | DEFER        | UP      | none    | DEFERRED
            RUNNING  | DEFER        | RESTART | none    | DEFERRED
            DEFERRED | DEADLINE     | UP      | none    | STOPPING
            DEFERRED | DEADLINE     | RESTART | none    | STOPPING
            DEFERRED | UNHEALTHY    | UP      | none    | STOPPING
            DEFERRED | EXITED       | UP      | none    | STOPPING
            DEFERRED | MATCHED      | UP      | none    | STOPPING
            DEFERRED | STOP         | DOWN    | none    | STOPPING
            DEFERRED | RESTART      | RESTART | none    | STOPPING
            RUNNING  | STOP         | DOWN    | none    | STOPPING
            RUNNING  | RESTART      | RESTART | none    | STOPPING
            STOPPING | GONE         | UP      | again   | PAUSED
            STOPPING | GONE         | UP      | backoff | BACKOFF
            STOPPING | GONE         | UP      | give-up | FATAL
            STOPPING | GONE         | DOWN    | give-up | STOPPED
            STOPPING | GONE         | DOWN    | again   | STOPPED
            STOPPING | GONE         | RESTART | backoff | STARTING
            STOPPING | GONE         | RESTART | give-up | STARTING
            PAUSED   | PAUSE_OVER   | UP      | again   | STARTING
            PAUSED   | RESTART      | RESTART | again   | STARTING
            PAUSED   | STOP         | DOWN    | again   | STOPPED
            BACKOFF  | PAUSE_OVER   | UP      | backoff | STARTING
            BACKOFF  | RESTART      | RESTART | backoff | STARTING
            BACKOFF  | STOP         | DOWN    | backoff | STOPPED
            """)
    @Timeout(5)
    void theMachineGoesWhereTheTableSays(Supervisor.State from, Supervisor.Event event, Supervisor.Want.Wish wish,
                                         String verdict, Supervisor.State expected) {
        assertEquals(expected, Supervisor.Machine.next(from, event, wish, verdict(verdict)));
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void everyOtherPairOfStateAndEventIsRefused() {
        Set<String> legal = Set.of("NEW BEGIN", "NEW ORPHAN", "STOPPING ORPHAN_GONE", "STARTING STARTED", "STARTING START_FAILED", "RUNNING EXITED", "RUNNING DEADLINE",
                "RUNNING UNHEALTHY", "RUNNING MATCHED", "RUNNING DEFER", "DEFERRED EXITED", "DEFERRED DEADLINE",
                "DEFERRED UNHEALTHY", "DEFERRED MATCHED", "DEFERRED STOP", "DEFERRED RESTART", "RUNNING STOP", "RUNNING RESTART", "STOPPING GONE", "PAUSED PAUSE_OVER",
                "PAUSED RESTART", "PAUSED STOP", "BACKOFF PAUSE_OVER", "BACKOFF RESTART", "BACKOFF STOP");
        int refused = 0;
        for (Supervisor.State state : Supervisor.State.values()) {
            for (Supervisor.Event event : Supervisor.Event.values()) {
                if (!legal.contains(state + " " + event)) {
                    IllegalStateException e = assertThrows(IllegalStateException.class,
                            () -> Supervisor.Machine.next(state, event, Supervisor.Want.Wish.UP, verdict("again")));
                    assertTrue(e.getMessage().contains(state + " on " + event), e.getMessage());
                    refused++;
                }
            }
        }
        assertEquals(Supervisor.State.values().length * Supervisor.Event.values().length - legal.size(), refused);
    }

    /** An ending is the event its state's action returns: RUNNING's, or STARTING's for a start that failed. */
    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(Supervisor.Ending.class)
    @Timeout(5)
    void everyEndingIsAnEventTheMachineTakes(Supervisor.Ending ending) {
        Supervisor.State from = ending == Supervisor.Ending.NOT_STARTED ? Supervisor.State.STARTING : Supervisor.State.RUNNING;
        Supervisor.Want.Wish wish = ending.event == Supervisor.Event.STOP ? Supervisor.Want.Wish.DOWN
                : ending.event == Supervisor.Event.RESTART ? Supervisor.Want.Wish.RESTART : Supervisor.Want.Wish.UP;
        Supervisor.State next = Supervisor.Machine.next(from, ending.event, wish, verdict("backoff"));
        assertEquals(from == Supervisor.State.RUNNING ? Supervisor.State.STOPPING : Supervisor.State.BACKOFF, next);
    }

    /**
     * Counted as it stops the bot: a planned or requested restart as planned (a requested one as requested too),
     * memory and hung as health restarts.
     */
    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource({"PLANNED, 1, 0, 0, 0", "SCHEDULED, 1, 0, 0, 0", "RESTARTED, 1, 1, 0, 0", "MEMORY, 0, 0, 1, 0",
            "MEMORY_AT_START, 0, 0, 1, 0", "HUNG, 0, 0, 0, 1", "MATCHED, 0, 0, 0, 0", "FATAL_LINE, 0, 0, 0, 0", "EXITED, 0, 0, 0, 0",
            "STOP_REQUESTED, 0, 0, 0, 0", "NOT_STARTED, 0, 0, 0, 0"})
    @Timeout(5)
    void everyEndingAddsToItsCounter(Supervisor.Ending ending, int planned, int requested, int memory, int hung) {
        Supervisor.Stats stats = new Supervisor.Stats();
        ending.count.accept(stats);
        assertEquals(List.of(planned, requested, memory, hung),
                List.of(stats.plannedRestarts, stats.requestedRestarts, stats.memoryRestarts, stats.hungRestarts));
    }

    @Test
    @Timeout(30)
    void withSupervisorDebugEveryTransitionIsLogged() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        // The second run waits for the stop: asked after its run-time, it would be a second DEADLINE.
        java.util.concurrent.CountDownLatch stopAsked = new java.util.concurrent.CountDownLatch(1);
        Clock ready = readyClock("the stop asked", run -> run == 1 || stopAsked.getCount() == 0);
        Running r = start(Map.of("SUPERVISOR_DEBUG", "1"), ready, "--run-time", "200ms", "--pause", "0s", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.contains("🔀 PAUSED -> STARTING (PAUSE_OVER)"));
        r.stop();
        stopAsked.countDown();
        assertEquals(0, r.exitCode());
        List<String> transitions = r.lines.matching("🔀").stream().map(SupervisorTest::afterStamp).toList();
        assertEquals(List.of("🔀 NEW -> STARTING (BEGIN)", "🔀 STARTING -> RUNNING (STARTED)", "🔀 RUNNING -> STOPPING (DEADLINE)",
                "🔀 STOPPING -> PAUSED (GONE)", "🔀 PAUSED -> STARTING (PAUSE_OVER)", "🔀 STARTING -> RUNNING (STARTED)",
                "🔀 RUNNING -> STOPPING (STOP)", "🔀 STOPPING -> STOPPED (GONE)"), transitions);
    }

    @Test
    @Timeout(30)
    void withoutSupervisorDebugNoTransitionIsLogged() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        Running r = start("--", PYTHON, "bot.py");
        r.lines.pid(1);
        r.stop();
        assertEquals(0, r.exitCode());
        assertTrue(r.lines.matching("->").isEmpty(), String.join("\n", r.lines.all()));
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an exit code     | 3   | code 3
            a signal         | 143 | signal 15 (SIGTERM) [code 143]
            """)
    @Timeout(5)
    void anExitIsDescribed(String name, int code, String shown) {
        assertEquals(shown, Supervisor.Exits.describe(Supervisor.Lang.en, code));
    }

    @Tag("pure")
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
            memory restart too soon: no failure   | MEMORY      |    | 100   | 1 | false | 1 | 15s
            over memory from the start fails      | MEMORY_AT_START | | 100   | 1 | true | 2 | 30s
            and after min-uptime too              | MEMORY_AT_START | | 20000 | 1 | true | 2 | 30s
            restart-on never resets the count     | MATCHED     |    | 20000 | 1 | true  | 2 | 30s
            """)
    @Timeout(5)
    void policyDecidesFailuresAndPauses(String name, Supervisor.Ending ending, Integer code, long uptimeMs, int before,
                                        boolean failure, int after, String pause) {
        Supervisor.Verdict d = Supervisor.Policy.judge(new Supervisor.Outcome(ending, code, Duration.ofMillis(uptimeMs)),
                before, Duration.ofSeconds(15), Duration.ofSeconds(10), 0);
        assertEquals(failure, d.failure(), "failure");
        assertEquals(after, d.failures(), "count");
        assertEquals(Supervisor.Durations.parse(pause), d.pause(), "pause");
        assertFalse(d.giveUp(), "max-failures 0 never gives up");
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void policyGivesUpAtMaxFailures() {
        Supervisor.Outcome crash = new Supervisor.Outcome(Supervisor.Ending.EXITED, 1, Duration.ofMillis(5));
        assertFalse(Supervisor.Policy.judge(crash, 3, Duration.ZERO, Duration.ofSeconds(10), 5).giveUp());
        assertTrue(Supervisor.Policy.judge(crash, 4, Duration.ZERO, Duration.ofSeconds(10), 5).giveUp());
    }

    /** A --fatal-on line gives up at its first failure, whatever --max-failures (0 too) and however long the run was up. */
    @Tag("pure")
    @ParameterizedTest(name = "max-failures {0}")
    @CsvSource({"0", "5"})
    @Timeout(5)
    void aFatalLineGivesUpAtOnce(int maxFailures) {
        Supervisor.Outcome fatal = new Supervisor.Outcome(Supervisor.Ending.FATAL_LINE, null, Duration.ofHours(1));
        Supervisor.Verdict d = Supervisor.Policy.judge(fatal, 0, Duration.ZERO, Duration.ofSeconds(10), maxFailures);
        assertTrue(d.failure() && d.giveUp(), d.toString());
        Supervisor.Outcome restart = new Supervisor.Outcome(Supervisor.Ending.MATCHED, null, Duration.ofHours(1));
        assertFalse(Supervisor.Policy.judge(restart, 0, Duration.ZERO, Duration.ofSeconds(10), maxFailures).giveUp());
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            exactly min-uptime stayed up       | PLANNED | 0 | 10000 | 2 | false | 0 | 15s
            a crash exactly at min-uptime      | EXITED  | 1 | 10000 | 2 | true  | 1 | 15s
            a clean exit exactly at min-uptime | EXITED  | 0 | 10000 | 2 | false | 0 | 15s
            a clean exit just before           | EXITED  | 0 | 9999  | 2 | true  | 3 | 60s
            memory exactly at min-uptime       | MEMORY  |   | 10000 | 2 | false | 0 | 15s
            memory just before                 | MEMORY  |   | 9999  | 2 | false | 2 | 15s
            memory from the start, at it       | MEMORY_AT_START | | 10000 | 2 | true | 3 | 60s
            """)
    @Timeout(5)
    void minUptimeIsReachedWhenTheRunLastedExactlyThatLong(String name, Supervisor.Ending ending, Integer code, long uptimeMs,
                                                           int before, boolean failure, int after, String pause) {
        Supervisor.Verdict d = Supervisor.Policy.judge(new Supervisor.Outcome(ending, code, Duration.ofMillis(uptimeMs)),
                before, Duration.ofSeconds(15), Duration.ofSeconds(10), 0);
        assertEquals(List.of(failure, after, Supervisor.Durations.parse(pause)), List.of(d.failure(), d.failures(), d.pause()));
    }

    @Tag("pure")
    @ParameterizedTest(name = "pause {0}, failure {1}: {2}")
    @CsvSource({"15s, 1, 15s", "15s, 2, 30s", "15s, 3, 60s", "15s, 5, 4m", "15s, 6, 5m", "15s, 1000000, 5m", "2m, 2, 4m",
            "2m, 3, 5m", "5m, 1, 5m", "5m, 2, 5m", "10m, 1, 10m", "10m, 4, 10m", "100ms, 4, 800ms"})
    @Timeout(5)
    void backoffDoublesUpToFiveMinutesOrThePauseIfLonger(String pause, int failures, String expected) {
        assertEquals(Supervisor.Durations.parse(expected), Supervisor.Policy.backoff(Supervisor.Durations.parse(pause), failures));
    }

    @Tag("pure")
    @ParameterizedTest(name = "pause {0}, failure {1}: {2}")
    @CsvSource({"0s, 1, 100ms", "0s, 3, 400ms", "10ms, 2, 200ms", "99ms, 1, 100ms"})
    @Timeout(5)
    void theBackoffAfterAFailureStartsAtItsFloorSoAPauseOfZeroCannotSpin(String pause, int failures, String expected) {
        assertEquals(Supervisor.Durations.parse(expected), Supervisor.Policy.backoff(Supervisor.Durations.parse(pause), failures));
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0} failures before, max {1}: gives up {2}")
    @CsvSource({"0, 1, true", "1, 3, false", "2, 3, true", "3, 3, true", "9, 0, false"})
    @Timeout(5)
    void givingUpComesWithTheFailureThatReachesMaxFailures(int before, int max, boolean giveUp) {
        Supervisor.Outcome crash = new Supervisor.Outcome(Supervisor.Ending.EXITED, 1, Duration.ofMillis(5));
        assertEquals(giveUp, Supervisor.Policy.judge(crash, before, Duration.ZERO, Duration.ofSeconds(10), max).giveUp());
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void aStartThatFailedNeverResetsTheFailureCount() {
        Supervisor.Outcome notStarted = new Supervisor.Outcome(Supervisor.Ending.NOT_STARTED, null, Duration.ofSeconds(20));
        Supervisor.Verdict d = Supervisor.Policy.judge(notStarted, 2, Duration.ofSeconds(15), Duration.ofSeconds(10), 3);
        assertEquals(List.of(3, true), List.of(d.failures(), d.giveUp()));
    }

    /** A bot over --max-memory at every check since its start cannot run under the limit: it gives up, at any uptime. */
    @Tag("pure")
    @Test
    @Timeout(5)
    void aBotOverMaxMemoryFromItsStartGivesUpAtMaxFailures() {
        Supervisor.Outcome over = new Supervisor.Outcome(Supervisor.Ending.MEMORY_AT_START, null, Duration.ofHours(1));
        Supervisor.Verdict d = Supervisor.Policy.judge(over, 1, Duration.ofSeconds(15), Duration.ofSeconds(10), 2);
        assertEquals(List.of(true, 2, true), List.of(d.failure(), d.failures(), d.giveUp()));
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void aPlannedRestartNeverGivesUp() {
        Supervisor.Outcome planned = new Supervisor.Outcome(Supervisor.Ending.PLANNED, null, Duration.ofMillis(5));
        assertFalse(Supervisor.Policy.judge(planned, 4, Duration.ZERO, Duration.ofSeconds(10), 1).giveUp());
    }

    // ------------------------------------------------------------------------------------ what is wanted

    /** A stop outranks a restart; a restart is taken once. */
    @Tag("pure")
    @Test
    @Timeout(5)
    void aStopOutranksARestartAndARestartIsTakenOnce() {
        Supervisor.Want want = new Supervisor.Want();
        assertEquals(Supervisor.Want.Wish.UP, want.wish());
        want.restart("test");
        assertEquals(Supervisor.Want.Wish.RESTART, want.wish());
        assertEquals("test", want.takeRestart());
        assertEquals(Supervisor.Want.Wish.UP, want.wish());
        assertNull(want.takeRestart());
        want.restart("again");
        want.stop("SIGTERM");
        assertEquals(Supervisor.Want.Wish.DOWN, want.wish());
        assertEquals("SIGTERM", want.stopReason());
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void aStopRequestRingsTheBell() throws InterruptedException {
        Supervisor.Want want = new Supervisor.Want();
        want.stop("SIGTERM");
        want.bell.await(System.nanoTime() + TimeUnit.MINUTES.toNanos(1)); // returns at once, or the test times out
        assertEquals(List.of(Supervisor.Want.Wish.DOWN, "SIGTERM"), List.of(want.wish(), want.stopReason()));
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void aRestartRequestRingsTheBell() throws InterruptedException {
        Supervisor.Want want = new Supervisor.Want();
        want.restart("SIGUSR1");
        want.bell.await(System.nanoTime() + TimeUnit.MINUTES.toNanos(1)); // returns at once, or the test times out
        assertEquals(Supervisor.Want.Wish.RESTART, want.wish());
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void aRestartIsTakenOnceAndSaysWhoAskedForIt() {
        Supervisor.Want want = new Supervisor.Want();
        want.restart("the restart command");
        assertEquals("the restart command", want.restartReason());
        assertEquals("the restart command", want.takeRestart());
        assertNull(want.restartReason(), "taken");
        assertNull(want.takeRestart(), "taken once");
        assertEquals(Supervisor.Want.Wish.UP, want.wish());
    }

    /** SIGUSR2 and 'restart --now': a restart that does not wait, whatever plain request comes after, until taken. */
    @Tag("pure")
    @Test
    @Timeout(5)
    void aRestartNowStaysNowUntilTakenAndAPlainOneIsNot() {
        Supervisor.Want want = new Supervisor.Want();
        want.restart("SIGUSR1");
        assertFalse(want.restartNow(), "a plain restart may wait");
        want.restart("SIGUSR2", true);
        want.restart("the restart command");
        assertTrue(want.restartNow(), "a later plain request does not take --now back");
        assertEquals("the restart command", want.takeRestart(), "the latest request's words");
        assertFalse(want.restartNow(), "taken");
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
    @Timeout(30)
    void aSecondStopRequestSaysHowLongIsLeftAndAThirdKillsNow() throws Exception {
        writeBot("""
                import signal, time
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
                print("ignoring SIGTERM", flush=True)
                time.sleep(120)
                """);
        Running r = start("--grace", "60s", "--", PYTHON, "bot.py");
        long pid = Long.parseLong(r.lines.pid(1));
        r.lines.await(l -> l.contains("ignoring SIGTERM"));
        r.stop();
        r.lines.await(l -> l.contains("SIGTERM sent to the bot (PID "));
        r.stop();
        String again = r.lines.await(l -> l.contains("Stop already under way"));
        Matcher left = Pattern.compile("the bot has (\\d+)s left").matcher(again);
        assertTrue(left.find(), again);
        assertTrue(Integer.parseInt(left.group(1)) > 30 && Integer.parseInt(left.group(1)) <= 60, again);
        r.stop();
        r.lines.await(l -> l.contains("killing the bot now"));
        assertEquals(0, r.exitCode());
        assertTrue(gone(pid), "the bot is gone");
        assertTrue(r.lines.contains("Bot killed at once, as asked: 1 process with SIGKILL"), String.join("\n", r.lines.all()));
    }

    @Test
    @Timeout(60)
    void sigusr1RestartsTheBot() throws Exception {
        writeBot("import time; time.sleep(120)\n");
        Running r = spawnWith(DEBUG, "--pause", "60s", "--", PYTHON, "bot.py");
        String first = r.lines.pid(1);
        new ProcessBuilder("kill", "-USR1", Long.toString(r.process.pid())).start().waitFor();
        String second = r.lines.pid(2);
        assertTrue(!first.equals(second));
        assertTrue(r.lines.contains("Restart requested (SIGUSR1): stopping the bot gracefully"), String.join("\n", r.lines.all()));
        assertEquals(List.of("RUNNING -> STOPPING (RESTART)", "STOPPING -> STARTING (GONE)", "STARTING -> RUNNING (STARTED)"),
                r.lines.transitions(5).subList(2, 5), "from the stop straight to the next start, no pause");
    }

    /**
     * The supervisor's main without its signal handlers: SIGTERM then goes to the JVM's own handler, which runs the
     * shutdown hooks, as it does on System.exit or for a signal the handlers could not take.
     */
    static final class WithoutSignalHandlers {
        public static void main(String... args) {
            Supervisor supervisor = new Supervisor(new FileOutputStream(FileDescriptor.out), System.getenv(),
                    Clock.systemUTC());
            System.exit(Supervisor.commandLine(supervisor, System.getenv(), true).execute(args));
        }
    }

    @Test
    @Timeout(60)
    void aJvmShutdownThatNoSignalHandlerTakesStillStopsTheBotGracefully() throws Exception {
        Path witness = dir.resolve("witness");
        writeBot(WITNESS_BOT);
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                WithoutSignalHandlers.class.getName(), "--dir", dir.toString(), "--", PYTHON, "bot.py", witness.toString())
                .redirectErrorStream(true);
        withoutSettingsOrLocale(builder.environment());
        Process supervisor = builder.start();
        Running r = new Running(supervisor);
        running.add(r);
        long bot = Long.parseLong(r.lines.pid(1));
        try {
            awaitTrue("the bot's start in " + witness, () -> lines(witness).size() == 1);
            supervisor.toHandle().destroy();
            awaitTrue("the bot's SIGTERM note in " + witness, () -> lines(witness).contains("term " + bot));
            r.exitCode();
            assertTrue(r.lines.contains("Stop requested (JVM shutdown)"), String.join("\n", r.lines.all()));
            assertTrue(gone(bot), "the bot is gone with its supervisor: " + stat(bot));
        } finally {
            ProcessHandle.of(bot).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    // ------------------------------------------------------------------------------------ the loop

    @Test
    @Timeout(30)
    void plannedRestartHappensAtRunTimeAndTheBotSawSigterm() throws Exception {
        Path witness = dir.resolve("witness");
        writeBot(WITNESS_BOT);
        // Each bot's handler is in place before its run-time can end: a slow start would die of the SIGTERM unseen.
        Clock ready = readyClock("the bot's start in " + witness, run -> count(String.join("\n", lines(witness)), "start ") >= run);
        Running r = start(Map.of(), ready, "--run-time", "300ms", "--pause", "0s", "--", PYTHON, "bot.py", witness.toString());
        String firstPid = r.lines.pid(1);
        String secondPid = r.lines.pid(2);
        awaitTrue("two starts and a SIGTERM in " + witness, () -> lines(witness).size() >= 3);
        r.stop();
        assertEquals(0, r.exitCode());
        List<String> notes = Files.readAllLines(witness); // more runs if the second ended before the stop: the same for each
        assertEquals(List.of("start " + firstPid, "term " + firstPid, "start " + secondPid, "term " + secondPid), notes.subList(0, 4));
        assertTrue(r.lines.contains("Bot stopped gracefully in"));
        assertEquals(List.of("0"), countedInTheStateFile("failures"));
    }

    @Test
    @Timeout(30)
    void plannedRestartsNeverCountAsFailures() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        Running r = start("--run-time", "150ms", "--pause", "0s", "--max-failures", "1", "--", PYTHON, "bot.py");
        String fourth = r.lines.pid(4);
        // Counted before the fourth run's PID line: the fourth run may already have ended too.
        List<String> firstThree = r.lines.all().subList(0, r.lines.indexOf(l -> l.contains("🆔") && l.endsWith(" " + fourth)));
        assertEquals(3, firstThree.stream().filter(l -> l.contains("Planned restart after")).count());
        assertEquals(List.of("0"), countedInTheStateFile("failures"));
        r.stop();
        assertEquals(0, r.exitCode());
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
    void aRunThatStayedUpForMinUptimeResetsTheCount() throws Exception {
        writeBot("""
                import pathlib, sys, time
                p = pathlib.Path("count")
                n = int(p.read_text()) + 1 if p.exists() else 1
                p.write_text(str(n))
                if n == 3:
                    time.sleep(2)
                sys.exit(1)
                """);
        Running r = start("--max-failures", "3", "--min-uptime", "1s", "--pause", "0s", "--", PYTHON, "bot.py");
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
        assertEquals(List.of("0"), countedInTheStateFile("failures"));
        r.stop();
        assertEquals(0, r.exitCode());
    }

    /**
     * The pause counts from the bot's exit: stopping the child it left (2 s, its SIGTERM handler's) is inside the 3 s
     * pause, not before it (5 s then). The bot's own clock on both sides; the child is gone before the next start.
     */
    @Test
    @Timeout(30)
    void thePauseCountsFromTheBotsExitNotFromTheStopOfWhatItLeft() throws Exception {
        Path witness = dir.resolve("witness");
        writeBot("""
                import os, signal, subprocess, sys, time
                def note(what):
                    with open(sys.argv[1], "a") as f:
                        f.write("%s %d\\n" % (what, time.monotonic_ns()))
                if os.path.exists("ran"):
                    note("start")
                    time.sleep(60)
                open("ran", "w").close()
                code = "import signal, sys, time\\n" \\
                    "def term(*_):\\n    time.sleep(2)\\n" \\
                    "    open(sys.argv[1], 'a').write('child-gone %d\\\\n' % time.monotonic_ns())\\n" \\
                    "    sys.exit(0)\\n" \\
                    "signal.signal(signal.SIGTERM, term)\\nopen('child-ready', 'w').close()\\ntime.sleep(60)\\n"
                subprocess.Popen([sys.executable, "-c", code, sys.argv[1]])
                while not os.path.exists("child-ready"):
                    time.sleep(0.01)
                note("exit")
                """);
        Running r = start("--pause", "3s", "--min-uptime", "1ms", "--", PYTHON, "bot.py", witness.toString());
        r.lines.pid(2);
        awaitTrue("the second start in " + witness, () -> lines(witness).size() == 3);
        Map<String, Long> at = lines(witness).stream().map(l -> l.split(" "))
                .collect(Collectors.toMap(f -> f[0], f -> Long.parseLong(f[1])));
        r.stop();
        assertEquals(0, r.exitCode());
        assertTrue(r.lines.contains("Pausing 3s before the next start"));
        assertTrue(at.get("child-gone") < at.get("start"), "the next start came before the child was gone: " + at);
        Duration gap = Duration.ofNanos(at.get("start") - at.get("exit"));
        assertTrue(gap.toMillis() >= 3000, "the pause was cut short: " + gap);
        assertTrue(gap.toMillis() < 4500, "the pause counted from the child's end, not the bot's exit: " + gap);
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
    void aStopRequestDuringAPauseExitsAtOnce() throws Exception {
        writeBot("import sys; sys.exit(1)\n");
        Running r = start("--pause", "1h", "--max-failures", "0", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.contains("Backing off 1h"));
        long asked = System.nanoTime();
        r.stop();
        assertEquals(0, r.exitCode());
        assertTrue(Duration.ofNanos(System.nanoTime() - asked).toSeconds() < 10, "did not wait for the pause");
    }

    /** Read by the supervisor's own thread as it writes the PID line: the state file must already have the PID. */
    @Test
    @Timeout(30)
    void theBotsPidIsInTheStateFileBeforeThePidLine() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        Path state = dir.resolve(".supervisor.state");
        List<String> seen = new ArrayList<>();
        Running r = start(Map.of(), Clock.systemUTC(), line -> {
            if (line.contains("✅") || line.contains("🆔")) {
                seen.add(lines(state).toString());
            }
        }, "--", PYTHON, "bot.py");
        String pid = r.lines.pid(1);
        r.stop();
        assertEquals(0, r.exitCode());
        assertEquals(2, seen.size(), seen.toString());
        seen.forEach(s -> assertTrue(s.contains("\"botPid\":" + pid + ",") && s.contains("\"state\":\"RUNNING\""), s));
    }

    @Tag("pure")
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

    @Tag("pure")
    @Test
    @Timeout(5)
    void restartAtLooksTwoDaysAheadWhenAZoneTurnedItsClockBackADay() {
        // Alaska, 1867: from Russian to American time, the clock went back a whole day; 00:00 came again two days on.
        ZonedDateTime now = ZonedDateTime.ofInstant(Instant.parse("1867-10-19T00:31:13Z"), ZoneId.of("America/Anchorage"));
        assertEquals(Instant.parse("1867-10-20T09:59:36Z"), Supervisor.Schedule.nextRestartAt(now, List.of(LocalTime.MIDNIGHT)));
    }

    /** --restart-at end to end, on a wall clock set 2 s before the time: a day boundary, a DST gap, a DST overlap. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            day boundary            | 2026-01-15T23:59:58Z | 00:00 | 2026-01-16 00:00:00 +00 | 2026-01-17 00:00:00 +00
            DST gap: moves forward  | 2026-03-29T00:59:58Z | 01:00 | 2026-03-29 02:00:00 +01 | 2026-03-30 01:00:00 +01
            DST overlap: only once  | 2026-10-25T00:29:58Z | 01:30 | 2026-10-25 01:30:00 +01 | 2026-10-26 01:30:00 +00
            """)
    @Timeout(30)
    void restartAtFollowsTheWallClockEndToEnd(String name, String clockAt, String times, String first, String then)
            throws Exception {
        writeBot("import time; time.sleep(60)\n");
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), Instant.parse(clockAt)));
        Running r = start(Map.of(), clock, "--run-time", "off", "--restart-at", times, "--timezone", "Europe/Lisbon",
                "--pause", "0s", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.contains("Running until the scheduled restart at " + first));
        r.lines.await(l -> l.contains("Scheduled restart (" + first + " (Europe/Lisbon)): stopping the bot gracefully"));
        r.lines.await(l -> l.contains("Running until the scheduled restart at " + then));
        r.stop();
        assertEquals(0, r.exitCode());
        assertEquals(1, r.lines.matching("🕒").size(), "restarted once");
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
    @Timeout(30)
    void theScheduledRestartNamesItsTimeZone() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        ZoneId zone = ZoneId.of("America/Sao_Paulo");
        LocalTime soon = LocalTime.now(zone).plusMinutes(30).withSecond(0).withNano(0);
        Running r = start("--run-time", "off", "--restart-at", soon.toString(), "--timezone", zone.getId(), "--", PYTHON, "bot.py");
        String waiting = r.lines.await(l -> l.contains("Running until the scheduled restart at"));
        assertTrue(waiting.contains(soon + ":00 -03 (America/Sao_Paulo)"), waiting);
        r.stop();
    }

    @Test
    @Timeout(60)
    void aPlannedRestartWaitsWhileTheFileExistsAndGoesTheMomentItIsRemoved() throws Exception {
        Path witness = dir.resolve("witness");
        Path order = dir.resolve("order.open");
        Files.writeString(order, "BTC/USDT buy 0.01\n");
        writeBot(NOTING_BOT);
        Running r = start("--run-time", "300ms", "--pause", "0s", "--defer-restart-while", "order.open", "--",
                PYTHON, "bot.py", witness.toString());
        String first = r.lines.pid(1);
        String waits = r.lines.await(l -> l.contains("A restart is due, but"));
        assertTrue(waits.contains(order + " exists (an open order?): it waits until the file is gone, at most 15m"), waits);
        awaitTrue("the bot's handler in place", () -> lines(witness).contains("start " + first));
        awaitStateFile(s -> s.contains("\"state\":\"DEFERRED\"") && s.contains("\"deferForcedAt\":\""), "DEFERRED");
        Result status = execute(testEnv(), "status", "--dir", dir.toString());
        assertTrue(status.out().contains("state DEFERRED"), status.out());
        assertTrue(status.out().contains("a planned restart waits for the --defer-restart-while file since "), status.out());
        assertEquals(List.of("start " + first), lines(witness), "the bot runs on while the order is open");
        long removed = System.nanoTime();
        Files.delete(order);
        awaitTrue("the SIGTERM in " + witness, () -> lines(witness).contains("stop " + first + " SIGTERM"));
        assertTrue(Duration.ofNanos(System.nanoTime() - removed).toMillis() < 2000, "at once");
        String done = r.lines.await(l -> l.contains("The restart waited"));
        assertTrue(done.endsWith(order + " is gone; restarting now"), done);
        assertTrue(r.lines.contains("Planned restart after"), "logged as the planned restart it is");
        r.lines.pid(2);
        assertEquals(List.of("0"), countedInTheStateFile("failures"));
    }

    /** A pool: each task makes its own file in the folder; the restart waits until the last one is removed. */
    @Test
    @Timeout(60)
    void aFolderDefersTheRestartWhileItHoldsAnyEntry() throws Exception {
        Path tasks = Files.createDirectory(dir.resolve("tasks"));
        Path shorter = Files.writeString(tasks.resolve("task-1"), "");
        Path longer = Files.writeString(tasks.resolve("task-2"), "");
        writeBot("import time; time.sleep(120)\n");
        Running r = start("--run-time", "300ms", "--pause", "0s", "--defer-restart-while", "tasks", "--max-defer", "1s",
                "--", PYTHON, "bot.py");
        r.lines.pid(1);
        String waits = r.lines.await(l -> l.contains("A restart is due, but"));
        assertTrue(waits.contains(tasks.resolve("*") + " exists (an open order?)"), waits);
        Files.delete(shorter);
        String forced = r.lines.await(l -> l.contains("restarting anyway (forced)"));
        assertTrue(forced.contains(tasks.resolve("*") + " still exists"), "the longer task held it: " + forced);
        r.lines.pid(2);
        awaitTrue("the second run's deferral", () -> r.lines.matching("A restart is due, but").size() == 2);
        Files.delete(longer);
        String done = r.lines.await(l -> l.contains("The restart waited") && l.endsWith("is gone; restarting now"));
        assertTrue(done.endsWith(tasks.resolve("*") + " is gone; restarting now"), done);
        r.lines.pid(3);
        r.stop();
        assertEquals(0, r.exitCode());
    }

    /** A link to a folder is that folder: its entries hold the restart, not the link itself. */
    @Test
    @Timeout(60)
    void aLinkToAFolderDefersWhileTheFolderHoldsAnEntry() throws Exception {
        Path pool = Files.createDirectory(dir.resolve("pool"));
        Path task = Files.writeString(pool.resolve("task-1"), "");
        Path busy = Files.createSymbolicLink(dir.resolve("busy"), pool);
        writeBot("import time; time.sleep(120)\n");
        Running r = start("--run-time", "300ms", "--pause", "0s", "--defer-restart-while", "busy", "--max-defer", "1h",
                "--", PYTHON, "bot.py");
        r.lines.pid(1);
        String waits = r.lines.await(l -> l.contains("A restart is due, but"));
        assertTrue(waits.contains(busy.resolve("*") + " exists (an open order?)"), waits);
        Files.delete(task);
        String done = r.lines.await(l -> l.contains("The restart waited"));
        assertTrue(done.endsWith(busy.resolve("*") + " is gone; restarting now"), done);
        r.lines.pid(2);
    }

    /**
     * A folder the supervisor cannot list holds each planned restart as a busy one, said once a run with why, until
     * --max-defer. Root reads any folder: its supervisor runs under setpriv, without CAP_DAC_OVERRIDE and
     * CAP_DAC_READ_SEARCH, so that mode 000 denies it the folder.
     */
    @Test
    @Timeout(60)
    void aFolderThatCannotBeListedIsSaidOnceARunAndHoldsTheRestartUntilMaxDefer() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        Assumptions.assumeTrue(!root || Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "root is denied a folder only by a process without CAP_DAC_OVERRIDE: setpriv (util-linux) is needed");
        Path tasks = Files.createDirectory(dir.resolve("tasks"));
        Files.writeString(tasks.resolve("task-1"), "");
        Files.setPosixFilePermissions(tasks, Set.of());
        writeBot("import time; time.sleep(120)\n");
        List<String> denied = root ? List.of("/usr/bin/setpriv", "--bounding-set", "-dac_override,-dac_read_search")
                : List.of();
        Running r = spawnUnder(denied, dir, List.of(), Map.of(), "--run-time", "200ms", "--pause", "0s",
                "--defer-restart-while", "tasks", "--max-defer", "600ms", "--", PYTHON, "bot.py");
        r.lines.pid(1);
        String unread = r.lines.await(l -> l.contains("The --defer-restart-while folder cannot be read"));
        assertTrue(unread.contains("(permission denied: " + tasks + "): a planned restart waits"), unread);
        r.lines.await(l -> l.contains("restarting anyway (forced)"));
        assertEquals(1, r.lines.matching("folder cannot be read").size(), "said once: " + r.lines.all());
        r.lines.pid(2);
        awaitTrue("the second run's forced restart", () -> r.lines.matching("anyway \\(forced\\)").size() == 2);
        assertEquals(2, r.lines.matching("folder cannot be read").size(), "once a run: " + r.lines.all());
        Files.setPosixFilePermissions(tasks, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    @Timeout(60)
    void aDeferralIsForcedWhenMaxDeferRunsOut() throws Exception {
        Files.writeString(dir.resolve("order.open"), "");
        writeBot("import time; time.sleep(120)\n");
        Running r = start("--run-time", "200ms", "--pause", "0s", "--defer-restart-while", "order.open", "--max-defer", "500ms",
                "--", PYTHON, "bot.py");
        r.lines.pid(1);
        String forced = r.lines.await(l -> l.contains("restarting anyway (forced)"));
        assertTrue(forced.contains("as long as --max-defer allows: " + dir.resolve("order.open") + " still exists"), forced);
        r.lines.pid(2);
        r.stop();
        assertEquals(0, r.exitCode());
    }

    @Test
    @Timeout(30)
    void aStopRequestDuringADeferralStopsAtOnce() throws Exception {
        Files.writeString(dir.resolve("order.open"), "");
        writeBot("import time; time.sleep(120)\n");
        Running r = start("--run-time", "200ms", "--defer-restart-while", "order.open", "--max-defer", "1h",
                "--", PYTHON, "bot.py");
        r.lines.await(l -> l.contains("A restart is due, but"));
        long asked = System.nanoTime();
        r.stop();
        assertEquals(0, r.exitCode());
        assertTrue(Duration.ofNanos(System.nanoTime() - asked).toSeconds() < 5, "did not wait for the file");
        assertTrue(r.lines.contains("a stop or a failure does not wait"), String.join("\n", r.lines.all()));
        assertTrue(r.lines.contains("Stop requested (test)"));
    }

    @Test
    @Timeout(60)
    void aPlainRestartWaitsForTheFileAndRestartNowDoesNot() throws Exception {
        Files.writeString(dir.resolve("order.open"), "");
        writeBot("import time; time.sleep(120)\n");
        Running r = spawn("--defer-restart-while", "order.open", "--", PYTHON, "bot.py");
        String first = r.lines.pid(1);
        awaitStateFile(s -> s.contains("\"botPid\":" + first + ","), "the bot recorded");
        Result plain = execute(testEnv(), "restart", "--dir", dir.toString());
        assertEquals(0, plain.exitCode(), plain.err());
        assertTrue(plain.out().contains("Restart deferred by the supervisor (PID " + r.process.pid() + ")"), plain.out());
        Result now = execute(testEnv(), "restart", "--now", "--wait", "200ms", "--dir", dir.toString());
        assertEquals(0, now.exitCode(), now.err());
        assertTrue(now.out().contains("runs again, PID " + r.lines.pid(2)), now.out());
        assertTrue(r.lines.contains("SIGUSR2)"), String.join("\n", r.lines.all()));
        assertTrue(Files.exists(dir.resolve("order.open")), "the order was still open");
    }

    @Test
    @Timeout(60)
    void memoryHeldByAGrandchildTriggersAGracefulRestartThatIsNotAFailure() throws Exception {
        writeBot("""
                import pathlib, subprocess, sys, time
                if not pathlib.Path("ran").exists():  # the first run only: the next one stays under the limit
                    pathlib.Path("ran").touch()
                    time.sleep(2)  # under the limit at the first checks: a leak, not a bot too big to run
                    subprocess.Popen([sys.executable, "-c", "x = b'1' * (120 * 1024 * 1024); import time; print('allocated', flush=True); time.sleep(60)"])
                time.sleep(60)
                """);
        Running r = start("--max-memory", "60M", "--check-every", "100ms", "--pause", "0s", "--max-failures", "1", "--",
                PYTHON, "bot.py");
        String restart = r.lines.await(l -> l.contains("Memory restart"));
        assertTrue(restart.contains("over the 60MB limit for 3 checks in a row"), restart);
        r.lines.pid(2);
        assertEquals(List.of("0"), countedInTheStateFile("failures"));
        r.stop();
        assertEquals(0, r.exitCode());
        assertTrue(r.lines.await(l -> l.contains("Summary")).contains("memory restarts 1,"));
    }

    /** Over --max-memory at every check since its start, the bot cannot run under it: a failure, whatever its uptime. */
    @ParameterizedTest(name = "--min-uptime {0}")
    @CsvSource({"10s (the default)", "100ms"})
    @Timeout(60)
    void aBotOverMaxMemoryAtEveryCheckSinceItsStartIsAFailureUntilTheSupervisorGivesUp(String minUptime) throws Exception {
        writeBot("import time; time.sleep(60)\n"); // Python alone is over 5MB
        Map<String, String> env = minUptime.startsWith("10s") ? Map.of() : Map.of("SUPERVISOR_MIN_UPTIME", minUptime);
        Running r = start(env, "--max-memory", "5M", "--check-every", "200ms", "--pause", "0s", "--max-failures", "2",
                "--grace", "200ms", "--", PYTHON, "bot.py");
        assertEquals(1, r.exitCode());
        assertEquals(2, r.lines.matching("Memory restart").size());
        String failure = r.lines.await(l -> l.contains("Failure 1 of 2: it used"));
        assertTrue(failure.contains("over the 5MB limit at every check in the "), failure);
        assertTrue(r.lines.contains("Backing off 100ms"));
        assertTrue(r.lines.contains("Giving up after 2 consecutive failures"));
    }

    /** A bot under --max-memory at a check, then over it (a leak), is restarted: no failure, whatever --min-uptime. */
    @Test
    @Timeout(60)
    void aBotThatGrowsPastMaxMemoryIsRestartedWithoutAFailureEvenBeforeMinUptime() throws Exception {
        writeBot("import time; time.sleep(2); x = b'1' * (100 * 1024 * 1024); time.sleep(60)\n"); // small at first
        Running r = start("--max-memory", "60M", "--check-every", "100ms", "--min-uptime", "30s", "--pause", "0s",
                "--max-failures", "1", "--grace", "200ms", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.contains("Memory restart"));
        r.lines.pid(2);
        assertEquals(List.of("0"), countedInTheStateFile("failures"));
        r.stop();
        assertEquals(0, r.exitCode());
        assertTrue(r.lines.matching("Failure").isEmpty(), String.join("\n", r.lines.all()));
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
        writeBot("""
                import pathlib, time
                p = pathlib.Path("runs")
                run = int(p.read_text()) + 1 if p.exists() else 1
                p.write_text(str(run))
                while True:
                    print("tick %d" % run, flush=True)
                    time.sleep(0.05)
                """);
        // Silence is watched once the run's Python is up, about to tick: a slow start is not what this test is about.
        // (Its ticks reach the log only once the loop has said the bot started, after this clock is read.)
        Path runs = dir.resolve("runs");
        Clock ready = readyClock("the run's Python up", run -> lines(runs).equals(List.of(Integer.toString(run))));
        Running r = start(DEBUG, ready, line -> { }, "--max-silence", "500ms", "--check-every", "50ms",
                "--run-time", "1500ms", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.contains("Planned restart"));
        assertEquals("RUNNING -> STOPPING (DEADLINE)", r.lines.transitions(3).get(2), "the run ended on its --run-time");
        r.stop();
    }

    @Test
    @Timeout(60)
    void aBotPrintingOtherLinesButNoHeartbeatIsRestartedAsHung() throws Exception {
        writeBot("""
                import time
                while True:
                    print("fetching prices", flush=True)
                    time.sleep(0.05)
                """);
        Running r = start("--heartbeat", "Bot heartbeat", "--max-silence", "400ms", "--check-every", "50ms",
                "--max-failures", "1", "--grace", "200ms", "--", PYTHON, "bot.py");
        assertEquals(1, r.exitCode());
        assertTrue(r.lines.contains("fetching prices"), "it did write");
        String hung = r.lines.await(l -> l.contains("No line matching --heartbeat 'Bot heartbeat' for"));
        assertTrue(hung.endsWith("(the last: none since the bot started): the bot looks hung; stopping it gracefully"), hung);
        assertTrue(r.lines.contains("Failure 1 of 1: the bot was hung"));
    }

    @Test
    @Timeout(30)
    void aBotThatPrintsTheHeartbeatIsNeverTakenAsHung() throws Exception {
        writeBot("""
                import os, pathlib, time
                p = pathlib.Path("runs")
                run = int(p.read_text()) + 1 if p.exists() else 1
                p.write_text(str(run))
                while True:
                    print("Bot heartbeat. PID=%d, version='2024.1', state='RUNNING'" % os.getpid(), flush=True)
                    time.sleep(0.05)
                """);
        // As aChattyBotIsNeverTakenAsHung: the heartbeat is watched once the run's Python is up.
        Path runs = dir.resolve("runs");
        Clock ready = readyClock("the run's Python up", run -> lines(runs).equals(List.of(Integer.toString(run))));
        Running r = start(DEBUG, ready, line -> { }, "--heartbeat", "^Bot heartbeat\\. PID=", "--max-silence", "500ms",
                "--check-every", "50ms", "--run-time", "1500ms", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.contains("Planned restart"));
        assertEquals("RUNNING -> STOPPING (DEADLINE)", r.lines.transitions(3).get(2), "the run ended on its --run-time");
        r.stop();
    }

    @Test
    @Timeout(60)
    void aHeartbeatFileThatStopsAdvancingIsHungThoughTheBotStillWrites() throws Exception {
        writeBot("""
                import pathlib, time
                for i in range(5):
                    pathlib.Path("alive").touch()
                    time.sleep(0.05)
                while True:
                    print("still printing", flush=True)
                    time.sleep(0.05)
                """);
        // Watched once the bot made its file: a Python slower to start than --max-silence is not what this is about.
        Clock ready = readyClock("the bot's heartbeat file made", run -> Files.exists(dir.resolve("alive")));
        Running r = start(Map.of(), ready, "--heartbeat-file", "alive", "--max-silence", "500ms", "--check-every", "50ms",
                "--max-failures", "1", "--grace", "200ms", "--", PYTHON, "bot.py");
        assertEquals(1, r.exitCode());
        String hung = r.lines.await(l -> l.contains(" not touched for "));
        assertTrue(hung.contains(dir.resolve("alive") + " not touched for "), hung);
        String modified = Files.getLastModifiedTime(dir.resolve("alive")).toInstant().atZone(ZoneId.systemDefault())
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        assertTrue(hung.contains("(last modified: " + modified), hung);
        assertTrue(r.lines.contains("Failure 1 of 1: the bot was hung"));
    }

    @Test
    @Timeout(60)
    void restartOnRestartsTheBotAndCountsAFailureUntilItGivesUp() throws Exception {
        Path witness = dir.resolve("witness");
        writeBot(NOTING_BOT.replace("time.sleep(120)", "print('ERROR websocket closed: code 1006', flush=True); time.sleep(120)"));
        Running r = start("--restart-on", "websocket closed", "--max-failures", "2", "--pause", "100ms", "--",
                PYTHON, "bot.py", witness.toString());
        assertEquals(1, r.exitCode());
        assertEquals(2, r.lines.matching(Pattern.quote("A line matched --restart-on 'websocket closed': ERROR websocket closed: "
                + "code 1006; restarting the bot gracefully (a failure)")).size(), String.join("\n", r.lines.all()));
        assertTrue(r.lines.contains("Failure 1 of 2: a line matched --restart-on 'websocket closed': ERROR websocket closed"));
        assertTrue(r.lines.contains("Backing off 100ms"));
        assertTrue(r.lines.contains("Giving up after 2 consecutive failures"));
        assertEquals(2, lines(witness).stream().filter(l -> l.startsWith("stop ") && l.endsWith(" SIGTERM")).count(),
                "stopped gracefully each time: " + lines(witness));
        assertTrue(r.lines.await(l -> l.contains("Summary")).contains("triggers 2,"));
    }

    @Test
    @Timeout(60)
    void aSlowPatternHoldsNeitherTheLogNorAStop() throws Exception {
        // (.*a){8}z on 200 a's backtracks for longer than the test: the relay thread stays in it. A process of its
        // own, which the SIGTERM ends, thread and all.
        writeBot("import time\nprint('a' * 200, flush=True)\ntime.sleep(60)\n");
        Running r = spawn("--restart-on", "(.*a){8}z", "--grace", "2s", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.endsWith("a".repeat(200))); // logged before the pattern runs, not after
        r.process.toHandle().destroy();
        assertEquals(0, r.exitCode(), String.join("\n", r.lines.all()));
        assertTrue(r.lines.contains("Stop requested (SIGTERM)"), String.join("\n", r.lines.all()));
        assertTrue(r.lines.contains("Bot stopped gracefully"), String.join("\n", r.lines.all()));
    }

    /** A hook that notes, per event: event|trigger|pattern|line (the trigger's variables are empty for other events). */
    private Path triggerHook(Path events) throws IOException {
        Path hook = dir.resolve("hook.py");
        Files.writeString(hook, """
                import os, sys
                keys = ["SUPERVISOR_EVENT", "SUPERVISOR_TRIGGER", "SUPERVISOR_PATTERN", "SUPERVISOR_LINE"]
                open(sys.argv[1], "a").write("|".join(os.environ[k] for k in keys) + "\\n")
                """);
        return hook;
    }

    @Test
    @Timeout(60)
    void fatalOnStopsTheBotOnceAndExits1WithTheLineInTheLogAndTheHook() throws Exception {
        Path witness = dir.resolve("witness");
        Path events = dir.resolve("events");
        writeBot(NOTING_BOT.replace("time.sleep(120)",
                "print('Exchange said: Invalid API key (code -2015)', file=sys.stderr, flush=True); time.sleep(120)"));
        Running r = start("--fatal-on", "Invalid API key", "--max-failures", "5", "--pause", "0s",
                "--on-event", PYTHON + " " + triggerHook(events) + " " + events, "--", PYTHON, "bot.py", witness.toString());
        assertEquals(1, r.exitCode());
        String pid = r.lines.pid(1);
        assertEquals(List.of("start " + pid, "stop " + pid + " SIGTERM"), lines(witness), "one start, one graceful stop");
        assertTrue(r.lines.contains("A line matched --fatal-on 'Invalid API key': Exchange said: Invalid API key (code -2015); "
                + "stopping the bot gracefully, then giving up"), String.join("\n", r.lines.all()));
        assertTrue(r.lines.contains("Giving up: a line matched --fatal-on, which no restart can fix"));
        assertEquals(List.of("started|||", "matched|fatal-on|Invalid API key|Exchange said: Invalid API key (code -2015)",
                "gave-up|||"), lines(events));
    }

    @Test
    @Timeout(60)
    void aPatternOnTheLastWordsWithoutANewlineEndsTheRun() throws Exception {
        writeBot("import sys\nsys.stdout.write('Exchange said: Invalid API key')\nsys.exit(1)\n");
        Running r = start("--fatal-on", "Invalid API key", "--max-failures", "5", "--pause", "0s", "--", PYTHON,
                "bot.py");
        assertEquals(1, r.exitCode());
        // matched as the relay closes: before or after the loop hears of the exit, the run ends for the match
        assertTrue(r.lines.contains("Giving up: a line matched --fatal-on"), String.join("\n", r.lines.all()));
        assertEquals(1, r.lines.all().stream().filter(l -> l.contains("Starting the bot")).count(), "one run only");
    }

    @Test
    @Timeout(60)
    void alertOnFiresTheHookAndLeavesTheBotAlone() throws Exception {
        Path events = dir.resolve("events");
        writeBot("import time; print('balance low: 3.2 USDT', flush=True); time.sleep(120)\n");
        Running r = start(DEBUG, "--alert-on", "balance low", "--on-event", PYTHON + " " + triggerHook(events) + " " + events,
                "--", PYTHON, "bot.py");
        String pid = r.lines.pid(1);
        awaitTrue("the alert in " + events, () -> lines(events).contains("matched|alert-on|balance low|balance low: 3.2 USDT"));
        assertTrue(r.lines.contains("A line matched --alert-on 'balance low': balance low: 3.2 USDT; the bot is left alone"));
        awaitStateFile(s -> s.contains("\"triggers\":1,") && s.contains("\"lastTrigger\":\"--alert-on 'balance low': balance"),
                "the alert in the state file");
        Result status = execute(testEnv(), "status", "--dir", dir.toString());
        assertTrue(status.out().contains("lines that tripped a trigger: 1; the last at "), status.out());
        assertTrue(status.out().contains("--alert-on 'balance low': balance low: 3.2 USDT"), status.out());
        assertTrue(ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false), "the bot runs on");
        assertEquals(List.of("NEW -> STARTING (BEGIN)", "STARTING -> RUNNING (STARTED)"), r.lines.transitions(2),
                "the alert is no transition: the bot is left alone");
        r.stop();
        assertEquals(0, r.exitCode());
    }

    /** 1,000 lines at once: one alert, one restart (and its one hook); the rest of the burst is folded, not fired. */
    @Test
    @Timeout(60)
    void aBurstOfAThousandMatchingLinesFiresOneActionOfEachKind() throws Exception {
        Path events = dir.resolve("events");
        writeBot("""
                import pathlib, time
                p = pathlib.Path("runs")
                run = int(p.read_text()) + 1 if p.exists() else 1
                p.write_text(str(run))
                if run == 1:
                    for i in range(1000):
                        print("429 rate limit %d" % i)
                    print("burst over", flush=True)
                time.sleep(120)
                """);
        Running r = start("--restart-on", "rate limit", "--alert-on", "429", "--pause", "0s",
                "--on-event", PYTHON + " " + triggerHook(events) + " " + events, "--", PYTHON, "bot.py");
        r.lines.pid(2);
        r.stop();
        assertEquals(0, r.exitCode());
        assertEquals(1, r.lines.matching("A line matched --restart-on").size(), String.join("\n", r.lines.all()));
        assertEquals(1, r.lines.matching("A line matched --alert-on").size(), String.join("\n", r.lines.all()));
        assertEquals(List.of("matched|restart-on|rate limit|429 rate limit 0", "matched|alert-on|429|429 rate limit 0"),
                lines(events).stream().filter(l -> l.startsWith("matched|")).sorted(Comparator.reverseOrder()).toList());
    }

    /** The literal a match must begin with, by which a plain line is passed over without being decoded. */
    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Invalid API key        | Invalid API key
            ^Bot heartbeat\\. PID= | Bot heartbeat. PID=
            Strategy .* not found  | 'Strategy '
            colou?r                | colo
            ab+c                   | ab
            a{2}                   | ''
            (?i)invalid            | ''
            'error|fatal'          | ''
            \\d+ ms                 | ''
            """)
    @Timeout(5)
    void aPatternsLeadingLiteralIsWhatALineMustHold(String regex, String literal) {
        byte[] found = Supervisor.LineWatch.literalPrefix(regex);
        assertEquals(literal.isEmpty() ? null : literal, found == null ? null : new String(found, UTF_8));
    }

    /** Plain lines are matched through their bytes, others as text: both find every pattern, with or without a literal. */
    @Tag("pure")
    @Test
    @Timeout(5)
    void eachPatternMatchesWhereverItsLiteralIsAndOnlyThen() throws Exception {
        Supervisor.RunOptions options = new Supervisor.RunOptions();
        options.alertOn = List.of("not found", "code \\d+", "(?i)TIMEOUT");
        options.fatalOn = List.of("^Invalid");
        Supervisor.LineWatch watch = new Supervisor.LineWatch(Supervisor.Triggers.compile(null, options), new Supervisor.Bell());
        Supervisor.LineWatch.Scanner scanner = watch.scanner();
        for (String line : List.of("pair XYZ not found", "exit code 42", "read timeout", "nothing here", "x Invalid",
                "\u001b[31mInvalid\u001b[0m key", "ação not found")) {
            byte[] bytes = bytes(line);
            boolean plain = line.chars().allMatch(c -> c < 0x7F && c != 0x1B);
            scanner.line(bytes, 0, bytes.length, plain);
        }
        assertEquals(List.of(), watch.takeAlerts(), "noted under the log's lock, not matched yet");
        scanner.match(); // as the relay does once the lock is released
        assertEquals(List.of("not found|pair XYZ not found", "code \\d+|exit code 42", "(?i)TIMEOUT|read timeout"),
                watch.takeAlerts().stream().map(m -> m.pattern() + "|" + m.line()).toList(), "one alert per pattern");
        assertEquals("^Invalid|Invalid key", watch.action().pattern() + "|" + watch.action().line(), "escape codes removed");
    }

    /** A snapshot with every part set, and text that needs escaping. */
    private static Supervisor.Snapshot fullSnapshot() {
        return new Supervisor.Snapshot(new Supervisor.Snapshot.Proc(12, Instant.parse("2026-01-15T10:00:00.123Z"), 99L),
                new Supervisor.Snapshot.Proc(13, Instant.parse("2026-01-15T10:00:01Z"), 5L), Supervisor.State.RUNNING,
                List.of("py", "a \"b\"\n"), "m-1", Instant.parse("2026-01-15T11:00:00Z"),
                new Supervisor.Snapshot.Counts(3, 1, 2, 1, 4, 1, "boom\u0001", "ValueError: x", 2, "--alert-on 'x': x 1",
                        Instant.parse("2026-01-15T10:30:00Z"), List.of("Traceback (most recent call last):", "ValueError: x"),
                        1, 3),
                new Supervisor.Snapshot.Setup(Path.of("/x y"), Supervisor.Lang.pt, Path.of("/l"), Duration.ofMillis(1500),
                        Path.of("/x y/bot.log"), Duration.ofSeconds(10), 512L << 20),
                Instant.parse("2026-01-15T10:40:00Z"), Instant.parse("2026-01-15T10:55:00Z"));
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void aSnapshotIsWrittenAsOneFlatFieldPerValueInOrder() {
        assertEquals("{\"supervisorPid\":12,\"supervisorStarted\":\"2026-01-15T10:00:00.123Z\",\"supervisorTicks\":99,"
                + "\"botPid\":13,\"botStarted\":\"2026-01-15T10:00:01Z\",\"botTicks\":5,\"command\":[\"py\",\"a \\\"b\\\"\\n\"],"
                + "\"marker\":\"m-1\",\"state\":\"RUNNING\",\"runs\":3,\"plannedRestarts\":1,\"healthRestarts\":3,"
                + "\"memoryRestarts\":2,\"hungRestarts\":1,\"failures\":4,\"lastExit\":1,"
                + "\"nextRestart\":\"2026-01-15T11:00:00Z\",\"dir\":\"/x y\",\"lang\":\"pt\",\"lockFile\":\"/l\",\"grace\":\"PT1.5S\","
                + "\"logFile\":\"/x y/bot.log\",\"lastFailure\":\"boom\\u0001\",\"minUptime\":\"PT10S\","
                + "\"lastLine\":\"ValueError: x\",\"triggers\":2,\"lastTrigger\":\"--alert-on 'x': x 1\","
                + "\"lastTriggerAt\":\"2026-01-15T10:30:00Z\","
                + "\"lastLines\":[\"Traceback (most recent call last):\",\"ValueError: x\"],"
                + "\"deferredSince\":\"2026-01-15T10:40:00Z\",\"deferForcedAt\":\"2026-01-15T10:55:00Z\","
                + "\"requestedRestarts\":1,\"consecutiveFailures\":3,\"maxMemory\":536870912}", json(fullSnapshot()));
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void statusOfABotWhoseStartTheStateFileOmitsShowsNoUptimeInEitherForm() {
        Supervisor.Snapshot f = fullSnapshot();
        Supervisor.Snapshot r = new Supervisor.Snapshot(f.supervisor(), new Supervisor.Snapshot.Proc(13, null, 5L), f.state(),
                f.command(), f.marker(), f.nextRestart(), f.counts(), f.setup(), f.deferredSince(), f.deferForcedAt());
        Path folder = Path.of("/b");
        String running = Supervisor.Status.toText(Supervisor.Lang.en, folder, true, null, r, null);
        assertTrue(running.contains("bot PID 13 (-)"), running);
        String orphan = Supervisor.Status.toText(Supervisor.Lang.en, folder, false, 13L, r, null);
        assertTrue(orphan.contains("bot PID 13 (-)"), orphan);
        assertTrue(Supervisor.Status.toJson(folder, true, null, r, null).contains("\"botUptimeSeconds\":null,"));
    }

    /** fullSnapshot's, ended in state, the failure and lines given. */
    private static Supervisor.Snapshot ended(Supervisor.State state, String failure, List<String> lines) {
        Supervisor.Snapshot f = fullSnapshot();
        Supervisor.Snapshot.Counts n = f.counts();
        return new Supervisor.Snapshot(f.supervisor(), null, state, f.command(), f.marker(), null,
                new Supervisor.Snapshot.Counts(n.runs(), n.plannedRestarts(), n.memoryRestarts(), n.hungRestarts(),
                        n.failures(), n.lastExit(), failure, null, n.triggers(), null, null, lines, n.requestedRestarts(),
                        n.consecutiveFailures()), f.setup(), null, null);
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void statusOfASupervisorThatGaveUpSaysSoWithItsLastFailureAndLinesInBothLanguages() {
        Path folder = Path.of("/b");
        Supervisor.Snapshot fatal = ended(Supervisor.State.FATAL, "exited with code 1 after 2s",
                List.of("Traceback (most recent call last):", "ValueError: x"));
        assertEquals(String.join(System.lineSeparator(), "○ not running (FATAL): the supervisor of the bot in /b gave up"
                + " after 3 failures in a row; once the cause is fixed, start it again",
                "  runs 3, planned restarts 1, health restarts 3, failures 4",
                "  the last failure (exited with code 1 after 2s); the bot's last lines then:",
                "    | Traceback (most recent call last):", "    | ValueError: x"),
                Supervisor.Status.toText(Supervisor.Lang.en, folder, false, null, fatal, null));
        String pt = Supervisor.Status.toText(Supervisor.Lang.pt, folder, false, null, fatal, null);
        assertTrue(pt.startsWith("○ parado (ERRO FATAL): o supervisor do bot em /b desistiu após 3 falhas seguidas;"), pt);
        assertTrue(pt.contains("  execuções 3, reinícios programados 1, reinícios por saúde 3, falhas 4"), pt);
        assertTrue(pt.endsWith("    | ValueError: x"), pt);
        String silent = Supervisor.Status.toText(Supervisor.Lang.en, folder, false, null,
                ended(Supervisor.State.FATAL, "the bot was hung", List.of()), null);
        assertTrue(silent.endsWith(System.lineSeparator() + "  the last failure (the bot was hung)"), silent);
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void statusOfAStoppedSupervisorSaysItWasStoppedWithItsCountsAndOfAKilledOneOnlyThatNoneRuns() {
        Path folder = Path.of("/b");
        Supervisor.Snapshot stopped = ended(Supervisor.State.STOPPED, "boom", List.of("boom"));
        assertEquals(String.join(System.lineSeparator(), "○ not running: the supervisor of the bot in /b was stopped",
                "  runs 3, planned restarts 1, health restarts 3, failures 4"),
                Supervisor.Status.toText(Supervisor.Lang.en, folder, false, null, stopped, null));
        assertTrue(Supervisor.Status.toText(Supervisor.Lang.pt, folder, false, null, stopped, null)
                .startsWith("○ parado: o supervisor do bot em /b foi encerrado"));
        assertEquals("○ not running: no supervisor is running the bot in /b",
                Supervisor.Status.toText(Supervisor.Lang.en, folder, false, null, fullSnapshot(), null));
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void statusShowsTheBotsMemoryAndTheLimitWhenItHasThem() {
        Path folder = Path.of("/b");
        Supervisor.Snapshot f = fullSnapshot();
        String limited = Supervisor.Status.toText(Supervisor.Lang.pt, folder, true, null, f, 300L << 20);
        assertTrue(limited.contains("  memória: 300MB, o RSS da árvore inteira do bot (--max-memory 512MB)"), limited);
        Supervisor.Snapshot.Setup s = f.setup();
        Supervisor.Snapshot unlimited = new Supervisor.Snapshot(f.supervisor(), f.bot(), f.state(), f.command(),
                f.marker(), f.nextRestart(), f.counts(), new Supervisor.Snapshot.Setup(s.dir(), s.lang(), s.lockFile(),
                s.grace(), s.logFile(), s.minUptime(), null), null, null);
        String text = Supervisor.Status.toText(Supervisor.Lang.en, folder, true, null, unlimited, 1536L << 10);
        assertTrue(text.contains("  memory: 1.5MB, the RSS of the bot's whole tree (no --max-memory)"), text);
        assertFalse(Supervisor.Status.toText(Supervisor.Lang.en, folder, true, null, f, null).contains("memory"));
        assertTrue(Supervisor.Status.toJson(folder, true, null, f, 1536L << 10).contains(",\"botMemoryBytes\":1572864,"));
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void aSnapshotReadsBackAsItWasWritten() {
        Supervisor.Snapshot snapshot = fullSnapshot();
        assertEquals(snapshot, Supervisor.Snapshot.read(Supervisor.Json.parseObject(json(snapshot))));
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void aSnapshotWithoutItsOptionalFieldsReadsThemAsNoneOrZero() {
        Supervisor.Snapshot r = Supervisor.Snapshot.read(Supervisor.Json.parseObject(
                "{\"supervisorPid\":7,\"state\":\"STOPPED\",\"dir\":\"/b\",\"lang\":\"en\"}"));
        assertEquals(new Supervisor.Snapshot(new Supervisor.Snapshot.Proc(7, null, null), null, Supervisor.State.STOPPED,
                List.of(), null, null, new Supervisor.Stats().counts(0),
                new Supervisor.Snapshot.Setup(Path.of("/b"), Supervisor.Lang.en, null, Duration.ZERO, null, Duration.ZERO,
                        null),
                null, null), r);
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void aSnapshotTakesNumbersAsItsPartsTypesAndCommandWordsAsText() {
        Supervisor.Snapshot r = Supervisor.Snapshot.read(Supervisor.Json.parseObject(
                "{\"supervisorPid\":7,\"botPid\":8,\"runs\":3,\"command\":[\"a\",1],\"state\":\"STOPPED\",\"dir\":\"/b\",\"lang\":\"en\"}"));
        assertEquals(List.of(7L, 8L, 3, List.of("a", "1")), List.of(r.supervisor().pid(), r.bot().pid(), r.counts().runs(), r.command()));
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource({"supervisorPid", "state", "dir", "lang"})
    @Timeout(5)
    void aSnapshotWithoutItsPidStateFolderOrLanguageIsNotOne(String field) {
        Map<String, Object> json = new java.util.LinkedHashMap<>(Supervisor.Json.parseObject(json(fullSnapshot())));
        json.remove(field);
        assertThrows(Exception.class, () -> Supervisor.Snapshot.read(json));
    }

    // ------------------------------------------------------------------------------------ what to run

    @Tag("pure")
    @Test
    @Timeout(30)
    void missingPythonExits2WithNothingStarted() throws Exception {
        Files.writeString(dir.resolve("bot_trading_system.py"), "print('never')\n");
        Result result = execute(Map.of("PATH", System.getenv("PATH")), "--dir", dir.toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("Python executable not found"), result.err());
        assertTrue(result.err().contains("python3 -m venv " + dir.resolve("venv") + "\n"), result.err());
        assertTrue(result.err().contains(dir.resolve("venv") + "/bin/pip install -r requirements.txt"), result.err());
        assertTrue(result.err().contains("--python"), result.err());
        assertEquals("", result.out());
        assertFalse(Files.exists(dir.resolve(".supervisor.lock")), "nothing started: not even the lock");
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void aMissingVenvFolderIsNamedAndTheWayToMakeItUsesItsAbsolutePath() throws Exception {
        Files.writeString(dir.resolve("bot_trading_system.py"), "print('never')\n");
        Result result = execute(Map.of(), "--dir", dir.toString(), "--venv", "venvv");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("supervisor: Python executable not found: the virtualenv "
                + dir.resolve("venvv") + " does not exist"), result.err());
        assertTrue(result.err().contains("python3 -m venv " + dir.resolve("venvv") + "\n"), result.err());
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void aVenvWhosePythonIsGoneSaysWhereItPointedAndHowToMakeTheVenvAgain() throws Exception {
        Files.writeString(dir.resolve("bot_trading_system.py"), "print('never')\n");
        Path bin = Files.createDirectories(dir.resolve("venv/bin"));
        Files.createSymbolicLink(bin.resolve("python3"), dir.resolve("old/python3.9"));
        Files.createSymbolicLink(bin.resolve("python"), Path.of("python3"));
        Result result = execute(Map.of(), "--dir", dir.toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("supervisor: The virtualenv's Python is gone: " + bin.resolve("python3")
                + " points to " + dir.resolve("old/python3.9") + ", which does not exist"), result.err());
        assertTrue(result.err().contains("python3 -m venv --clear " + dir.resolve("venv") + "\n"), result.err());
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --python a venv's folder | --python | venv     | Python executable not found: 'DIR/venv' is a folder; give a virtualenv's folder
            --python its bin         | --python | venv/bin | Python executable not found: 'DIR/venv/bin' is a folder; give
            the command              | --       | venv     | Command not found: DIR/venv is a folder, not a program
            the command as a path    | --       | DIR/venv | Command not found: DIR/venv is a folder, not a program
            """)
    @Timeout(10)
    void aFolderIsNeitherAPythonNorACommandAndNothingStarts(String name, String option, String folder, String says)
            throws Exception {
        Files.writeString(dir.resolve("bot_trading_system.py"), "print('never')\n");
        Files.createDirectories(dir.resolve("venv/bin"));
        String given = option.equals("--python") ? dir.resolve(folder).toString() : folder.replace("DIR", dir.toString());
        for (List<String> subcommand : List.of(List.of("config"), List.of("unit"), List.<String>of())) {
            List<String> args = new ArrayList<>(subcommand);
            args.addAll(List.of("--dir", dir.toString(), option, given));
            Result result = execute(testEnv(), args.toArray(String[]::new));
            assertEquals(2, result.exitCode(), subcommand + ": " + result.out());
            assertTrue(result.err().startsWith("supervisor: " + says.replace("DIR", dir.toString())), result.err());
            assertEquals("", result.out(), "no settings, no unit");
        }
        assertFalse(Files.exists(dir.resolve(".supervisor.lock")), "nothing started: not even the lock");
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a Python script               | bot.py   | false | DIR/bot.py is a Python script, not a program: run it with --script bot.py
            a file without its x bit      | ./run.sh | false | DIR/run.sh is not executable: make it executable (chmod +x DIR/run.sh), then give it as: -- ./run.sh
            its name, without its x bit   | run.sh   | false | DIR/run.sh is not executable: make it executable (chmod +x DIR/run.sh), then give it as: -- ./run.sh
            its name, executable          | run.sh   | true  | 'run.sh' is not a program on PATH; to run the file of that name in the bot's folder, give its path: -- ./run.sh
            """)
    @Timeout(10)
    void aFileGivenAsTheCommandIsNamedWithWhatToDo(String name, String command, boolean executable, String says)
            throws Exception {
        Path file = Files.writeString(dir.resolve(Path.of(command).getFileName()), "print('never')\n");
        file.toFile().setExecutable(executable);
        Result result = execute(Map.of("PATH", "/usr/bin:/bin"), "--dir", dir.toString(), command);
        assertEquals(2, result.exitCode(), result.out());
        assertTrue(result.err().startsWith("supervisor: " + says.replace("DIR", dir.toString())), result.err());
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a unit apart             | --run-time 1 h     | No space inside a duration: --run-time 1h ('h' apart is taken as the command to run)
            an upper-case unit       | --pause 30 M       | No space inside a duration: --pause 30M ('M' apart
            in config                | config --grace 5 s | No space inside a duration: --grace 5s
            not after a duration     | --max-failures 1 h | 'h' is neither a subcommand nor a program on PATH
            """)
    @Timeout(10)
    void aSpaceInsideADurationIsSaidSo(String name, String args, String says) {
        List<String> all = new ArrayList<>(List.of(args.split(" ")));
        all.addAll(List.of("--dir", dir.toString()));
        Result result = execute(Map.of(), all.toArray(String[]::new));
        assertEquals(2, result.exitCode(), result.out());
        assertTrue(result.err().startsWith("supervisor: " + says), result.err());
    }

    @Tag("pure")
    @Test
    @Timeout(30)
    void missingScriptExits2NamingItsAbsolutePath() throws Exception {
        Result result = execute(Map.of("PATH", System.getenv("PATH")), "--dir", dir.toString(), "--python", PYTHON);
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("Script not found: " + dir.resolve("bot_trading_system.py")), result.err());
        assertEquals("", result.out());
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void inAFolderWithNeitherScriptNorVenvTheMissingScriptIsSaidFirst() {
        Result result = execute(Map.of(), "--dir", dir.toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("supervisor: Script not found: " + dir.resolve("bot_trading_system.py")), result.err());
        assertFalse(result.err().contains("virtualenv"), result.err());
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a path relative to the base      | ./bin/run      | false | /usr/bin:/bin              |             | /base/bin/run   | /base/bin/run
            a path that is missing           | ./bin/gone     | false | /usr/bin                   |             | /base/bin/run   |
            a path is never searched on PATH | x/run          | false | /usr/bin                   |             | /usr/bin/x/run  |
            a windows path                   | bin\\run.exe   | true  | C:\\bin                    |             | /base/bin\\run.exe | /base/bin\\run.exe
            the first folder on PATH         | tool           | false | /a:/b                      |             | /a/tool,/b/tool | /a/tool
            later folders too                | tool           | false | /a:/b                      |             | /b/tool         | /b/tool
            empty PATH entries are skipped   | tool           | false | :/b                        |             | tool,/b/tool    | /b/tool
            not on PATH                      | tool           | false | /a:/b                      |             | /c/tool         |
            windows splits PATH on ;         | tool           | true  | /a;/b                      |             | /b/tool.EXE     | /b/tool.EXE
            windows tries the name first     | tool.exe       | true  | /a                         |             | /a/tool.exe     | /a/tool.exe
            windows PATHEXT                  | tool           | true  | /a                         | .COM;.PS1   | /a/tool.PS1     | /a/tool.PS1
            windows default PATHEXT          | tool           | true  | /a                         |             | /a/tool.CMD     | /a/tool.CMD
            """)
    @Timeout(5)
    void programsAreFoundAsAPathOrOnPath(String name, String program, boolean windows, String path, String pathext,
                                         String present, String expected) {
        Map<String, String> env = new HashMap<>(Map.of("PATH", path));
        if (pathext != null) env.put("PATHEXT", pathext);
        Set<Path> files = Arrays.stream(present.split(",")).map(Path::of).collect(Collectors.toSet());
        assertEquals(expected == null ? null : Path.of(expected),
                Supervisor.Venv.onPath(program, Path.of("/base"), env, windows, files::contains).orElse(null));
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0} is called {1}")
    @CsvSource({"bot.py, bot", "/srv/bots/my.bot.py, my.bot", ".hidden, .hidden", "C:\\bots\\bot.py, bot", "python3, python3",
            "a/b/, ''", "x., x"})
    @Timeout(5)
    void theNameOfAProgramIsItsFileWithoutTheExtension(String program, String name) {
        assertEquals(name, Supervisor.Venv.baseName(program));
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
        awaitTrue("the bot's note in " + witness, () -> lines(witness).size() == 1);
        assertEquals("absent absent absent absent absent absent yes", lines(witness).get(0));
    }

    @Tag("pure")
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

    @Tag("pure")
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

    @Tag("pure")
    @Test
    @Timeout(5)
    void theVenvLookupListsWhatItTried() {
        Path bot = Path.of("/bots/a");
        Supervisor.Venv.Lookup none = Supervisor.Venv.find(bot, null, "/env", false, p -> false);
        assertEquals(List.of(bot.resolve("venv/bin/python3"), bot.resolve("venv/bin/python"), bot.resolve(".venv/bin/python3"),
                bot.resolve(".venv/bin/python"), Path.of("/env/bin/python3"), Path.of("/env/bin/python")), none.tried());
        assertEquals(List.of(bot.resolve("venv/Scripts/python.exe"), bot.resolve(".venv/Scripts/python.exe")),
                Supervisor.Venv.find(bot, null, " ", true, p -> false).tried());
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

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @MethodSource("envFiles")
    @Timeout(5)
    void envFilesParseAsDotenvAndSystemdWriteThem(String name, String text, Map<String, String> expected) {
        assertEquals(expected, Supervisor.EnvFile.parse(text, "f.env"));
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no =                 | A=1⏎s3cret-value                | 2 | not a KEY=VALUE line
            a name with a dash   | # c⏎MY-KEY=s3cret-value         | 2 | is not a variable name
            a name with a digit  | 1KEY=s3cret-value               | 1 | is not a variable name
            an unclosed quote    | A="s3cret-value                 | 1 | a quote is not closed
            text after the quote | A='s3cret' -value               | 1 | text after the closing quote
            a NUL byte           | A=1⏎B=s3cret␀value              | 2 | a NUL byte on this line, which no environment variable can hold
            a NUL byte, quoted   | B="s3cret␀value"                | 1 | a NUL byte on this line, which no environment variable can hold
            """)
    @Timeout(5)
    void aBadEnvFileLineNamesFileAndLineButNeverItsText(String name, String text, int line, String says) {
        Supervisor.EnvFile.BadLine bad = assertThrows(Supervisor.EnvFile.BadLine.class,
                () -> Supervisor.EnvFile.parse(text.replace("⏎", "\n").replace("␀", "\0"), "/srv/bot/.env"));
        assertTrue(bad.getMessage().startsWith("env file /srv/bot/.env:" + line + ": "), bad.getMessage());
        assertTrue(bad.getMessage().contains(says), bad.getMessage());
        assertFalse(bad.getMessage().contains("s3cret"), bad.getMessage());
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void aNulByteInAnEnvFileExits2NamingTheLineButNeverTheValue() throws Exception {
        Path env = dir.resolve("bot.env");
        Files.writeString(env, "API_KEY=1\nAPI_SECRET=s3cret\0value\n");
        Path witness = dir.resolve("started");
        Result result = execute(testEnv(), "--env-file", env.toString(), "--dir", dir.toString(), "--", PYTHON, "-c",
                "open('" + witness + "', 'w').write('started')");
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().contains(env + ":2: there is a NUL byte"), result.err());
        assertFalse(result.err().contains("s3cret") || result.out().contains("s3cret"), result.err());
        assertFalse(Files.exists(witness), "nothing started");
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void anEnvFileOverAMegabyteIsNotReadAndExits2() throws Exception {
        Path env = dir.resolve("bot.env");
        Files.writeString(env, ("# " + "x".repeat(1000) + "\n").repeat(1100) + "API_SECRET s3cret\n");
        Result result = execute(Map.of(), "--env-file", env.toString(), "--dir", dir.toString(), "--", PYTHON, "-c", "pass");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("the env file " + env + " is larger than 1MB"), result.err());
        assertFalse(result.err().contains("s3cret"), "never a value");
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void anEnvFileOverOneMegabyteIsRefusedSayingSo() throws Exception {
        Path env = dir.resolve("big.env");
        Files.writeString(env, "# " + "x".repeat(1 << 20) + "\nA=1\n");
        IOException e = assertThrows(IOException.class, () -> Supervisor.EnvFile.read(env, Supervisor.Lang.en));
        assertTrue(e.getMessage().startsWith("the env file " + env + " is larger than 1MB"), e.getMessage());
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void aLatin1EnvFileIsRefusedAsNotUtf8WithTheLineOfItsFirstBadByte() throws Exception {
        Path env = dir.resolve("latin1.env");
        Files.write(env, "# chaves\nA=1\nSENHA=s3cret-ção\nB=ç\n".getBytes(ISO_8859_1));
        IOException e = assertThrows(IOException.class, () -> Supervisor.EnvFile.read(env, Supervisor.Lang.en));
        assertEquals("env file " + env + ":3: a byte on this line is not UTF-8: save the file as UTF-8 "
                + "(the line is not shown: it may hold a secret)", e.getMessage());
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource({"UTF-16, with its byte order mark", "UTF-16LE, without one", "UTF-16BE, without one"})
    @Timeout(10)
    void aUtf16EnvFileIsRefusedAskingForUtf8(String charset, String bom) throws Exception {
        Path env = dir.resolve("utf16.env");
        Files.write(env, "API_KEY=s3cret\r\n".getBytes(java.nio.charset.Charset.forName(charset)));
        IOException e = assertThrows(IOException.class, () -> Supervisor.EnvFile.read(env, Supervisor.Lang.en));
        assertTrue(e.getMessage().startsWith("the env file " + env + " is UTF-16: save it as UTF-8"), e.getMessage());
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void whyAnEnvFileCannotBeReadIsSaidInTheRunsLanguage() {
        Path missing = dir.resolve("gone.env");
        IOException e = assertThrows(IOException.class, () -> Supervisor.EnvFile.read(missing, Supervisor.Lang.pt));
        assertEquals("não foi possível ler o arquivo de ambiente " + missing + " (arquivo ou pasta inexistente: " + missing + ")",
                e.getMessage());
    }

    @Tag("pure")
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

    @Tag("pure")
    @Test
    @Timeout(10)
    void configRefusesAnEnvFileWithANulByteAsARunWould() throws Exception {
        Path env = dir.resolve("bot.env");
        Files.writeString(env, "API_SECRET=s3cret\0value\n");
        Result result = execute(testEnv(), "config", "--env-file", env.toString(), "--dir", dir.toString(), "--", PYTHON);
        assertEquals(2, result.exitCode(), result.out() + result.err());
        assertTrue(result.err().contains(env + ":1: there is a NUL byte"), result.err());
        assertFalse(result.err().contains("s3cret") || result.out().contains("s3cret"), result.out() + result.err());
    }

    @Test
    @Timeout(30)
    void anEnvFileThatIsAPipeIsRefusedBeforeAnythingStarts() throws Exception {
        // --env-file <(...) as a shell gives it: /dev/fd/63, a link to a pipe that only the first read would see
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder shell = new ProcessBuilder("bash", "-c", "exec \"$1\" -cp \"$2\" Supervisor --dir \"$3\" "
                + "--env-file <(printf 'API_KEY=s3cret\\n') --max-failures 1 -- \"$4\" -c 'import os, sys; sys.exit(3)'",
                "bash", java, System.getProperty("java.class.path"), dir.toString(), PYTHON).redirectErrorStream(true);
        withoutSettingsOrLocale(shell.environment());
        Process supervisor = shell.start();
        String output = new String(supervisor.getInputStream().readAllBytes(), UTF_8);
        assertEquals(2, supervisor.waitFor(), output);
        assertTrue(output.contains("is not a regular file (a pipe such as <(…), a FIFO, a device or a folder)"), output);
        assertTrue(output.contains("write the variables to a file, make it private with chmod 600"), output);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"a FIFO", "a link to a FIFO", "a folder", "a device"})
    // in a thread of its own: opening a FIFO blocks in the kernel, where no interrupt reaches
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anEnvFileMustBeARegularFileAndIsNeverOpenedOtherwise(String kind) throws Exception {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Path file = switch (kind) {
            case "a FIFO" -> fifo;
            case "a link to a FIFO" -> Files.createSymbolicLink(dir.resolve("link"), fifo);
            case "a folder" -> Files.createDirectory(dir.resolve("folder"));
            default -> Path.of("/dev/zero");
        };
        IOException e = assertThrows(IOException.class, () -> Supervisor.EnvFile.read(file, Supervisor.Lang.en));
        assertTrue(e.getMessage().startsWith("the env file " + file + " is not a regular file"), e.getMessage());
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
        Running r = start("--env-file", env.toString(), "--min-uptime", "1ms", "--pause", "0s", "--", PYTHON, "bot.py",
                witness.toString(), env.toString());
        awaitTrue("two starts noted in " + witness, () -> lines(witness).size() >= 2);
        r.stop();
        assertEquals(0, r.exitCode());
        assertEquals(List.of("s3cret-one", "s3cret-two"), lines(witness).subList(0, 2));
        assertFalse(r.lines.contains("s3cret"), "values never reach the log");
        assertFalse(Files.readString(dir.resolve(".supervisor.state")).contains("s3cret"), "nor the state file");
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
        awaitTrue("the bot's note in " + witness, () -> lines(witness).size() == 1);
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
        Running r = start("--env-file", env.toString(), "--min-uptime", "1ms", "--pause", "0s", "--max-failures", "1",
                "--", PYTHON, "bot.py", env.toString());
        assertEquals(1, r.exitCode());
        String failed = r.lines.await(l -> l.contains("Could not start the bot"));
        assertTrue(failed.endsWith("cannot read the env file " + env + " (no such file or folder: " + env + ")"), failed);
        assertEquals(1, r.lines.matching("🆔").size(), "the first start only");
        assertFalse(r.lines.contains("s3cret"));
    }

    @Test
    @Timeout(30)
    void anEnvFileThatBecameAFifoAtARestartIsAFailedStartNotAHang() throws Exception {
        Path env = dir.resolve("bot.env");
        Files.writeString(env, "API_KEY=s3cret-value\n");
        writeBot("import os, sys; os.remove(sys.argv[1]); os.mkfifo(sys.argv[1])\n");
        Running r = start("--env-file", env.toString(), "--min-uptime", "1ms", "--pause", "0s", "--max-failures", "1",
                "--", PYTHON, "bot.py", env.toString());
        assertEquals(1, r.exitCode());
        String failed = r.lines.await(l -> l.contains("Could not start the bot"));
        assertTrue(failed.contains("the env file " + env + " is not a regular file"), failed);
        assertEquals(1, r.lines.matching("🆔").size(), "the first start only");
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

    @Tag("pure")
    @Test
    @Timeout(10)
    void configShowsTheEnvFilesAndTheNamesTheySetButNeverTheValues() throws Exception {
        Path env = dir.resolve("bot.env");
        Files.writeString(env, "API_KEY=s3cret-key\nexport API_SECRET=\"s3cret-secret\"\n");
        Result result = execute(Map.of(), "config", "--env-file", env.toString(), "--dir", dir.toString(), "--", PYTHON);
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().lines().anyMatch(l -> l.matches("env-file\\s+= " + Pattern.quote(env.toString()) + "\\s+\\(command line\\)")),
                result.out());
        assertTrue(result.out().contains(env + " sets API_KEY, API_SECRET"), result.out());
        assertFalse(result.out().contains("s3cret"), result.out());
    }

    // ------------------------------------------------------------------------------------ processes

    @Tag("pure")
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

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain name      | 4242 (python3) S 7 4242 4240 0 -1 4194560 1 0 0 0 3 1 0 0 20 0 1 0 987654 10 1
            a name with ')' | 4242 (a) 9 9 (b) S 7 4242 4240 0 -1 4194560 1 0 0 0 3 1 0 0 -2 0 1 0 987654 10 1
            negative fields | 4242 (x y) S 7 4242 4240 0 -1 -4 -1 -1 -1 -1 -3 -1 -1 -1 -21 -1 -1 -1 987654 -1
            """)
    @Timeout(5)
    void aProcStatLineGivesItsStateParentGroupSessionAndStart(String name, String line) {
        byte[] bytes = (line + "\n").getBytes(ISO_8859_1);
        long[] stat = Supervisor.ProcessTree.stat(bytes, bytes.length);
        IntStream places = IntStream.of(Supervisor.ProcessTree.STATE, Supervisor.ProcessTree.PARENT,
                Supervisor.ProcessTree.GROUP, Supervisor.ProcessTree.SESSION, Supervisor.ProcessTree.START);
        assertEquals(List.of((long) 'S', 7L, 4242L, 4240L, 987654L), places.mapToObj(i -> stat[i]).toList(), name);
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no closing parenthesis | 4242 (python3 S 7 4242 4242
            cut before the start   | 4242 (python3) S 7 4242 4242 0 -1 4194560 1 0 0 0 3 1 0 0 20 0 1 0
            nothing after the name | 4242 (python3)
            """)
    @Timeout(5)
    void aCutOrOddProcStatLineIsNone(String name, String line) {
        byte[] bytes = line.getBytes(ISO_8859_1);
        assertNull(Supervisor.ProcessTree.stat(bytes, bytes.length), name);
    }

    @Test
    @Timeout(30)
    void theBotRunsInASessionOfItsOwn() throws Exception {
        Path witness = dir.resolve("witness");
        writeBot(WITNESS_BOT);
        Running r = start("--", PYTHON, "bot.py", witness.toString());
        long pid = Long.parseLong(r.lines.pid(1));
        awaitTrue("the bot's start in " + witness, () -> lines(witness).size() == 1);
        assertEquals(List.of("start " + pid), lines(witness), "setsid execs: the logged PID is the bot's own");
        String[] fields = stat(pid).substring(stat(pid).lastIndexOf(')') + 2).split(" ");
        assertEquals(pid + " " + pid, fields[2] + " " + fields[3], "process group and session of " + stat(pid));
        r.stop();
        assertEquals(0, r.exitCode());
    }

    @Test
    @Timeout(30)
    void botThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
        Path witness = dir.resolve("witness");
        writeBot("""
                import signal, sys, time
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
                open(sys.argv[1], "a").write("ignoring\\n")
                print("ignoring SIGTERM", flush=True)
                time.sleep(60)
                """);
        // The run-time ends only once SIGTERM is ignored: a slow start would die of it, and never need the SIGKILL.
        Clock ready = readyClock("SIGTERM ignored, in " + witness, run -> lines(witness).size() >= run);
        Running r = start(Map.of(), ready, "--run-time", "300ms", "--grace", "300ms", "--pause", "0s", "--", PYTHON, "bot.py",
                witness.toString());
        long pid = Long.parseLong(r.lines.pid(1));
        r.lines.await(l -> l.contains("ignoring SIGTERM"));
        String killed = r.lines.await(l -> l.contains("killed 1 process with SIGKILL"));
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
        awaitTrue("the PIDs of the child and the daemon in " + witness, () -> lines(witness).size() == 2);
        List<Long> pids = lines(witness).stream().map(l -> Long.parseLong(l.split(" ")[1])).toList();
        pids.forEach(pid -> assertTrue(ProcessHandle.of(pid).isPresent(), "running before the stop: " + pid));
        r.stop();
        assertEquals(0, r.exitCode());
        for (long pid : concat(pids, bot)) {
            assertTrue(gone(pid), "still alive after the stop: " + pid + " " + stat(pid));
        }
    }

    /** After the bot's own exit, STOPPING is in the state file only if something is left to stop: then, while it is. */
    @Test
    @Timeout(30)
    void aChildAnExitedBotLeftIsStoppedWithStoppingInTheStateFileMeanwhile() throws Exception {
        Path witness = dir.resolve("child");
        writeBot("""
                import os, subprocess, sys, time
                code = "import signal, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); " \\
                    "open(sys.argv[1], 'w').write('ready'); time.sleep(60)"
                child = subprocess.Popen([sys.executable, "-c", code, sys.argv[1]])
                while not os.path.exists(sys.argv[1]):
                    time.sleep(0.01)
                sys.exit(3)
                """);
        Running r = start("--grace", "2s", "--pause", "1h", "--", PYTHON, "bot.py", witness.toString());
        awaitStateFile(s -> s.contains("\"state\":\"STOPPING\""), "STOPPING while the child's grace runs");
        awaitStateFile(s -> s.contains("\"state\":\"BACKOFF\""), "BACKOFF once the child is killed");
        r.stop();
        assertEquals(0, r.exitCode());
    }

    @Test
    @Timeout(30)
    void aDaemonThatDropsTheMarkerIsGoneAfterAStopWhereTheBotHasACgroup() throws Exception {
        Path cgroups = writableCgroup2();
        org.junit.jupiter.api.Assumptions.assumeTrue(cgroups != null, "no writable cgroup v2 here: the stop cannot reach "
                + "a daemon that left the bot's session and dropped its marker");
        Path witness = dir.resolve("daemon");
        Files.writeString(dir.resolve("daemon.py"), """
                import os, sys, time
                if os.fork() == 0:
                    os.setsid()
                    if os.fork() == 0:
                        open(sys.argv[1], "a").write("%d\\n" % os.getpid())
                        time.sleep(60)
                    os._exit(0)
                """);
        // A helper started with a clean environment (no marker) that leaves the bot's tree, session and group.
        writeBot("""
                import subprocess, sys, time
                subprocess.Popen([sys.executable, "daemon.py", sys.argv[1]], env={})
                time.sleep(60)
                """);
        Running r = start(Map.of("SUPERVISOR_DEBUG", "1"), "--grace", "2s", "--", PYTHON, "bot.py", witness.toString());
        r.lines.pid(1);
        String said = r.lines.await(l -> l.contains("🧺"));
        Matcher named = Pattern.compile("The bot runs in a cgroup of its own, (\\S+):").matcher(said);
        assertTrue(named.find() && named.group(1).startsWith(cgroups.resolve("supervisor-").toString()), said);
        Path cgroup = Path.of(named.group(1));
        awaitTrue("the daemon's PID in " + witness, () -> lines(witness).size() == 1);
        long daemon = Long.parseLong(lines(witness).get(0));
        assertFalse(Files.readString(Path.of("/proc", Long.toString(daemon), "environ")).contains("SUPERVISOR_RUN="));
        r.stop();
        assertEquals(0, r.exitCode());
        assertTrue(gone(daemon), "the daemon outlived the stop: " + stat(daemon));
        assertFalse(Files.exists(cgroup), "the run's cgroup is removed once the run is over: " + cgroup);
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
        assertTrue(r.lines.contains("1 process it left running had to be sent SIGTERM"), String.join("\n", r.lines.all()));
        assertFalse(r.lines.contains("gracefully"), "a helper that needed a signal is no graceful stop");
    }

    /** A pre-fork parent (Celery, gunicorn): on SIGTERM it waits for its worker to finish the task, then exits. */
    static final String PRE_FORK_BOT = """
            import os, signal, sys, time
            def note(s):
                open(sys.argv[1], "a").write(s + "\\n")
            worker = os.fork()
            if worker == 0:
                note("task started")
                time.sleep(1.5)
                note("task done")
                os._exit(0)
            def term(n, f):
                os.waitpid(worker, 0)
                note("parent exits")
                sys.exit(0)
            signal.signal(signal.SIGTERM, term)
            print("ready", flush=True)
            while True:
                time.sleep(60)
            """;

    @Test
    @Timeout(30)
    void aStopLetsAPreForkWorkerFinishItsTask() throws Exception {
        Path witness = dir.resolve("witness");
        writeBot(PRE_FORK_BOT);
        Running r = start("--grace", "10s", "--", PYTHON, "bot.py", witness.toString());
        r.lines.await(l -> l.contains("ready"));
        awaitTrue("the task's start in " + witness, () -> lines(witness).contains("task started"));
        r.stop();
        assertEquals(0, r.exitCode());
        assertEquals(List.of("task started", "task done", "parent exits"), lines(witness));
        assertTrue(r.lines.contains("SIGTERM sent to the bot (PID "), String.join("\n", r.lines.all()));
        assertTrue(r.lines.contains("Bot stopped gracefully"), String.join("\n", r.lines.all()));
    }

    @Test
    @Timeout(30)
    void stopModeControlGroupSignalsEveryProcessAtOnce() throws Exception {
        Path witness = dir.resolve("witness");
        writeBot(PRE_FORK_BOT);
        Running r = start("--grace", "10s", "--stop-mode", "control-group", "--", PYTHON, "bot.py", witness.toString());
        r.lines.await(l -> l.contains("ready"));
        awaitTrue("the task's start in " + witness, () -> lines(witness).contains("task started"));
        r.stop();
        assertEquals(0, r.exitCode());
        assertEquals(List.of("task started", "parent exits"), lines(witness), "the worker got SIGTERM too");
        assertTrue(r.lines.contains("SIGTERM sent to 2 processes"), String.join("\n", r.lines.all()));
    }

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
        assertTrue(r.lines.contains("SIGINT sent to the bot (PID "), String.join("\n", r.lines.all()));
        assertTrue(r.lines.contains("Bot stopped gracefully in"));
    }

    /** Started with & from a script, the supervisor inherits SIGINT ignored; the bot must not, or INT never stops it. */
    @Test
    @Timeout(60)
    void aBotStoppedWithSigintGetsItEvenWhenTheSupervisorInheritedItIgnored() throws Exception {
        Path witness = dir.resolve("witness");
        writeBot("""
                import signal, sys, time
                def note(s):
                    open(sys.argv[1], "a").write(s + "\\n")
                try:
                    # In the try: the SIGINT sent once this note is seen may land before the sleep.
                    note("ignored" if signal.getsignal(signal.SIGINT) == signal.SIG_IGN else "default")
                    time.sleep(60)
                except KeyboardInterrupt:
                    note("interrupted")
                finally:
                    note("finally")
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "\"$@\" & wait", "sh", java, "-cp",
                System.getProperty("java.class.path"), "Supervisor", "--dir", dir.toString(), "--stop-signal", "INT",
                "--grace", "20s", "--", PYTHON, "bot.py", witness.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        withoutSettingsOrLocale(builder.environment());
        Running r = new Running(builder.start());
        running.add(r);
        r.lines.pid(1);
        awaitTrue("the bot's first note in " + witness, () -> lines(witness).size() == 1);
        long supervisor = Long.parseLong(Files.readString(dir.resolve(".supervisor.lock")).strip());
        ProcessHandle.of(supervisor).orElseThrow().destroy();
        assertEquals(0, r.exitCode());
        assertEquals(List.of("default", "interrupted", "finally"), lines(witness));
        assertTrue(r.lines.contains("Bot stopped gracefully"), String.join("\n", r.lines.all()));
    }

    // ------------------------------------------------------------------------------------ the log

    @Tag("pure")
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

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --lang on the command line wins     | pt   | en | en_US.UTF-8 | Valor inválido
            --lang after the bad value          | pt!  |    | en_US.UTF-8 | Valor inválido
            --lang en over SUPERVISOR_LANG      | en   | pt | pt_BR.UTF-8 | Invalid value
            SUPERVISOR_LANG over the locale     |      | pt | en_US.UTF-8 | Valor inválido
            the locale when nothing else        |      |    | pt_BR.UTF-8 | Valor inválido
            English by default                  |      |    |             | Invalid value
            """)
    @Timeout(10)
    void errorsSpeakTheCommandLineLanguageThenSupervisorLangThenTheLocale(String name, String flag, String variable,
                                                                          String locale, String expected) {
        Map<String, String> env = new HashMap<>();
        if (variable != null) env.put("SUPERVISOR_LANG", variable);
        if (locale != null) env.put("LANG", locale);
        List<String> args = new ArrayList<>(List.of("--dir", dir.toString(), "--grace", "soon"));
        if (flag != null) {
            args.addAll(flag.endsWith("!") ? args.size() : 0, List.of("--lang", flag.replace("!", "")));
        }
        Result result = execute(env, args.toArray(String[]::new));
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("supervisor: " + expected), result.err());
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            --lang          | pt_BR       | pt
            --lang          | pt-BR       | pt
            --lang          | PT_pt       | pt
            --lang          | en_US.UTF-8 | en
            SUPERVISOR_LANG | pt_BR       | pt
            SUPERVISOR_LANG | en-GB       | en
            lang=           | pt-BR       | pt
            lang=           | EN_us       | en
            --lang          | fr_FR       | 'fr_FR' is not one of the accepted values: en, pt
            --lang          | portuguese  | 'portuguese' is not one of the accepted values: en, pt
            """)
    @Timeout(10)
    void aLanguageMayBeGivenAsALocalesName(String where, String value, String expected) throws IOException {
        Map<String, String> env = new HashMap<>(Map.of("LANG", expected.equals("en") ? "pt_BR.UTF-8" : "en_US.UTF-8"));
        List<String> args = new ArrayList<>(List.of("config", "--dir", dir.toString()));
        switch (where) {
            case "--lang" -> args.addAll(List.of("--lang", value));
            case "SUPERVISOR_LANG" -> env.put("SUPERVISOR_LANG", value);
            default -> args.addAll(List.of("--config", Files.writeString(dir.resolve("c.properties"), "lang=" + value).toString()));
        }
        args.addAll(List.of("--", PYTHON));
        Result result = execute(env, args.toArray(String[]::new));
        if (expected.length() > 2) {
            assertEquals(2, result.exitCode(), result.out());
            assertTrue(result.err().contains(expected), result.err());
        } else {
            assertEquals(0, result.exitCode(), result.err());
            assertTrue(result.out().lines().anyMatch(l -> l.matches("lang\\s+= " + expected + "\\s.*")), result.out());
        }
    }

    @Test
    @Timeout(60)
    void aBotThatPrintsAtOnceIsLoggedAfterTheLinesSayingItStarted() throws Exception {
        writeBot("import time\nprint('first words', flush=True)\ntime.sleep(60)\n");
        Running r = spawn("--name", "b", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.endsWith("[b] first words"));
        List<String> all = r.lines.all();
        int spoke = all.indexOf(all.stream().filter(l -> l.endsWith("[b] first words")).findFirst().orElseThrow());
        for (String before : List.of("Script started successfully", "Process PID", "Running for")) {
            assertTrue(all.subList(0, spoke).stream().anyMatch(l -> l.contains(before)), before + " first:\n" + String.join("\n", all));
        }
    }

    /** A bot's pipe as the pump reads it: each read gives the next of these chunks (as much as it asks), then the end. */
    static InputStream pipeOf(List<Integer> chunks, List<Integer> asked) {
        return new InputStream() {
            private int next;

            @Override
            public int read() {
                throw new UnsupportedOperationException("the pump reads arrays");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                asked.add(len);
                if (next == chunks.size()) {
                    return -1;
                }
                if (chunks.get(next) < 0) {
                    throw new IOException("Stream closed");
                }
                int n = Math.min(len, chunks.get(next));
                Arrays.fill(b, off, off + n, (byte) ('a' + next++));
                return n;
            }
        };
    }

    /** What a pump gave its relay, and whether it closed it. */
    static final class Received extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void aQuietBotsPipeIsReadIn8KiBAndAFullOneIn64KiB() {
        // a line; a pipe that holds 8 KiB, then more, then less; a line again: what each read is given
        List<Integer> chunks = List.of(100, 8 * 1024, 10_000, 3_000, 100, 3_000);
        List<Integer> asked = new ArrayList<>();
        Received relay = new Received();
        Supervisor.RelayStreams.pump(pipeOf(chunks, asked), relay);
        assertEquals(List.of(8192, 8192, 65536, 65536, 65536, 8192, 8192), asked,
                "8 KiB at rest; 64 KiB from a read that fills 8 KiB until one brings a line or two");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < chunks.size(); i++) {
            expected.writeBytes(String.valueOf((char) ('a' + i)).repeat(chunks.get(i)).getBytes(UTF_8));
        }
        assertArrayEquals(expected.toByteArray(), relay.toByteArray(), "every byte, in order");
        assertTrue(relay.closed, "the relay is closed at the pipe's end: its partial line goes out");
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void aPipeClosedUnderTheReadEndsThePumpAndClosesTheRelay() {
        Received relay = new Received();
        Supervisor.RelayStreams.pump(pipeOf(List.of(5, -1, 7), new ArrayList<>()), relay);
        assertEquals("aaaaa", relay.toString(UTF_8), "what came before, nothing after");
        assertTrue(relay.closed);
    }

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

    /** What a relay passed on to the log, line by line: the bot's chunks are written as given. */
    private static List<String> relay(List<byte[]> chunks, boolean close) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Supervisor.Log log = log(Supervisor.Log.Format.text, console, null);
        Supervisor.Relay relay = new Supervisor.Relay(log, Supervisor.Log.Pipe.STDOUT, null, null);
        relay.attach(42);
        for (byte[] chunk : chunks) {
            byte[] padded = new byte[chunk.length + 6];
            Arrays.fill(padded, (byte) '#');
            System.arraycopy(chunk, 0, padded, 3, chunk.length);
            relay.write(padded, 3, chunk.length); // the relay reads only its part of the caller's buffer
        }
        if (close) {
            relay.close();
        } else {
            relay.flush();
        }
        log.close(); // the console is written by a thread of its own: close waits for it
        String out = console.toString(UTF_8);
        return out.isEmpty() ? List.of() : Arrays.stream(out.split("\n", -1)).limit(count(out, "\n")).map(SupervisorTest::afterTag).toList();
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            one line                           | `a\\n`                        | a
            two lines in a chunk               | `a\\nb\\n`                    | a/b
            a line over two chunks             | `a^b\\n`                      | ab
            lines over three chunks            | `a\\nb^c\\nd^e\\n`            | a/bc/de
            empty lines                        | `\\n\\n`                      | /
            CRLF loses the CR                  | `a\\r\\nb\\r\\n`              | a/b
            a lone CR line is empty            | `\\r\\n`                      | ``
            a CR inside a line is kept         | `a\\rb\\n`                    | `a\\rb`
            a CR split from its LF             | `a\\r^\\n`                    | a
            no newline yet                     | `a^b`                         |
            escape codes are removed           | `\\33[31mred\\33[0m\\n`       | red
            escape codes over two chunks       | `\\33[31mre^d\\33[0m\\n`      | red
            escape codes in one line only      | `\\33[31mx\\n^y\\n`           | x/y
            a lone escape is removed           | `\\33\\n`                     | ``
            """)
    @Timeout(5)
    void theRelaySplitsChunksIntoLines(String name, String chunks, String lines) {
        List<byte[]> written = Arrays.stream(chunks.split("\\^", -1)).map(c -> bytes(c.translateEscapes())).toList();
        assertEquals(lines == null ? List.of() : Arrays.asList(lines.translateEscapes().split("/", -1)), relay(written, false));
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void aUtf8CharacterSplitAcrossChunksIsWholeInTheLine() {
        byte[] all = bytes("ação\n");
        List<byte[]> chunks = List.of(Arrays.copyOfRange(all, 0, 2), Arrays.copyOfRange(all, 2, all.length));
        assertEquals(List.of("ação"), relay(chunks, false));
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void theLastLineWithoutNewlineComesOutOnClose() {
        assertEquals(List.of("a", "b"), relay(List.of(bytes("a\nb")), true));
        assertEquals(List.of("a"), relay(List.of(bytes("a\n")), true), "nothing more when the last line was whole");
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

    @Tag("pure")
    @ParameterizedTest(name = "{0} bytes then a newline: {1} piece(s)")
    @CsvSource({"65535, 1", "65536, 1", "65537, 2", "131071, 2", "131072, 2", "131073, 3"})
    @Timeout(5)
    void longLinesAreSplitAt64KiBWithoutEmptyPieces(int size, int pieces) {
        for (int chunk : List.of(size + 1, 1000, 65536)) {
            byte[] line = bytes("y".repeat(size) + "\n");
            List<byte[]> chunks = new ArrayList<>();
            for (int i = 0; i < line.length; i += chunk) {
                chunks.add(Arrays.copyOfRange(line, i, Math.min(line.length, i + chunk)));
            }
            chunks.add(bytes("after\n"));
            List<String> got = relay(chunks, false);
            assertEquals(pieces + 1, got.size(), "chunks of " + chunk);
            assertEquals(size, String.join("", got.subList(0, pieces)).length(), "chunks of " + chunk);
            assertTrue(got.subList(0, pieces).stream().allMatch(p -> p.length() <= 65536), "chunks of " + chunk);
            assertEquals("after", got.get(pieces));
        }
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

    @Tag("pure")
    @Test
    @Timeout(5)
    void aPieceOfALongLineWithEscapeCodesIsCleanedToo() {
        String head = "\u001b[31m" + "z".repeat(70_000) + "\u001b[0m";
        List<String> got = relay(List.of(bytes(head + "\n")), false);
        assertEquals("z".repeat(70_000), String.join("", got));
    }

    /** A log of a bot named b, in English, without colour (the console is no terminal), built from a run's settings. */
    private static Supervisor.Log log(Supervisor.Log.Format format, OutputStream console, Path file) {
        Supervisor.RunOptions options = new Supervisor.RunOptions();
        options.logFile = file;
        options.logMaxSize = 1L << 20;
        options.logKeep = 1;
        options.logFormat = format;
        Supervisor.Settings settings = new Supervisor.Settings(options, Path.of("."), Supervisor.Lang.en, List.of(), List.of(),
                Supervisor.Triggers.compile(null, options));
        return new Supervisor.Log(settings, "b", console, Map.of());
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void aNewlineAtTheStartOfAChunkLooksNoFurtherBack() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Supervisor.Log log = log(Supervisor.Log.Format.text, console, null);
        Supervisor.Relay relay = new Supervisor.Relay(log, Supervisor.Log.Pipe.STDERR, null, null);
        relay.attach(42);
        relay.write(new byte[] {'\r', '\n'}, 1, 1);
        relay.write('x');
        relay.write('\n');
        relay.flush();
        log.close(); // the console is written by a thread of its own: close waits for it
        assertEquals(List.of("[b:err] ", "[b:err] x"), console.toString(UTF_8).lines().map(SupervisorTest::afterStamp).toList());
        assertEquals(Supervisor.Log.Pipe.STDERR, relay.stream());
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void theRelayNotesWhenTheBotLastWrote() {
        Supervisor.Log log = log(Supervisor.Log.Format.text, OutputStream.nullOutputStream(), null);
        Supervisor.Relay relay = new Supervisor.Relay(log, Supervisor.Log.Pipe.STDOUT, null, null);
        relay.attach(42);
        long before = System.nanoTime();
        relay.write(bytes("x"), 0, 1);
        assertTrue(relay.lastWrite() - before >= 0 && System.nanoTime() - relay.lastWrite() >= 0, "written between the two reads");
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void bytesThatAreNotUtf8AreReplacedInTheLog() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Supervisor.Log log = log(Supervisor.Log.Format.text, console, null);
        Supervisor.Relay relay = new Supervisor.Relay(log, Supervisor.Log.Pipe.STDOUT, null, null);
        relay.attach(42);
        relay.write(new byte[] {'a', (byte) 0xff, 'b', '\n', (byte) 0xfe, '\n'}, 0, 6);
        relay.flush();
        log.close(); // the console is written by a thread of its own: close waits for it
        byte[] out = console.toByteArray();
        for (byte b : out) {
            assertTrue(b != (byte) 0xff && b != (byte) 0xfe, "U+FFFD, not the raw byte: " + Arrays.toString(out));
        }
        assertEquals(List.of("a\uFFFDb", "\uFFFD"), console.toString(UTF_8).lines().map(SupervisorTest::afterTag).toList());
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

    @Tag("pure")
    @Test
    @Timeout(10)
    void aLineWaitsForTheBotsPid() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Supervisor.Log log = log(Supervisor.Log.Format.json, console, null);
        Supervisor.Relay relay = new Supervisor.Relay(log, Supervisor.Log.Pipe.STDOUT, null, null);
        Thread writer = new Thread(() -> relay.write(bytes("early\n"), 0, 6));
        writer.start();
        awaitTrue("the writer to wait for the PID", () -> writer.getState() == Thread.State.WAITING || !writer.isAlive());
        relay.attach(42);
        writer.join();
        relay.flush();
        log.close(); // the console is written by a thread of its own: close waits for it
        assertEquals(42L, Supervisor.Json.parseObject(console.toString(UTF_8)).get("pid"));
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void aRelayInterruptedWhileWaitingForThePidKeepsTheInterrupt() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Supervisor.Log log = log(Supervisor.Log.Format.text, console, null);
        Supervisor.Relay relay = new Supervisor.Relay(log, Supervisor.Log.Pipe.STDOUT, null, null);
        boolean[] interrupted = new boolean[1];
        Thread writer = new Thread(() -> {
            relay.write(bytes("line\n"), 0, 5);
            interrupted[0] = Thread.currentThread().isInterrupted();
        });
        writer.start();
        awaitTrue("the writer to wait for the PID", () -> writer.getState() == Thread.State.WAITING || !writer.isAlive());
        writer.interrupt();
        writer.join();
        relay.flush();
        assertTrue(interrupted[0], "the interrupt is kept for the pump to see");
        log.close(); // the console is written by a thread of its own: close waits for it
        assertTrue(console.toString(UTF_8).endsWith("[b] line\n"), console.toString(UTF_8));
    }

    /** A log that writes to a file in the test's folder; what reaches the file is written at once (no buffer). */
    private Supervisor.Log fileLog() {
        return log(Supervisor.Log.Format.text, OutputStream.nullOutputStream(), dir.resolve("bot.log"));
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void aRelayFlushedPassesItsLinesToTheLogFile() throws IOException {
        Supervisor.Log log = fileLog();
        Supervisor.Relay relay = new Supervisor.Relay(log, Supervisor.Log.Pipe.STDOUT, null, null);
        relay.attach(42);
        relay.write(bytes("a\nb\n"), 0, 4);
        assertEquals(List.of(), lines(dir.resolve("bot.log")), "lines wait in the log's batch until a flush");
        relay.flush();
        assertEquals(List.of("a", "b"), lines(dir.resolve("bot.log")).stream().map(SupervisorTest::afterTag).toList());
        log.close();
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void aRelayClosedPassesItsLastLinesToTheLogFile() throws IOException {
        Supervisor.Log log = fileLog();
        Supervisor.Relay relay = new Supervisor.Relay(log, Supervisor.Log.Pipe.STDERR, null, null);
        relay.attach(42);
        relay.write(bytes("a\nb"), 0, 3);
        relay.close();
        assertEquals(List.of("a", "b"), lines(dir.resolve("bot.log")).stream().map(SupervisorTest::afterTag).toList());
        log.close();
    }

    /** One tail for both streams, in the order the lines came: --last-lines of them, each cut at its head, cleaned. */
    @Tag("pure")
    @Test
    @Timeout(5)
    void theLastLinesAreOneBoundedTailOfBothStreams() throws IOException {
        Supervisor.Log log = log(Supervisor.Log.Format.text, OutputStream.nullOutputStream(), null);
        Supervisor.RecentLines recent = new Supervisor.RecentLines(3);
        Supervisor.Relay out = new Supervisor.Relay(log, Supervisor.Log.Pipe.STDOUT, null, recent);
        Supervisor.Relay err = new Supervisor.Relay(log, Supervisor.Log.Pipe.STDERR, null, recent);
        out.attach(42);
        err.attach(42);
        out.write(bytes("one\ntwo\n"));
        err.write(bytes("three\n\n"));
        out.write(bytes("four \u001b[1mbold\u001b[0m\tx\n"));
        err.write(bytes("y".repeat(1000) + "\n"));
        log.close();
        assertEquals(List.of("three", "four boldx", "y".repeat(240)), recent.lines());
        assertEquals(List.of(), new Supervisor.RecentLines(0).lines(), "--last-lines 0 keeps none");
    }

    /** The lines of one read go to the tail at its end, its last ones only, in order with those from the relay's own buffer (a line completed, a 64 KiB piece). */
    @Tag("pure")
    @Test
    @Timeout(5)
    void theLastLinesOfAReadWithMoreLinesThanTheTailAreItsLastOnesInOrder() throws IOException {
        Supervisor.Log log = log(Supervisor.Log.Format.text, OutputStream.nullOutputStream(), null);
        Supervisor.RecentLines recent = new Supervisor.RecentLines(4);
        Supervisor.Relay relay = new Supervisor.Relay(log, Supervisor.Log.Pipe.STDOUT, null, recent);
        relay.attach(42);
        relay.write(bytes("a\nb\nc\nd\ne\nf"));
        assertEquals(List.of("b", "c", "d", "e"), recent.lines());
        relay.write(bytes("g\nh\n"));
        assertEquals(List.of("d", "e", "fg", "h"), recent.lines());
        relay.write(bytes("i\n" + "y".repeat(70_000) + "\n")); // the 64 KiB piece goes from the relay's buffer, after i
        log.close();
        assertEquals(List.of("h", "i", "y".repeat(240), "y".repeat(240)), recent.lines());
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

    @ParameterizedTest(name = "{0}")
    @CsvSource({"text", "json"})
    @Timeout(30)
    void escapeSequencesAreRemovedWholeFromTheFile(String format) throws Exception {
        writeBot("""
                import time
                print('\\x1b]0;window title\\x07a \\x1b[1;31mred\\x1b[0m b', flush=True)
                print('\\x1b]8;;https://example.com\\x1b\\\\link\\x1b]8;;\\x1b\\\\ c \\x1b(Bd\\x1b7e\\x1bPq#0\\x1b\\\\f', flush=True)
                print('g \\x1b]2;unterminated title', flush=True)
                time.sleep(60)
                """);
        Path log = dir.resolve("bot.log");
        Running r = start("--log-file", log.toString(), "--log-format", format, "--name", "b", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.endsWith("[b] g ") || l.contains("\"message\":\"g \""));
        r.stop();
        assertEquals(0, r.exitCode());
        List<String> relayed = format.equals("json")
                ? Files.readAllLines(log).stream().map(Supervisor.Json::parseObject).filter(o -> "output".equals(o.get("event")))
                        .map(o -> (String) o.get("message")).toList()
                : Files.readAllLines(log).stream().filter(l -> l.contains("] [b] ")).map(SupervisorTest::afterTag).toList();
        assertEquals(List.of("a red b", "link c def", "g "), relayed, Files.readString(log));
    }

    /** Real plurals: the word after a count agrees with it, in both languages. */
    @Tag("pure")
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '#', textBlock = """
            en # 1 # Bot still running after the 10s grace: killed 1 process with SIGKILL, gone after 2s
            en # 3 # Bot still running after the 10s grace: killed 3 processes with SIGKILL, gone after 2s
            pt # 1 # Bot ainda rodando após a tolerância de 10s: 1 processo forçado com SIGKILL, encerrado após 2s
            pt # 3 # Bot ainda rodando após a tolerância de 10s: 3 processos forçados com SIGKILL, encerrados após 2s
            """)
    @Timeout(5)
    void aCountAndItsWordsAgree(Supervisor.Lang lang, int count, String expected) {
        assertEquals(expected, Supervisor.Log.message(lang, Supervisor.Msg.KILLED, "10s", count, "2s"));
    }

    /** Levels as Python's logging, freqtrade and loguru print them; a line without one has none (not even on stderr). */
    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', textBlock = """
            WARNING:root:low balance # WARN
            ERROR:__main__:order rejected # ERROR
            CRITICAL:ccxt:exchange down # ERROR
            DEBUG:asyncio:poll # DEBUG
            2024-05-01 10:00:00,123 - freqtrade.worker - INFO - Bot heartbeat. # INFO
            2024-05-01 10:00:00,123 - freqtrade.exchange - WARNING - Retrying # WARN
            2024-05-01 10:00:00.123 | ERROR    | bot:main:12 - Invalid API key # ERROR
            2024-05-01 10:00:00.123 | INFO     | bot:main:12 - filled # INFO
            [ERROR] websocket closed # ERROR
            plain output on stderr #
            Traceback (most recent call last): #
            ERRORS are counted here #
            no WARNING in the middle of words like FOREWARNING: #
            ends with ERROR #
            ERROR    - padded # ERROR
            INFO|no blank before the bar #
            ERROR    #
            ERROR-no blank before the dash #
            """)
    @Timeout(5)
    void aLinesLevelIsTheOneItNames(String line, Supervisor.Level expected) {
        byte[] bytes = ("xx" + line + "yy").getBytes(UTF_8);
        assertEquals(expected, Supervisor.Log.levelOf(bytes, 2, bytes.length - 4));
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void aLevelIsLookedForInTheFirst120BytesOnly() {
        byte[] near = (" ".repeat(114) + "ERROR: x").getBytes(UTF_8);
        assertEquals(Supervisor.Level.ERROR, Supervisor.Log.levelOf(near, 0, near.length));
        byte[] far = (" ".repeat(115) + "ERROR: x").getBytes(UTF_8);
        assertNull(Supervisor.Log.levelOf(far, 0, far.length));
    }

    /** The relay looks at eight bytes at a time: every byte that is not plain is found wherever it sits, and the first one of two. */
    @Tag("pure")
    @Test
    @Timeout(5)
    void theRelayFindsTheFirstByteThatIsNotPlainAtEveryPlace() {
        for (boolean quotes : new boolean[] {true, false}) { // JSON's log looks for " and \ too, a text log does not
            for (int at = 0; at < 21; at++) {
                for (int b = 0; b < 256; b++) {
                    byte[] bytes = ("#" + "a".repeat(21) + "#").getBytes(UTF_8);
                    bytes[1 + at] = (byte) b;
                    boolean special = b < 0x20 || b >= 0x80 || quotes && (b == '"' || b == '\\');
                    String where = "byte " + b + " at " + at + (quotes ? " with quotes" : "");
                    assertEquals(special ? 1 + at : 22, Supervisor.Relay.special(bytes, 1, 22, quotes), where);
                    bytes[Math.min(21, 2 + at)] = '\n';
                    assertEquals(1 + at + (special || at == 20 ? 0 : 1), Supervisor.Relay.special(bytes, 1, 22, quotes),
                            where + ", then a newline");
                }
            }
        }
        for (int lane = 0; lane < 8; lane++) { // the lowest flag's lane, whatever is flagged above it
            for (int above = 0; above < 1 << (7 - lane); above++) {
                long flags = 0x80L << 8 * lane;
                for (int k = 0; k < 7 - lane; k++) {
                    flags |= (above >>> k & 1L) << 8 * (lane + 1 + k) + 7;
                }
                assertEquals(lane, Supervisor.Relay.lane(flags), Long.toHexString(flags));
            }
        }
        for (int blanks = 0; blanks < 16; blanks++) { // the level's word at every place in a word of eight
            byte[] line = (" ".repeat(blanks) + "ERROR: x").getBytes(UTF_8);
            assertEquals(Supervisor.Level.ERROR, Supervisor.Log.levelOf(line, 0, line.length), blanks + " blanks");
        }
    }

    /**
     * A whole plain line inside a chunk takes the relay's short way (and in JSON its level is looked for from where its
     * scan saw a byte that may begin one); written one byte at a time, no line is ever whole in a chunk: the log must
     * be the same, in text and in JSON, whatever the lines hold.
     */
    @Tag("pure")
    @ParameterizedTest
    @EnumSource(Supervisor.Log.Format.class)
    @Timeout(20)
    void wholePlainLinesInAChunkAreLoggedAsLinesPassedOnPieceByPiece(Supervisor.Log.Format format) {
        java.util.Random random = new java.util.Random(19);
        List<String> parts = List.of("plain words ", "ERROR: ", "[WARNING] ", " | INFO     | ", " - CRITICAL - ", "DEBUG",
                "x", "Zz ", "\"quoted\" ", "back\\slash ", "tab\there ", "\u0001", "\r", "a\u001B[31mred\u001B[0m ",
                "ação ", "🚀 ", "FATAL:", "        ", "0123456789");
        StringBuilder text = new StringBuilder();
        for (int line = 0; line < 3000; line++) {
            int count = random.nextInt(line % 10 == 0 ? 60 : 12);
            for (int k = 0; k < count; k++) {
                text.append(parts.get(random.nextInt(parts.size())));
            }
            text.append(line % 7 == 0 ? "\r\n" : "\n");
        }
        text.append("y".repeat(70_000)).append("\nWARN: the last line, without its newline");
        String shortLines = "ERROR:\nab\nWARN:\n[INFO]\n"; // lines that end less than eight bytes after a chunk's start
        text.insert(0, shortLines);
        byte[] all = bytes(text.toString());
        List<byte[]> chunks = new ArrayList<>();
        for (String line : shortLines.split("(?<=\n)")) {
            chunks.add(bytes(line));
        }
        for (int at = shortLines.length(); at < all.length; ) {
            int size = Math.min(all.length - at, 1 + random.nextInt(random.nextBoolean() ? 200 : 70_000));
            chunks.add(Arrays.copyOfRange(all, at, at + size));
            at += size;
        }
        List<byte[]> bytes = new ArrayList<>();
        for (byte b : all) {
            bytes.add(new byte[] {b});
        }
        List<String> whole = relayed(format, chunks), piece = relayed(format, bytes);
        assertEquals(3007, piece.size(), "every line, the long one in two pieces, the last without its newline");
        assertEquals(piece, whole);
    }

    /** The log a relay of each format makes of these chunks, its times taken out. */
    private static List<String> relayed(Supervisor.Log.Format format, List<byte[]> chunks) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Supervisor.Log log = log(format, console, null);
        Supervisor.Relay relay = new Supervisor.Relay(log, Supervisor.Log.Pipe.STDOUT, null, null);
        relay.attach(42);
        for (byte[] chunk : chunks) {
            relay.write(chunk, 0, chunk.length);
        }
        relay.close();
        log.close(); // the console is written by a thread of its own: close waits for it
        return Arrays.stream(console.toString(UTF_8).split("\n")) // not lines(): a CR inside a line is kept
                .map(l -> format == Supervisor.Log.Format.json ? l.replaceFirst("\"time\":\"[^\"]*\"", "") : afterStamp(l))
                .toList();
    }

    /** {one|many} follows the %s before it: that argument, 1 or not; with no count before it, many. */
    @Tag("pure")
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '#', textBlock = """
            %s process{|es} # 1 # 0 # %s process
            %s process{|es} # 0 # 0 # %s processes
            %s process{|es} # 2 # 0 # %s processes
            {it|them} first, %s next # 1 # 1 # them first, %s next
            %s and %s {one|many} # 2 # 1 # %s and %s one
            %s and %s {one|many} # 1 # 2 # %s and %s many
            no braces %s # 1 # 1 # no braces %s
            """)
    @Timeout(5)
    void aPluralFollowsTheCountBeforeIt(String template, int first, int second, String expected) {
        assertEquals(expected, Supervisor.Log.plural(template, first, second));
    }

    @Test
    @Timeout(30)
    void aBotLinesJsonLevelIsTheOneItNamesNotItsStream() throws Exception {
        writeBot("""
                import sys, time
                print("WARNING:root:low balance", file=sys.stderr, flush=True)
                print("plain on stderr", file=sys.stderr, flush=True)
                print("2024-05-01 10:00:00,123 - bot - ERROR - order rejected", flush=True)
                print("done", flush=True)
                time.sleep(60)
                """);
        Running r = start("--log-format", "json", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.contains("\"done\""));
        r.stop();
        assertEquals(0, r.exitCode());
        Map<String, List<String>> levels = new HashMap<>();
        for (String line : r.lines.all()) {
            Map<String, Object> o = Supervisor.Json.parseObject(line);
            levels.put((String) o.get("message"), List.of((String) o.get("level"), (String) o.get("stream")));
        }
        assertEquals(List.of("warn", "stderr"), levels.get("WARNING:root:low balance"));
        assertEquals(List.of("info", "stderr"), levels.get("plain on stderr"), "stderr is no warning by itself");
        assertEquals(List.of("error", "stdout"), levels.get("2024-05-01 10:00:00,123 - bot - ERROR - order rejected"));
    }

    @Test
    @Timeout(60)
    void onTheJournalEveryLineCarriesItsPriority() throws Exception {
        writeBot("""
                import sys, time
                print("WARNING:root:low balance", file=sys.stderr, flush=True)
                print("plain on stderr", file=sys.stderr, flush=True)
                print("done", flush=True)
                time.sleep(60)
                """);
        Path journal = dir.resolve("journal");
        Files.writeString(journal, "");
        String stream = Files.getAttribute(journal, "unix:dev") + ":" + Files.getAttribute(journal, "unix:ino");
        Path log = dir.resolve("bot.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "Supervisor",
                "--dir", dir.toString(), "--log-file", log.toString(), "--", PYTHON, "bot.py")
                .redirectOutput(journal.toFile()).redirectErrorStream(true);
        withoutSettingsOrLocale(builder.environment()).put("JOURNAL_STREAM", stream);
        Process supervisor = builder.start();
        awaitTrue("the bot's last line in the journal", () -> lines(journal).stream().anyMatch(l -> l.endsWith("] done")));
        supervisor.destroy();
        assertEquals(0, supervisor.waitFor());
        List<String> all = lines(journal);
        assertTrue(all.stream().allMatch(l -> l.matches("<[3467]>\\[.*")), String.join("\n", all));
        assertTrue(all.stream().anyMatch(l -> l.startsWith("<4>[") && l.endsWith("WARNING:root:low balance")), all.toString());
        assertTrue(all.stream().anyMatch(l -> l.startsWith("<6>[") && l.endsWith("plain on stderr")), all.toString());
        assertTrue(all.stream().anyMatch(l -> l.startsWith("<6>[") && l.contains("SUPERVISOR STARTED")), all.toString());
        assertTrue(lines(log).stream().noneMatch(l -> l.startsWith("<")), "the file has no priorities: " + lines(log));
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
    void jsonLinesParseAndCarryTheFields() throws Exception {
        writeBot("import sys, time; print('hello out', flush=True); print('hello \"err\"', file=sys.stderr, flush=True); time.sleep(60)\n");
        Running r = start("--log-format", "json", "--name", "b", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.contains("hello out"));
        r.lines.await(l -> l.contains("hello \\\"err\\\""));
        r.stop();
        assertEquals(0, r.exitCode());
        // Python's json reads each line; one row of its fields per line: time, level, event, message, pid, stream
        String read = python("import json, sys\nfor line in sys.stdin.read().splitlines():\n    o = json.loads(line)\n"
                + "    f = [o[k] if k in o else '(absent)' for k in ('time', 'level', 'event', 'message', 'pid', 'stream')]\n"
                + "    sys.stdout.buffer.write(('\\t'.join(v if isinstance(v, str) else json.dumps(v) for v in f) + '\\n').encode())\n",
                String.join("\n", r.lines.all()) + "\n");
        List<String[]> rows = read.lines().map(l -> l.split("\t", -1)).toList();
        assertEquals(r.lines.all().size(), rows.size(), read);
        for (String[] o : rows) {
            OffsetDateTime.parse(o[0]);
            assertTrue(Set.of("info", "warn", "error").contains(o[1]), String.join(" ", o));
            assertTrue(Arrays.stream(o).noneMatch("(absent)"::equals), String.join(" ", o));
            assertFalse(o[2].equals("null") || o[3].equals("null"), String.join(" ", o));
        }
        String[] started = rows.stream().filter(o -> "pid".equals(o[2])).findFirst().orElseThrow();
        String[] out = rows.stream().filter(o -> "hello out".equals(o[3])).findFirst().orElseThrow();
        String[] err = rows.stream().filter(o -> "hello \"err\"".equals(o[3])).findFirst().orElseThrow();
        assertEquals("output", out[2]);
        assertEquals("stdout", out[5]);
        assertEquals("stderr", err[5]);
        assertEquals(started[4], out[4]);
        assertTrue(started[4].matches("\\d+"), started[4]);
        assertEquals("supervisor", started[5]);
        assertTrue(rows.stream().anyMatch(o -> "summary".equals(o[2])), read);
    }

    @Test
    @Timeout(10)
    void aJsonLogLineOfAnyBotLineIsOneObjectPythonsJsonReads() throws Exception {
        String line = "said \"hi\" \\ back\\slash \u0001 \u001f tab\t del\u007f ação ✓ 🚀";
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Supervisor.Log log = log(Supervisor.Log.Format.json, console, null);
        Supervisor.Relay relay = new Supervisor.Relay(log, Supervisor.Log.Pipe.STDERR, null, null);
        relay.attach(42);
        byte[] bytes = bytes(line + "\n");
        relay.write(bytes, 0, bytes.length);
        relay.flush();
        log.close();
        String json = console.toString(UTF_8);
        assertEquals(1, json.lines().count(), json);
        String read = python("import json, sys; o = json.loads(sys.stdin.readline()); sys.stdout.buffer.write("
                + "('%s|%s|%s|%s|%s' % (o['message'], o['pid'], o['stream'], o['event'], o['level'])).encode())", json);
        assertEquals(line + "|42|stderr|output|info", read, json);
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void aPlainJsonLineGoesAsBytesWithTheSameFieldsAsADecodedOne() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Supervisor.Log log = log(Supervisor.Log.Format.json, console, null);
        Supervisor.Relay relay = new Supervisor.Relay(log, Supervisor.Log.Pipe.STDOUT, null, null);
        relay.attach(42);
        byte[] bytes = bytes("2024-05-01 10:00:00 - bot - ERROR - plain\nthe same, \"quoted\"\n");
        relay.write(bytes, 0, bytes.length);
        relay.flush();
        log.close();
        List<String> lines = console.toString(UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        Map<String, Object> plain = Supervisor.Json.parseObject(lines.get(0));
        Map<String, Object> decoded = Supervisor.Json.parseObject(lines.get(1));
        assertEquals(List.of("time", "level", "event", "name", "message", "pid", "stream"), List.copyOf(plain.keySet()));
        assertEquals(List.copyOf(decoded.keySet()), List.copyOf(plain.keySet()));
        assertEquals("2024-05-01 10:00:00 - bot - ERROR - plain", plain.get("message"));
        assertEquals("error", plain.get("level"));
        assertEquals("the same, \"quoted\"", decoded.get("message"));
        for (Map<String, Object> o : List.of(plain, decoded)) {
            assertEquals(List.of("output", "b", 42L, "stdout"), List.of(o.get("event"), o.get("name"), o.get("pid"),
                    o.get("stream")));
        }
        String time = (String) plain.get("time");
        for (Object shown : List.of(time, decoded.get("time"))) { // one format for both ways, to the millisecond
            assertTrue(((String) shown).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)"),
                    (String) shown);
        }
        long apart = Duration.between(OffsetDateTime.parse(time).toInstant(),
                OffsetDateTime.parse((String) decoded.get("time")).toInstant()).abs().toMillis();
        assertTrue(apart < 5_000, time + " and " + decoded.get("time"));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Timeout(60)
    void aConsoleNobodyReadsBlocksNeitherTheBotNorTheFileNorTheStop() throws Exception {
        writeBot("import time\ni = 0\nwhile True:\n    for _ in range(1000):\n        print('line %d %s' % (i, 'x' * 200))\n        i += 1\n"
                + "    time.sleep(0.01)\n");
        Path fifo = dir.resolve("console");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Path log = dir.resolve("bot.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        try (java.io.RandomAccessFile neverRead = new java.io.RandomAccessFile(fifo.toFile(), "rw")) { // a reader that never reads
            ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "Supervisor", "--dir",
                    dir.toString(), "--grace", "1s", "--log-file", log.toString(), "--log-max-size", "1G", "--name", "b", "--",
                    PYTHON, "bot.py").redirectErrorStream(true).redirectOutput(fifo.toFile());
            withoutSettingsOrLocale(builder.environment());
            Process p = builder.start();
            try {
                awaitTrue("4 MB in the log file", () -> Files.exists(log) && size(log) > 4 << 20); // far more than the pipe and the backlog hold
                long before = size(log);
                awaitTrue("the log file still growing", () -> size(log) > before + (256 << 10)); // and still growing: the bot is not blocked
                long began = System.nanoTime();
                p.toHandle().destroy();
                assertTrue(p.waitFor(1 + 5, TimeUnit.SECONDS), "the supervisor did not stop within the grace and 5s");
                assertEquals(0, p.exitValue());
                assertTrue(System.nanoTime() - began < TimeUnit.SECONDS.toNanos(6));
            } finally {
                p.destroyForcibly();
            }
        }
        List<String> file = Files.readAllLines(log);
        assertTrue(file.stream().anyMatch(l -> l.matches(".*⚠️ Console stalled: \\d+ lines not shown, the log file has them")),
                "the file says the console missed lines");
        assertTrue(file.stream().anyMatch(l -> l.contains("🏁 SUPERVISOR STOPPED")), "the file has the last lines");
        List<Integer> numbers = file.stream().filter(l -> l.contains("] [b] line ")).map(l -> Integer.parseInt(afterTag(l).split(" ")[1])).toList();
        assertEquals(range("", numbers.size()).stream().map(Integer::valueOf).toList(), numbers, "every line of the bot is in the file");
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void aConsoleKeepsNoBufferUntilAWriteNeedsOne() throws Exception {
        ByteArrayOutputStream target = new ByteArrayOutputStream(); // not a file: a console thread writes it
        Supervisor.ConsoleWriter console = new Supervisor.ConsoleWriter(target, dropped -> { });
        assertEquals(0, console.buffered(), "no buffer before the first write (none at all without a console thread)");
        byte[] line = "a line\n".getBytes(UTF_8);
        console.write(line, 0, line.length);
        assertTrue(console.buffered() >= 64 * 1024, "64 KiB at least once written");
        assertEquals(0, console.close(Duration.ofSeconds(5)));
        assertEquals("a line\n", target.toString(UTF_8));
    }

    /** The bot's lines on the console, plus those the console said it dropped. */
    private static long shownOrCounted(List<String> console) {
        return console.stream().mapToLong(l -> l.contains("] [b] ") ? 1
                : l.contains("Console stalled: ") ? Long.parseLong(l.replaceAll(".*Console stalled: (\\d+) lines.*", "$1")) : 0).sum();
    }

    @Test
    @Timeout(60)
    void aConsoleThatTakesLinesAgainIsToldHowManyItMissed() throws Exception {
        int count = 40_000; // 4 MB: more than the console's backlog
        writeBot("import time\nfor i in range(" + count + "):\n    print('line %d %s' % (i, 'x' * 90))\nprint('done', flush=True)\ntime.sleep(60)\n");
        Path log = dir.resolve("bot.log");
        Lines lines = new Lines();
        java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(1);
        OutputStream shown = lines.stream();
        OutputStream console = new OutputStream() { // a console that takes nothing until released
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    stalled.await();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                shown.write(b, off, len);
            }
        };
        Map<String, String> env = new HashMap<>(Map.of("PATH", System.getenv("PATH"),
                "XDG_STATE_HOME", TESTS_STATE_HOME.toString())); // the registry: never the user's own
        Supervisor supervisor = new Supervisor(console, env, Clock.systemUTC());
        CommandLine cmd = Supervisor.commandLine(supervisor, env, true);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cmd.execute("--dir", dir.toString(), "--name", "b",
                "--log-file", log.toString(), "--", PYTHON, "bot.py"));
        running.add(new Running(lines, supervisor, exit));
        awaitTrue("the bot's last line in the log file", () -> lines(log).stream().anyMatch(l -> l.endsWith("[b] done")));
        stalled.countDown();
        String said = lines.await(l -> l.contains("Console stalled: "));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (shownOrCounted(lines.all()) != count + 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(count + 1, shownOrCounted(lines.all()), "each line of the bot, its \"done\" too, is shown or counted: "
                + lines.matching("Console stalled|\\[b\\] done|SUPERVISOR|PID"));
        assertTrue(lines.all().stream().filter(l -> l.contains("] [b] ")).count() < count, "some lines were dropped");
        assertTrue(lines(log).stream().anyMatch(l -> l.endsWith(afterStamp(said))), "the file says it too");
        supervisor.want.stop("test");
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
    }

    /**
     * A journal that is slow but live (it reads on, 16 KiB at a time) gets every line, in order, and no word of a
     * stall. The bot's colours go to the journal but not into the batch, which serves the file: a read of 64 KiB of
     * these lines (16 bytes, 6 of them kept) paints about 173 KiB on the journal and fills about 124 KiB of the
     * batch, so a relay's pass that ran until the batch went out painted more than the room it had awaited.
     */
    @Test
    @Timeout(60) // the reading ends here if the bot's last line was lost
    void aSlowJournalGetsEveryLineInOrder() throws Exception {
        int count = 120_000;
        writeBot("import sys, time\n"
                + "sys.stdout.buffer.write(b''.join(b'\\x1b[32m%06d\\x1b[00m\\n' % i for i in range(" + count + ")))\n"
                + "print('done', flush=True)\ntime.sleep(60)\n");
        Path fifo = dir.resolve("journal");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        String stream = Files.getAttribute(fifo, "unix:dev") + ":" + Files.getAttribute(fifo, "unix:ino");
        String jvm = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(jvm, "-cp", System.getProperty("java.class.path"), "Supervisor",
                "--dir", dir.toString(), "--name", "b", "--", PYTHON, "bot.py")
                .redirectOutput(fifo.toFile()).redirectErrorStream(true);
        withoutSettingsOrLocale(builder.environment()).put("JOURNAL_STREAM", stream);
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        // Opened to read and write: the supervisor's open does not wait for a reader, and a read never meets the end
        // of the file; the timeout's interrupt ends one (a channel's read, unlike a stream's, takes an interrupt).
        try (java.nio.channels.FileChannel journal = new java.io.RandomAccessFile(fifo.toFile(), "rw").getChannel()) {
            Process supervisor = builder.start();
            try {
                java.nio.ByteBuffer chunk = java.nio.ByteBuffer.allocate(16 * 1024);
                String recent = ""; // the last chunk and the end of the one before: the bot's last line is in it
                while (!recent.contains("] [b] done\n")) {
                    chunk.clear();
                    journal.read(chunk);
                    shown.write(chunk.array(), 0, chunk.position());
                    recent = recent.substring(Math.max(0, recent.length() - 16))
                            + new String(chunk.array(), 0, chunk.position(), ISO_8859_1);
                    Thread.sleep(5); // the journal's pace, not a wait for anything: slower than the bot and the relay
                }
            } finally {
                supervisor.destroy();
            }
            assertEquals(0, supervisor.waitFor());
        }
        List<String> journal = shown.toString(UTF_8).lines().toList();
        List<String> relayed = journal.stream().filter(l -> l.contains("] [b] "))
                .map(l -> Supervisor.Log.ANSI.matcher(afterTag(l)).replaceAll("")).toList();
        List<String> sent = new ArrayList<>(IntStream.range(0, count).mapToObj(i -> String.format("%06d", i)).toList());
        sent.add("done");
        int same = 0;
        while (same < Math.min(sent.size(), relayed.size()) && sent.get(same).equals(relayed.get(same))) {
            same++;
        }
        List<String> stalled = journal.stream().filter(l -> l.contains("Console stalled")).toList();
        assertTrue(sent.equals(relayed), relayed.size() + " lines of the bot's " + sent.size() + " on the journal, the "
                + "first " + same + " as sent; " + stalled);
        assertEquals(List.of(), stalled, "a journal that reads on has not stalled");
        assertTrue(journal.stream().filter(l -> l.contains("] [b] ")).allMatch(l -> l.startsWith("<6>[")),
                "each line of the bot with its priority: the journal is painted");
    }

    /**
     * Both relays at once on a console that is slow but live (a FIFO read 16 KiB at a time): every line of each
     * stream arrives, in the stream's order, and no word of a stall. Each relay awaits the room for its pass before
     * it takes the log's lock, and both may find it before either writes: with room for one batch awaited, the second
     * pass's batch was dropped whole (in ten runs of ten).
     */
    @Test
    @Timeout(60) // the reading ends here if a stream's last line was lost
    void aSlowConsoleGetsEveryLineOfBothStreamsInOrder() throws Exception {
        int count = 300_000; // lines a stream: 22 MB on the console, twenty times its backlog
        writeBot("import sys, threading, time\n"
                + "def flood(stream, letter):\n"
                + "    stream.write(b''.join(b'%s%06d\\n' % (letter, i) for i in range(" + count + ")) + b'done\\n')\n"
                + "    stream.flush()\n"
                + "err = threading.Thread(target=flood, args=(sys.stderr.buffer, b'e'))\n"
                + "err.start()\nflood(sys.stdout.buffer, b'o')\nerr.join()\ntime.sleep(60)\n");
        Path fifo = dir.resolve("console");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        String jvm = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(jvm, "-cp", System.getProperty("java.class.path"), "Supervisor",
                "--dir", dir.toString(), "--name", "b", "--", PYTHON, "bot.py")
                .redirectOutput(fifo.toFile()).redirectErrorStream(true);
        withoutSettingsOrLocale(builder.environment());
        int[] next = new int[2]; // of stdout, of stderr: how many lines came, each in its turn (the last is "done")
        List<String> wrong = new ArrayList<>(); // the first lines that came out of their turn
        List<String> stalled = new ArrayList<>();
        // Opened to read and write, as the journal's test does: the supervisor's open does not wait for a reader, a
        // read never meets the end of the file, and the timeout's interrupt ends one. The lines are checked as they
        // come: the test's JVM has the supervisor's heap (64 MB), too small for all of them.
        try (java.nio.channels.FileChannel console = new java.io.RandomAccessFile(fifo.toFile(), "rw").getChannel()) {
            Process supervisor = builder.start();
            try {
                java.nio.ByteBuffer chunk = java.nio.ByteBuffer.allocate(16 * 1024);
                String partial = ""; // the start of a line whose end has not come yet
                boolean[] done = new boolean[2];
                while (!done[0] || !done[1]) {
                    chunk.clear();
                    console.read(chunk);
                    String read = new String(chunk.array(), 0, chunk.position(), ISO_8859_1);
                    String[] lines = (partial + read).split("\n", -1);
                    partial = lines[lines.length - 1];
                    for (String line : Arrays.asList(lines).subList(0, lines.length - 1)) {
                        int s = line.contains("] [b] ") ? 0 : line.contains("] [b:err] ") ? 1 : -1;
                        if (s < 0) {
                            if (line.contains("Console stalled")) {
                                stalled.add(new String(line.getBytes(ISO_8859_1), UTF_8));
                            }
                            continue;
                        }
                        String came = afterTag(line);
                        String turn = next[s] == count ? "done"
                                : "oe".charAt(s) + String.valueOf(1_000_000 + next[s]).substring(1);
                        done[s] |= came.equals("done");
                        if (came.equals(turn)) {
                            next[s]++;
                        } else if (wrong.size() < 4) {
                            wrong.add(turn + " expected, " + came + " came");
                        }
                    }
                    Thread.sleep(5); // the console's pace, not a wait for anything: slower than the bot and the relays
                }
            } finally {
                supervisor.destroy();
            }
            assertEquals(0, supervisor.waitFor());
        }
        assertEquals(List.of(count + 1, count + 1, List.of()), List.of(next[0], next[1], wrong),
                "the lines of stdout and of stderr that came in their turn, and the first that did not; " + stalled);
        assertEquals(List.of(), stalled, "a console that reads on has not stalled");
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

    @Tag("pure")
    @Test
    // in a thread of its own: a rotation that walks every name up to --log-keep takes no notice of an interrupt
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aRotationMovesOnlyTheOldFilesThatExistWhateverTheNumberKept() throws Exception {
        Path log = dir.resolve("bot.log");
        Files.writeString(dir.resolve("bot.log.1"), "one\n");
        Files.writeString(dir.resolve("bot.log.3"), "three\n");
        Files.writeString(dir.resolve("bot.log.x"), "not a rotated file\n");
        Supervisor.RotatingFile file = new Supervisor.RotatingFile(log, 1024, Integer.MAX_VALUE);
        file.write("now\n".getBytes(UTF_8), 4);
        assertNull(file.rotate());
        file.close();
        Map<String, String> found = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path each : files.filter(p -> p.getFileName().toString().startsWith("bot.log")).toList()) {
                found.put(each.getFileName().toString(), Files.readString(each));
            }
        }
        assertEquals(Map.of("bot.log", "", "bot.log.1", "now\n", "bot.log.2", "one\n", "bot.log.4", "three\n",
                "bot.log.x", "not a rotated file\n"), found);
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void aRotationDropsTheFilesPastLogKeepAndWithNoneKeptTheFileItself() throws Exception {
        for (int keep : new int[] {0, 1}) {
            Path folder = Files.createDirectory(dir.resolve("keep-" + keep));
            Files.writeString(folder.resolve("bot.log.1"), "one\n");
            Files.writeString(folder.resolve("bot.log.2"), "two\n");
            Supervisor.RotatingFile file = new Supervisor.RotatingFile(folder.resolve("bot.log"), 1024, keep);
            file.write("now\n".getBytes(UTF_8), 4);
            assertNull(file.rotate());
            file.close();
            Map<String, String> found = new TreeMap<>();
            try (Stream<Path> files = Files.list(folder)) {
                for (Path each : files.toList()) {
                    found.put(each.getFileName().toString(), Files.readString(each));
                }
            }
            assertEquals(keep == 0 ? Map.of("bot.log", "") : Map.of("bot.log", "", "bot.log.1", "now\n"), found,
                    "--log-keep " + keep);
        }
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void aLogFileThatCannotBeOpenedFailsWithANioExceptionThatExitsReasonNames() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("a-folder"));
        IOException e = assertThrows(IOException.class, () -> new Supervisor.RotatingFile(folder, 1024, 1));
        // FileOutputStream's FileNotFoundException ("… (Is a directory)") has no type that Exits.reason puts in words
        assertTrue(e instanceof java.nio.file.FileSystemException, e.toString());
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
        awaitTrue("the bot's start in " + witness, () -> lines(witness).size() == 1);
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
    void theFolderLockHoldsWhateverLockFileEachSupervisorNames() throws Exception {
        Path witness = dir.resolve("witness");
        writeBot(WITNESS_BOT);
        Running first = start("--lock-file", dir.resolve("first.lock").toString(), "--", PYTHON, "bot.py", witness.toString());
        awaitTrue("the first bot's start in " + witness, () -> lines(witness).size() == 1);
        Files.delete(dir.resolve(".supervisor.state")); // what the state file says is no lock: the folder's lock is
        Running second = start("--lock-file", dir.resolve("second.lock").toString(), "--", PYTHON, "bot.py", witness.toString());
        assertEquals(3, second.exitCode());
        assertEquals(1, lines(witness).size(), "one copy of the bot: " + lines(witness));
        first.stop();
        assertEquals(0, first.exitCode());
    }

    @Test
    @Timeout(120)
    void twoSupervisorsStartedAtOnceWithTwoLockFilesRunOneBot() throws Exception {
        writeBot(WITNESS_BOT);
        for (int attempt = 0; attempt < 5; attempt++) {
            Path witness = dir.resolve("witness" + attempt);
            List<Running> both = List.of(
                    start("--lock-file", dir.resolve("a.lock").toString(), "--", PYTHON, "bot.py", witness.toString()),
                    start("--lock-file", dir.resolve("b.lock").toString(), "--", PYTHON, "bot.py", witness.toString()));
            awaitTrue("one of the two refused", () -> both.stream().anyMatch(r -> r.exitNow() != null));
            Running refused = both.stream().filter(r -> r.exitNow() != null).findFirst().orElseThrow();
            assertEquals(3, refused.exitCode());
            Running winner = both.get(0) == refused ? both.get(1) : both.get(0);
            awaitTrue("the bot's start in " + witness, () -> lines(witness).size() >= 1);
            winner.stop();
            assertEquals(0, winner.exitCode());
            assertEquals(1, lines(witness).stream().filter(line -> line.startsWith("start")).count(), "one copy: " + lines(witness));
        }
    }

    @Test
    @Timeout(60)
    void aSecondSupervisorWithAnotherLockFileRefusesBeforeItSaysAnything() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        Running first = spawn("--", PYTHON, "bot.py");
        first.lines.pid(1);
        Running second = start("--lock-file", dir.resolve("other.lock").toString(), "--", PYTHON, "bot.py");
        assertEquals(3, second.exitCode());
        assertEquals(List.of(), second.lines.all(), "nothing logged, nothing started");
        first.process.toHandle().destroy();
        assertEquals(0, first.exitCode());
    }

    /** As the bot runs: itself, a script the kernel runs by its shebang, a shim that execs python (by the marker). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"python bot.py", "a shebang script", "a shim's exec"})
    @Timeout(60)
    void aSupervisorKilledWithSigkillLeavesABotTheNextOneStopsFirst(String how) throws Exception {
        Path witness = dir.resolve("witness");
        writeBot(WITNESS_BOT);
        Path shim = dir.resolve(how.equals("a shim's exec") ? "python3" : "worker");
        Files.writeString(shim, how.equals("a shim's exec") ? "#!/bin/sh\nexec " + PYTHON + " \"$@\"\n"
                : "#!" + PYTHON + "\n" + WITNESS_BOT);
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwx------"));
        String[] command = how.equals("python bot.py") ? new String[] {"--", PYTHON, "bot.py", witness.toString()}
                : how.equals("a shim's exec") ? new String[] {"--", shim.toString(), "bot.py", witness.toString()}
                : new String[] {"--", "./worker", witness.toString()};
        Running first = spawn(command);
        Path state = dir.resolve(".supervisor.state");
        awaitTrue("the bot's PID in " + state, () -> recordedBotPid(state) != null);
        long orphan = recordedBotPid(state);
        awaitTrue("the bot's start in " + witness, () -> lines(witness).equals(List.of("start " + orphan)));
        first.process.toHandle().destroyForcibly();
        first.process.waitFor();
        assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "the bot outlived its supervisor");

        Result status = execute(Map.of(), "status", "--dir", dir.toString(), "--lang", "en");
        assertEquals(3, status.exitCode(), "no supervisor is running");
        assertTrue(status.out().contains("the bot of a supervisor that died is") && status.out().contains("bot PID " + orphan),
                status.out());
        assertEquals(List.of(Long.toString(orphan)), pythonReads(execute(Map.of(), "status", "--dir", dir.toString(), "--json")
                .out(), "orphanBotPid"));

        Running second = start(Map.of("SUPERVISOR_DEBUG", "1"), command);
        String next = second.lines.pid(1);
        awaitTrue("the orphan's SIGTERM and the next start in " + witness, () -> lines(witness).size() == 3);
        assertTrue(second.lines.contains("Found the bot of a supervisor that died (PID " + orphan));
        assertEquals(List.of("🔀 NEW -> STOPPING (ORPHAN)", "🔀 STOPPING -> STARTING (ORPHAN_GONE)", "🔀 STARTING -> RUNNING (STARTED)"),
                second.lines.matching("🔀").stream().map(SupervisorTest::afterStamp).toList(), "the orphan's stop is a transition");
        assertEquals(List.of("start " + orphan, "term " + orphan, "start " + next), lines(witness), "one bot at a time");
        second.stop();
        assertEquals(0, second.exitCode());
    }

    /** Another folder's bot with the recorded PID and start (a reboot can give both again): same file names, no marker. */
    @Test
    @Timeout(60)
    void anotherFoldersBotWithTheRecordedPidAndStartIsNotThisFoldersOrphan() throws Exception {
        Path b = Files.createDirectories(dir.resolve("b/venv/bin")).getParent().getParent();
        Files.createSymbolicLink(b.resolve("venv/bin/python3"), Path.of(PYTHON));
        Files.writeString(b.resolve("bot.py"), WITNESS_BOT);
        Path witness = dir.resolve("witness");
        ProcessBuilder builder = new ProcessBuilder(b + "/venv/bin/python3", "bot.py", witness.toString()).directory(b.toFile());
        builder.environment().put("SUPERVISOR_RUN", "b-1");
        Process other = builder.start();
        try {
            awaitTrue("the other folder's bot started", () -> lines(witness).equals(List.of("start " + other.pid())));
            Files.writeString(dir.resolve(".supervisor.state"), "{\"supervisorPid\":999999999,\"supervisorStarted\":"
                    + "\"2020-01-01T00:00:00Z\",\"botPid\":" + other.pid() + ",\"botStarted\":\""
                    + other.info().startInstant().orElseThrow() + "\",\"botTicks\":" + Supervisor.ProcessTree.startTicks(other.pid())
                    + ",\"command\":[\"" + dir + "/a/venv/bin/python3\",\"bot.py\",\"" + witness + "\"],\"marker\":\"a-1\","
                    + "\"state\":\"RUNNING\",\"runs\":1,\"dir\":\"" + dir + "\",\"lang\":\"en\"}\n");
            assertEquals(List.of("null"), pythonReads(execute(Map.of(), "status", "--dir", dir.toString(), "--json").out(),
                    "orphanBotPid"));
            writeBot("import time; time.sleep(60)\n");
            Running r = start("--", PYTHON, "bot.py");
            r.lines.pid(1);
            assertTrue(r.lines.contains("PID " + other.pid() + " from the state file now belongs to another process: left alone"));
            r.stop();
            assertEquals(0, r.exitCode());
            assertEquals(List.of("start " + other.pid()), lines(witness), "nothing signalled");
            assertTrue(other.isAlive());
        } finally {
            other.destroyForcibly();
        }
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
            assertFalse(r.lines.contains("Found the bot of a supervisor that died (PID " + unrelated.pid() + ","));
            assertTrue(unrelated.isAlive());
            r.stop();
            assertTrue(unrelated.isAlive(), "still alive after the supervisor's stop");
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void aLockFileThatCannotBeCreatedExits2SayingWhy() {
        Result result = execute(Map.of("PATH", System.getenv("PATH")), "--dir", dir.toString(),
                "--lock-file", dir.resolve("no/such/folder/x.lock").toString(), "--", "true");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("cannot use the lock file") && result.err().contains("no such file or folder"), result.err());
    }

    @Test
    @Timeout(30)
    void aLockFileThatIsASymbolicLinkIsRefused() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        Path target = dir.resolve("target");
        Files.createSymbolicLink(dir.resolve(".supervisor.lock"), target);
        Result refused = execute(Map.of("PATH", System.getenv("PATH")), "--dir", dir.toString(), "--", PYTHON, "bot.py");
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("it is a symbolic link"), refused.err());
        assertFalse(Files.exists(target), "nothing written through the link");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"FIFO", "folder"})
    @Timeout(30)
    void aLockFileThatIsNotARegularFileIsRefusedWithoutBlocking(String kind) throws Exception {
        Path lock = dir.resolve(".supervisor.lock");
        if (kind.equals("FIFO")) {
            assertEquals(0, new ProcessBuilder("mkfifo", lock.toString()).start().waitFor());
        } else {
            Files.createDirectory(lock);
        }
        writeBot("import time; time.sleep(60)\n");
        Result run = execute(Map.of("PATH", System.getenv("PATH")), "--dir", dir.toString(), "--", PYTHON, "bot.py");
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("supervisor: refusing to use " + lock + ": it is not a regular file (a folder, a FIFO or a device); remove it\n",
                run.err());
    }

    @Test
    @Timeout(30)
    void lockAndStateFilesAreOnlyWritableByTheOwner() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        Running r = start("--", PYTHON, "bot.py");
        r.lines.pid(1);
        for (String name : List.of(".supervisor.lock", ".supervisor.state")) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))), name);
        }
        r.stop();
        assertEquals(0, r.exitCode());
    }

    /** Writes a hostile state file of the given kind; false when this system cannot make it (a device needs mknod). */
    private boolean plantStateFile(String kind, Path state) throws Exception {
        switch (kind) {
            case "missing" -> { }
            case "empty" -> Files.write(state, new byte[0]);
            case "truncated" -> Files.writeString(state, "{\"supervisorPid\":12");
            case "random bytes" -> {
                byte[] noise = new byte[4096];
                new java.util.Random(42).nextBytes(noise);
                Files.write(state, noise);
            }
            case "30000 deep" -> Files.writeString(state, "[".repeat(30_000) + "]".repeat(30_000));
            case "200000 deep" -> Files.writeString(state, "[".repeat(200_000) + "]".repeat(200_000));
            case "other JSON" -> Files.writeString(state, "{\"supervisorPid\":\"me\",\"state\":[1,2]}");
            case "10 MB" -> Files.write(state, ("{\"a\":\"" + "x".repeat(10 << 20) + "\"}").getBytes(UTF_8));
            case "FIFO" -> assertEquals(0, new ProcessBuilder("mkfifo", state.toString()).start().waitFor());
            case "folder" -> Files.createDirectory(state);
            case "device" -> {
                return new ProcessBuilder("mknod", state.toString(), "c", "1", "5").start().waitFor() == 0; // /dev/zero
            }
            case "symlink" -> Files.createSymbolicLink(state, Path.of("/dev/zero"));
            default -> throw new AssertionError(kind);
        }
        return true;
    }

    @Test
    @Timeout(30)
    void aStateFileThatIsASymlinkIsRefusedAsBadConfiguration() throws Exception {
        plantStateFile("symlink", dir.resolve(".supervisor.state"));
        writeBot("import time; time.sleep(60)\n");
        Result status = execute(Map.of(), "status", "--dir", dir.toString());
        assertEquals(2, status.exitCode());
        assertTrue(status.err().contains("it is a symbolic link"), status.err());
        Result run = execute(Map.of("PATH", System.getenv("PATH")), "--dir", dir.toString(), "--", PYTHON, "bot.py");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("it is a symbolic link"), run.err());
        assertFalse((status.err() + run.err()).contains("Exception"), status.err() + run.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {"missing, -", "empty, empty", "truncated, not JSON", "random bytes, not JSON",
            "30000 deep, not JSON", "200000 deep, over 64KB", "other JSON, 'JSON, but not a state file'", "10 MB, over 64KB", "FIFO, not a regular file",
            "folder, not a regular file", "device, not a regular file"})
    @Timeout(30)
    void aHostileStateFileIsReportedInOneLineAndTheBotStarts(String kind, String reason) throws Exception {
        Path state = dir.resolve(".supervisor.state");
        org.junit.jupiter.api.Assumptions.assumeTrue(plantStateFile(kind, state), "cannot make a " + kind + " here");
        writeBot("import time; print('up', flush=True); time.sleep(60)\n");
        long began = System.nanoTime();
        Result status = execute(Map.of(), "status", "--dir", dir.toString());
        assertTrue(System.nanoTime() - began < TimeUnit.SECONDS.toNanos(5), "status answered in bounded time");
        assertEquals(3, status.exitCode(), status.out() + status.err());
        assertTrue(status.out().contains("not running"), status.out());
        assertEquals(reason == null ? "" : "supervisor: ignoring an unreadable state file (" + reason + "): " + state + "\n",
                status.err());

        Running r = start("--name", "b", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.endsWith("[b] up"));
        List<String> said = r.lines.matching("unreadable state file");
        assertEquals(reason == null ? List.of() : List.of("Ignoring an unreadable state file (" + reason
                + "): no orphan recovery this time; a new one is written"), said.stream().map(SupervisorTest::afterStamp)
                .map(l -> l.substring(l.indexOf(' ') + 1)).toList());
        r.stop();
        assertEquals(0, r.exitCode());
        String everything = String.join("\n", r.lines.all()) + status.out() + status.err();
        assertFalse(everything.contains("Exception") || everything.contains("\tat "), everything);
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            plain                   | abc                 | `"abc"`
            a quote                 | `a"b`               | `"a\\"b"`
            a backslash             | `a\\\\b`            | `"a\\\\b"`
            newline                 | `a\\nb`             | `"a\\nb"`
            carriage return         | `a\\rb`             | `"a\\rb"`
            tab                     | `a\\tb`             | `"a\\tb"`
            NUL                     | `\\0`               | `"\\u0000"`
            SOH                     | `\\1`               | `"\\u0001"`
            escape                  | `\\33[31m`          | `"\\u001b[31m"`
            unit separator          | `\\37`              | `"\\u001f"`
            space is not escaped    | `a b`               | `"a b"`
            DEL is not escaped      | `\\177`             | `"\u007f"`
            non-ASCII as is         | ação ✓              | `"ação ✓"`
            empty                   | ``                  | `""`
            """)
    @Timeout(5)
    void jsonStringsEscapeQuotesBackslashesAndControlCharacters(String name, String text, String json) {
        assertEquals(json, Supervisor.Json.string(new StringBuilder(), text.translateEscapes()).toString());
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void everyCharacterSurvivesAJsonRoundTrip() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x100; c++) {
            all.append(c);
        }
        all.append("ação ✓ \uD83D\uDE80");
        String json = new Supervisor.Json(16).put("s", all.toString()).end();
        assertTrue(json.chars().noneMatch(c -> c < 0x20), "no raw control character in " + json);
        assertEquals(all.toString(), Supervisor.Json.parseObject(json).get("s"));
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void jsonFieldsWriteNumbersBooleansAndNullBare() {
        String json = new Supervisor.Json(16).put("n", 42L).put("t", true).put("z", null).put("s", Supervisor.State.RUNNING)
                .put("q", "x").put("l", List.of("a", "b\"")).put("e", List.of()).end();
        assertEquals("{\"n\":42,\"t\":true,\"z\":null,\"s\":\"RUNNING\",\"q\":\"x\",\"l\":[\"a\",\"b\\\"\"],\"e\":[]}", json);
        assertEquals("null", Supervisor.Json.string(new StringBuilder(), null).toString());
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void jsonObjectsParseFlatWithNumbersLiteralsAndLists() {
        Map<String, Object> o = Supervisor.Json.parseObject("""
                {"a":1,"b":-25,"c":true,"d":false,"e":null,"f":[1,"x",null],"j":[],"l":"\\u00e7\\"\\\\\\n\\r\\t"}
                """);
        Map<String, Object> expected = new java.util.LinkedHashMap<>();
        expected.put("a", 1L);
        expected.put("b", -25L);
        expected.put("c", true);
        expected.put("d", false);
        expected.put("e", null);
        expected.put("f", java.util.Arrays.asList(1L, "x", null));
        expected.put("j", List.of());
        expected.put("l", "ç\"\\\n\r\t");
        assertEquals(expected, o);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(o.keySet()), "in the order written");
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            zero                 | 0                     | 0          | Long
            a negative integer   | -7                    | -7         | Long
            the largest of 18 digits | 999999999999999999 | 999999999999999999 | Long
            a string at the end  | `"x"`                 | x          | String
            an escaped quote     | `"\\""`               | `"`        | String
            a unicode escape     | `"\\u00E7\\u0041"`    | çA         | String
            """)
    @Timeout(5)
    void jsonValuesParseToTheirJavaTypes(String name, String json, String value, String type) {
        Object parsed = Supervisor.Json.parseObject("{\"v\":" + json + "}").get("v");
        assertEquals(type, parsed.getClass().getSimpleName(), String.valueOf(parsed));
        assertEquals(value, parsed.toString());
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a list          | `[1, 2]`
            a string        | `"x"`
            a number        | `42`
            """)
    @Timeout(5)
    void jsonThatIsNotAnObjectIsRefused(String name, String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Supervisor.Json.parseObject(text));
        assertEquals("not JSON", e.getMessage());
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            an object in an object           | `{"a":{}}`
            a list in a list                 | `{"a":[[]]}`
            an object in a list              | `{"a":[{"b":1}]}`
            an object without a comma        | `{"a":1 "b":2}`
            an object closed as a list       | `{"a":1]`
            a list without a comma           | `{"a":[1 2]}`
            a list closed as an object       | `{"a":[1,2}`
            an object cut short              | `{"a":1`
            a list cut short                 | `{"a":[1,`
            a string cut short               | `{"a":"xy`
            a key that is no string          | `{1:2}`
            a missing colon                  | `{"a" 1}`
            a missing value                  | `{"a":}`
            a bad word                       | `{"a":tru}`
            a fraction                       | `{"a":1.5}`
            an exponent                      | `{"a":1e3}`
            a number of 19 digits            | `{"a":1234567890123456789}`
            a minus alone                    | `{"a":-}`
            white space inside               | `{"a": 1}`
            a bad unicode escape             | `{"a":"\\u12"}`
            an escape the writer never makes | `{"a":"\\b"}`
            something after the object       | `{"a":1} x`
            a second object                  | `{}{}`
            a value run into an object       | `{"a":1{}}`
            """)
    @Timeout(5)
    void badJsonIsRefusedAsNotJson(String name, String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Supervisor.Json.parseObject(text));
        assertEquals("not JSON", e.getMessage());
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource({"'[', ']'", "'{\"a\":', '}'"})
    @Timeout(10)
    void jsonNestedTwoHundredThousandDeepIsRefusedWithoutOverflow(String open, String close) {
        String deep = open.repeat(200_000) + "1" + close.repeat(200_000);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Supervisor.Json.parseObject("{\"x\":" + deep + "}"));
        assertEquals("not JSON", refused.getMessage());
    }

    // ------------------------------------------------------------------------------------ events

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            spaces separate                   | a b  c                 | a/b/c
            leading and trailing blanks       | `  a   b  `            | a/b
            a tab separates                   | `a\tb`                 | a/b
            backslash escapes a space         | a\\ b c                | a b/c
            backslash escapes a quote         | a\\'b                  | a'b
            backslash escapes a backslash     | a\\\\b                 | a\\b
            a trailing backslash is kept      | a\\                    | a\\
            single quotes group               | 'a b' c                | a b/c
            no escape inside single quotes    | 'a\\ b'                | a\\ b
            double quotes group               | "a b" c                | a b/c
            backslash escapes in double quotes| "a \\" b"              | a " b
            other quote inside quotes         | "it's" 'say "hi"'      | it's/say "hi"
            quotes join with the word         | a"b c"d                | ab cd
            an empty quoted word              | '' x                   | /x
            """)
    @Timeout(5)
    void onEventCommandsSplitLikeAShell(String name, String line, String words) {
        List<String> expected = Arrays.asList(words.split("/", -1));
        assertEquals(expected, Supervisor.Hooks.split(new CommandLine(quietSupervisor(Map.of())), line));
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            nothing         |
            blanks only     | `   `
            """)
    @Timeout(5)
    void anEmptyOnEventCommandIsNone(String name, String line) {
        assertEquals(List.of(), Supervisor.Hooks.split(new CommandLine(quietSupervisor(Map.of())), line));
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            an open single quote       | notify 'a b        | '
            an open double quote       | notify "a b        | "
            an escaped closing quote   | notify "a b\\"     | "
            a backslash at the end     | notify "a b\\      | "
            """)
    @Timeout(5)
    void anUnclosedQuoteInOnEventIsBadInput(String name, String line, String quote) {
        CommandLine cmd = new CommandLine(quietSupervisor(Map.of()));
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class, () -> Supervisor.Hooks.split(cmd, line));
        assertEquals("--on-event: unclosed " + quote + " quote in: " + line, e.getMessage());
    }

    @Test
    @Timeout(10)
    void aMissingOnEventCommandExits2NamingItsPathBeforeTheBotStarts() throws Exception {
        writeBot(WITNESS_BOT);
        Path witness = dir.resolve("witness");
        Path hook = dir.resolve("alerts/alert.sh");
        Result result = execute(Map.of(), "--dir", dir.toString(), "--on-event", hook + " --urgent", "--", PYTHON,
                dir.resolve("bot.py").toString(), witness.toString());
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().contains("--on-event: no such file: " + hook), result.err());
        assertFalse(Files.exists(witness), "the bot was started");
        Result onPath = execute(Map.of("PATH", dir.toString()), "--dir", dir.toString(), "--on-event", "alert-me", "--", PYTHON, "bot.py");
        assertEquals(2, onPath.exitCode(), onPath.err());
        assertTrue(onPath.err().contains("'alert-me' is neither a file nor a program on PATH"), onPath.err());
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void anOnEventScriptThatIsNotExecutableExits2WithAChmodHint() throws Exception {
        Path hook = dir.resolve("alert.sh");
        Files.writeString(hook, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rw-r--r--"));
        Result result = execute(Map.of(), "--dir", dir.toString(), "--on-event", hook.toString(), "--", PYTHON, "-c", "pass");
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().contains(hook + " is not executable; make it executable with: chmod +x " + hook), result.err());
        // Found on PATH the same way: the same hint, with the path it was found at.
        Result onPath = execute(Map.of("PATH", dir.toString()), "--dir", dir.toString(), "--on-event", "alert.sh", "--", PYTHON, "-c", "pass");
        assertEquals(2, onPath.exitCode(), onPath.err());
        assertTrue(onPath.err().contains("chmod +x " + hook), onPath.err());
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
    void aBotThatRaisesGivesTheHookAndStatusItsTraceback() throws Exception {
        Path events = dir.resolve("events");
        Path hook = dir.resolve("hook.py");
        Files.writeString(hook, """
                import os, sys
                last = os.environ["SUPERVISOR_LAST_LINES"].split("\\n")
                open(sys.argv[1], "a").write("%s|%d|%s|%s\\n" % (os.environ["SUPERVISOR_EVENT"], len(last), last[0], last[-1]))
                """);
        writeBot("""
                import sys
                # on stderr, as the traceback: the two streams' relays are two threads, whose order is not kept
                print("loading strategy \\x1b[32mSampleStrategy\\x1b[0m", file=sys.stderr, flush=True)
                def check(pair):
                    raise ValueError("bad pair " + pair)
                check("ETH/XYZ")
                """);
        Running r = start("--on-event", PYTHON + " " + hook + " " + events, "--max-failures", "3", "--pause", "1h",
                "--", PYTHON, "bot.py");
        awaitTrue("the crash in " + events, () -> lines(events).stream().anyMatch(l -> l.startsWith("crashed|")));
        String crashed = lines(events).stream().filter(l -> l.startsWith("crashed|")).findFirst().orElseThrow();
        assertTrue(crashed.matches("crashed\\|[5-9]\\|loading strategy SampleStrategy\\|ValueError: bad pair ETH/XYZ"), crashed);
        awaitStateFile(s -> s.contains("\"state\":\"BACKOFF\""), "the backoff");
        Result status = execute(testEnv(), "status", "--dir", dir.toString());
        assertTrue(status.out().contains("the last failure (exited with code 1 after"), status.out());
        assertTrue(status.out().contains("    | Traceback (most recent call last):"), status.out());
        assertTrue(status.out().endsWith("    | ValueError: bad pair ETH/XYZ" + System.lineSeparator()), status.out());
        Result json = execute(testEnv(), "status", "--dir", dir.toString(), "--json");
        assertTrue(json.out().contains(",\"ValueError: bad pair ETH/XYZ\"]"), json.out());
        r.stop();
        assertEquals(0, r.exitCode());
    }

    @Test
    @Timeout(60)
    void aFailingHookNeverStopsSupervision() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        Running failing = start("--on-event", PYTHON + " -c 'import sys; sys.exit(7)'", "--run-time", "200ms", "--pause", "0s",
                "--", PYTHON, "bot.py");
        failing.lines.pid(3);
        assertTrue(failing.lines.await(l -> l.contains("The --on-event command failed for started")).contains("code 7"));
        failing.stop();
        assertEquals(0, failing.exitCode());
    }

    @Test
    @Timeout(60)
    void aHangingHookIsKilledAfterItsTimeout() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        Running hanging = start("--on-event", "sleep 60", "--on-event-timeout", "300ms", "--run-time", "200ms", "--pause", "0s",
                "--", PYTHON, "bot.py");
        hanging.lines.pid(3);
        assertTrue(hanging.lines.await(l -> l.contains("The --on-event command failed")).contains("still running after 300ms, killed"));
        hanging.stop();
        assertEquals(0, hanging.exitCode());
    }

    /** A hook that ignores SIGTERM, forks a child that does too, notes "hookPID childPID" in its witness file and hangs. */
    private Path writeHangingHook() throws IOException {
        Path hook = dir.resolve("hook.py");
        Files.writeString(hook, """
                import os, signal, sys, time
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
                child = os.fork()
                if child == 0:
                    time.sleep(600)
                    os._exit(0)
                open(sys.argv[1], "a").write("%d %d\\n" % (os.getpid(), child))
                time.sleep(600)
                """);
        return hook;
    }

    @Test
    @Timeout(30)
    void aHookOverItsTimeIsStoppedWithItsChildren() throws Exception {
        Path witness = dir.resolve("hooks");
        Path hook = writeHangingHook();
        writeBot("import time; time.sleep(60)\n");
        // Its time must outlast Python's start here, or the hook is killed before it forks and notes its PIDs.
        Running r = start("--on-event", PYTHON + " " + hook + " " + witness, "--on-event-timeout", "2s", "--", PYTHON, "bot.py");
        awaitTrue("the hook's note in " + witness, () -> lines(witness).size() == 1);
        r.lines.await(l -> l.contains("The --on-event command failed for started: still running after 2s, killed"));
        for (String pid : lines(witness).get(0).split(" ")) {
            assertTrue(gone(Long.parseLong(pid)), "hook process " + pid + " survived: " + stat(Long.parseLong(pid)));
        }
        r.stop();
        assertEquals(0, r.exitCode());
    }

    @Test
    @Timeout(60)
    void aHangingHookNeverDelaysTheExitAndNoneOfItsProcessesOutlivesTheSupervisor() throws Exception {
        Path witness = dir.resolve("hooks");
        Path hook = writeHangingHook();
        writeBot("import time; time.sleep(60)\n");
        Running r = spawn("--grace", "1s", "--on-event", PYTHON + " " + hook + " " + witness, "--", PYTHON, "bot.py");
        r.lines.pid(1);
        awaitTrue("the bot's note in " + witness, () -> lines(witness).size() == 1);
        long began = System.nanoTime();
        r.process.toHandle().destroy();
        assertEquals(0, r.exitCode());
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        // The hook hangs for ever, its time limit is the default 30s: the supervisor's exit waits for neither. About
        // 4s here (the grace, the 2s hooks have at exit, the hook's own 1s grace); a loaded machine takes longer.
        assertTrue(took < 15_000, "exited " + took + " ms after SIGTERM; the grace is 1s, hooks have 2s at exit");
        for (String pid : lines(witness).get(0).split(" ")) {
            assertTrue(gone(Long.parseLong(pid)), "hook process " + pid + " outlived the supervisor: " + stat(Long.parseLong(pid)));
        }
        assertTrue(r.lines.contains("The --on-event command failed for started: still running after 2s, killed"),
                String.join("\n", r.lines.all()));
    }

    /** A write longer than the tail keeps its end, in order, as the same bytes written one by one would. */
    @Tag("pure")
    @Test
    @Timeout(5)
    void aHooksOutputTailKeepsTheEndInOrderWhateverTheWrites() throws IOException {
        byte[] said = "abc\nlast-line\n".getBytes(UTF_8);
        Supervisor.OutputTail whole = new Supervisor.OutputTail(8);
        whole.write(said, 0, said.length);
        Supervisor.OutputTail byByte = new Supervisor.OutputTail(8);
        for (byte b : said) {
            byByte.write(b);
        }
        assertEquals("st-line", byByte.lastLine());
        assertEquals(byByte.lastLine(), whole.lastLine());
    }

    @Test
    @Timeout(60)
    void aHookThatPrintsHundredsOfMegabytesRunsToItsEndInTheScriptsHeap() throws Exception {
        Path hook = dir.resolve("hook.py");
        Files.writeString(hook, """
                import os, sys
                if os.environ["SUPERVISOR_EVENT"] != "started":
                    sys.exit(0)
                block = b"x" * (1 << 20) + b"\\n"
                for _ in range(200):
                    sys.stdout.buffer.write(block)
                sys.stdout.buffer.write("the last words\\n".encode())
                sys.exit(3)
                """);
        writeBot("import time; time.sleep(60)\n");
        // A supervisor of its own with the script's heap (-Xmx64m): the output the hook prints would not fit in it.
        Running r = spawnWithOptions(scriptJavaOptions(), Map.of(), "--on-event", PYTHON + " " + hook, "--on-event-timeout", "15s",
                "--", PYTHON, "bot.py");
        String failed = r.lines.await(l -> l.contains("The --on-event command failed for started"));
        assertTrue(failed.contains("code 3: the last words;"), failed);
        r.process.toHandle().destroy();
        assertEquals(0, r.exitCode());
        assertFalse(r.lines.contains("OutOfMemoryError"), String.join("\n", r.lines.all()));
        assertFalse(r.lines.contains("killed"), String.join("\n", r.lines.all()));
    }

    // ------------------------------------------------------------------------------------ restart and stop

    @Tag("pure")
    @Test
    @Timeout(5)
    void everyStopIsCountedWithWhoAskedReadFromTheNoteAsItArrivesAndRingsTheBell() throws Exception {
        Supervisor.Want want = new Supervisor.Want();
        Supervisor.Control.listen(want, dir);
        Path note = dir.resolve(Supervisor.Control.NOTE);
        Files.writeString(note, "SIGINT a person");
        assertEquals(0, want.stops());
        want.stop("SIGINT");
        assertFalse(Files.exists(note), "the note is read, and gone, as the request arrives");
        assertEquals(1, want.stops());
        assertEquals(Supervisor.Want.Wish.DOWN, want.wish());
        long before = System.nanoTime();
        want.bell.await(before + TimeUnit.SECONDS.toNanos(20));
        assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(10), "the request rang the bell");
        want.stop("SIGTERM");
        want.stop("SIGTERM");
        assertEquals(3, want.stops(), "each request is counted: the loop says each, and kills at the third");
        assertEquals("a person, SIGINT", want.stopReason(), "the first request's reason stays, who asked resolved at once");
        Files.writeString(note, "SIGUSR1 a person");
        want.restart("SIGUSR1");
        assertEquals("a person, SIGUSR1", want.restartReason());
        Supervisor.Control.listen(want, null);
        Files.writeString(note, "SIGUSR1 someone else");
        want.restart("SIGUSR1");
        assertEquals("SIGUSR1", want.restartReason(), "no note is read once the listening ended");
    }

    @Test
    @Timeout(60)
    void restartWhileRunningStopsTheBotAndStartsTheNextWithoutThePause() throws Exception {
        Path witness = dir.resolve("witness");
        writeBot(NOTING_BOT);
        Running r = spawnWith(DEBUG, "--pause", "60s", "--min-uptime", "1s", "--", PYTHON, "bot.py", witness.toString());
        String first = r.lines.pid(1);
        awaitTrue("the first bot's handler in place", () -> lines(witness).contains("start " + first));
        Result restart = execute(testEnv(), "restart", "--dir", dir.toString());
        assertEquals(0, restart.exitCode(), restart.err());
        String second = r.lines.pid(2);
        assertTrue(restart.out().contains("The new bot runs (PID " + second + "); waiting 1s to see that it stays up"),
                restart.out());
        assertTrue(restart.out().contains("runs again, PID " + second), restart.out());
        awaitTrue("the second bot's start in " + witness, () -> lines(witness).size() == 3);
        assertEquals(List.of("start " + first, "stop " + first + " SIGTERM", "start " + second), lines(witness));
        assertTrue(r.lines.contains("Restart requested (supervisor restart (PID " + ProcessHandle.current().pid() + "), SIGUSR1)"),
                String.join("\n", r.lines.all()));
        assertEquals(List.of("0"), countedInTheStateFile("failures"), "a restart is not a failure");
        assertEquals(List.of("RUNNING -> STOPPING (RESTART)", "STOPPING -> STARTING (GONE)", "STARTING -> RUNNING (STARTED)"),
                r.lines.transitions(5).subList(2, 5), "from the stop straight to the next start, no pause");
        Result status = execute(testEnv(), "status", "--dir", dir.toString(), "--json");
        assertTrue(status.out().contains("\"runs\":2,"), status.out());
    }

    @Test
    @Timeout(60)
    void restartDuringAPauseStartsTheBotAtOnce() throws Exception {
        // The first run ends by itself, cleanly; the second stays up: the restart's answer has all the time it needs.
        writeBot("""
                import pathlib, time
                p = pathlib.Path("count")
                n = int(p.read_text()) + 1 if p.exists() else 1
                p.write_text(str(n))
                time.sleep(0.3 if n == 1 else 120)
                """);
        Running r = spawn("--min-uptime", "100ms", "--pause", "60s", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.contains("Pausing 1m"));
        Result restart = execute(testEnv(), "restart", "--wait", "200ms", "--dir", dir.toString());
        assertEquals(0, restart.exitCode(), restart.err());
        assertTrue(restart.out().contains("PID " + r.lines.pid(2)), restart.out());
        assertTrue(r.lines.contains("Restart requested (supervisor restart"), String.join("\n", r.lines.all()));
    }

    @Test
    @Timeout(60)
    void restartDuringABackoffStartsTheBotAtOnceAndKeepsTheCount() throws Exception {
        writeBot("""
                import pathlib, sys, time
                p = pathlib.Path("count")
                n = int(p.read_text()) + 1 if p.exists() else 1
                p.write_text(str(n))
                if n == 1:
                    sys.exit(3)
                time.sleep(120)
                """);
        Running r = spawn("--pause", "60s", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.contains("Backing off 1m"));
        Result restart = execute(testEnv(), "restart", "--wait", "200ms", "--dir", dir.toString());
        assertEquals(0, restart.exitCode(), restart.err());
        r.lines.pid(2);
        awaitStateFile(s -> s.contains("\"state\":\"RUNNING\"") && s.contains("\"failures\":1,"), "the failure still counted");
    }

    @Test
    @Timeout(60)
    void restartAfterAStartFailureTriesAgainAtOnce() throws Exception {
        Path program = dir.resolve("bot.sh");
        Path witness = dir.resolve("started");
        Files.writeString(program, "#!/bin/sh\necho started >> " + witness + "\nexec sleep 120\n");
        program.toFile().setExecutable(true);
        // A long pause: the start that fails backs off for a minute, and the second restart alone can start the bot.
        Running r = spawn("--pause", "60s", "--", program.toString());
        r.lines.pid(1);
        awaitTrue("the first bot executed", () -> lines(witness).size() == 1);
        program.toFile().setExecutable(false);
        Result failed = execute(testEnv(), "restart", "--dir", dir.toString());
        assertEquals(1, failed.exitCode(), failed.out());
        assertTrue(failed.err().contains("Could not start the bot: permission denied: " + program), failed.err());
        r.lines.await(l -> l.contains("Backing off 1m"));
        program.toFile().setExecutable(true);
        Result restart = execute(testEnv(), "restart", "--wait", "200ms", "--dir", dir.toString());
        assertEquals(0, restart.exitCode(), restart.err());
        assertTrue(restart.out().contains("PID " + r.lines.pid(2)), restart.out());
        awaitTrue("the third bot executed", () -> lines(witness).size() == 2);
    }

    @Test
    @Timeout(60)
    void restartOfABotThatDiesSoonAfterFailsWithItsExitAndLastLine() throws Exception {
        writeBot("import time; open('up', 'w').close(); time.sleep(120)\n");
        Running r = spawn("--pause", "60s", "--min-uptime", "2s", "--", PYTHON, "bot.py");
        String first = r.lines.pid(1);
        awaitStateFile(s -> s.contains("\"botPid\":" + first + ","), "the bot recorded");
        // The first bot has read its script: the new one is not what it runs (a fast start would have read it).
        awaitTrue("the first bot's script running", () -> Files.exists(dir.resolve("up")));
        writeBot("import time\ntime.sleep(0.3)\nraise SystemExit('bad config: no API key')\n"); // a deploy that breaks
        Result restart = execute(testEnv(), "restart", "--dir", dir.toString());
        assertEquals(1, restart.exitCode(), restart.out());
        assertTrue(restart.out().contains("waiting 2s to see that it stays up"), restart.out());
        assertTrue(restart.err().contains("exited with code 1 after"), restart.err());
        assertTrue(restart.err().contains("its last line: bad config: no API key"), restart.err());
        Result again = execute(testEnv(), "restart", "--dir", dir.toString()); // from BACKOFF, the same truth
        assertEquals(1, again.exitCode(), again.out());
        assertTrue(again.err().contains("its last line: bad config: no API key"), again.err());
    }

    @Test
    @Timeout(60)
    void restartSaysWhyWhenTheNewStartFailsAndExits1() throws Exception {
        Path envFile = dir.resolve("bot.env");
        Files.writeString(envFile, "EXCHANGE_KEY=k1\n");
        writeBot("import time; time.sleep(120)\n");
        Running r = spawn("--pause", "60s", "--env-file", envFile.toString(), "--", PYTHON, "bot.py");
        String first = r.lines.pid(1);
        awaitStateFile(s -> s.contains("\"botPid\":" + first + ","), "the bot recorded");
        Files.delete(envFile);
        Result restart = execute(testEnv(), "restart", "--dir", dir.toString());
        assertEquals(1, restart.exitCode(), restart.out());
        assertTrue(restart.err().contains("Could not start the bot: cannot read the env file " + envFile), restart.err());
    }

    @Test
    @Timeout(60)
    void stopStopsTheBotAndTheSupervisorAndWaitsForBoth() throws Exception {
        Path witness = dir.resolve("witness");
        writeBot(NOTING_BOT);
        Running r = spawn("--", PYTHON, "bot.py", witness.toString());
        long bot = Long.parseLong(r.lines.pid(1));
        awaitTrue("the bot's handler in place", () -> lines(witness).contains("start " + bot));
        Result stop = execute(testEnv(), "stop", "--dir", dir.toString());
        assertEquals(0, stop.exitCode(), stop.err());
        assertTrue(stop.out().contains("are gone"), stop.out());
        // As stop sees it: gone, or a zombie this JVM's reaper has yet to collect (Process.isAlive waits for the reaper).
        assertTrue(gone(r.process.pid()), "the supervisor is gone when stop returns: " + stat(r.process.pid()));
        assertTrue(gone(bot), "the bot is gone");
        assertEquals(0, r.exitCode());
        assertEquals(List.of("start " + bot, "stop " + bot + " SIGTERM"), lines(witness));
        assertTrue(r.lines.contains("Stop requested (supervisor stop (PID "), String.join("\n", r.lines.all()));
    }

    @Test
    @Timeout(60)
    void aStopDuringARestartsGraceIsSaidAtOnceWithWhoAsked() throws Exception {
        Path witness = dir.resolve("witness");
        writeBot("""
                import os, signal, sys, time
                def note(s):
                    open(sys.argv[1], "a").write(s + "\\n")
                def term(n, f):
                    note("term %d" % os.getpid())
                    while not os.path.exists(sys.argv[2]):
                        time.sleep(0.01)
                    sys.exit(0)
                signal.signal(signal.SIGTERM, term)
                note("start %d" % os.getpid())
                time.sleep(120)
                """);
        Path release = dir.resolve("release");
        Running r = spawn("--grace", "30s", "--", PYTHON, "bot.py", witness.toString(), release.toString());
        String bot = r.lines.pid(1);
        awaitTrue("the bot's handler in place", () -> lines(witness).contains("start " + bot));
        assertEquals(0, execute(testEnv(), "restart", "--no-wait", "--dir", dir.toString()).exitCode());
        awaitTrue("the restart's SIGTERM in " + witness, () -> lines(witness).contains("term " + bot));
        CompletableFuture<Result> stop = CompletableFuture.supplyAsync(() -> execute(testEnv(), "stop", "--dir", dir.toString()));
        r.lines.await(l -> l.contains("Stop requested (supervisor stop (PID " + ProcessHandle.current().pid() + "), SIGTERM)"));
        assertFalse(r.lines.contains("stopped gracefully"), "said while the bot is still in its grace");
        Files.writeString(release, "");
        assertEquals(0, stop.get(30, TimeUnit.SECONDS).exitCode());
        assertEquals(0, r.exitCode());
        assertFalse(Files.exists(dir.resolve(".supervisor.request")), "the note is gone");
    }

    /** While the old bot finishes its work, the command says at once that the supervisor took the request. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"stop, Stop asked, are gone", "restart, Restart asked, runs again"})
    @Timeout(60)
    void restartAndStopSayAtOnceThatTheSupervisorIsStoppingTheBot(String command, String said, String done)
            throws Exception {
        Path witness = dir.resolve("witness");
        writeBot("""
                import os, signal, sys, time
                def term(n, f):
                    open(sys.argv[1], "a").write("term %d\\n" % os.getpid())
                    while not os.path.exists(sys.argv[2]):
                        time.sleep(0.01)
                    sys.exit(0)
                signal.signal(signal.SIGTERM, term)
                open(sys.argv[1], "a").write("start %d\\n" % os.getpid())
                time.sleep(120)
                """);
        Path release = dir.resolve("release");
        Running r = spawn("--grace", "30s", "--min-uptime", "200ms", "--", PYTHON, "bot.py", witness.toString(),
                release.toString());
        String bot = r.lines.pid(1);
        awaitTrue("the bot's handler in place", () -> lines(witness).contains("start " + bot));
        StringWriter err = new StringWriter();
        CompletableFuture<Result> asked = CompletableFuture.supplyAsync(
                () -> execute(testEnv(), err, command, "--dir", dir.toString()));
        String line = said + ": the supervisor (PID " + r.process.pid() + ") stops the bot, giving it up to 30s to finish";
        awaitTrue("'" + line + "' on stderr", () -> err.toString().contains(line));
        awaitTrue("the bot's SIGTERM", () -> lines(witness).contains("term " + bot)); // a stop says it once sent
        assertFalse(asked.isDone(), "said while the bot is in its grace");
        Files.writeString(release, "");
        Result result = asked.get(30, TimeUnit.SECONDS);
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains(done), result.out());
    }

    /** A bot that ends at once on SIGTERM: the stop is said all the same, as soon as it is sent. */
    @Test
    @Timeout(60)
    void aStopOfABotThatEndsAtOnceSaysItWasAsked() throws Exception {
        writeBot("import time; time.sleep(120)\n");
        Running r = spawn("--grace", "5s", "--", PYTHON, "bot.py");
        String bot = r.lines.pid(1);
        awaitStateFile(s -> s.contains("\"botPid\":" + bot + ","), "the bot recorded");
        Result stop = execute(testEnv(), "stop", "--dir", dir.toString(), "--lang", "en");
        assertEquals(0, stop.exitCode(), stop.err());
        assertTrue(stop.err().contains("Stop asked: the supervisor (PID " + r.process.pid()
                + ") stops the bot, giving it up to 5s to finish"), stop.err());
        assertEquals(0, r.exitCode());
    }

    @Test
    @Timeout(60)
    void aNoteNobodyReadIsGoneWhenTheSupervisorExits() throws Exception {
        Path note = dir.resolve(".supervisor.request");
        Files.writeString(note, "SIGUSR1 supervisor restart (PID 1)");
        writeBot("import time; time.sleep(120)\n");
        Running r = start("--", PYTHON, "bot.py");
        r.lines.pid(1);
        assertTrue(Files.exists(note), "a note is read only with its signal");
        r.stop();
        assertEquals(0, r.exitCode());
        assertFalse(Files.exists(note), "the note is gone");
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource({"restart", "stop"})
    @Timeout(30)
    void withNoSupervisorRestartAndStopExit3(String command) {
        Result result = execute(testEnv(), command, "--dir", dir.toString());
        assertEquals(3, result.exitCode(), result.out() + result.err());
        assertTrue(result.err().contains("no supervisor is running the bot in " + dir), result.err());
    }

    /**
     * A state file naming a live process that is not a supervisor of this bot: another process that now has the PID
     * (its start differs), or the very process recorded but not holding the lock. Nothing is signalled.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"restart, recycled PID", "restart, no lock", "stop, recycled PID", "stop, no lock"})
    @Timeout(30)
    void aStateFileWhosePidIsNotThatSupervisorIsNeverSignalled(String command, String kind) throws Exception {
        Path witness = dir.resolve("witness");
        Process other = new ProcessBuilder(PYTHON, "-c", """
                import signal, sys, time
                def note(n, f):
                    open(sys.argv[1], "a").write(signal.Signals(n).name + "\\n")
                signal.signal(signal.SIGTERM, note)
                signal.signal(signal.SIGUSR1, note)
                open(sys.argv[1], "a").write("ready\\n")
                time.sleep(60)
                """, witness.toString()).start();
        try {
            awaitTrue("the other process ready", () -> lines(witness).contains("ready"));
            long ticks = Supervisor.ProcessTree.startTicks(other.pid()) + (kind.equals("recycled PID") ? 100 : 0);
            Files.writeString(dir.resolve(".supervisor.state"), "{\"supervisorPid\":" + other.pid()
                    + ",\"supervisorStarted\":\"" + other.info().startInstant().orElseThrow() + "\",\"supervisorTicks\":" + ticks
                    + ",\"botPid\":null,\"command\":[],\"marker\":null,\"state\":\"RUNNING\",\"runs\":1,\"dir\":\""
                    + dir + "\",\"lang\":\"en\",\"grace\":\"PT1S\"}\n");
            Result result = execute(testEnv(), command, "--dir", dir.toString());
            assertEquals(3, result.exitCode(), result.out() + result.err());
            assertTrue(other.isAlive());
            assertEquals(List.of("ready"), lines(witness), "nothing signalled");
        } finally {
            other.destroyForcibly();
        }
    }

    // ------------------------------------------------------------------------------------ the page

    /** A bot that says a line with markup, then exits 3 each time the file "crash" appears (taking it away). */
    static final String CRASHING_ON_CUE_BOT = """
            import os, sys, time
            print("<script>alert(1)</script> & friends", flush=True)
            while not os.path.exists("crash"):
                time.sleep(0.02)
            os.remove("crash")
            print("crashing now", flush=True)
            sys.exit(3)
            """;

    @Tag("pure")
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"8080|127.0.0.1|8080|true", "0|127.0.0.1|0|true", "localhost:9|127.0.0.1|9|true",
            "[::1]:8080|0:0:0:0:0:0:0:1|8080|true", "0.0.0.0:80|0.0.0.0|80|false", "10.1.2.3:65535|10.1.2.3|65535|false"})
    @Timeout(5)
    void anHttpAddressIsPortOrAddressAndPortOnLoopbackUnlessSaid(String given, String host, int port, boolean loopback) {
        java.net.InetSocketAddress address = Supervisor.Page.address(given);
        assertEquals(host, address.getAddress().getHostAddress());
        assertEquals(port, address.getPort());
        assertEquals(loopback, address.getAddress().isLoopbackAddress());
    }

    @Tag("pure")
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"65536", "x", "127.0.0.1:", ":80", "-1", "1.2.3.4:99999"})
    @Timeout(5)
    void aBadHttpAddressIsRefusedSayingWhatIsTaken(String given) {
        Supervisor.BadValue bad = assertThrows(Supervisor.BadValue.class, () -> Supervisor.Page.address(given));
        assertEquals("'" + given + "' is not [ADDR:]PORT (8080, 127.0.0.1:8080, [::1]:8080, 0.0.0.0:8080)",
                bad.getMessage());
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void thePageEscapesMarkupWhereItIsMade() {
        assertEquals("&lt;script&gt;alert(&quot;x&quot;, &#39;y&#39;)&lt;/script&gt; &amp;amp;",
                Supervisor.Page.escape("<script>alert(\"x\", 'y')</script> &amp;"));
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void theFeedKeepsTheLast100LinesCutTheEventsAndAMemoryPointAMinute() {
        Supervisor.Page.Feed feed = new Supervisor.Page.Feed();
        for (int i = 0; i < 250; i++) {
            feed.line(bytes("[t] "), 4, bytes("xline " + i + "x"), 1, ("line " + i).length(), new byte[0]);
        }
        feed.line(new byte[0], 0, bytes("é".repeat(2000)), 0, 4000, new byte[0]);
        feed.said(Supervisor.Msg.SETTINGS, "not an event");
        feed.said(Supervisor.Msg.EXITED, "exited");
        feed.memory(5);
        feed.memory(7); // the same minute: its highest
        feed.memory(6);
        Supervisor.Page.Feed.View view = feed.view();
        assertEquals(100, view.lines().size());
        assertEquals("[t] line 151", view.lines().get(0));
        assertEquals("é".repeat(512), view.lines().get(99), "cut to 1,024 bytes");
        assertEquals(List.of("exited"), view.events());
        assertEquals(List.of(7L), view.memory());
        assertEquals(6, view.memoryNow());
    }

    @Test
    @Timeout(60)
    void withoutHttpNoClassOfThePageNorOfTheJdkServerIsLoaded() throws Exception {
        writeBot("import time\nprint('up', flush=True)\ntime.sleep(60)\n");
        Map<String, Long> loaded = new TreeMap<>();
        for (boolean http : List.of(false, true)) {
            Path classes = dir.resolve("classes-" + http + ".txt");
            List<String> args = new ArrayList<>(http ? List.of("--http", "0") : List.of());
            args.addAll(List.of("--grace", "2s", "--", PYTHON, "bot.py"));
            Running r = spawnWithOptions(List.of("-Xlog:class+load=info:file=" + classes), Map.of(),
                    args.toArray(String[]::new));
            r.lines.await(l -> l.endsWith("] up"));
            r.process.toHandle().destroy();
            assertEquals(0, r.exitCode());
            List<String> all = lines(classes);
            loaded.put(http + " httpserver", all.stream().filter(l -> l.contains("com.sun.net.httpserver")
                    || l.contains("sun.net.httpserver")).count());
            loaded.put(http + " page", all.stream().filter(l -> l.contains("Supervisor$Page")).count());
            loaded.put(http + " all", (long) all.size());
        }
        System.out.println("     classes loaded: " + loaded);
        assertEquals(0, loaded.get("false httpserver"), "a plain run loads no class of the JDK's HTTP server");
        assertEquals(0, loaded.get("false page"), "nor of the page");
        assertTrue(loaded.get("true httpserver") > 0 && loaded.get("true page") > 0, loaded.toString());
    }

    @Test
    @Timeout(90)
    void thePageTheJsonAndTheMetricsFollowACrashARestartAndGivingUp() throws Exception {
        writeBot(CRASHING_ON_CUE_BOT);
        Running r = start("--http", "0", "--max-failures", "2", "--pause", "3s", "--min-uptime", "1h",
                "--check-every", "50ms", "--", PYTHON, "bot.py");
        String base = pageAddress(r);
        String pid = r.lines.pid(1);
        r.lines.await(l -> l.contains("<script>alert(1)</script> & friends"));
        awaitTrue("the line on the page", () -> get(base + "page").body().contains("alert"));
        String page = get(base + "page").body();
        assertTrue(page.contains("<span id=\"state\" class=\"badge RUNNING\">RUNNING</span>"), page);
        assertTrue(page.contains("<dd id=\"pid\">" + pid + "</dd>"), page);
        assertTrue(page.contains("[python3] &lt;script&gt;alert(1)&lt;/script&gt; &amp; friends\n"), page);
        assertFalse(page.contains("<script>alert"), page);
        assertFalse(page.contains("data-action"), "read-only: no buttons without --http-token-file");
        assertEquals(200, get(base + "healthz").statusCode());
        assertEquals(List.of("RUNNING", pid, "1"), pythonReads(get(base + "api/status").body(), "state", "botPid",
                "runs"));
        awaitTrue("the bot's memory measured", () -> get(base + "metrics").body()
                .matches("(?s).*\nsupervisor_bot_resident_memory_bytes [1-9][0-9]+\n.*"));
        assertEquals(403, post(base + "api/restart", null).statusCode(), "read-only");

        Files.writeString(dir.resolve("crash"), "");
        r.lines.await(l -> l.contains("Waiting 3s") || l.contains("⏸️"));
        HttpResponse<String> backoff = get(base + "healthz");
        assertEquals(503, backoff.statusCode());
        assertEquals("BACKOFF\n", backoff.body());
        String metrics = get(base + "metrics").body();
        assertTrue(metrics.contains("\nsupervisor_state{state=\"BACKOFF\"} 1\n"), metrics);
        assertTrue(metrics.contains("\nsupervisor_failures_total 1\n"), metrics);
        assertTrue(metrics.contains("\nsupervisor_consecutive_failures 1\n"), metrics);
        assertTrue(metrics.contains("\nsupervisor_bot_last_exit_code 3\n"), metrics);
        assertTrue(metrics.contains("\nsupervisor_bot_up 0\n"), metrics);
        page = get(base + "page").body();
        assertTrue(page.contains("class=\"badge BACKOFF\""), page);
        assertTrue(page.contains("<dd id=\"failures\">1 in a row, 1 in all</dd>"), page);
        assertTrue(page.matches("(?s).*<li>[^<]*🏁 Bot exited by itself with code 3[^<]*</li>.*"), page);

        String second = r.lines.pid(2);
        awaitTrue("run 2 on the page", () -> get(base + "page").body().contains("<dd id=\"pid\">" + second + "</dd>"));
        Files.writeString(dir.resolve("crash"), "");
        r.lines.await(l -> l.contains("🌐 The page stays"));
        page = get(base + "page").body();
        assertTrue(page.contains("class=\"badge FATAL\""), page);
        assertTrue(page.contains("<p id=\"gaveup\" class=\"gaveup\">The supervisor gave up after 2 failures"), page);
        assertEquals(503, get(base + "healthz").statusCode());
        assertEquals(List.of("FATAL", "2", "2", "3", "2"), pythonReads(get(base + "api/status").body(), "state",
                "failures", "consecutiveFailures", "lastExit", "runs"));
        metrics = get(base + "metrics").body();
        assertTrue(metrics.contains("\nsupervisor_state{state=\"FATAL\"} 1\n"), metrics);
        assertTrue(metrics.contains("\nsupervisor_failures_total 2\n"), metrics);
        assertTrue(metrics.contains("\nsupervisor_bot_starts_total 2\n"), metrics);
        assertPromtoolAccepts(metrics);
        long asked = System.nanoTime();
        r.stop(); // a person's stop ends the page's stay at once
        assertEquals(1, r.exitCode());
        assertTrue(System.nanoTime() - asked < TimeUnit.SECONDS.toNanos(5), "stopped at once");
        assertThrows(UncheckedIOException.class, () -> get(base + "healthz"), "the page is gone with the supervisor");
    }

    @Test
    @Timeout(60)
    void restartAndStopOverHttpNeedTheTokenAndDoWhatTheCommandsDo() throws Exception {
        writeBot(NOTING_BOT);
        Path token = tokenFile("s3cret-token-of-the-page-0123456789");
        Running r = start("--http", "0", "--http-token-file", token.toString(), "--grace", "2s", "--", PYTHON,
                "bot.py", dir.resolve("witness").toString());
        String base = pageAddress(r);
        String first = r.lines.pid(1);
        awaitTrue("its handler set", () -> lines(dir.resolve("witness")).contains("start " + first));
        assertTrue(r.lines.all().stream().noneMatch(l -> l.contains("s3cret")), "the token is never logged");
        assertEquals(401, get(base + "page").statusCode(), "with a token file, reading needs it, on loopback too");
        String page = send("GET", base + "page", "s3cret-token-of-the-page-0123456789").body();
        assertTrue(page.contains("data-action=\"restart\"") && page.contains("data-action=\"stop\""), page);
        HttpResponse<String> missing = post(base + "api/restart", null);
        HttpResponse<String> wrong = post(base + "api/restart", "s3cret-token-of-the-page-012345678");
        assertEquals(401, missing.statusCode());
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().startsWith("Wrong or missing token"), wrong.body());
        assertEquals(missing.body(), wrong.body(), "the answer does not tell a wrong token from none");
        assertEquals(405, get(base + "api/restart").statusCode());
        assertEquals(413, HTTP.send(HttpRequest.newBuilder(URI.create(base + "api/restart"))
                .header("Authorization", "Bearer s3cret-token-of-the-page-0123456789")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(10_000))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "no request body is taken");
        assertEquals(1, r.lines.matching("🆔").size(), "nothing was done");

        HttpResponse<String> restart = post(base + "api/restart", "s3cret-token-of-the-page-0123456789");
        assertEquals(202, restart.statusCode(), restart.body());
        assertEquals("{\"asked\":\"restart\"}", restart.body());
        r.lines.await(l -> l.contains("Restart requested (the page, from 127.0.0.1)"));
        String second = r.lines.pid(2);
        assertTrue(lines(dir.resolve("witness")).contains("stop " + first + " SIGTERM"),
                "stopped gracefully: " + lines(dir.resolve("witness")) + r.lines.all());
        awaitTrue("the restart counted", () -> get(base + "metrics", "s3cret-token-of-the-page-0123456789").body()
                .contains("\nsupervisor_restarts_total{reason=\"requested\"} 1\n"));
        assertTrue(send("GET", base + "page", "s3cret-token-of-the-page-0123456789").body().contains("<dd id=\"requested\">1</dd>"));
        awaitTrue("its handler set", () -> lines(dir.resolve("witness")).contains("start " + second));

        assertEquals(202, post(base + "api/stop", "s3cret-token-of-the-page-0123456789").statusCode());
        assertEquals(0, r.exitCode());
        r.lines.await(l -> l.contains("Stop requested (the page, from 127.0.0.1)"));
        assertTrue(lines(dir.resolve("witness")).contains("stop " + second + " SIGTERM"));
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void aPageWithoutATokenKnowsThisMachinesOwnNames() {
        for (String host : List.of("localhost", "localhost:8080", "LOCALHOST:1", "127.0.0.1", "127.0.0.1:9100",
                "127.1.2.3:80", "[::1]", "[::1]:8080")) {
            assertTrue(Supervisor.Page.loopbackName(host), host);
        }
        for (String host : Arrays.asList("evil.example", "evil.example:8080", "127.0.0.1.evil.example", "localhost.evil",
                "10.0.0.1:8080", "[::2]:8080", "", null)) {
            assertFalse(Supervisor.Page.loopbackName(host), host);
        }
    }

    @Test
    @Timeout(60)
    void aPageWithoutATokenRefusesAnotherSitesNameAsDnsRebindingWouldSendIt() throws Exception {
        writeBot("import time\ntime.sleep(60)\n");
        Running r = start("--http", "0", "--", PYTHON, "bot.py");
        URI base = URI.create(pageAddress(r));
        r.lines.pid(1);
        for (String path : List.of("/", "/page", "/metrics", "/api/status")) {
            try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: evil.example:" + base.getPort()
                        + "\r\nConnection: close\r\n\r\n").getBytes(ISO_8859_1));
                String answer = new String(socket.getInputStream().readAllBytes(), UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 421 "), path + ": " + answer);
                assertTrue(answer.contains("answers only to this machine's own names"), answer);
            }
        }
        assertEquals(200, get(base + "page").statusCode(), "through 127.0.0.1 it answers");
        assertEquals(200, get(base + "healthz").statusCode());
    }

    @Test
    @Timeout(60)
    void offLoopbackEveryPathButHealthzNeedsTheToken() throws Exception {
        writeBot("import time\ntime.sleep(60)\n");
        Path token = tokenFile("another-token-of-the-page-42");
        Running r = start("--http", "0.0.0.0:0", "--http-token-file", token.toString(), "--", PYTHON, "bot.py");
        String base = pageAddress(r).replace("0.0.0.0", "127.0.0.1");
        r.lines.pid(1);
        awaitTrue("RUNNING", () -> get(base + "healthz").statusCode() == 200);
        for (String path : List.of("page", "metrics", "api/status")) {
            HttpResponse<String> refused = get(base + path);
            assertEquals(401, refused.statusCode(), path);
            assertEquals("Bearer", refused.headers().firstValue("WWW-Authenticate").orElse(null));
            assertEquals(200, send("GET", base + path, "another-token-of-the-page-42").statusCode(), path);
        }
        String frame = get(base).body(); // the page's frame: its words and script, no data
        assertTrue(frame.contains("sessionStorage") && !frame.contains("id=\"pid\""), frame);
    }

    @Tag("pure")
    @Test
    @Timeout(20)
    void aNonLocalBindWithoutATokenAndAnOpenTokenFileAreRefused() throws Exception {
        Map<String, String> env = testEnv();
        Result open = execute(env, "--dir", dir.toString(), "--lang", "en", "--http", "0.0.0.0:8080", "--", "x");
        assertEquals(2, open.exitCode(), open.err());
        assertTrue(open.err().startsWith("supervisor: --http 0.0.0.0:8080 is not loopback: anyone who reaches it "
                + "could see the bot's log; give --http-token-file too, or bind to 127.0.0.1\n"), open.err());
        Map<String, String> byVariable = new HashMap<>(env);
        byVariable.put("SUPERVISOR_HTTP", "0.0.0.0:8080");
        assertEquals(2, execute(byVariable, "--dir", dir.toString(), "--", "x").exitCode(), "SUPERVISOR_HTTP");

        Path shared = Files.writeString(dir.resolve("token"), "a-token-nobody-else-should-read");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r--r--"));
        Result readable = execute(env, "--dir", dir.toString(), "--lang", "en", "--http", "8080",
                "--http-token-file", shared.toString(), "--", "x");
        assertEquals(2, readable.exitCode(), readable.err());
        assertTrue(readable.err().contains("can be read by other users (rw-r--r--), and it holds the page's token: "
                + "make it private with chmod 600 " + shared), readable.err());
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals(2, execute(env, "--dir", dir.toString(), "--http", "8080", "--http-token-file", shared.toString(),
                "--", "x").exitCode(), "a group may read a token file of one's own: refused, as ssh refuses a key");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(shared, "short");
        Result tooShort = execute(env, "--dir", dir.toString(), "--lang", "pt", "--http", "8080",
                "--http-token-file", shared.toString(), "--", "x");
        assertEquals(2, tooShort.exitCode(), tooShort.err());
        assertTrue(tooShort.err().contains("deve conter um token de pelo menos 16"), tooShort.err());
        assertFalse(tooShort.err().contains("short"), "no word of the token");
        Result alone = execute(env, "--dir", dir.toString(), "--lang", "en", "--http-token-file", shared.toString());
        assertEquals(2, alone.exitCode());
        assertTrue(alone.err().contains("--http-token-file needs --http"), alone.err());

        Files.writeString(shared, "the-secret-token-of-config-test");
        writeBot("");
        Result config = execute(env, "config", "--dir", dir.toString(), "--http", "9000", "--http-token-file",
                shared.toString(), "--", PYTHON, "bot.py");
        assertEquals(0, config.exitCode(), config.err());
        assertTrue(config.out().contains("9000"), config.out());
        assertFalse(config.out().contains("the-secret-token"), config.out());
    }

    @Test
    @Timeout(90)
    void aFloodOfRequestsNeitherSlowsTheRelayNorDelaysAStop() throws Exception {
        writeBot("import time\nfor i in range(100000):\n    print('tick %d' % i, flush=True)\n    time.sleep(0.01)\n");
        Running r = spawnWithOptions(scriptJavaOptions(), Map.of(), "--http", "0", "--grace", "2s", "--", PYTHON,
                "bot.py");
        String base = pageAddress(r);
        r.lines.await(l -> l.endsWith("] tick 10"));
        int before = r.lines.matching("\\] tick ").size();
        long started = System.nanoTime();
        AtomicInteger answered = new AtomicInteger();
        List<String> paths = List.of("page", "metrics", "api/status", "healthz", "nothing-here");
        IntStream.range(0, 8).parallel().forEach(worker -> {
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            for (int i = worker; i < 2000; i += 8) {
                try {
                    client.send(HttpRequest.newBuilder(URI.create(base + paths.get(i % paths.size())))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                    answered.incrementAndGet();
                } catch (IOException | InterruptedException e) {
                    // refused under load: the flood is not what is measured
                }
            }
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        int relayed = r.lines.matching("\\] tick ").size() - before;
        System.out.printf("     2,000 requests (%d answered) in %.1f s; %d lines relayed meanwhile (%.0f/s)%n",
                answered.get(), seconds, relayed, relayed / seconds);
        assertTrue(answered.get() > 1000, "answered: " + answered);
        assertTrue(relayed >= seconds * 40, "the relay kept up: " + relayed + " lines in " + seconds + " s");
        long rss = Long.parseLong(Files.readAllLines(Path.of("/proc/" + r.process.pid() + "/status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).findFirst().orElseThrow().replaceAll("\\D", ""));
        System.out.println("     the supervisor's RSS after the flood: " + rss / 1024 + " MB");
        assertTrue(rss < 256 * 1024, "bounded: " + rss + " kB");
        long asked = System.nanoTime();
        r.process.toHandle().destroy();
        assertEquals(0, r.exitCode());
        assertTrue(System.nanoTime() - asked < TimeUnit.SECONDS.toNanos(4), "a stop is not delayed by the page");
    }

    @Test
    @Timeout(120)
    void aRealBrowserShowsTheStateThePidAndALineThatCameAfterItLoaded() throws Exception {
        Optional<Path> chromium = Supervisor.Venv.onPath("chromium", REPO, System.getenv(), false, Files::isExecutable);
        Assumptions.assumeTrue(chromium.isPresent() || System.getenv("CI") != null,
                "chromium is not installed (apt-get install -y chromium): the page is checked over plain HTTP only");
        writeBot("import os, time\nprint('first line', flush=True)\nwhile not os.path.exists('go'):\n"
                + "    time.sleep(0.02)\nprint('late line <b>not bold</b>', flush=True)\ntime.sleep(60)\n");
        Running r = start("--http", "0", "--lang", "pt", "--", PYTHON, "bot.py");
        String base = pageAddress(r);
        String pid = r.lines.pid(1);
        r.lines.await(l -> l.endsWith("] first line"));
        try (Browser browser = new Browser(chromium.orElseThrow(), dir.resolve("profile"), base)) {
            String expression = "['state', 'pid', 'log'].map(id => document.getElementById(id)"
                    + " ? document.getElementById(id).textContent : '').join('|')";
            String[] shown = browser.awaitValue(expression, v -> v.startsWith("EM EXECUÇÃO|" + pid + "|")
                    && v.contains("first line")).split("\\|", 3);
            assertFalse(shown[2].contains("late line"), "not yet said");
            Files.writeString(dir.resolve("go"), "");
            String later = browser.awaitValue(expression, v -> v.contains("late line"));
            assertTrue(later.contains("[python3] late line <b>not bold</b>"), later);
            assertEquals("0", browser.evaluate("String(document.querySelectorAll('#log b').length)"), "markup shown, "
                    + "not made");
            byte[] png = browser.screenshot();
            assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG");
        }
    }

    /** The page's base address, as the supervisor logged it ("http://127.0.0.1:PORT/"). */
    private static String pageAddress(Running r) throws InterruptedException {
        Matcher m = Pattern.compile("(http://\\S+/) ").matcher(r.lines.await(l -> l.contains("🌐 ")));
        assertTrue(m.find());
        return m.group(1);
    }

    private Path tokenFile(String token) throws IOException {
        Path file = Files.writeString(dir.resolve("http-token"), token + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static HttpResponse<String> get(String url) {
        return get(url, null);
    }

    /** A GET with the token (none: null); an I/O error is unchecked, for awaitTrue's conditions. */
    private static HttpResponse<String> get(String url, String token) {
        try {
            return send("GET", url, token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> post(String url, String token) throws IOException {
        return send("POST", url, token);
    }

    private static HttpResponse<String> send(String method, String url, String token) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    /** promtool's own check of the metrics; skipped, saying why, where it is not installed (never in CI). */
    private void assertPromtoolAccepts(String metrics) throws Exception {
        Optional<Path> promtool = Supervisor.Venv.onPath("promtool", REPO, System.getenv(), false, Files::isExecutable);
        Assumptions.assumeTrue(promtool.isPresent() || System.getenv("CI") != null,
                "promtool is not installed (apt-get install -y prometheus): the metrics are checked by these "
                        + "assertions only");
        Process check = new ProcessBuilder(promtool.orElseThrow().toString(), "check", "metrics")
                .redirectErrorStream(true).start();
        try (OutputStream in = check.getOutputStream()) {
            in.write(metrics.getBytes(UTF_8));
        }
        String said = new String(check.getInputStream().readAllBytes(), UTF_8);
        assertEquals(0, check.waitFor(), said + "\n" + metrics);
        assertEquals("", said.strip(), metrics); // no lint warning either
    }

    /**
     * Headless Chromium on a page, driven over the DevTools protocol (java.net.http's WebSocket): what the page's
     * script made of the DOM, read as it is now.
     */
    static final class Browser implements AutoCloseable {
        private final Process process;
        private final java.net.http.WebSocket socket;
        private final java.util.concurrent.BlockingQueue<String> replies = new java.util.concurrent.LinkedBlockingQueue<>();
        private int id;

        Browser(Path chromium, Path profile, String url) throws Exception {
            process = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--user-data-dir=" + profile, "--remote-debugging-port=0", "--remote-allow-origins=*",
                    "--window-size=1000,1400", url).redirectErrorStream(true).start();
            CompletableFuture<String> devtools = new CompletableFuture<>();
            Thread reader = new Thread(() -> new java.io.BufferedReader(new java.io.InputStreamReader(
                    process.getInputStream(), UTF_8)).lines().forEach(line -> {
                        if (line.startsWith("DevTools listening on ")) {
                            devtools.complete(line.substring("DevTools listening on ".length()).strip());
                        }
                    }), "chromium-output");
            reader.setDaemon(true);
            reader.start();
            URI browser = URI.create(devtools.get(60, TimeUnit.SECONDS));
            String list = "http://" + browser.getAuthority() + "/json/list";
            String page = null;
            for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); page == null; Thread.sleep(50)) {
                Matcher m = Pattern.compile("\"webSocketDebuggerUrl\"\\s*:\\s*\"(ws://[^\"]+/page/[^\"]+)\"")
                        .matcher(get(list).body());
                page = m.find() ? m.group(1) : null;
                assertTrue(page != null || System.nanoTime() < deadline, "no page in " + list);
            }
            socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(page), new java.net.http.WebSocket.Listener() {
                private final StringBuilder partial = new StringBuilder();

                @Override
                public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence text,
                                                                      boolean last) {
                    partial.append(text);
                    if (last) {
                        replies.add(partial.toString());
                        partial.setLength(0);
                    }
                    ws.request(1);
                    return null;
                }
            }).get(20, TimeUnit.SECONDS);
        }

        /** One DevTools call: its reply's result, as JSON. */
        String call(String method, String params) throws Exception {
            int mine = ++id;
            socket.sendText("{\"id\":" + mine + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true)
                    .get(10, TimeUnit.SECONDS);
            while (true) {
                String reply = replies.poll(20, TimeUnit.SECONDS);
                assertNotNull(reply, "no reply to " + method);
                if (reply.startsWith("{\"id\":" + mine + ",")) {
                    return reply;
                }
            }
        }

        /** A JavaScript expression's string value in the page. */
        String evaluate(String expression) throws Exception {
            String reply = call("Runtime.evaluate", "{\"expression\":" + quoted(expression) + ",\"returnByValue\":true}");
            return python("import json, sys\nr = json.load(sys.stdin)['result']['result']\n"
                    + "sys.stdout.buffer.write(str(r.get('value', '')).encode())", reply);
        }

        String awaitValue(String expression, Predicate<String> holds) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String value = evaluate(expression);
            while (!holds.test(value)) {
                assertTrue(System.nanoTime() < deadline, "the page shows: " + value);
                Thread.sleep(100);
                value = evaluate(expression);
            }
            return value;
        }

        byte[] screenshot() throws Exception {
            String reply = call("Page.captureScreenshot", "{\"format\":\"png\"}");
            Matcher m = Pattern.compile("\"data\":\"([^\"]+)\"").matcher(reply);
            assertTrue(m.find(), reply);
            return java.util.Base64.getDecoder().decode(m.group(1));
        }

        private static String quoted(String text) {
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }

        /**
         * Chromium and its children (zygote, renderer, GPU), each gone before the test's folder, which holds the
         * profile they write, is deleted: waiting for the main process alone left a child writing in it.
         */
        @Override
        public void close() throws Exception {
            socket.abort();
            List<ProcessHandle> all = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
            process.destroy();
            for (ProcessHandle each : all) {
                try {
                    each.onExit().get(10, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    each.destroyForcibly();
                    each.onExit().get(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------ subcommands

    @Test
    @Timeout(30)
    void statusReportsARunningBotInBothForms() throws Exception {
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
        List<String> o = pythonReads(json.out(), "running", "botPid", "supervisorPid", "state", "runs", "nextRestart");
        assertEquals(List.of("true", pid, Long.toString(ProcessHandle.current().pid()), "RUNNING", "1"), o.subList(0, 5));
        assertTrue(o.get(5).matches("\\d{4}-\\d\\d-\\d\\dT.*"), "the next restart, a time: " + o.get(5));
        r.stop();
        assertEquals(0, r.exitCode());
    }

    @Test
    @Timeout(30)
    void statusJsonIsTheSnapshotAndPythonsJsonReadsIt() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        Running r = start("--run-time", "1h", "--", PYTHON, "bot.py");
        String pid = r.lines.pid(1);
        String json = execute(Map.of(), "status", "--dir", dir.toString(), "--json").out();
        String read = python("import json, sys; o = json.load(sys.stdin); print(o['running'], o['botPid'], o['supervisorPid'],"
                + " o['state'], o['runs'], o['command'][-1], o['dir'], o['lang'], o['botUptimeSeconds'] >= 0)", json);
        assertEquals(String.join(" ", "True", pid, String.valueOf(ProcessHandle.current().pid()), "RUNNING", "1", "bot.py",
                dir.toString(), "en", "True") + "\n", read, json);
        r.stop();
        assertEquals(0, r.exitCode());
    }

    @Test
    @Timeout(30)
    void statusReportsAStoppedBotInBothForms() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        Running r = start("--", PYTHON, "bot.py");
        r.lines.pid(1);
        r.stop();
        assertEquals(0, r.exitCode());
        assertEquals(List.of("null"), pythonReads(execute(Map.of(), "status", "--dir", dir.toString(), "--json").out(),
                "orphanBotPid"), "a bot stopped with its supervisor is no orphan");
        Result stopped = execute(Map.of(), "status", "--dir", dir.toString(), "--lang", "pt");
        assertEquals(3, stopped.exitCode());
        assertTrue(stopped.out().contains("parado"), stopped.out());
        assertEquals(List.of("false", "null"), pythonReads(execute(Map.of(), "status", "--dir", dir.toString(), "--json").out(),
                "running", "botPid"));
    }

    @Test
    @Timeout(30)
    void statusAfterGivingUpSaysFatalWithTheLastFailureAndTheBotsLastLines() throws Exception {
        writeBot("import sys; print('KeyError: API_KEY', file=sys.stderr); sys.exit(1)\n");
        Running r = start("--max-failures", "2", "--pause", "0s", "--", PYTHON, "bot.py");
        assertEquals(1, r.exitCode());
        Result status = execute(Map.of(), "status", "--dir", dir.toString(), "--json");
        assertEquals(3, status.exitCode());
        assertEquals(List.of("FATAL"), pythonReads(status.out(), "state"));
        Result text = execute(Map.of(), "status", "--dir", dir.toString(), "--lang", "en");
        assertEquals(3, text.exitCode());
        assertTrue(text.out().startsWith("○ not running (FATAL): the supervisor of the bot in " + dir
                + " gave up after 2 failures in a row"), text.out());
        assertTrue(text.out().contains("  the last failure (exited with code 1 after "), text.out());
        assertTrue(text.out().endsWith("    | KeyError: API_KEY" + System.lineSeparator()), text.out());
        Result pt = execute(Map.of(), "status", "--dir", dir.toString(), "--lang", "pt");
        assertTrue(pt.out().contains("desistiu após 2 falhas seguidas") && pt.out().contains("  a última falha ("),
                pt.out());
    }

    @Test
    @Timeout(60)
    void statusShowsTheMemoryOfTheBotsWholeTreeAsProcSumsIt() throws Exception {
        Path worker = dir.resolve("worker"); // a script with a shebang, as celery's: /proc shows its interpreter first
        Files.writeString(worker, "#!" + PYTHON + """

                import subprocess, sys, time
                subprocess.Popen([sys.executable, "-c", "x = b'1' * (100 * 1024 * 1024); import time; print('allocated', flush=True); time.sleep(60)"])
                time.sleep(60)
                """);
        Files.setPosixFilePermissions(worker, PosixFilePermissions.fromString("rwx------"));
        Running r = start("--max-memory", "1G", "--check-every", "1h", "--", "./worker");
        ProcessHandle bot = ProcessHandle.of(Long.parseLong(r.lines.pid(1))).orElseThrow();
        r.lines.await(l -> l.contains("allocated"));
        long before = treeRss(bot);
        Result json = execute(Map.of(), "status", "--dir", dir.toString(), "--json");
        long after = treeRss(bot);
        List<String> read = pythonReads(json.out(), "botMemoryBytes", "maxMemory");
        long shown = Long.parseLong(read.get(0));
        assertTrue(shown > 100 << 20, "the child's 100 MB counted: " + shown);
        long slack = 4 << 20;
        assertTrue(shown >= Math.min(before, after) - slack && shown <= Math.max(before, after) + slack,
                shown + " between " + before + " and " + after);
        assertEquals(String.valueOf(1L << 30), read.get(1));
        Result text = execute(Map.of(), "status", "--dir", dir.toString(), "--lang", "en");
        assertTrue(text.out().matches("(?s).*\\n  memory: 1\\d\\d(\\.\\d)?MB, the RSS of the bot's whole tree \\(--max-memory 1GB\\)\\n.*"),
                text.out());
        r.stop();
        assertEquals(0, r.exitCode());
    }

    /** The sum of VmRSS over a process and its descendants, read from /proc/PID/status. */
    private static long treeRss(ProcessHandle root) throws IOException {
        long sum = 0;
        for (ProcessHandle p : Stream.concat(Stream.of(root), root.descendants()).toList()) {
            sum += Files.readAllLines(Path.of("/proc/" + p.pid() + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).sum();
        }
        return sum;
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void statusOfAFolderNeverSupervisedExits3() throws IOException {
        Result never = execute(Map.of(), "status", "--dir", Files.createDirectory(dir.resolve("elsewhere")).toString());
        assertEquals(3, never.exitCode());
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void statusTakesTheFolderFromTheConfigFileGivenEitherWay() throws Exception {
        Path bot = Files.createDirectories(dir.resolve("bot"));
        Path config = dir.resolve("supervisor.properties");
        Files.writeString(config, "dir=" + bot + "\nrun-time=6h\n");
        Result option = execute(Map.of(), "status", "--config", config.toString());
        assertEquals(3, option.exitCode(), option.err());
        assertTrue(option.out().contains("no supervisor is running the bot in " + bot + "\n"), option.out());
        Result variable = execute(Map.of("SUPERVISOR_CONFIG", config.toString()), "status", "--json");
        assertEquals(3, variable.exitCode(), variable.err());
        assertTrue(variable.out().contains("\"dir\":\"" + bot + "\""), variable.out());
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void statusListsItsOwnExitCodes() {
        Result result = execute(Map.of(), "status", "--help");
        assertEquals(0, result.exitCode());
        assertTrue(Pattern.compile("Exit codes:\\R\\s+0\\s+a supervisor is running the bot\\R\\s+2\\s+bad usage.*\\R"
                + "\\s+3\\s+no supervisor is running the bot").matcher(result.out()).find(), result.out());
        Result portuguese = execute(Map.of("LANG", "pt_BR.UTF-8"), "status", "--help");
        assertTrue(portuguese.out().contains("Códigos de saída:"), portuguese.out());
        assertTrue(portuguese.out().contains("nenhum supervisor está rodando o bot"), portuguese.out());
    }

    @Test
    @Timeout(30)
    void statusSpeaksTheLanguageOfTheSupervisorItReportsOn() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        Running r = start("--lang", "pt", "--", PYTHON, "bot.py");
        String pid = r.lines.pid(1);
        r.lines.await(l -> l.contains("⏳"));
        Result recorded = execute(Map.of("LANG", "en_US.UTF-8"), "status", "--dir", dir.toString());
        assertEquals(0, recorded.exitCode());
        assertTrue(recorded.out().startsWith("● em execução: " + dir), recorded.out());
        assertTrue(recorded.out().contains("estado EM EXECUÇÃO, PID do bot " + pid), recorded.out());
        assertFalse(recorded.out().contains("RUNNING"), "no English state name in a Portuguese line");
        Result asked = execute(Map.of(), "status", "--dir", dir.toString(), "--lang", "en");
        assertTrue(asked.out().contains("state RUNNING, bot PID " + pid), asked.out());
        r.stop();
        assertEquals(0, r.exitCode());
    }

    @Test
    @Timeout(30)
    void statusNamesTheZoneOfTheNextRestart() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        Running r = start("--run-time", "1h", "--", PYTHON, "bot.py");
        r.lines.await(l -> l.contains("Running for"));
        String next = execute(Map.of(), "status", "--dir", dir.toString(), "--lang", "en").out().lines()
                .filter(l -> l.contains("next planned restart:")).findFirst().orElseThrow();
        ZoneId zone = ZoneId.systemDefault();
        String offset = java.time.format.DateTimeFormatter.ofPattern("x").format(ZonedDateTime.now(zone));
        assertTrue(next.matches(".*: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d " + Pattern.quote(offset)
                + (zone instanceof java.time.ZoneOffset ? "" : Pattern.quote(" (" + zone.getId() + ")"))), next);
        r.stop();
    }

    @Test
    @Timeout(30)
    void logsPrintsTheLastNLinesEvenAcrossARotation() throws Exception {
        writeBot("import sys, time\nfor i in range(400):\n    sys.stdout.write('line %d\\n' % i)\nprint('done', flush=True)\ntime.sleep(60)\n");
        Path log = dir.resolve("logs/bot.log");
        Running r = start("--name", "b", "--log-file", log.toString(), "--log-max-size", "8K", "--log-keep", "10",
                "--", PYTHON, "bot.py");
        r.lines.await(l -> l.endsWith("[b] done"));
        awaitTrue("done in " + log, () -> lines(log).stream().anyMatch(l -> l.endsWith("[b] done")));
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
        awaitTrue("ready in " + log, () -> lines(log).stream().anyMatch(l -> l.endsWith("[b] ready")));
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

    @Tag("pure")
    @Test
    @Timeout(10)
    void logsFollowingALineThatNeverEndsPrintsItAsItComesInsteadOfHoldingIt() throws Exception {
        Path log = dir.resolve("bot.log");
        Files.writeString(log, "é".repeat(2 << 20)); // 4 MiB and no newline: not a file the supervisor wrote
        StringWriter printed = new StringWriter();
        try (Supervisor.Logs.Follower follower = new Supervisor.Logs.Follower(log, new PrintWriter(printed))) {
            follower.poll();
            assertTrue(printed.toString().length() >= 1 << 20, "held back: " + printed.toString().length() + " chars");
            Files.writeString(log, "\n", java.nio.file.StandardOpenOption.APPEND);
            follower.poll();
        }
        assertEquals("é".repeat(2 << 20) + "\n", printed.toString());
    }

    @Test
    @Timeout(30)
    void logsWithoutALogFileSaysSoAndHowToAddOne() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        Running r = start("--", PYTHON, "bot.py");
        r.lines.pid(1);
        Result result = execute(Map.of(), "logs", "--dir", dir.toString(), "--lang", "en");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("logs to its stdout only: it runs without --log-file"), result.err());
        assertTrue(result.err().contains("Stop it and start it again with --log-file FILE"), result.err()); // restart keeps
        Result pt = execute(Map.of(), "logs", "--dir", dir.toString(), "--lang", "pt");
        assertTrue(pt.err().contains("Pare-o e inicie-o de novo com --log-file ARQUIVO (ou log-file=ARQUIVO"), pt.err());
        r.stop();
        assertEquals(0, r.exitCode());
        for (Result stopped : List.of(execute(Map.of(), "logs", "--dir", dir.toString(), "--lang", "en"),
                execute(Map.of(), "logs", "--dir", dir.toString(), "--lang", "pt"))) {
            assertEquals(2, stopped.exitCode());
            assertFalse(stopped.err().contains("runs without") || stopped.err().contains("roda sem"), stopped.err());
            assertTrue(stopped.err().contains("ran without --log-file") || stopped.err().contains("rodou sem --log-file"),
                    stopped.err());
        }
    }

    @Tag("pure")
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
        awaitTrue("hello in " + log, () -> lines(log).stream().anyMatch(l -> l.endsWith("[b] hello from the bot")));
        Result result = execute(Map.of("SUPERVISOR_CONFIG", config.toString()), "logs", "-n", "1");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(List.of("hello from the bot"), result.out().lines().map(SupervisorTest::afterTag).toList());
        r.stop();
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void configShowsThePythonARunWouldUse() throws Exception {
        Files.writeString(dir.resolve("bot_trading_system.py"), "print('hi')\n");
        Path python = Files.createDirectories(dir.resolve("venv/bin")).resolve("python3");
        Files.createSymbolicLink(python, Path.of(PYTHON));
        Result result = execute(Map.of(), "config", "--dir", dir.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().lines().anyMatch(l -> l.matches("command\\s+= " + Pattern.quote(python + " bot_trading_system.py")
                + "\\s+\\(what a run starts\\)")), result.out());
    }

    @Test
    @Timeout(30)
    void configSaysWhenASupervisorAlreadyRunsTheBot() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        Result before = execute(testEnv(), "config", "--dir", dir.toString(), "--", PYTHON, "bot.py");
        assertEquals(0, before.exitCode(), before.err());
        assertEquals("", before.err(), "nothing to note while none runs");
        Running r = spawn("--", PYTHON, "bot.py");
        r.lines.pid(1);
        Result during = execute(testEnv(), "config", "--dir", dir.toString(), "--", PYTHON, "bot.py");
        assertEquals(0, during.exitCode(), during.err());
        assertEquals("supervisor: note: a supervisor (PID " + r.process.pid() + ") is already running the bot in " + dir
                + ": a run now would exit 3 (see 'supervisor status --dir " + dir + "')", during.err().strip());
        assertEquals(before.out(), during.out(), "the settings are shown as before");
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void configExits2OnAMissingVenvAsARunWould() throws Exception {
        Files.writeString(dir.resolve("bot_trading_system.py"), "print('hi')\n");
        Result config = execute(Map.of(), "config", "--dir", dir.toString());
        Result run = execute(Map.of(), "--dir", dir.toString());
        assertEquals(2, config.exitCode(), config.out());
        assertTrue(config.err().startsWith("supervisor: Python executable not found (looked for " + dir.resolve("venv/bin/python3")),
                config.err());
        assertEquals(run.err(), config.err());
        assertEquals("", config.out(), "nothing printed as if the settings were fine");
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void configShowsEachPathAsARunTakesIt() throws Exception {
        Path here = Path.of("").toAbsolutePath();
        Path env = Files.writeString(dir.resolve("bot.env"), "A=1\n");
        Result result = execute(Map.of(), "config", "--dir", here.relativize(dir).toString(), "--log-file", "logs/s.log",
                "--env-file", here.relativize(env).toString(), "--max-silence", "1m", "--heartbeat-file", "beat",
                "--script", "bots/../main.py", "--", PYTHON);
        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = result.out().lines().map(l -> l.replaceAll("\\s+", " ")).toList();
        assertTrue(lines.contains("dir = " + dir + " (command line)"), result.out());
        assertTrue(lines.contains("log-file = " + here.resolve("logs/s.log") + " (command line)"), result.out());
        assertTrue(lines.contains("env-file = " + env + " (command line)"), result.out());
        assertTrue(lines.contains("heartbeat-file = " + dir.resolve("beat") + " (command line)"), "from --dir: " + result.out());
        assertTrue(lines.contains("script = " + dir.resolve("main.py") + " (command line)"), "from --dir: " + result.out());
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void configSaysWhereEachSettingCameFromInPortuguese() {
        Result result = execute(Map.of("SUPERVISOR_GRACE", "5s"), "config", "--lang", "pt", "--dir", dir.toString(), "--pause", "1500ms", "--", PYTHON);
        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = result.out().lines().map(l -> l.replaceAll("\\s+", " ")).toList();
        assertTrue(lines.contains("pause = 1,5s (linha de comando)"), result.out());
        assertTrue(lines.contains("grace = 5s (ambiente SUPERVISOR_GRACE)"), result.out());
        assertTrue(lines.contains("log-keep = 5 (padrão)"), result.out());
    }

    /** 'supervisor unit' as a test runs it: from the repository's root, with a JBang folder of its own (no app). */
    private Result unit(Map<String, String> extraEnv, String... args) throws IOException {
        Path jbang = Files.createDirectories(dir.resolve("jbang"));
        Map<String, String> env = new HashMap<>(Map.of("JBANG_DIR", jbang.toString()));
        env.putAll(extraEnv);
        List<String> all = new ArrayList<>(List.of("unit"));
        all.addAll(List.of(args));
        return execute(env, all.toArray(String[]::new));
    }

    /** The unit's lines that set key (ExecStart, Environment...), without "key=". */
    private static List<String> settingOf(String unit, String key) {
        return unit.lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1)).toList();
    }

    /** systemd's own check of a unit file; skipped, saying why, where systemd-analyze is not installed. */
    private void assertSystemdAccepts(String unit) throws Exception {
        Optional<Path> analyze = Supervisor.Venv.onPath("systemd-analyze", REPO, System.getenv(), false,
                Files::isExecutable);
        Assumptions.assumeTrue(analyze.isPresent(), "systemd-analyze is not installed (apt-get install -y systemd): "
                + "the unit is checked by these assertions only");
        Path file = Files.writeString(dir.resolve("bot-under-test.service"), unit);
        Process verify = new ProcessBuilder(analyze.get().toString(), "verify", file.toString())
                .redirectErrorStream(true).start();
        String said = new String(verify.getInputStream().readAllBytes(), UTF_8);
        assertEquals(0, verify.waitFor(), said + "\n" + unit);
        assertEquals("", said, unit); // no warning either: no unknown key, no bad value
    }

    /** A run takes these files from --dir: the unit keeps them as given, whatever folder it was made in. */
    @Tag("repository")
    @Test
    @Timeout(30)
    void aUnitKeepsTheFilesARunTakesFromItsFolderRelative() throws Exception {
        Path bot = Files.createDirectories(dir.resolve("bot"));
        Files.writeString(bot.resolve("bot_trading_system.py"), "print('hi')\n");
        Result result = unit(Map.of(), "--dir", bot.toString(), "--python", PYTHON, "--max-silence", "1m",
                "--heartbeat-file", "hb", "--defer-restart-while", "busy.flag");
        assertEquals(0, result.exitCode(), result.err());
        String start = settingOf(result.out(), "ExecStart").get(0);
        assertTrue(start.endsWith(" --heartbeat-file hb --defer-restart-while busy.flag"), start);
    }

    @Tag("repository")
    @Test
    @Timeout(30)
    void aUnitRunsThisSupervisorWithTheOptionsGivenAndSystemdAcceptsIt() throws Exception {
        Path bot = Files.createDirectories(dir.resolve("my bot 100% $HOME"));
        Files.writeString(bot.resolve("bot_trading_system.py"), "print('hi')\n");
        Result result = unit(Map.of(), "--dir", bot.toString(), "--python", PYTHON, "--grace", "20s", "--restart-at",
                "04:00,16:00", "--on-event", "/bin/echo 'a b'");
        assertEquals(0, result.exitCode(), result.err());
        String unit = result.out();
        String quoted = "\"" + bot.toString().replace("%", "%%").replace("$", "$$") + "\"";
        // The script's route, as the tests run: the launcher next to it, the script, then the options given.
        assertEquals(List.of(REPO.resolve("jbang") + " " + REPO.resolve("Supervisor.java") + " --dir " + quoted
                + " --python " + PYTHON + " --grace 20s --restart-at 04:00,16:00 --on-event \"/bin/echo 'a b'\""),
                settingOf(unit, "ExecStart"));
        assertEquals(List.of(bot.toString().replace("%", "%%")), settingOf(unit, "WorkingDirectory"));
        assertEquals(List.of(System.getProperty("user.name")), settingOf(unit, "User"));
        assertEquals(List.of("mixed"), settingOf(unit, "KillMode"));
        // the 20s grace, three SIGKILL rounds of 5s, 2s for the last lines, 3s for the last hooks, 5s more
        assertEquals(List.of("45s"), settingOf(unit, "TimeoutStopSec"), "the worst stop and a margin");
        assertEquals(List.of("yes"), settingOf(unit, "Delegate"));
        assertEquals(List.of("on-failure"), settingOf(unit, "Restart"));
        assertEquals(List.of("60s"), settingOf(unit, "RestartSec"));
        assertEquals(List.of("0"), settingOf(unit, "StartLimitIntervalSec"), "systemd never gives up on it");
        assertEquals(List.of("2 3"), settingOf(unit, "RestartPreventExitStatus"));
        assertEquals(List.of("143"), settingOf(unit, "SuccessExitStatus"));
        assertEquals(List.of("bot_trading_system"), settingOf(unit, "SyslogIdentifier"));
        assertTrue(settingOf(unit, "Environment").contains("JBANG_DIR=" + dir.resolve("jbang")), unit);
        assertSystemdAccepts(unit);
    }

    @Tag("pure")
    @Tag("repository")
    @Test
    @Timeout(10)
    void aUnitsEnvFileStaysAPathAndNoValueIsShown() throws Exception {
        Path env = dir.resolve("bot.env");
        Files.writeString(env, "EXCHANGE_KEY=s3cr3t-value\n");
        Result result = unit(Map.of(), "--dir", dir.toString(), "--env-file", env.toString(), "--", PYTHON, "bot.py");
        assertEquals(0, result.exitCode(), result.err());
        String execStart = settingOf(result.out(), "ExecStart").get(0);
        assertTrue(execStart.contains(" --env-file " + env + " -- " + PYTHON + " bot.py"), execStart);
        assertFalse(result.out().contains("s3cr3t") || result.err().contains("s3cr3t"), "a value was shown");
        assertFalse(result.out().contains("EXCHANGE_KEY"), "a name of the env file is in the unit: " + result.out());
    }

    @Tag("pure")
    @Tag("repository")
    @Test
    @Timeout(10)
    void aUnitCarriesTheSupervisorVariablesButLeavesTheConfigFilesSettingsInTheFile() throws Exception {
        Path config = dir.resolve("supervisor.properties");
        Files.writeString(config, "run-time=6h\n");
        Result result = unit(Map.of("SUPERVISOR_GRACE", "20s", "SUPERVISOR_CONFIG", config.toString()),
                "--dir", dir.toString(), "--", PYTHON);
        assertEquals(0, result.exitCode(), result.err());
        String execStart = settingOf(result.out(), "ExecStart").get(0);
        assertTrue(execStart.contains(" --grace 20s --config " + config + " -- "), execStart); // systemd passes neither
        assertFalse(execStart.contains("--run-time"), execStart); // the file, read at each start, has it
    }

    @Tag("pure")
    @Tag("repository")
    @Test
    @Timeout(10)
    void aUnitSpeaksTheLanguageItWasMadeIn() throws Exception {
        Result result = unit(Map.of("LANG", "pt_BR.UTF-8"), "--dir", dir.toString(), "--", PYTHON);
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(settingOf(result.out(), "ExecStart").get(0).endsWith(" --lang pt -- " + PYTHON), result.out());
        assertEquals(List.of(Supervisor.Venv.baseName(PYTHON) + " em " + dir + ", mantido no ar pelo supervisor"),
                settingOf(result.out(), "Description"));
        assertTrue(result.out().startsWith("# Gerada por 'supervisor unit' (supervisor " + Supervisor.VERSION + ")"),
                result.out());
    }

    /** At boot no virtualenv is activated: a Python found through $VIRTUAL_ENV is named in the unit with --venv. */
    @Tag("repository")
    @Test
    @Timeout(30)
    void aUnitMadeWithAVenvActivatedRunsThatVenvsPython() throws Exception {
        Path bot = Files.createDirectories(dir.resolve("bot"));
        Files.writeString(bot.resolve("bot_trading_system.py"), "print('hi')\n");
        Path active = Files.createDirectories(dir.resolve("active venv/bin")).getParent();
        Files.createSymbolicLink(active.resolve("bin/python3"), Path.of(PYTHON));
        Result result = unit(Map.of("VIRTUAL_ENV", active.toString()), "--dir", bot.toString());
        assertEquals(0, result.exitCode(), result.err());
        String start = settingOf(result.out(), "ExecStart").get(0);
        assertTrue(start.endsWith(" --dir " + bot + " --venv \"" + active + "\""), start);
        assertSystemdAccepts(result.out());
        Files.createDirectories(bot.resolve(".venv/bin"));
        Files.createSymbolicLink(bot.resolve(".venv/bin/python3"), Path.of(PYTHON));
        String own = settingOf(unit(Map.of("VIRTUAL_ENV", active.toString()), "--dir", bot.toString()).out(),
                "ExecStart").get(0);
        assertTrue(own.endsWith(" --dir " + bot), "the bot's own venv is found at boot too: " + own);
    }

    @Tag("pure")
    @Tag("repository")
    @Test
    @Timeout(10)
    void aUnitWithBadOptionsExits2AndPrintsNoUnit() throws Exception {
        Result zero = unit(Map.of(), "--dir", dir.toString(), "--min-uptime", "0", "--", PYTHON);
        assertEquals(2, zero.exitCode(), zero.err());
        assertTrue(zero.err().startsWith("supervisor: --min-uptime must be longer than 0"), zero.err());
        assertEquals("", zero.out());
        Result noScript = unit(Map.of(), "--dir", dir.toString());
        assertEquals(2, noScript.exitCode(), noScript.err());
        assertTrue(noScript.err().startsWith("supervisor: Script not found: "), noScript.err());
        assertEquals("", noScript.out());
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            plain                | --grace        | --grace
            a blank              | my bot         | "my bot"
            a specifier          | 100%           | 100%%
            a variable           | $HOME          | $$HOME
            a quote, a backslash | a"b\\c         | "a\\"b\\\\c"
            a single quote       | it's           | "it's"
            a semicolon          | ;              | ";"
            nothing              | ``             | ""
            """)
    @Timeout(10)
    void anExecStartWordIsQuotedAsSystemdReadsIt(String name, String word, String expected) {
        assertEquals(expected, Supervisor.SystemdUnit.word(word, true));
    }

    @Tag("repository")
    @Test
    @Timeout(30)
    void theUnitOfTheInstalledCommandRunsItWithJbangsFolderOnThePath() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("jbang/bin"));
        Path other = Files.writeString(dir.resolve("Other.java"), "class Other {}\n");
        Path app = bin.resolve("supervisor");
        Path notThis = Files.writeString(bin.resolve("aaa-other"), "#!/bin/sh\nexec jbang run " + other + " \"$@\"\n");
        Files.writeString(app, "#!/bin/sh\nexec jbang run " + REPO.resolve("Supervisor.java") + " \"$@\"\n");
        for (Path command : List.of(notThis, app)) {
            Files.setPosixFilePermissions(command, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Result result = unit(Map.of(), "--dir", dir.toString(), "--", PYTHON);
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(List.of(app + " --dir " + dir + " -- " + PYTHON), settingOf(result.out(), "ExecStart"));
        assertTrue(settingOf(result.out(), "Environment").contains("PATH=" + bin + ":/usr/local/sbin:/usr/local/bin:"
                + "/usr/sbin:/usr/bin:/sbin:/bin"), "the command calls jbang: " + result.out());
        assertSystemdAccepts(result.out());
    }

    @Tag("pure")
    @Tag("repository")
    @Test
    @Timeout(10)
    void theUnitOfTheFatJarRunsItWithTheScriptsJavaOptions() throws Exception {
        Path java = Path.of("/usr/lib/jvm/17/bin/java");
        Path jar = Path.of("/opt/supervisor/supervisor.jar");
        Supervisor.Route route = Supervisor.Route.fatJar(java, jar);
        List<String> command = route.command();
        assertEquals(java.toString(), command.get(0));
        assertEquals(List.of("-jar", jar.toString()), command.subList(command.size() - 2, command.size()));
        // This JVM runs with the script's options (JBang applies them), as the README runs the jar: the unit keeps them.
        assertTrue(command.containsAll(scriptJavaOptions()), command.toString());
        assertEquals(Map.of(), route.environment(), "a jar needs nothing but java");
    }

    @Test
    @Timeout(30)
    void aUnitIsRefusedWhenThisSupervisorIsNoneOfTheThreeRoutes() throws Exception {
        // The script run from another folder than its own, with no installed command: nothing a unit could start.
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "Supervisor",
                "unit", "--dir", dir.toString(), "--", PYTHON).directory(dir.toFile());
        withoutSettingsOrLocale(builder.environment()).put("JBANG_DIR", dir.resolve("no-jbang").toString());
        Process unit = builder.start();
        String out = new String(unit.getInputStream().readAllBytes(), UTF_8);
        String err = new String(unit.getErrorStream().readAllBytes(), UTF_8);
        assertEquals(1, unit.waitFor(), err);
        assertEquals("", out);
        assertTrue(err.startsWith("supervisor: cannot tell how this supervisor was started, so no unit could start it "
                + "again"), err);
    }

    /** A command that runs a jar: java (a path, a quoted JSON word, java.exe), its options, -jar, the jar, then what follows. */
    static final Pattern JAR_RUN = Pattern.compile("\\bjava(?:\\.exe)?\\b[^\\n]*?-jar[\",\\s]+([^\\s\",]+\\.jar)[\",\\]\\s]*([\\w-]*)");

    /** Lines continued with a trailing \ (shell, Dockerfile, systemd) or ^ (Windows cmd) joined into one. */
    private static List<String> joinContinuedLines(List<String> lines) {
        List<String> joined = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.stripTrailing();
            boolean continued = trimmed.endsWith("\\") || trimmed.endsWith("^");
            current.append(continued ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
            if (!continued) {
                joined.add(current.toString());
                current.setLength(0);
            }
        }
        joined.add(current.toString());
        return joined;
    }

    @Test
    @Timeout(10)
    void everyDocumentedWayToRunTheJarUsesTheScriptsJavaOptions() throws IOException {
        Path script = REPO.resolve("Supervisor.java");
        assertTrue(Files.isRegularFile(script), "run the tests from the repository's root: " + REPO);
        List<String> flags = Files.readAllLines(script).stream().filter(l -> l.startsWith("//RUNTIME_OPTIONS "))
                .flatMap(l -> Arrays.stream(l.substring("//RUNTIME_OPTIONS ".length()).trim().split("\\s+"))).toList();
        assertTrue(flags.size() >= 5 && flags.contains("-XX:-UsePerfData"), "the //RUNTIME_OPTIONS lines: " + flags);
        // The README, CONTRIBUTING.md and bench/README.md, every page under docs/ (the Portuguese guide too) and examples/.
        List<Path> docs = new ArrayList<>(List.of(REPO.resolve("README.md"), REPO.resolve("CONTRIBUTING.md"), REPO.resolve("bench/README.md")));
        for (String folder : List.of("docs", "examples")) {
            try (Stream<Path> files = Files.walk(REPO.resolve(folder))) {
                files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".png")).sorted().forEach(docs::add);
            }
        }
        // One-shot commands (status, restart, stop, logs, config, unit, --version) neither idle nor stay: no flags needed.
        Set<String> oneShot = Set.of("status", "restart", "stop", "logs", "config", "unit", "completion", "--version",
                "-V", "--help", "-h");
        List<String> runs = new ArrayList<>();
        for (Path doc : docs) {
            for (String command : joinContinuedLines(Files.readAllLines(doc, UTF_8))) {
                Matcher run = JAR_RUN.matcher(command);
                if (run.find() && !oneShot.contains(run.group(2))) {
                    runs.add(REPO.relativize(doc) + ": " + command.strip());
                    for (String flag : flags) {
                        assertTrue(command.contains(flag), REPO.relativize(doc) + " runs the jar without " + flag + ":\n" + command.strip());
                    }
                }
            }
        }
        // The README's jar, docs/deployment.md's, the Portuguese guide's Windows line, cron's two lines, the systemd unit,
        // the Dockerfile, the Windows notes.
        assertTrue(runs.size() >= 9, "found only these:\n" + String.join("\n", runs));
    }

    /** One file, copied onto servers as it is: nothing it needs may live beside it. */
    @Tag("pure")
    @Tag("repository")
    @Test
    @Timeout(10)
    void theScriptIsOneFileWithoutSourcesOrFiles() throws IOException {
        List<String> directives = Files.readAllLines(REPO.resolve("Supervisor.java")).stream()
                .filter(line -> line.startsWith("//SOURCES") || line.startsWith("//FILES")).toList();
        assertEquals(List.of(), directives);
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void completionScriptsAreProduced() {
        for (String shell : List.of("bash", "zsh")) {
            Result result = execute(Map.of(), "completion", shell);
            assertEquals(0, result.exitCode(), result.err());
            assertTrue(result.out().contains("complete -F"), result.out());
            assertTrue(result.out().contains("--run-time"), "knows the options");
            assertTrue(result.out().contains("status") && result.out().contains("unit"), "knows the subcommands");
        }
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void completionAndHelpKnowTheLogsCommandAndTheNewOptions() {
        Result completion = execute(Map.of(), "completion", "bash");
        for (String word : List.of("logs", "ls", "list", "--follow", "--lines", "--stop-signal", "--env-file")) {
            assertTrue(completion.out().contains(word), word);
        }
        Result help = execute(Map.of(), "--help");
        for (String word : List.of("supervisor logs [NAME | --dir DIR] [-n N] [-f]", "supervisor ls [--json]",
                "supervisor stop [NAME | --dir DIR | --all]", "supervisor restart [NAME | --dir DIR | --all] [--now]",
                "--stop-signal", "--env-file")) {
            assertTrue(help.out().contains(word), word);
        }
        Result logsHelp = execute(Map.of(), "logs", "--help", "--lang", "en");
        for (String word : List.of("-f, --follow", "-n, --lines=N", "3   no supervisor has run the bot in --dir")) {
            assertTrue(logsHelp.out().contains(word), word + " in " + logsHelp.out());
        }
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void subcommandHelpFollowsTheLocale() {
        Result status = execute(Map.of("LANG", "pt_BR.UTF-8"), "status", "--help");
        assertEquals(0, status.exitCode());
        assertTrue(status.out().contains("Diz se um supervisor está rodando o bot"), status.out());
        assertTrue(status.out().contains("Um objeto JSON, para scripts."), status.out());
        Result english = execute(Map.of("LANG", "pt_BR.UTF-8"), "--lang", "en", "completion", "--help");
        assertTrue(english.out().contains("Prints a completion script for bash or zsh"), english.out());
    }

    // ------------------------------------------------------------------------------------ values

    @Tag("pure")
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "3600, PT1H", "15, PT15S", "0, PT0S", "500ms, PT0.5S", "90s, PT1M30S", "15m, PT15M", "1h, PT1H",
            "1h30m, PT1H30M", "2d, PT48H", "1d2h3m4s5ms, PT26H3M4.005S", "PT1H, PT1H", "pt90s, PT1M30S", "' 10s ', PT10S"})
    @Timeout(5)
    void durationsParse(String text, String iso) {
        assertEquals(Duration.parse(iso), Supervisor.Durations.parse(text));
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0} is refused")
    @CsvSource({"5x", "-1", "1.5h", "h", "''", "30m1h", "1h1h", "PT-1H", "1 h", "ms"})
    @Timeout(5)
    void badDurationsAreRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Supervisor.Durations.parse(text));
        assertTrue(e.getMessage().contains("is not a duration"), e.getMessage());
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0} is refused as too long")
    @CsvSource({"200000d", "99999999999999999999s", "99999999999999999999", "PT9999999999H"})
    @Timeout(5)
    void durationsBeyondAHundredYearsAreRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Supervisor.Durations.parse(text));
        assertTrue(e.getMessage().contains("is longer than the 100 years taken") || e.getMessage().contains("is not a duration"),
                e.getMessage());
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void aHundredYearsIsTheLongestDuration() {
        assertEquals(Duration.ofDays(36_500), Supervisor.Durations.parse("36500d"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Supervisor.Durations.parse("36500d1ms"));
        assertEquals("'36500d1ms' is longer than the 100 years taken", e.getMessage());
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource({"3600000, 1h", "500, 500ms", "1500, 1.5s", "42000, 42s", "5400000, 1h30m", "90061000, 1d1h1m1s"})
    @Timeout(5)
    void durationsFormat(long millis, String shown) {
        assertEquals(shown, Supervisor.Durations.format(Duration.ofMillis(millis)));
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0} ms reads {1}")
    @CsvSource({"0, 0ms", "999, 999ms", "1000, 1s", "1010, 1.01s", "9999, 9.99s", "10000, 10s", "10999, 10s", "59999, 59s",
            "60000, 1m", "61000, 1m1s", "3599000, 59m59s", "86400000, 1d", "90000000, 1d1h"})
    @Timeout(5)
    void durationsFormatAtTheUnitBoundaries(long millis, String shown) {
        assertEquals(shown, Supervisor.Durations.format(Duration.ofMillis(millis)));
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({"512M, 536870912", "2G, 2147483648", "10MB, 10485760", "64k, 65536", "1gb, 1073741824", "' 8 K ', 8192"})
    @Timeout(5)
    void sizesParse(String text, long bytes) {
        assertEquals(bytes, Supervisor.Sizes.parse(text));
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0} is refused")
    @CsvSource({"512, needs a unit", "5T, is not a size", "M, is not a size", "0M, out of range", "-1M, is not a size"})
    @Timeout(5)
    void badSizesAreRefused(String text, String says) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Supervisor.Sizes.parse(text));
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0} bytes read {1}")
    @CsvSource({"1073741824, 1GB", "2147483648, 2GB", "1074790400, 1025MB", "1073741823, 1024.0MB", "1048576, 1MB",
            "10485760, 10MB", "851863142, 812.4MB", "1572864, 1.5MB", "1310720, 1.3MB", "1048575, 1023KB", "524288, 512KB", "1024, 1KB"})
    @Timeout(5)
    void sizesFormatAsTheOptionsTakeThem(long bytes, String shown) {
        assertEquals(shown, Supervisor.Sizes.format(bytes));
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void theLargestSizeTakenFitsInALong() {
        assertEquals((Long.MAX_VALUE >> 10) << 10, Supervisor.Sizes.parse((Long.MAX_VALUE >> 10) + "K"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Supervisor.Sizes.parse(((Long.MAX_VALUE >> 10) + 1) + "K"));
        assertTrue(e.getMessage().endsWith("is out of range"), e.getMessage());
    }

    @Tag("pure")
    @Test
    @Timeout(5)
    void aSizeWithMoreDigitsThanALongHoldsIsOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Supervisor.Sizes.parse("99999999999999999999K"));
        assertEquals("'99999999999999999999K' is out of range", e.getMessage());
    }

    // ------------------------------------------------------------------------------------ the words

    @Tag("pure")
    @Test
    @Timeout(5)
    void everyMessageHasAnEnglishAndAPortugueseText() {
        List<Supervisor.Text> all = Stream.<Supervisor.Text[]>of(Supervisor.Msg.values(), Supervisor.Phrase.values(),
                Supervisor.Help.values())
                .flatMap(Arrays::stream).toList();
        for (Supervisor.Text msg : all) {
            assertNotNull(Supervisor.Texts.EN.get(msg), "en: " + msg);
            assertNotNull(Supervisor.Portuguese.PT.get(msg), "pt: " + msg);
            assertEquals(count(Supervisor.Texts.EN.get(msg), "%s"), count(Supervisor.Portuguese.PT.get(msg), "%s"), "placeholders: " + msg);
        }
        assertEquals(all.size(), Supervisor.Texts.EN.size(), "every entry of a table is a Msg, a Phrase or a Help");
        assertEquals(all.size(), Supervisor.Portuguese.PT.size());
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void everyOptionHasItsOwnHelpTextInEachLanguage() {
        Map<Supervisor.Lang, Map<String, String>> texts = new HashMap<>();
        for (Supervisor.Lang lang : Supervisor.Lang.values()) {
            CommandLine cmd = Supervisor.commandLine(quietSupervisor(Map.of()), Map.of(), true);
            cmd.setResourceBundle(Supervisor.Texts.help(lang));
            Map<String, String> shown = new HashMap<>();
            for (CommandLine c : Stream.concat(Stream.of(cmd), cmd.getSubcommands().values().stream()).toList()) {
                assertTrue(c.getCommandSpec().usageMessage().description().length > 0, lang + " " + c.getCommandName());
                c.getCommandSpec().args().forEach(arg -> shown.put(c.getCommandName() + " " + arg,
                        String.join(" ", arg.description())));
            }
            shown.forEach((arg, text) -> assertFalse(text.isBlank(), lang + ": no help for " + arg));
            texts.put(lang, shown);
        }
        texts.get(Supervisor.Lang.en).forEach((arg, text) ->
                assertFalse(text.equals(texts.get(Supervisor.Lang.pt).get(arg)), "not translated: " + arg));
    }

    /** The placeholders too: DURAÇÃO, ARQUIVO in Portuguese; and back to DURATION for the next, English, help. */
    @Tag("pure")
    @Test
    @Timeout(30)
    void helpPlaceholdersAreInTheHelpsLanguage() {
        Result pt = execute(Map.of(), "--lang", "pt", "--help");
        assertTrue(pt.out().contains("--run-time=DURAÇÃO") && pt.out().contains("--log-file=ARQUIVO"), pt.out());
        assertTrue(pt.out().startsWith("Uso: supervisor [OPÇÕES] [-- COMANDO [ARG...]]"), pt.out());
        Result en = execute(Map.of(), "--lang", "en", "--help");
        assertTrue(en.out().contains("--run-time=DURATION") && en.out().contains("--log-file=FILE"), en.out());
        assertTrue(en.out().startsWith("Usage: supervisor [OPTIONS] [-- COMMAND [ARG...]]"), en.out());
        Result missing = execute(Map.of(), "--lang", "pt", "--dir", "/tmp", "--grace");
        assertTrue(missing.err().contains("DURAÇÃO"), missing.err());
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void helpIsInPortugueseWithEveryOptionAndItsDefault() {
        Result result = execute(Map.of(), "--help", "--lang", "pt");
        assertEquals(0, result.exitCode());
        for (String option : List.of("--dir", "--script", "--venv", "--python", "--run-time", "--pause", "--grace",
                "--max-failures", "--min-uptime", "--log-file", "--lang", "--max-memory", "--restart-at", "--on-event", "--config")) {
            assertTrue(result.out().contains(option), option);
        }
        assertTrue(result.out().startsWith("Uso: supervisor"), result.out());
        assertTrue(result.out().contains("(padrão: 1h)"), result.out());
        assertTrue(result.out().contains("Códigos de saída:"), result.out());
        assertTrue(result.out().contains("encerrado a pedido (Ctrl+C, SIGTERM, SIGHUP)"), result.out());
        assertFalse(result.out().contains("Show this help message"), result.out());
        assertFalse(result.out().contains("(default: "), result.out());
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

    @Tag("pure")
    @Test
    @Timeout(30)
    void portugueseErrorsReadAsTheOriginalTool() throws Exception {
        Result script = execute(Map.of("LANG", "pt_BR.UTF-8"), "--dir", dir.toString(), "--python", PYTHON);
        assertTrue(script.err().contains("Script não encontrado: " + dir.resolve("bot_trading_system.py")), script.err());
        Files.writeString(dir.resolve("bot_trading_system.py"), "print('hi')\n"); // the script is checked first
        Result python = execute(Map.of("PATH", "/nowhere", "LANG", "pt_BR.UTF-8"), "--dir", dir.toString());
        assertTrue(python.err().contains("Executável Python não encontrado"), python.err());
        assertTrue(python.err().contains("python3 -m venv " + dir.resolve("venv") + "\n"), python.err());
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

    @Tag("pure")
    @Test
    @Timeout(10)
    void aBadDurationIsExplainedInPortuguese() {
        Result result = execute(Map.of(), "--lang", "pt", "--dir", dir.toString(), "--pause", "logo");
        assertEquals(2, result.exitCode());
        assertEquals("supervisor: Valor inválido para a opção '--pause': 'logo' não é uma duração: use segundos (3600) ou "
                + "500ms, 90s, 15m, 1h, 1h30m, 2d, PT1H\nRode 'supervisor --help' para ver as opções.\n", result.err());
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0} ms reads {1}")
    @CsvSource({"3600000, 3600s", "500, 0.5s", "1250, 1.25s", "1001, 1.001s", "0, 0s", "50, 0.05s", "61010, 61.01s"})
    @Timeout(5)
    void durationsInSecondsReadAsTheOriginalTool(long millis, String shown) {
        assertEquals(shown, Supervisor.Durations.seconds(Duration.ofMillis(millis)));
    }

    @Tag("pure")
    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            en | 1500 | 851886489 | Bot stopped gracefully in 1.5s  | the bot uses 812.4MB
            pt | 1500 | 851886489 | Bot encerrado graciosamente em 1,5s | o bot usa 812,4MB
            """)
    @Timeout(5)
    void portugueseShowsDecimalCommas(Supervisor.Lang lang, long millis, long bytes, String stopped, String memory) {
        assertEquals(stopped, Supervisor.Log.message(lang, Supervisor.Msg.STOPPED_GRACEFULLY,
                Supervisor.Durations.format(Duration.ofMillis(millis))));
        String restart = Supervisor.Log.message(lang, Supervisor.Msg.MEMORY_RESTART, Supervisor.Sizes.format(bytes),
                Supervisor.Sizes.format(512L << 20), 3);
        assertTrue(restart.contains(memory), restart);
        assertEquals(lang == Supervisor.Lang.pt ? "Comando: python3 bot.py --every 1.5s (em /srv/v1.5s)" : "Command: python3 bot.py --every 1.5s (in /srv/v1.5s)",
                Supervisor.Log.message(lang, Supervisor.Msg.COMMAND, "python3 bot.py --every 1.5s", "/srv/v1.5s"), "a command is shown as given");
    }

    @Test
    @Timeout(30)
    void aPortugueseRunShowsFractionsWithACommaInItsLines() throws Exception {
        writeBot("import sys; sys.exit(2)\n");
        Running r = start("--lang", "pt", "--pause", "1500ms", "--max-failures", "2", "--", PYTHON, "bot.py");
        assertEquals(1, r.exitCode());
        assertTrue(r.lines.contains("pause 1,5s"), String.join("\n", r.lines.all()));
        assertTrue(r.lines.contains("⏸️ Aguardando 1,5s antes de tentar de novo..."), String.join("\n", r.lines.all()));
    }

    // ------------------------------------------------------------------------------------ harness

    /** No arguments: every test; --tag pure: the tests that start no process (seconds); else the tests named. */
    public static void main(String... args) {
        int code = 1;
        try {
            code = runTests(args);
        } catch (Throwable t) { // what JUnit rethrows (an OutOfMemoryError): said, and the JVM ends, which JUnit's
            t.printStackTrace(); // timeout threads would otherwise keep alive for good
        } finally {
            System.exit(code);
        }
    }

    /** Runs the tests the arguments name (all, a tag's, or methods by name); 0 when none failed. */
    static int runTests(String... args) {
        boolean byTag = args.length == 2 && args[0].equals("--tag");
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
                .selectors(args.length == 0 || byTag ? List.of(selectClass(SupervisorTest.class))
                        : Arrays.stream(SupervisorTest.class.getDeclaredMethods())
                                .filter(m -> Arrays.asList(args).contains(m.getName()))
                                .map(m -> selectMethod(SupervisorTest.class, m)).toList());
        if (byTag) {
            builder.filters(org.junit.platform.launcher.TagFilter.includeTags(args[1]));
        }
        LauncherDiscoveryRequest request = builder.build();
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
        return failed == 0 ? 0 : 1;
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
                TestExecutionResult.Status status = result.getStatus();
                String mark = status == TestExecutionResult.Status.SUCCESSFUL ? "ok  "
                        : status == TestExecutionResult.Status.ABORTED ? "skip" : "FAIL";
                System.out.printf("%s %-70s %6d ms%n", mark, test.getLegacyReportingName(), ms);
                if (status == TestExecutionResult.Status.ABORTED) { // an assumption did not hold: say which
                    result.getThrowable().ifPresent(why -> System.out.println("     " + why.getMessage()));
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------ the registry and ls

    private Map<String, String> registryEnv() {
        return Map.of("XDG_STATE_HOME", dir.resolve("xdg").toString());
    }

    private List<Path> registryFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("xdg/supervisor"))) {
            return files.toList();
        }
    }

    @Test
    @Timeout(30)
    void aRunningSupervisorIsRegisteredOwnerOnlyAndForgottenWhenStopped() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        Running r = start(registryEnv(), "--name", "alpha", "--", PYTHON, "bot.py");
        r.lines.pid(1);
        Path home = dir.resolve("xdg/supervisor");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
        List<Path> files = registryFiles();
        assertEquals(1, files.size(), files.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(0))));
        assertEquals(List.of(dir.toString(), "alpha", Long.toString(ProcessHandle.current().pid())),
                pythonReads(Files.readString(files.get(0)), "dir", "name", "pid"));
        r.stop();
        assertEquals(0, r.exitCode());
        assertEquals(List.of(), registryFiles(), "a supervisor a person stopped is no longer listed");
    }

    /** remove compares the entry's bytes with those add wrote: an entry written over meanwhile is left alone. */
    @Test
    @Timeout(30)
    void anEntryWrittenOverWhileTheSupervisorRanIsNotForgottenWhenItStops() throws Exception {
        writeBot("import time; time.sleep(60)\n");
        Running r = start(registryEnv(), "--name", "alpha", "--", PYTHON, "bot.py");
        r.lines.pid(1);
        List<Path> files = registryFiles();
        assertEquals(1, files.size(), files.toString());
        String other = Files.readString(files.get(0)).replace("\"name\":\"alpha\"", "\"name\":\"other\"");
        assertTrue(other.contains("\"other\""), other);
        Files.writeString(files.get(0), other);
        r.stop();
        assertEquals(0, r.exitCode());
        assertEquals(other, Files.readString(files.get(0)), "an entry this supervisor did not write stays");
    }

    /** The state file's temp made with CREATE_NEW first: one a crash left (even a link) is replaced, never followed. */
    @Test
    @Tag("pure")
    @Timeout(10)
    void aTempFileACrashLeftIsReplacedAndALinkInItsPlaceIsNotFollowed() throws Exception {
        Path file = dir.resolve("f"), temp = dir.resolve("f.tmp"), target = dir.resolve("target");
        Supervisor.OwnerFiles.replace(file, temp, "rw-r--r--", "one\n");
        assertEquals("one\n", Files.readString(file));
        assertFalse(Files.exists(temp, LinkOption.NOFOLLOW_LINKS));
        Files.writeString(temp, "left by a crash");
        Supervisor.OwnerFiles.replace(file, temp, "rw-r--r--", "two\n");
        assertEquals("two\n", Files.readString(file));
        Files.writeString(target, "untouched");
        Files.createSymbolicLink(temp, target);
        Supervisor.OwnerFiles.replace(file, temp, "rw-r--r--", "three\n");
        assertEquals("three\n", Files.readString(file));
        assertFalse(Files.isSymbolicLink(file));
        assertEquals("untouched", Files.readString(target));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    @Timeout(30)
    void aSupervisorThatGaveUpStaysRegistered() throws Exception {
        writeBot("import sys; sys.exit(1)\n");
        Running r = start(registryEnv(), "--name", "beta", "--max-failures", "1", "--", PYTHON, "bot.py");
        assertEquals(1, r.exitCode());
        List<Path> files = registryFiles();
        assertEquals(1, files.size(), files.toString());
        assertEquals(List.of("beta"), pythonReads(Files.readString(files.get(0)), "name"));
    }

    @Tag("pure")
    @Test
    @Timeout(10)
    void lsWithNoSupervisorRegisteredSaysSoAndExits3() throws Exception {
        Result text = execute(registryEnv(), "ls", "--lang", "pt");
        assertEquals(3, text.exitCode(), text.err());
        assertTrue(text.out().startsWith("nenhum supervisor registrado em " + dir.resolve("xdg/supervisor")),
                text.out());
        Result json = execute(registryEnv(), "list", "--json");
        assertEquals(3, json.exitCode(), json.err());
        assertEquals("0\n", python("import json, sys; print(len(json.load(sys.stdin)))", json.out()));
    }

    @Test
    @Timeout(60)
    void stopAllStopsEveryRegisteredBotAndNothingElse() throws Exception {
        List<Running> bots = new ArrayList<>();
        for (String name : List.of("alpha", "beta")) {
            Path folder = Files.createDirectory(dir.resolve(name));
            Files.writeString(folder.resolve("bot.py"), "import time; time.sleep(60)\n");
            bots.add(spawnIn(folder, List.of(), registryEnv(), "--name", name, "--grace", "2s",
                    "--", PYTHON, "bot.py"));
        }
        writeBot("import time; time.sleep(60)\n");
        Running unregistered = spawn("--grace", "2s", "--", PYTHON, "bot.py"); // in the tests' own registry
        for (Running bot : bots) {
            bot.lines.pid(1);
        }
        unregistered.lines.pid(1);
        Result both = execute(registryEnv(), "stop", "--all", "alpha");
        assertEquals(2, both.exitCode(), both.err());
        assertTrue(both.err().contains("--all is every registered bot: give it without a name or --dir"), both.err());

        Result stop = execute(registryEnv(), "stop", "--all", "--lang", "en");
        assertEquals(0, stop.exitCode(), stop.err());
        assertEquals(2, stop.out().lines().filter(l -> l.startsWith("Stopped:")).count(), stop.out());
        for (Running bot : bots) { // said as each is asked, however fast it stops
            assertTrue(stop.err().contains("Stop asked: the supervisor (PID " + bot.process.pid()
                    + ") stops the bot, giving it up to 2s to finish"), stop.err());
        }
        assertEquals(0, bots.get(0).exitCode());
        assertEquals(0, bots.get(1).exitCode());
        assertNull(unregistered.exitNow(), "a supervisor of another registry runs on");
        assertEquals(3, execute(registryEnv(), "ls").exitCode(), "both entries removed");
        Result none = execute(registryEnv(), "stop", "--all", "--lang", "en");
        assertEquals(3, none.exitCode(), none.err());
    }

    @Test
    @Timeout(60)
    void restartAllRestartsEveryRegisteredBotOneAfterTheOther() throws Exception {
        List<Running> bots = new ArrayList<>();
        for (String name : List.of("alpha", "beta")) {
            Path folder = Files.createDirectory(dir.resolve(name));
            Files.writeString(folder.resolve("bot.py"), "import time; time.sleep(60)\n");
            bots.add(spawnIn(folder, List.of(), registryEnv(), "--name", name, "--grace", "2s",
                    "--", PYTHON, "bot.py"));
        }
        for (Running bot : bots) {
            bot.lines.pid(1);
        }
        assertEquals(2, execute(registryEnv(), "restart", "--all", "--dir", dir.toString()).exitCode());
        Result restart = execute(registryEnv(), "restart", "--all", "--wait", "0s", "--lang", "en");
        assertEquals(0, restart.exitCode(), restart.err());
        List<String> done = restart.out().lines().filter(l -> l.startsWith("Restarted:")).toList();
        assertEquals(2, done.size(), restart.out());
        for (int i = 0; i < 2; i++) {
            String second = bots.get(i).lines.pid(2);
            assertTrue(done.get(i).contains(dir.resolve(List.of("alpha", "beta").get(i)) + " runs again, PID " + second),
                    done.get(i));
        }
    }

    /** The registry only points: an entry its folder's state file does not name, or no entry at all, is not listed. */
    @Tag("pure")
    @Test
    @Timeout(10)
    void anEntryItsFoldersStateFileDoesNotNameIsIgnored() throws Exception {
        Path home = Files.createDirectories(dir.resolve("xdg/supervisor"));
        Files.writeString(home.resolve("0123456789abcdef01234567.json"),
                "{\"dir\":\"" + dir + "\",\"name\":\"ghost\",\"pid\":" + ProcessHandle.current().pid() + "}\n");
        Files.writeString(home.resolve("not-an-entry.json"), "[1, 2]\n");
        Result ls = execute(registryEnv(), "ls", "--json");
        assertEquals(3, ls.exitCode(), ls.out() + ls.err());
        assertEquals("[]", ls.out().strip());
        Result status = execute(registryEnv(), "status", "ghost", "--lang", "en");
        assertEquals(3, status.exitCode(), status.err());
        assertTrue(status.err().contains("no registered bot is called ghost (the known ones: -)"), status.err());
    }

    /** Three bots in three folders: one runs, one is in a long backoff, one's supervisor was SIGKILLed. */
    private List<Running> threeRegisteredBots() throws Exception {
        List<Running> bots = new ArrayList<>();
        for (String name : List.of("alpha", "beta", "gamma")) {
            Path folder = Files.createDirectory(dir.resolve(name));
            Files.writeString(folder.resolve("bot.py"), name.equals("beta") ? "import sys; sys.exit(1)\n"
                    : "import time; time.sleep(60)\n");
            bots.add(spawnIn(folder, List.of(), registryEnv(), "--name", name, "--grace", "2s", "--pause", "1h",
                    "--", PYTHON, "bot.py"));
        }
        bots.get(0).lines.pid(1);
        awaitTrue("beta's backoff", () -> lines(dir.resolve("beta/.supervisor.state")).stream()
                .anyMatch(l -> l.contains("\"state\":\"BACKOFF\"")));
        long gammaBot = Long.parseLong(bots.get(2).lines.pid(1));
        bots.get(2).process.destroyForcibly(); // SIGKILL: its entry and its state file say nothing of it
        bots.get(2).exitCode();
        ProcessHandle.of(gammaBot).ifPresent(bot -> {
            bot.destroyForcibly();
            bot.onExit().join();
        });
        removeCgroupsOf(bots.get(2).process.pid());
        return bots;
    }

    /**
     * Removes the cgroups of a supervisor the test SIGKILLed, once its bot is gone: a supervisor that starts again in
     * the folder would, but none does, and each suite run would leave one empty cgroup behind until the next boot.
     */
    private static void removeCgroupsOf(long supervisorPid) throws IOException {
        if (Supervisor.Cgroup.PARENT == null) {
            return;
        }
        try (DirectoryStream<Path> left = Files.newDirectoryStream(Supervisor.Cgroup.PARENT,
                "supervisor-" + supervisorPid + "-*")) {
            for (Path cgroup : left) {
                Files.delete(cgroup); // rmdir: refused while a process is left in it, which would be a bug
            }
        }
    }

    @Test
    @Timeout(60)
    void lsShowsEachRegisteredBotAndPrunesAStaleOne() throws Exception {
        List<Running> bots = threeRegisteredBots();
        Result text = execute(registryEnv(), "ls", "--lang", "en");
        assertEquals(1, text.exitCode(), text.out() + text.err());
        List<String> rows = text.out().lines().toList();
        assertEquals(4, rows.size(), text.out());
        assertTrue(rows.get(0).matches("NAME +FOLDER +STATE +BOT PID +UPTIME +RUNS +RESTARTS +FAILURES"), rows.get(0));
        assertTrue(rows.get(1).matches("alpha +" + Pattern.quote(dir.resolve("alpha").toString())
                + " +RUNNING +\\d+ +\\S+ +1 +0 +0"), rows.get(1));
        assertTrue(rows.get(2).matches("beta +\\S+ +BACKOFF +- +- +1 +0 +1"), rows.get(2));
        assertTrue(rows.get(3).matches("gamma +\\S+ +STALE +- +- +1 +0 +0"), rows.get(3));
        assertEquals(2, registryFiles().size(), "the stale entry is pruned once shown");

        Result json = execute(registryEnv(), "ls", "--json");
        assertEquals(1, json.exitCode(), "beta is in backoff");
        assertEquals("alpha RUNNING True " + bots.get(0).lines.pid(1) + " 1 0\nbeta BACKOFF True None 1 1\n",
                python("import json, sys\nfor o in json.load(sys.stdin): print(o['name'], o['state'], o['running'],"
                        + " o['botPid'], o['runs'], o['failures'])", json.out()));
        assertEquals("1\n", python("import json, sys; print(sum(o['dir'].endswith('/alpha') for o in"
                + " json.load(sys.stdin)))", json.out()));

        Result status = execute(registryEnv(), "status", "alpha", "--json");
        assertEquals(0, status.exitCode(), status.err());
        assertEquals(List.of(dir.resolve("alpha").toString(), bots.get(0).lines.pid(1)),
                pythonReads(status.out(), "dir", "botPid"));
        Result unknown = execute(registryEnv(), "status", "delta", "--lang", "en");
        assertEquals(3, unknown.exitCode(), unknown.err());
        assertEquals("supervisor: no registered bot is called delta (the known ones: alpha, beta); "
                + "see 'supervisor ls', or give --dir", unknown.err().strip());

        Result stop = execute(registryEnv(), "stop", "beta");
        assertEquals(0, stop.exitCode(), stop.err());
        assertTrue(stop.out().contains(dir.resolve("beta").toString()), stop.out());
        assertEquals(0, bots.get(1).exitCode());
        assertNull(bots.get(0).exitNow(), "alpha runs on");
        Result after = execute(registryEnv(), "ls", "--lang", "pt");
        assertEquals(0, after.exitCode(), after.out());
        assertEquals(2, after.out().lines().count(), after.out());
        assertTrue(after.out().lines().toList().get(1).contains(" EM EXECUÇÃO "), after.out());
    }

    @Test
    @Timeout(60)
    void aNameTwoFoldersShareIsRefusedNamingBoth() throws Exception {
        List<Running> twins = new ArrayList<>();
        for (String folder : List.of("one", "two")) {
            Path bot = Files.createDirectory(dir.resolve(folder));
            Files.writeString(bot.resolve("bot.py"), "import time; time.sleep(60)\n");
            twins.add(spawnIn(bot, List.of(), registryEnv(), "--name", "twin", "--grace", "2s",
                    "--", PYTHON, "bot.py"));
        }
        for (Running twin : twins) {
            twin.lines.pid(1);
        }
        Result status = execute(registryEnv(), "logs", "twin", "--lang", "en");
        assertEquals(2, status.exitCode(), status.err());
        assertEquals("supervisor: two bots are called twin, in " + dir.resolve("one") + " and in " + dir.resolve("two")
                + ": give --dir, or start them with --name to tell them apart", status.err().strip());
        assertEquals(0, execute(registryEnv(), "status", "--dir", dir.resolve("two").toString()).exitCode());
        assertEquals(List.of(), twins.stream().map(Running::exitNow).filter(code -> code != null).toList());
    }

    @AfterEach
    void stopEverything() {
        for (Running r : running) {
            r.kill();
        }
    }

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
            CompletableFuture<Void> pumped = new CompletableFuture<>();
            // The exit code once the pump has read all the process wrote: it can end with its last lines still in the pipe.
            this.exit = process.onExit().thenCombine(pumped, (ended, all) -> ended.exitValue());
            Thread pump = new Thread(() -> {
                lines.pump(process.getInputStream());
                pumped.complete(null);
            }, "test-pump");
            pump.setDaemon(true);
            pump.start();
        }

        void stop() {
            supervisor.want.stop("test");
        }

        int exitCode() throws Exception {
            return exit.get(30, TimeUnit.SECONDS);
        }

        /** The exit code if the supervisor has already exited, else null. */
        Integer exitNow() {
            return exit.getNow(null);
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

    /** The debug switch: the log shows the machine's transitions (🔀), which tests can name. */
    static final Map<String, String> DEBUG = Map.of("SUPERVISOR_DEBUG", "1");

    Running start(String... args) {
        return start(Map.of(), args);
    }

    Running start(Map<String, String> extraEnv, String... args) {
        return start(extraEnv, Clock.systemUTC(), line -> { }, args);
    }

    Running start(Map<String, String> extraEnv, Clock clock, String... args) {
        return start(extraEnv, clock, line -> { }, args);
    }

    /** tap sees each line as the supervisor writes it, on the supervisor's thread. */
    Running start(Map<String, String> extraEnv, Clock clock, Consumer<String> tap, String... args) {
        Map<String, String> env = withoutSettingsOrLocale(new HashMap<>(System.getenv()));
        env.putAll(extraEnv);
        Lines lines = new Lines();
        lines.tap = tap;
        Supervisor supervisor = new Supervisor(lines.stream(), env, clock);
        CommandLine cmd = Supervisor.commandLine(supervisor, env, true);
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
        return spawnWithOptions(List.of(), extraEnv, args);
    }

    /** A supervisor of its own, its JVM started with javaOptions (e.g. the script's own: scriptJavaOptions()). */
    Running spawnWithOptions(List<String> javaOptions, Map<String, String> extraEnv, String... args) throws IOException {
        return spawnIn(dir, javaOptions, extraEnv, args);
    }

    /** A supervisor of its own for the bot in folder. */
    Running spawnIn(Path folder, List<String> javaOptions, Map<String, String> extraEnv, String... args)
            throws IOException {
        return spawnUnder(List.of(), folder, javaOptions, extraEnv, args);
    }

    /** A supervisor of its own whose JVM prefix starts (e.g. setpriv, to take capabilities away). */
    Running spawnUnder(List<String> prefix, Path folder, List<String> javaOptions, Map<String, String> extraEnv,
            String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(javaOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "Supervisor", "--dir", folder.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        withoutSettingsOrLocale(builder.environment());
        builder.environment().putAll(extraEnv);
        Running r = new Running(builder.start());
        running.add(r);
        return r;
    }

    /** What a Python script prints (UTF-8) given this input on its stdin. */
    static String python(String script, String input) throws Exception {
        Process p = new ProcessBuilder(PYTHON, "-c", script).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(input.getBytes(UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    record Result(int exitCode, String out, String err) {}

    /** One in-process call of the command line (errors, status, config): its exit code and what it printed. */
    /**
     * The fields of a JSON object as Python's json module reads them, one per field: a string as it is, anything else
     * as json.dumps writes it (true, null, 42), a field that is not there as "(absent)".
     */
    static List<String> pythonReads(String json, String... fields) throws Exception {
        String names = Arrays.stream(fields).map(f -> "'" + f + "'").collect(Collectors.joining(", "));
        String read = python("import json, sys\no = json.loads(sys.stdin.read())\nfor k in [" + names + "]:\n"
                + "    v = o[k] if k in o else '(absent)'\n"
                + "    sys.stdout.buffer.write(((v if isinstance(v, str) else json.dumps(v)) + '\\n').encode())\n", json);
        return List.of(read.split("\n", -1)).subList(0, fields.length);
    }

    Result execute(Map<String, String> env, String... args) {
        return execute(env, new StringWriter(), args);
    }

    /** The same, with its stderr readable while it runs. */
    Result execute(Map<String, String> given, StringWriter err, String... args) {
        Map<String, String> env = new HashMap<>(given);
        env.putIfAbsent("XDG_STATE_HOME", TESTS_STATE_HOME.toString()); // the registry: never the user's own
        Supervisor supervisor = quietSupervisor(env);
        CommandLine cmd = Supervisor.commandLine(supervisor, env, true);
        StringWriter out = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Log lines as they arrive; tests wait on them (a latch on content) instead of sleeping. */
    static final class Lines {
        private final List<String> lines = new ArrayList<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private Consumer<String> tap = line -> { };

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
                                tap.accept(partial.toString(UTF_8));
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

        /** The machine's transitions logged so far ("RUNNING -> STOPPING (RESTART)"), once at least n are (waits). */
        List<String> transitions(int n) throws InterruptedException {
            await(l -> l.contains("🔀") && matching("🔀").size() >= n);
            return matching("🔀").stream().map(line -> line.substring(line.indexOf("🔀 ") + "🔀 ".length())).toList();
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

    /** A bot that notes its start and the signal that stops it, by PID, in the witness file. */
    static final String NOTING_BOT = """
            import os, signal, sys, time
            def note(s):
                open(sys.argv[1], "a").write(s + "\\n")
            def stop(n, f):
                note("stop %d %s" % (os.getpid(), signal.Signals(n).name)); sys.exit(0)
            signal.signal(signal.SIGTERM, stop)
            note("start %d" % os.getpid())
            time.sleep(120)
            """;

    /** The environment of a command run by a test: the machine's, without settings or a locale of its own. */
    private static Map<String, String> testEnv() {
        return withoutSettingsOrLocale(new HashMap<>(System.getenv()));
    }

    /** Drops the SUPERVISOR_* settings and the locale a developer's shell may have, so that every test starts alike. */
    private static Map<String, String> withoutSettingsOrLocale(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("SUPERVISOR_") || k.startsWith("LC_") || k.equals("LANG"));
        env.put("XDG_STATE_HOME", TESTS_STATE_HOME.toString()); // the registry of supervisors: never the user's own
        return env;
    }

    private void awaitStateFile(Predicate<String> holds, String what) throws InterruptedException {
        Path state = dir.resolve(".supervisor.state");
        awaitTrue(what, () -> holds.test(String.join("\n", lines(state))));
    }

    /** The registry's home of the supervisors these tests start, unless a test gives its own. */
    static final Path TESTS_STATE_HOME;

    static {
        try {
            TESTS_STATE_HOME = Files.createTempDirectory("supervisor-tests-state");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the tests run: the repository's root (./jbang SupervisorTest.java, as the README and .ci/run say). */
    static final Path REPO = Path.of("").toAbsolutePath();

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static String json(Supervisor.Snapshot snapshot) {
        return snapshot.write(new Supervisor.Json(1024)).end();
    }

    /** Where this process may make cgroups (v2): its own cgroup in the cgroup2 mount, if writable; else null. */
    private static Path writableCgroup2() throws IOException {
        Path cgroup = Path.of("/proc/self/cgroup");
        String own = Files.exists(cgroup) ? Files.readAllLines(cgroup).stream().filter(l -> l.startsWith("0::"))
                .map(l -> l.substring(3)).findFirst().orElse(null) : null;
        String mount = own == null ? null : Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(l -> l.contains(" - cgroup2 ")).map(l -> l.split(" ")).filter(f -> f[3].equals("/"))
                .map(f -> f[4]).findFirst().orElse(null);
        Path parent = mount == null ? null : Path.of(mount + own);
        return parent != null && Files.isWritable(parent.resolve("cgroup.procs")) ? parent : null;
    }

    /** The JVM options of the //RUNTIME_OPTIONS line of Supervisor.java: those a supervisor runs with (its heap, -Xmx64m). */
    private static List<String> scriptJavaOptions() throws IOException {
        return Files.readAllLines(REPO.resolve("Supervisor.java")).stream().filter(l -> l.startsWith("//RUNTIME_OPTIONS "))
                .flatMap(l -> Arrays.stream(l.substring("//RUNTIME_OPTIONS ".length()).trim().split("\\s+"))).toList();
    }

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

    /** For files written by another process: re-reads until the condition holds, for 20 s at most; then fails saying what. */
    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited 20 s for " + what);
            }
            Thread.sleep(10);
        }
    }

    /**
     * A wall clock for start() that answers only once ready holds for the run (1, 2, …) reading it. The supervisor
     * reads its clock once a run, on the loop's thread, just after the bot started and before it watches the run
     * (Schedule.plan): nothing the loop does to a run (a planned restart's signal, a health check) comes before the
     * bot is ready, however slow the machine. The time itself is the real one.
     */
    private static Clock readyClock(String what, IntPredicate ready) {
        AtomicInteger runs = new AtomicInteger();
        return new Clock() {
            @Override
            public Instant instant() {
                int run = runs.incrementAndGet();
                try {
                    awaitTrue(what + " (run " + run + ")", () -> ready.test(run));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Instant.now();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** Fields of the state file of the bot in dir, as status --json gives them and Python's json reads them. */
    private List<String> countedInTheStateFile(String... fields) throws Exception {
        return pythonReads(execute(Map.of(), "status", "--dir", dir.toString(), "--json").out(), fields);
    }

    /** The bot's PID in a state file (written by rename, so whole or absent), or null. */
    private static Long recordedBotPid(Path state) {
        List<String> text = lines(state);
        try {
            String pid = text.isEmpty() ? "null" : pythonReads(String.join("\n", text), "botPid").get(0);
            return pid.equals("null") ? null : Long.valueOf(pid);
        } catch (Exception e) {
            throw new AssertionError("Python's json cannot read " + state + ": " + text, e);
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
