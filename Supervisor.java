///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DESCRIPTION Keeps a bot alive: restarts it on a schedule and after failures, stops it gracefully, logs every action.
//DEPS info.picocli:picocli:4.7.7
//DEPS org.zeroturnaround:zt-exec:1.12
//DEPS org.slf4j:slf4j-api:1.7.36
//DEPS org.slf4j:slf4j-nop:1.7.36
// -XDstringConcat=inline: "a" + b as a StringBuilder; invokedynamic spins classes at each call site's first use.
//COMPILE_OPTIONS -encoding UTF-8 -XDignore.symbol.file -XDstringConcat=inline
// C1 alone, 8 MB code cache: 4 MB less idle; heap trim (experimental in 17.0.9-10): 1.3 MB; warnings: stderr, not log.
//RUNTIME_OPTIONS -XX:+IgnoreUnrecognizedVMOptions -XX:+UseSerialGC -Xss512k -Xms4m -Xmx64m -XX:MaxHeapFreeRatio=30
//RUNTIME_OPTIONS -XX:MinHeapFreeRatio=10 -XX:-UsePerfData -XX:+UnlockDiagnosticVMOptions
//RUNTIME_OPTIONS -XX:GuaranteedSafepointInterval=0 -XX:AsyncDeflationInterval=10000 -XX:TieredStopAtLevel=1
//RUNTIME_OPTIONS -XX:ReservedCodeCacheSize=8m -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=10000
//RUNTIME_OPTIONS -Xlog:disable -Xlog:all=warning:stderr

/*
 * Map. One run's flow: a signal (Ctrl+C, SIGTERM, SIGUSR1), a command (restart, stop) or the bot's exit sets what is
 * wanted (Want: up, down, a restart once) and rings the Bell, the loop's one wake-up; the Loop runs its state's action
 * (startBot, watch, stopRun, pause), which ends in an Event; Machine.next, the one pure transition function, gives the
 * next State, which the state file records. A run ends in one Outcome, which Policy.judge (pure too) makes a Verdict:
 * a failure or not, how long to pause, whether to give up.
 * Threads: main (the loop, and every stop step on its one deadline); relay-stdout and relay-stderr (zt-exec's pumps
 * running RelayStreams.pump: the bot's lines into the log); zt-exec's WaitForProcess (the bot's exit rings the bell);
 * the JDK's process reaper; the signal handlers (they only set what is wanted); console (the log to a terminal or pipe
 * that may stall); on-event (the hooks, one at a time); shutdown-guard (stops the bot if the JVM exits some other
 * way); with --http, http-1 and the JDK's dispatcher (they read the published snapshot and ask as a signal does).
 * To add an option: a field in RunOptions, its help (HELP_ in both tables), its bounds in RunOptions.checkBounds, an
 * accessor in Settings (and in describe() if the log shows it), the README in both languages.
 * To add a message: a constant in Msg (a log line: its level and emoji), Phrase (words, an error) or Help (--help:
 * picocli's key), and its words in Texts.EN and Portuguese.PT.
 * To add an ending: an Ending constant, returned by whyEndNow, and a row in the machine's table test.
 * To add a subcommand: its class in Subcommands.all() and its names in Subcommands.NAMES (a plain run builds none).
 *
 * Contents, in this order (each section starts with a "// ---- name" line):
 *   the command      Supervisor: its options, call(), main; --version; exit codes and errors
 *   UTF-8            Utf8: without a UTF-8 locale, main runs the JVM again under C.UTF-8 when a name is not ASCII
 *   options          RunOptions, the checked Settings, where settings come from (ConfigSources)
 *   the machine      states, events, the one transition function (Machine), a run's Outcome, Policy
 *   what is wanted   Want (up, down, a restart once), the Bell that wakes the loop, signals, the shutdown guard
 *   the loop         Loop: the action of each state and the health checks; Stats, Schedule; the Snapshot it publishes
 *   what to run      Launch, the venv lookup (Venv), env files (EnvFile)
 *   processes        the stop signal; ProcessTree: start the bot, find its whole tree, stop it, measure it; Cgroup
 *   the log          languages, the texts (Msg, Phrase, Help), Log, its console writer, the relay, the rotated
 *                    file, how exit codes read (Exits)
 *   one copy         the instance lock, owner-only files, the state file, the Registry of a user's bots, JSON
 *   events           the --on-event hooks
 *   restart and stop Control, the protocol's both sides (the note, the signal, the state file's answer); the commands
 *   the page         --http, loaded only when set: Page (the JDK's HTTP server: the page, /metrics, /api/status,
 *                    /healthz, the actions) and its Feed (the last lines, events, memory)
 *   subcommands      status, ls, logs; config; unit (systemd's), Route; completion
 *   values           durations, sizes, and the converters picocli uses
 *   the words        every message and the --help texts, in English (Texts) and Portuguese (Portuguese)
 */

import static java.nio.charset.StandardCharsets.*;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.*;

import java.io.*;
import java.lang.invoke.*;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.*;
import java.nio.*;
import java.nio.channels.*;
import java.nio.file.*;
import java.nio.file.attribute.*;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.*;
import java.time.format.*;
import java.time.temporal.ChronoUnit;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.function.*;
import java.util.regex.*;
import java.util.stream.*;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;
import org.zeroturnaround.exec.StartedProcess;
import org.zeroturnaround.exec.stream.PumpStreamHandler;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.*;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "supervisor", mixinStandardHelpOptions = true, versionProvider = Supervisor.Version.class,
        sortOptions = false, usageHelpAutoWidth = true, showEndOfOptionsDelimiterInUsageHelp = true,
        customSynopsis = {"supervisor [" + Supervisor.Label.OPTIONS + "] [-- " + Supervisor.Label.COMMAND + " ["
                + Supervisor.Label.ARG + "...]]",
                "       supervisor status [" + Supervisor.Label.NAME + " | --dir " + Supervisor.Label.DIR
                + " | --config " + Supervisor.Label.FILE + "] [--json]",
                "       supervisor restart [" + Supervisor.Label.NAME + " | --dir " + Supervisor.Label.DIR
                + " | --all] [--now] [--no-wait | --wait " + Supervisor.Label.DURATION + "]",
                "       supervisor stop [" + Supervisor.Label.NAME + " | --dir " + Supervisor.Label.DIR + " | --all]",
                "       supervisor logs [" + Supervisor.Label.NAME + " | --dir " + Supervisor.Label.DIR
                + "] [-n N] [-f]",
                "       supervisor ls [--json]",
                "       supervisor config [" + Supervisor.Label.OPTIONS + "] | unit [" + Supervisor.Label.OPTIONS
                + "] | completion bash|zsh", ""},
        footerHeading = "%n") // the words of --help are in the message tables: Texts.help; the subcommands: Subcommands
public class Supervisor implements Callable<Integer> {

    // ------------------------------------------------------------------------------------------ the command

    /** The version, here only: --version prints it, and CHANGELOG.md's top entry names it (a test reads both). */
    static final String VERSION = "1.3.0";

    @Mixin RunOptions options;
    @Spec CommandSpec spec;

    final Want want = new Want();
    private final OutputStream console;
    private final Map<String, String> env;
    /** The wall clock, for --restart-at and nothing else (deadlines use System.nanoTime); a test may set it. */
    private final Clock clock;

    Supervisor(OutputStream console, Map<String, String> env, Clock clock) {
        this.console = console;
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() throws IOException {
        Settings settings = options.check(spec, env);
        Launch launch = Launch.resolve(settings, env, spec);
        try (Closeable lock = InstanceLock.acquire(settings);
             Log log = new Log(settings, launch.name(), console, env)) {
            EnvFile.warnIfShared(settings.envFiles(), log);
            Registry registry = Registry.of(env);
            byte[] entry = registry.add(settings.dir(), launch.name(), log);
            Loop loop = new Loop(settings, launch, log, want, clock);
            // --http: loaded only when set (a plain run loads no class of the page nor of the JDK's HTTP server)
            try (Page page = settings.http() == null ? null : Page.serve(settings, loop, log, want)) {
                int code = loop.keepAlive();
                if (code == ExitCode.OK) { // stopped by a person; one that gave up stays listed, to be seen
                    registry.remove(settings.dir(), entry);
                }
                if (page != null && code == ExitCode.FAILED) {
                    page.showGivingUp(want);
                }
                return code;
            }
        }
    }

    public static void main(String... args) {
        // no accessor class generated for a method often called by reflection (60 KB of metaspace): picocli no slower
        System.setProperty("sun.reflect.inflationThreshold", String.valueOf(Integer.MAX_VALUE));
        Utf8.rerunIfNeeded(args).ifPresent(System::exit);
        Supervisor supervisor = new Supervisor(new FileOutputStream(FileDescriptor.out), System.getenv(),
                Clock.systemUTC());
        Signals.forwardTo(supervisor.want);
        String[] given = Utf8.asChild(args, supervisor.want);
        System.exit(commandLine(supervisor, System.getenv(), Subcommands.needed(given)).execute(given));
    }

    /** The command line, error handling, UTF-8 output and configuration sources wired in; the subcommands if asked. */
    static CommandLine commandLine(Object command, Map<String, String> env, boolean withSubcommands) {
        // picocli's converters for java.sql and java.time are found by reflection (0.7 MB at idle); ours are below
        System.setProperty("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*");
        CommandLine cmd = new CommandLine(command);
        if (withSubcommands) { // first: what is set below reaches only the subcommands added by then
            Subcommands.all().forEach(cmd::addSubcommand);
        }
        // The types picocli reads our way; each converter throws BadValue, wrapped with its option (see BadInput.text).
        cmd.registerConverter(Duration.class, Durations::parse)
                .registerConverter(Long.class, Sizes::parse) // the only Long options are sizes
                .registerConverter(StopSignal.class, StopSignal::parse)
                .registerConverter(StopMode.class, StopMode::parse)
                .registerConverter(Lang.class, Lang::parse)
                .registerConverter(LocalTime.class, refusing(Phrase.NOT_A_TIME, Supervisor::timeOfDay))
                .registerConverter(ZoneId.class, refusing(Phrase.NOT_A_ZONE, ZoneId::of))
                // a whole number (--max-failures, --log-keep, logs -n); whether it is in range is each option's check
                .registerConverter(Integer.class, refusing(Phrase.NOT_A_NUMBER, Integer::valueOf))
                .registerConverter(Integer.TYPE, refusing(Phrase.NOT_A_NUMBER, Integer::valueOf));
        cmd.setOut(new PrintWriter(new FileOutputStream(FileDescriptor.out), true, UTF_8));
        cmd.setErr(new PrintWriter(new FileOutputStream(FileDescriptor.err), true, UTF_8));
        ConfigSources sources = new ConfigSources(env);
        cmd.setDefaultValueProvider(sources);
        cmd.setExecutionStrategy(parsed -> {
            List<CommandLine> commands = parsed.asCommandLineList();
            Lang lang = Lang.of(commands.get(commands.size() - 1), parsed.originalArgs(), env);
            useLabels(lang);
            // the words of --help, built only when it is shown: a run starts faster without them
            if (commands.stream().anyMatch(each -> each.getParseResult().isUsageHelpRequested())) {
                cmd.setResourceBundle(Texts.help(lang));
                ExitCode.listIn(cmd, lang);
            }
            sources.warnAboutUnknownVariables(cmd.getCommandSpec(), lang, cmd.getErr());
            return new CommandLine.RunLast().execute(parsed);
        });
        cmd.setParameterExceptionHandler((ex, args) -> reportBadInput(ex, args, env));
        cmd.setExecutionExceptionHandler((ex, line, parsed) -> reportError(ex, line, parsed.originalArgs(), env));
        return cmd;
    }

    /** Bad input: one message naming the option (and the file line it came from), a hint, exit 2. */
    static int reportBadInput(ParameterException ex, String[] args, Map<String, String> env) {
        CommandLine cmd = ex.getCommandLine();
        Lang lang = Lang.of(cmd, List.of(args), env);
        useLabels(lang);
        cmd.getErr().println("supervisor: " + ConfigSources.describe(lang, cmd, ex, BadInput.text(lang, ex)));
        cmd.getErr().println(Log.message(lang, Phrase.HELP_HINT));
        return ExitCode.USAGE;
    }

    /** The placeholders of --help and of errors, as picocli reads them when it shows them: useLabels sets them. */
    interface Label {
        String DURATION = "${sys:supervisor.label.DURATION:-DURATION}";
        String FILE = "${sys:supervisor.label.FILE:-FILE}";
        String DIR = "${sys:supervisor.label.DIR:-DIR}";
        String SIZE = "${sys:supervisor.label.SIZE:-SIZE}";
        String COMMAND = "${sys:supervisor.label.COMMAND:-COMMAND}";
        String FORMAT = "${sys:supervisor.label.FORMAT:-FORMAT}";
        String LANG = "${sys:supervisor.label.LANG:-LANG}";
        String MODE = "${sys:supervisor.label.MODE:-MODE}";
        String NAME = "${sys:supervisor.label.NAME:-NAME}";
        String SIGNAL = "${sys:supervisor.label.SIGNAL:-SIGNAL}";
        String ZONE = "${sys:supervisor.label.ZONE:-ZONE}";
        String OPTIONS = "${sys:supervisor.label.OPTIONS:-OPTIONS}";
        String ARG = "${sys:supervisor.label.ARG:-ARG}";
        String ADDRESS = "${sys:supervisor.label.ADDRESS:-[ADDR:]PORT}";
    }

    /** The placeholders of --help and of errors (DURATION, FILE…) in the language of the answer: read lazily. */
    static void useLabels(Lang lang) {
        for (Phrase msg : Phrase.values()) {
            if (msg.name().startsWith("LABEL_")) {
                String key = "supervisor.label." + msg.name().substring(6);
                if (lang == Lang.en) {
                    System.clearProperty(key); // the English words are the labels' defaults: nothing to format
                } else {
                    System.setProperty(key, Log.message(lang, msg));
                }
            }
        }
    }

    /** A runtime failure: one actionable line; the stack trace only when SUPERVISOR_DEBUG is set. */
    static int reportError(Exception ex, CommandLine cmd, List<String> args, Map<String, String> env) {
        Lang lang = Lang.of(cmd, args, env);
        if (ex instanceof Refusal refusal) {
            cmd.getErr().println("supervisor: " + refusal.words.in(lang));
            return refusal.exitCode;
        }
        cmd.getErr().println("supervisor: " + Log.message(lang, Phrase.UNEXPECTED_ERROR, String.valueOf(ex)));
        if (env.containsKey("SUPERVISOR_DEBUG")) {
            ex.printStackTrace(cmd.getErr());
        }
        return ExitCode.FAILED;
    }

    /** What --version prints, for the command and each subcommand: VERSION and the Java it runs on. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String java = System.getProperty("java.runtime.version");
            return new String[] {"supervisor " + VERSION + " (Java " + java + ")"};
        }
    }

    /**
     * The subcommands, added only when the arguments may name one or ask for --help: picocli builds the model of each
     * (every option, by reflection) as it is added, about 0.9 MB that a plain run would keep for nothing.
     */
    static final class Subcommands {
        /** Their names and aliases, as their @Command gives them (a test compares): words that make a run need them. */
        static final Set<String> NAMES = Set.of("status", "ls", "list", "logs", "restart", "stop", "config", "unit",
                "completion");

        /** In the order --help lists them; each class is loaded only here. */
        static List<Class<?>> all() {
            return List.of(Status.class, Ls.class, Logs.class, Restart.class, Stop.class, ConfigCommand.class,
                    SystemdUnit.class, Completion.class);
        }

        /** Whether an argument before '--' is a subcommand's name or asks for help (-h, -hV, --help); in doubt, yes. */
        static boolean needed(String[] args) {
            for (String arg : args) {
                if (arg.equals("--")) {
                    return false; // the bot's command follows
                }
                boolean shortHelp = arg.startsWith("-") && !arg.startsWith("--") && arg.indexOf('h') > 0;
                if (NAMES.contains(arg) || arg.equals("--help") || shortHelp) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Exit codes, as documented in the README and in --help. */
    static final class ExitCode {
        static final int OK = 0;
        static final int FAILED = 1;
        static final int USAGE = 2;
        /** A run: another supervisor runs the bot of this folder. */
        static final int LOCKED = 3;
        /** The subcommands: no supervisor is running the bot of this folder. */
        static final int NOT_RUNNING = 3;

        /** Each command's exit codes, as the Exit codes section of its --help: status gives 3 a meaning of its own. */
        private static final Map<String, Map<Integer, Phrase>> MEANINGS = Map.of(
                "supervisor", Map.of(OK, Phrase.EXIT_STOPPED, FAILED, Phrase.EXIT_FATAL, USAGE, Phrase.EXIT_USAGE,
                        LOCKED, Phrase.EXIT_LOCKED),
                "status", Map.of(OK, Phrase.EXIT_STATUS_RUNNING, USAGE, Phrase.EXIT_BAD_USAGE,
                        NOT_RUNNING, Phrase.EXIT_STATUS_NOT_RUNNING),
                "restart", Map.of(OK, Phrase.EXIT_RESTARTED, FAILED, Phrase.EXIT_RESTART_FAILED,
                        USAGE, Phrase.EXIT_BAD_USAGE, NOT_RUNNING, Phrase.EXIT_STATUS_NOT_RUNNING),
                "stop", Map.of(OK, Phrase.EXIT_STOP_DONE, FAILED, Phrase.EXIT_STOP_SLOW, USAGE, Phrase.EXIT_BAD_USAGE,
                        NOT_RUNNING, Phrase.EXIT_STATUS_NOT_RUNNING),
                "logs", Map.of(OK, Phrase.EXIT_LOGS_PRINTED, FAILED, Phrase.EXIT_LOGS_UNREADABLE,
                        USAGE, Phrase.EXIT_LOGS_NO_FILE, NOT_RUNNING, Phrase.EXIT_LOGS_NEVER_RAN),
                "config", Map.of(OK, Phrase.EXIT_CONFIG_OK, USAGE, Phrase.EXIT_USAGE),
                "unit", Map.of(OK, Phrase.EXIT_UNIT_PRINTED, FAILED, Phrase.EXIT_UNIT_UNKNOWN_ROUTE,
                        USAGE, Phrase.EXIT_USAGE),
                "completion", Map.of(OK, Phrase.EXIT_PRINTED, USAGE, Phrase.EXIT_BAD_USAGE),
                "ls", Map.of(OK, Phrase.EXIT_LS_OK, FAILED, Phrase.EXIT_LS_TROUBLE, USAGE, Phrase.EXIT_BAD_USAGE,
                        NOT_RUNNING, Phrase.EXIT_LS_NONE));

        static void listIn(CommandLine root, Lang lang) {
            Stream.concat(Stream.of(root), root.getSubcommands().values().stream()).forEach(cmd -> {
                Map<String, String> shown = new TreeMap<>(); // the codes are single digits: in order
                MEANINGS.get(cmd.getCommandName())
                        .forEach((code, msg) -> shown.put(code.toString(), Log.message(lang, msg)));
                String heading = "%n" + Log.message(lang, Phrase.EXIT_CODES) + "%n";
                cmd.getCommandSpec().usageMessage().exitCodeListHeading(heading).exitCodeList(shown);
            });
        }
    }

    /** A message of the tables with its arguments, said in the language of whoever reports it. */
    record Words(Text msg, Object... args) {
        String in(Lang lang) {
            return Log.message(lang, msg, args);
        }
    }

    /** A refusal that is not a usage error: carries its own exit code, prints without a stack trace. */
    static final class Refusal extends RuntimeException {
        final int exitCode;
        final Words words;

        Refusal(int exitCode, Text msg, Object... args) {
            super(Log.message(Lang.en, msg, args));
            this.exitCode = exitCode;
            this.words = new Words(msg, args);
        }
    }

    /** Bad input found after parsing (a combination of options): its words from the tables, in the errors' language. */
    static final class BadInput extends ParameterException {
        private final Words words;

        BadInput(CommandLine cmd, Text msg, Object... args) {
            super(cmd, Log.message(Lang.en, msg, args));
            this.words = new Words(msg, args);
        }

        /** Any bad input in words: ours from the tables; a bad value with its option; picocli's own as they are. */
        static String text(Lang lang, ParameterException ex) {
            ArgSpec arg = ex.getArgSpec();
            String name = arg instanceof OptionSpec option ? option.longestName()
                    : arg == null ? "?" : arg.paramLabel();
            if (ex instanceof BadInput bad) {
                return bad.words.in(lang);
            }
            if (ex.getCause() instanceof BadValue bad) {
                return Log.message(lang, Phrase.BAD_VALUE, name, bad.words);
            }
            if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
                String first = unmatched.getUnmatched().get(0);
                boolean option = first.startsWith("-");
                String near = option ? nearestOption(first, unmatched.getCommandLine().getCommandSpec()) : null;
                return near != null ? Log.message(lang, Phrase.UNKNOWN_OPTION_NEAR, first, near)
                        : Log.message(lang, option ? Phrase.UNKNOWN_OPTION : Phrase.UNEXPECTED_ARGUMENT, first);
            }
            if (ex instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()) {
                ArgSpec first = missing.getMissing().get(0);
                return first instanceof OptionSpec option
                        ? Log.message(lang, Phrase.MISSING_VALUE, option.longestName(), first.paramLabel())
                        : Log.message(lang, Phrase.MISSING_PARAMETER, first.paramLabel());
            }
            if (ex.getClass() == ParameterException.class && arg != null && arg.type().isEnum()
                    && ex.getValue() != null) {
                String choices = Arrays.stream(arg.type().getEnumConstants()).map(String::valueOf)
                        .collect(Collectors.joining(", "));
                return Log.message(lang, Phrase.BAD_VALUE, name, new Words(Phrase.NOT_ONE_OF, ex.getValue(), choices));
            }
            return ex.getMessage(); // any other of picocli's own: English only
        }

        /** Of the command's long options, the nearest if near enough to be meant: two edits, or a third of the name. */
        private static String nearestOption(String typed, CommandSpec spec) {
            String option = typed.split("=", 2)[0]; // --run-tme=1h
            return spec.optionsMap().keySet().stream().filter(name -> name.startsWith("--")) // not picocli's: --lnag
                    .filter(name -> ConfigSources.editDistance(option, name) <= Math.max(2, option.length() / 3))
                    .min(Comparator.comparingInt(name -> ConfigSources.editDistance(option, name))).orElse(null);
        }
    }

    /** A value that does not parse, from a converter; picocli keeps it as the cause; said in the errors' language. */
    static class BadValue extends IllegalArgumentException {
        final Words words;

        BadValue(Text msg, Object... args) {
            super(Log.message(Lang.en, msg, args));
            this.words = new Words(msg, args);
        }
    }

    // ------------------------------------------------------------------------------------------ UTF-8

    /**
     * Arguments, file names and the environment in UTF-8 whatever the locale. Under systemd or cron LANG is often
     * unset: the JVM then takes them as ASCII (sun.jnu.encoding, which nothing at run time changes, JDK 17 to 25), and
     * '/srv/joão bot' cannot even be named; so with a locale that is not generated (LANG=pt_BR.UTF-8 on a fresh
     * server): glibc then takes none of it. When that matters, main runs the same JVM command again under
     * LC_ALL=C.UTF-8 as a child that does all the work, with the locale's language in #LANG (the bot and hooks get
     * LC_ALL back: #asGiven); this JVM only passes the stop signals on and exits with the child's code. The
     * arguments go across percent-encoded (this JVM cannot), from the raw bytes of /proc/self/cmdline.
     */
    static final class Utf8 {
        /** Set in the child: the PID of the JVM that re-ran it (never re-run twice; the arguments are encoded). */
        static final String RERUN = "SUPERVISOR_UTF8_RERUN";
        /** The language the locale asked for (en or pt) before LC_ALL=C.UTF-8, here or by ./jbang: read first. */
        static final String LANG = "SUPERVISOR_UTF8_LANG";
        /** LC_ALL before that, "=" and its value or empty when unset: the bot's and hooks' (#asGiven). */
        static final String LC_ALL = "SUPERVISOR_UTF8_LC_ALL";
        private static final Pattern ESCAPED = Pattern.compile("[^\\x00-\\x7F]|%");

        /** The child's exit code, when this JVM had to re-run itself under a UTF-8 locale; empty when it did not. */
        static Optional<Integer> rerunIfNeeded(String[] args) {
            if ("UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding")) || launcher().isPresent()
                    || !ProcessTree.PROC) {
                return Optional.empty();
            }
            List<String> line = nulSeparated("/proc/self/cmdline");
            if (line.size() <= args.length) {
                return Optional.empty();
            }
            List<String> jvm = line.subList(0, line.size() - args.length);
            List<String> program = line.subList(line.size() - args.length, line.size());
            // worth a re-run: a byte that is not ASCII in an argument, a SUPERVISOR_ variable or the working folder
            boolean needed = program.stream().anyMatch(Utf8::notAscii)
                    || nulSeparated("/proc/self/environ").stream()
                            .anyMatch(v -> v.startsWith("SUPERVISOR_") && notAscii(v))
                    || System.getProperty("user.dir", "").chars().anyMatch(c -> c > 0x7E || c == '?');
            if (!needed || jvm.stream().anyMatch(Utf8::notAscii)) {
                // nothing to fix; or the JVM's own command is not ASCII and cannot be passed on
                return Optional.empty();
            }
            List<String> command = new ArrayList<>();
            // In a session of its own, so that a terminal's Ctrl+C reaches only this JVM, which passes it on once.
            ProcessTree.SETSID.ifPresent(setsid -> command.add(setsid.toString()));
            command.add(ProcessHandle.current().info().command().orElse(jvm.get(0)));
            command.addAll(jvm.subList(1, jvm.size()));
            program.forEach(argument -> command.add(encode(argument)));
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            Map<String, String> env = builder.environment(); // the variables not changed here keep their very bytes
            env.put(LANG, Lang.fromLocale(env).name());
            env.putIfAbsent(LC_ALL, env.containsKey("LC_ALL") ? "=" + env.get("LC_ALL") : "");
            env.put("LC_ALL", "C.UTF-8"); // not LC_CTYPE alone: one category glibc lacks, and it takes none (C)
            env.put(RERUN, Long.toString(ProcessHandle.current().pid()));
            try {
                Process child = builder.start();
                for (String name : List.of("INT", "TERM", "HUP", "USR1", "USR2")) {
                    Signals.handle(name, signal -> {
                        if (!ProcessTree.signal(List.of(child.toHandle()), StopSignal.valueOf(name))
                                && !name.startsWith("USR")) {
                            child.destroy(); // no kill(1): a stop is a stop
                        }
                    });
                }
                return Optional.of(child.waitFor());
            } catch (IOException e) {
                return Optional.empty(); // the JVM cannot be started again: go on as it is, ASCII names still work
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of(ExitCode.FAILED);
            }
        }

        /**
         * The arguments: as given, or decoded in a re-run child. Such a child also stops (its bot too) when the JVM
         * that launched it is gone, even killed by SIGKILL.
         */
        static String[] asChild(String[] args, Want want) {
            Optional<ProcessHandle> launcher = launcher();
            launcher.ifPresent(parent -> parent.onExit().thenRun(() -> want.stop("launcher gone")));
            return launcher.isEmpty() ? args : Arrays.stream(args).map(Utf8::decode).toArray(String[]::new);
        }

        /** The JVM that re-ran this one, if RERUN names our parent (a supervisor the bot starts inherits RERUN). */
        private static Optional<ProcessHandle> launcher() {
            String pid = System.getenv(RERUN);
            Optional<ProcessHandle> parent = ProcessHandle.current().parent();
            boolean ours = pid != null && parent.isPresent() && pid.equals(Long.toString(parent.get().pid()));
            return ours ? parent : Optional.empty();
        }

        /** The changes (null removes) that give a child the locale as the user had it, and none of our variables. */
        static Map<String, String> asGiven() {
            Map<String, String> changes = new HashMap<>();
            for (String name : System.getenv().keySet()) {
                if (name.startsWith("SUPERVISOR_UTF8_")) {
                    changes.put(name, null);
                }
            }
            String kept = System.getenv(LC_ALL);
            if (kept != null) {
                changes.put("LC_ALL", kept.startsWith("=") ? kept.substring(1) : null);
            }
            return changes;
        }

        /** A /proc file's NUL-terminated parts, one char a byte (ISO-8859-1); an unterminated last part is dropped. */
        private static List<String> nulSeparated(String file) {
            String text = new String(ProcessTree.readQuietly(Path.of(file)), ISO_8859_1);
            List<String> parts = List.of(text.split("\0", -1));
            return parts.subList(0, parts.size() - 1);
        }

        private static boolean notAscii(String bytes) {
            return bytes.chars().anyMatch(c -> c > 0x7F);
        }

        /** Bytes (one char each) with those that are not ASCII, and % itself, percent-encoded. */
        static String encode(String bytes) {
            return ESCAPED.matcher(bytes).replaceAll(m -> String.format("%%%02X", (int) m.group().charAt(0)));
        }

        static String decode(String encoded) {
            return URLDecoder.decode(encoded.replace("+", "%2B"), UTF_8); // percent-encoding only: a + is no space here
        }
    }

    // ------------------------------------------------------------------------------------------ options

    /** The options of a run; shared by the run itself and by 'supervisor config'. */
    static final class RunOptions {
        /** The path options a run takes from --dir (Launch, Settings, Venv.find); the rest, from the current folder. */
        static final Set<String> IN_DIR = Set.of("--script", "--venv", "--heartbeat-file", "--defer-restart-while");

        @Option(names = "--dir", paramLabel = Label.DIR, defaultValue = ".") Path dir;
        @Option(names = "--script", paramLabel = Label.FILE, defaultValue = "bot_trading_system.py") String script;
        @Option(names = "--venv", paramLabel = Label.DIR) Path venv;
        @Option(names = "--python", paramLabel = "EXE") String python;
        @Option(names = "--run-time", paramLabel = Label.DURATION, defaultValue = "1h",
                converter = IntervalConverter.class) Duration runTime;
        @Option(names = "--pause", paramLabel = Label.DURATION, defaultValue = "15s") Duration pause;
        @Option(names = "--grace", paramLabel = Label.DURATION, defaultValue = "10s") Duration grace;
        @Option(names = "--max-failures", paramLabel = "N", defaultValue = "5") int maxFailures;
        @Option(names = "--min-uptime", paramLabel = Label.DURATION, defaultValue = "10s") Duration minUptime;
        @Option(names = "--name", paramLabel = Label.NAME) String name;
        @Option(names = "--log-file", paramLabel = Label.FILE) Path logFile;
        @Option(names = "--log-max-size", paramLabel = Label.SIZE, defaultValue = "10MB") Long logMaxSize;
        @Option(names = "--log-keep", paramLabel = "N", defaultValue = "5") int logKeep;
        @Option(names = "--log-format", paramLabel = Label.FORMAT, defaultValue = "text") Log.Format logFormat;
        @Option(names = "--lang", paramLabel = Label.LANG) Lang lang;
        @Option(names = "--lock-file", paramLabel = Label.FILE) Path lockFile;
        @Option(names = "--max-memory", paramLabel = Label.SIZE) Long maxMemory;
        @Option(names = "--check-every", paramLabel = Label.DURATION, defaultValue = "5s") Duration checkEvery;
        @Option(names = "--max-silence", paramLabel = Label.DURATION) Duration maxSilence;
        @Option(names = "--heartbeat", paramLabel = "REGEX") String heartbeat;
        @Option(names = "--heartbeat-file", paramLabel = Label.FILE) Path heartbeatFile;
        @Option(names = "--restart-on", paramLabel = "REGEX") List<String> restartOn;
        @Option(names = "--fatal-on", paramLabel = "REGEX") List<String> fatalOn;
        @Option(names = "--alert-on", paramLabel = "REGEX") List<String> alertOn;
        @Option(names = "--last-lines", paramLabel = "N", defaultValue = "20") int lastLines;
        @Option(names = "--restart-at", paramLabel = "HH:MM", split = ",") List<LocalTime> restartAt;
        @Option(names = "--timezone", paramLabel = Label.ZONE) ZoneId timezone;
        @Option(names = "--defer-restart-while", paramLabel = Label.FILE) Path deferRestartWhile;
        @Option(names = "--max-defer", paramLabel = Label.DURATION, defaultValue = "15m") Duration maxDefer;
        @Option(names = "--on-event", paramLabel = Label.COMMAND) String onEvent;
        @Option(names = "--on-event-timeout", paramLabel = Label.DURATION, defaultValue = "30s")
                Duration onEventTimeout;
        @Option(names = "--stop-signal", paramLabel = Label.SIGNAL, defaultValue = "TERM") StopSignal stopSignal;
        @Option(names = "--stop-mode", paramLabel = Label.MODE, defaultValue = "mixed") StopMode stopMode;
        @Option(names = "--env-file", paramLabel = Label.FILE) List<Path> envFiles;
        @Option(names = "--http", paramLabel = Label.ADDRESS) String http;
        @Option(names = "--http-token-file", paramLabel = Label.FILE) Path httpTokenFile;
        @Option(names = "--config", paramLabel = Label.FILE) Path config;
        @Parameters(paramLabel = Label.COMMAND, arity = "0..*", descriptionKey = "command") List<String> command;

        /** Checks the combination of options; bad input throws ParameterException (exit 2). */
        Settings check(CommandSpec spec, Map<String, String> env) {
            CommandLine cmd = spec.commandLine();
            Path folder = dir.toAbsolutePath().normalize();
            if (!Files.isDirectory(folder)) {
                throw new BadInput(cmd, Phrase.NOT_A_FOLDER, folder);
            }
            checkBounds(cmd);
            if (stopSignal != StopSignal.TERM && (Venv.WINDOWS || ProcessTree.KILL.isEmpty())) {
                throw new BadInput(cmd, Phrase.NO_KILL, stopSignal);
            }
            if (maxMemory != null && !ProcessTree.PROC) {
                throw new BadInput(cmd, Phrase.NO_PROC, System.getProperty("os.name"));
            }
            Lang language = lang != null ? lang : Lang.fromLocale(env);
            List<Path> environmentFiles = envFiles == null ? List.of()
                    : envFiles.stream().map(Path::toAbsolutePath).toList();
            try {
                EnvFile.load(environmentFiles, language);
            } catch (IOException e) {
                throw new ParameterException(cmd, e.getMessage());
            }
            List<String> hook = Hooks.split(cmd, onEvent);
            Hooks.requireProgram(hook, env);
            if (http != null) {
                Page.check(cmd, http, httpTokenFile);
            } else if (httpTokenFile != null) {
                throw new BadInput(cmd, Phrase.NEEDS_HTTP, "--http-token-file");
            }
            return new Settings(this, folder, language, hook, environmentFiles, Triggers.compile(cmd, this));
        }

        /**
         * Values that would make the loop spin, hang or fill memory, refused naming the option (the limits: Policy).
         * Not bounded, as they cannot hurt: --pause (0s is a planned restart at once; a failure's pause has its
         * floor), --run-time beyond 0 (each run waits for a real process), --max-memory (a restart takes 3 checks),
         * a long duration (Durations.parse stops at a hundred years), --max-failures upwards, logs -n (the files
         * bound what it reads).
         */
        private void checkBounds(CommandLine cmd) {
            atLeast(cmd, "--max-failures", maxFailures, 0);
            atLeast(cmd, "--log-keep", logKeep, 0);
            atLeast(cmd, "--last-lines", lastLines, 0);
            if (lastLines > Policy.MAX_LAST_LINES) { // each is held in memory, and goes to every failure's event
                throw new BadInput(cmd, Phrase.AT_MOST, "--last-lines", Policy.MAX_LAST_LINES, lastLines);
            }
            if (logKeep > Policy.MAX_LOG_KEEP) {
                throw new BadInput(cmd, Phrase.AT_MOST, "--log-keep", Policy.MAX_LOG_KEEP, logKeep);
            }
            if (runTime != null && runTime.isZero()) {
                throw new BadInput(cmd, Phrase.RUN_TIME_ZERO);
            }
            if (minUptime.isZero()) { // no run would ever be short: every failure would be "1 of N", never giving up
                throw new BadInput(cmd, Phrase.MIN_UPTIME_ZERO);
            }
            atLeast(cmd, "--check-every", checkEvery, Policy.MIN_CHECK_EVERY);
            // silence shorter than the finest check cannot be seen: a chatty bot would be taken for hung
            atLeast(cmd, "--max-silence", maxSilence, Policy.MIN_CHECK_EVERY);
            // a sign of life is watched for within --max-silence: without it, none would ever be due
            if (maxSilence == null && (heartbeat != null || heartbeatFile != null)) {
                throw new BadInput(cmd, Phrase.NEEDS_MAX_SILENCE,
                        heartbeat != null ? "--heartbeat" : "--heartbeat-file");
            }
            if (logMaxSize < Policy.MIN_LOG_SIZE) {
                throw new BadInput(cmd, Phrase.AT_LEAST, "--log-max-size", Sizes.format(Policy.MIN_LOG_SIZE),
                        Sizes.format(logMaxSize));
            }
            atMost(cmd, "--grace", grace, Policy.MAX_GRACE);
            atMost(cmd, "--on-event-timeout", onEventTimeout, Policy.MAX_HOOK_TIME);
            if (restartAt != null && restartAt.size() > Policy.MAX_RESTART_TIMES) { // each start looks at every time
                throw new BadInput(cmd, Phrase.TOO_MANY_TIMES, "--restart-at", Policy.MAX_RESTART_TIMES,
                        restartAt.size());
            }
        }

        private static void atLeast(CommandLine cmd, String option, int value, int least) {
            if (value < least) {
                throw new BadInput(cmd, Phrase.AT_LEAST, option, least, value);
            }
        }

        /** A duration under its floor; none (null) is an option left off. */
        private static void atLeast(CommandLine cmd, String option, Duration value, Duration least) {
            if (value != null && value.compareTo(least) < 0) {
                throw new BadInput(cmd, Phrase.AT_LEAST, option, Durations.format(least), Durations.format(value));
            }
        }

        private static void atMost(CommandLine cmd, String option, Duration value, Duration most) {
            if (value.compareTo(most) > 0) {
                throw new BadInput(cmd, Phrase.AT_MOST, option, Durations.format(most), Durations.format(value));
            }
        }
    }

    /** A run's settings, checked by RunOptions.check and never changed: dir and envFiles absolute, lang resolved. */
    record Settings(RunOptions given, Path dir, Lang lang, List<String> onEvent, List<Path> envFiles,
                    Triggers triggers) {
        Settings {
            onEvent = List.copyOf(onEvent);
            envFiles = List.copyOf(envFiles);
        }

        String script() { return given.script; }
        Path venv() { return given.venv; }
        String python() { return given.python; }
        List<String> command() { return given.command == null ? List.of() : List.copyOf(given.command); }
        /** Null when off. */
        Duration runTime() { return given.runTime; }
        Duration pause() { return given.pause; }
        Duration grace() { return given.grace; }
        int maxFailures() { return given.maxFailures; }
        Duration minUptime() { return given.minUptime; }
        String name() { return given.name; }
        Path logFile() { return given.logFile == null ? null : given.logFile.toAbsolutePath(); }
        long logMaxSize() { return given.logMaxSize; }
        int logKeep() { return given.logKeep; }
        Log.Format logFormat() { return given.logFormat; }
        Path lockFile() {
            return given.lockFile != null ? given.lockFile.toAbsolutePath() : dir.resolve(InstanceLock.NAME);
        }
        Long maxMemory() { return given.maxMemory; }
        Duration checkEvery() { return given.checkEvery; }
        Duration maxSilence() { return given.maxSilence; }
        int lastLines() { return given.lastLines; }
        /** Null when off; relative to --dir. */
        Path heartbeatFile() { return given.heartbeatFile == null ? null : dir.resolve(given.heartbeatFile); }
        List<LocalTime> restartAt() { return given.restartAt == null ? List.of() : List.copyOf(given.restartAt); }
        ZoneId timezone() { return given.timezone != null ? given.timezone : ZoneId.systemDefault(); }
        /** Null when off; relative to --dir. */
        Path deferFile() { return given.deferRestartWhile == null ? null : dir.resolve(given.deferRestartWhile); }
        Duration maxDefer() { return given.maxDefer; }
        Duration onEventTimeout() { return given.onEventTimeout; }
        StopSignal stopSignal() { return given.stopSignal; }
        StopMode stopMode() { return given.stopMode; }
        /** --http as given ([ADDR:]PORT), null when off; Page.address reads it. */
        String http() { return given.http; }
        /** Null when none: the page is read-only. */
        Path httpTokenFile() { return given.httpTokenFile == null ? null : given.httpTokenFile.toAbsolutePath(); }

        Path stateFile() { return StateFile.in(dir); }
        /** Memory or silence is checked every --check-every; with --http too: the page shows the bot's memory. */
        boolean watchesHealth() { return maxMemory() != null || maxSilence() != null || http() != null; }

        /** The effective settings, as logged when the supervisor starts: those off by default only when on. */
        String describe() {
            List<String> parts = new ArrayList<>();
            BiConsumer<String, Object> add = (name, value) -> {
                if (value != null) {
                    parts.add(name + " " + shown(lang, value));
                }
            };
            add.accept("run-time", runTime() == null ? "off" : runTime());
            String times = restartAt().stream().map(LocalTime::toString).collect(Collectors.joining(","));
            add.accept("restart-at", times.isEmpty() ? null : times + " " + timezone());
            add.accept("pause", pause());
            add.accept("grace", grace());
            add.accept("stop-signal", stopSignal() == StopSignal.TERM ? null : stopSignal().signalName());
            add.accept("stop-mode", stopMode() == StopMode.MIXED ? null : stopMode());
            add.accept("max-failures", maxFailures());
            add.accept("min-uptime", minUptime());
            add.accept("max-memory", maxMemory());
            add.accept("max-silence", maxSilence());
            add.accept("heartbeat", triggers.heartbeat() == null ? null : "'" + triggers.heartbeat() + "'");
            add.accept("heartbeat-file", heartbeatFile());
            add.accept("check-every", watchesHealth() ? checkEvery() : null);
            add.accept("defer-restart-while", deferFile());
            add.accept("max-defer", deferFile() == null ? null : maxDefer());
            add.accept("http", http()); // the token file is not named: where a secret lives is nobody's business
            triggers.describe(add);
            envFiles.forEach(file -> add.accept("env-file", file));
            add.accept("dir", dir);
            return String.join(", ", parts);
        }

        /** A value as people read it and the options take it: 1h30m, 10MB, a list without brackets; "-" for none. */
        static String shown(Lang lang, Object value) {
            return Log.localise(lang, value == null ? "-" : value instanceof Duration d ? Durations.format(d)
                    : value instanceof Long size ? Sizes.format(size) // the only long options are sizes
                    : String.valueOf(value).replaceAll("^\\[|\\]$", ""));
        }
    }

    /**
     * What the bot's lines are watched for, compiled once: --restart-on, --fatal-on, --alert-on (each repeatable) and
     * --heartbeat. A pattern that does not compile is bad input naming its option and itself (exit 2).
     */
    record Triggers(Pattern heartbeat, Map<Trigger, List<Pattern>> patterns) {
        static Triggers compile(CommandLine cmd, RunOptions given) {
            Map<Trigger, List<Pattern>> patterns = new EnumMap<>(Trigger.class);
            patterns.put(Trigger.RESTART_ON, compile(cmd, Trigger.RESTART_ON.option, given.restartOn));
            patterns.put(Trigger.FATAL_ON, compile(cmd, Trigger.FATAL_ON.option, given.fatalOn));
            patterns.put(Trigger.ALERT_ON, compile(cmd, Trigger.ALERT_ON.option, given.alertOn));
            Pattern heartbeat = given.heartbeat == null ? null : compile(cmd, "--heartbeat", given.heartbeat);
            return new Triggers(heartbeat, Map.copyOf(patterns));
        }

        private static List<Pattern> compile(CommandLine cmd, String option, List<String> regexes) {
            return regexes == null ? List.of() : regexes.stream().map(regex -> compile(cmd, option, regex)).toList();
        }

        static Pattern compile(CommandLine cmd, String option, String regex) {
            try {
                return Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new BadInput(cmd, Phrase.BAD_PATTERN, option, regex, e.getDescription(), e.getIndex());
            }
        }

        List<Pattern> of(Trigger trigger) {
            return patterns.getOrDefault(trigger, List.of());
        }

        /** Whether any line needs looking at: without, the relay never decodes a line. */
        boolean watchLines() {
            return heartbeat != null || patterns.values().stream().anyMatch(list -> !list.isEmpty());
        }

        void describe(BiConsumer<String, Object> add) {
            for (Trigger trigger : Trigger.values()) {
                of(trigger).forEach(pattern -> add.accept(trigger.option.substring(2), "'" + pattern + "'"));
            }
        }
    }

    /** Settings not on the command line: SUPERVISOR_* variables, then --config (long option names), then defaults. */
    static final class ConfigSources implements IDefaultValueProvider {
        private static final String PREFIX = "SUPERVISOR_";
        /** SUPERVISOR_* variables that are not settings: the supervisor's own, the run marker, the hooks' variables. */
        private static final Set<String> NOT_SETTINGS = Stream.concat(
                Stream.of("SUPERVISOR_DEBUG", ProcessTree.MARKER, Utf8.RERUN, Utf8.LANG, Utf8.LC_ALL),
                Hooks.VARIABLES.stream()).collect(Collectors.toUnmodifiableSet());
        private final Map<String, String> env;
        private final Map<Path, Map<String, Origin>> files = new LinkedHashMap<>();
        private final Map<String, Origin> origins = new LinkedHashMap<>();

        /** A value not on the command line, and where it came from: an environment variable, or a file and line. */
        record Origin(String value, String variable, Path file, int line) {
            String text(Lang lang) {
                return variable != null ? Log.message(lang, Phrase.ORIGIN_ENVIRONMENT, variable) : file + ":" + line;
            }
        }

        ConfigSources(Map<String, String> env) {
            this.env = env;
        }

        /** The sources a command reads (commandLine wires them in), with the environment it was started with. */
        static ConfigSources of(CommandSpec spec) {
            return (ConfigSources) spec.commandLine().getDefaultValueProvider();
        }

        static String variable(OptionSpec option) {
            return PREFIX + option.longestName().substring(2).toUpperCase(Locale.ROOT).replace('-', '_');
        }

        @Override
        public String defaultValue(ArgSpec arg) throws IOException {
            if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
                return null;
            }
            String key = option.longestName().substring(2);
            String variable = variable(option);
            Path file = key.equals("config") ? null : configFile(option.command());
            Origin origin = env.get(variable) != null ? new Origin(env.get(variable), variable, null, 0)
                    : file == null ? null : load(option.command(), file).get(key);
            if (origin == null) {
                return option.defaultValue();
            }
            origins.put(key, origin);
            return origin.value();
        }

        /** The command's --config file: given on the command line, else named by SUPERVISOR_CONFIG; null when none. */
        private Path configFile(CommandSpec command) {
            OptionSpec config = command.findOption("--config");
            if (config != null && config.getValue() != null) {
                return config.getValue();
            }
            String fromEnv = env.get(PREFIX + "CONFIG");
            return config == null || fromEnv == null ? null : Path.of(fromEnv);
        }

        /** Reads a properties file once, keeping line numbers; an unknown key is bad input naming file and line. */
        private Map<String, Origin> load(CommandSpec command, Path file) throws IOException {
            Map<String, Origin> loaded = files.get(file);
            if (loaded != null) {
                return loaded;
            }
            if (!Files.isRegularFile(file)) {
                throw new BadInput(command.commandLine(), Phrase.CONFIG_UNREADABLE, file.toAbsolutePath());
            }
            loaded = new LinkedHashMap<>();
            String text;
            try {
                text = UTF_8.newDecoder().decode(ByteBuffer.wrap(EnvFile.readSmall(file))).toString(); // as readString
            } catch (EnvFile.TooBig e) {
                throw new BadInput(command.commandLine(), Phrase.CONFIG_TOO_BIG, file.toAbsolutePath(),
                        Sizes.format(EnvFile.MAX_BYTES));
            }
            List<String> lines = text.replaceFirst("^\uFEFF", "").lines().toList(); // Notepad's byte order mark
            CommandSpec settings = command.root(); // the keys are those of a run, whichever command reads the file
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                    continue;
                }
                int split = line.indexOf('=') >= 0 ? line.indexOf('=') : line.indexOf(':');
                String key = (split < 0 ? line : line.substring(0, split)).strip();
                String value = split < 0 ? "" : line.substring(split + 1).strip();
                OptionSpec option = settings.findOption("--" + key);
                if (option == null || option.usageHelp() || option.versionHelp() || key.equals("config")) {
                    throw new BadInput(command.commandLine(), Phrase.CONFIG_UNKNOWN_KEY, file, i + 1, key);
                }
                loaded.put(key, new Origin(value, null, file, i + 1));
            }
            files.put(file, loaded);
            return loaded;
        }

        /** Warns of SUPERVISOR_* variables that set nothing (typos), with the nearest; never their values (secrets). */
        void warnAboutUnknownVariables(CommandSpec root, Lang lang, PrintWriter err) {
            Set<String> settings = variables(Stream.concat(Stream.of(root.commandLine()),
                    root.subcommands().values().stream()));
            Predicate<String> unknown = name -> name.startsWith(PREFIX) && !settings.contains(name)
                    && !NOT_SETTINGS.contains(name);
            if (root.subcommands().isEmpty() && env.keySet().stream().anyMatch(unknown)) {
                // a plain run has no subcommands (Subcommands): theirs are read only for a variable the run's are not
                settings.addAll(variables(Subcommands.all().stream().map(CommandLine::new)));
            }
            env.keySet().stream().filter(unknown).sorted().forEach(name -> {
                String near = nearest(name, settings);
                err.println("supervisor: " + (near == null ? Log.message(lang, Phrase.ENV_UNKNOWN, name)
                        : Log.message(lang, Phrase.ENV_UNKNOWN_NEAR, name, near)));
            });
        }

        /** The variables that set the options of these commands, in their order. */
        private static Set<String> variables(Stream<CommandLine> commands) {
            return commands.flatMap(command -> command.getCommandSpec().options().stream())
                    .filter(o -> !o.usageHelp() && !o.versionHelp())
                    .map(ConfigSources::variable).collect(Collectors.toCollection(LinkedHashSet::new));
        }

        /** The nearest setting (the first of equals) within a third of the name past SUPERVISOR_, in edits; or null. */
        static String nearest(String name, Collection<String> settings) {
            int most = Math.max(1, (name.length() - PREFIX.length()) / 3);
            return settings.stream().filter(setting -> editDistance(name, setting) <= most)
                    .min(Comparator.comparingInt(setting -> editDistance(name, setting))).orElse(null);
        }

        /** Edits from a to b (optimal string alignment): insertions, deletions, substitutions, swaps of neighbours. */
        static int editDistance(String a, String b) {
            int[][] d = new int[a.length() + 1][b.length() + 1]; // d[i][j]: a's first i letters to b's first j
            for (int i = 0; i <= a.length(); i++) {
                for (int j = 0; j <= b.length(); j++) {
                    d[i][j] = i == 0 || j == 0 ? i + j : Math.min(Math.min(d[i - 1][j], d[i][j - 1]) + 1,
                            d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                    if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                    }
                }
            }
            return d[a.length()][b.length()];
        }

        /** Where the option's value came from, for 'supervisor config'. */
        String origin(Lang lang, CommandLine cmd, OptionSpec option) {
            if (cmd.getParseResult().hasMatchedOption(option)) {
                return Log.message(lang, Phrase.ORIGIN_COMMAND_LINE);
            }
            Origin origin = origins.get(option.longestName().substring(2));
            return origin == null ? Log.message(lang, Phrase.ORIGIN_DEFAULT) : origin.text(lang);
        }

        /** A bad value's message, naming the file and line (or the variable) it came from. */
        static String describe(Lang lang, CommandLine cmd, ParameterException ex, String message) {
            if (ex.getArgSpec() instanceof OptionSpec option
                    && cmd.getDefaultValueProvider() instanceof ConfigSources sources) {
                // picocli takes a default only for an option the command line did not match: the value came from here
                Origin from = sources.origins.get(option.longestName().substring(2));
                if (from != null) {
                    return from.text(lang) + ": " + option.longestName().substring(2) + ": " + message;
                }
            }
            return message;
        }
    }

    // ------------------------------------------------------------------------------------------ the machine

    /** Named states, as supervisord users know them; DEFERRED: a planned restart waits for --defer-restart-while. */
    enum State {
        NEW, STARTING, RUNNING, DEFERRED, STOPPING, PAUSED, BACKOFF, STOPPED, FATAL;

        boolean isFinal() {
            return this == STOPPED || this == FATAL;
        }
    }

    /** What happens to the machine: each state's action ends in one of these. */
    enum Event {
        /** The supervisor begins, and nothing of an earlier one's bot is left. */ BEGIN,
        /** The supervisor begins, and the bot of an earlier one that died still runs. */ ORPHAN,
        /** What was left of that earlier bot is gone. */ ORPHAN_GONE,
        /** The bot runs. */ STARTED,
        /** The bot could not be started. */ START_FAILED,
        /** The bot ended by itself. */ EXITED,
        /** The planned restart is due (--run-time or --restart-at). */ DEADLINE,
        /** Memory over the limit, or silent for too long. */ UNHEALTHY,
        /** A line of the bot's matched --restart-on or --fatal-on. */ MATCHED,
        /** A planned restart is due while the --defer-restart-while file exists. */ DEFER,
        /** A person asked the supervisor to stop (a signal, 'supervisor stop'). */ STOP,
        /** A person asked for a restart now (SIGUSR1, 'supervisor restart'). */ RESTART,
        /** Every process of the run is gone. */ GONE,
        /** The pause (or the backoff) is over. */ PAUSE_OVER
    }

    /** Every transition, in one pure function (s6's one table); a pair not listed is a bug, and throws. */
    static final class Machine {
        static State next(State from, Event event, Want.Wish wish, Verdict verdict) {
            return switch (from) {
                case NEW -> switch (event) {
                    case BEGIN -> wish == Want.Wish.DOWN ? State.STOPPED : State.STARTING;
                    case ORPHAN -> State.STOPPING;
                    default -> illegal(from, event);
                };
                case STARTING -> switch (event) {
                    case STARTED -> State.RUNNING;
                    case START_FAILED -> afterRun(wish, verdict);
                    default -> illegal(from, event);
                };
                // from DEFERRED, the end may be the restart that waited, now due (the file gone, --max-defer over)
                case RUNNING, DEFERRED -> switch (event) {
                    case EXITED, DEADLINE, UNHEALTHY, MATCHED, STOP, RESTART -> State.STOPPING;
                    case DEFER -> from == State.RUNNING ? State.DEFERRED : illegal(from, event);
                    default -> illegal(from, event);
                };
                case STOPPING -> switch (event) {
                    case GONE -> afterRun(wish, verdict);
                    case ORPHAN_GONE -> wish == Want.Wish.DOWN ? State.STOPPED : State.STARTING; // no run was judged
                    default -> illegal(from, event);
                };
                case PAUSED, BACKOFF -> switch (event) {
                    case PAUSE_OVER, RESTART -> State.STARTING;
                    case STOP -> State.STOPPED;
                    default -> illegal(from, event);
                };
                case STOPPED, FATAL -> illegal(from, event);
            };
        }

        /** A person's wish comes first: a stop, then a restart (at once, no pause); then Policy's verdict. */
        private static State afterRun(Want.Wish wish, Verdict verdict) {
            return switch (wish) {
                case DOWN -> State.STOPPED;
                case RESTART -> State.STARTING;
                case UP -> verdict.giveUp() ? State.FATAL : verdict.failure() ? State.BACKOFF : State.PAUSED;
            };
        }

        private static State illegal(State from, Event event) {
            throw new IllegalStateException("no transition from " + from + " on " + event);
        }
    }

    /**
     * How a run ended: the machine's event, the counter it adds to, the hook fired as the bot is stopped (none for a
     * request or an exit), and whether it fails whatever the exit.
     */
    enum Ending {
        NOT_STARTED(Event.START_FAILED, stats -> { }, null, true),
        EXITED(Event.EXITED, stats -> { }, null, false),
        PLANNED(Event.DEADLINE, stats -> stats.plannedRestarts++, Hooks.Notice.PLANNED_RESTART, false),
        SCHEDULED(Event.DEADLINE, stats -> stats.plannedRestarts++, Hooks.Notice.PLANNED_RESTART, false),
        MEMORY(Event.UNHEALTHY, stats -> stats.memoryRestarts++, Hooks.Notice.MEMORY_RESTART, false),
        /** Over --max-memory at every check since its start: it cannot run under the limit, a failure. */
        MEMORY_AT_START(Event.UNHEALTHY, stats -> stats.memoryRestarts++, Hooks.Notice.MEMORY_RESTART, true),
        HUNG(Event.UNHEALTHY, stats -> stats.hungRestarts++, Hooks.Notice.HUNG, true),
        /** A line matched --restart-on: a restart, counted as a failure. */
        MATCHED(Event.MATCHED, stats -> { }, Hooks.Notice.MATCHED, true), // its line is counted as a trigger
        /** A line matched --fatal-on: a stop, and Policy gives up at once. */
        FATAL_LINE(Event.MATCHED, stats -> { }, Hooks.Notice.MATCHED, true),
        /** A restart a person asked for is planned too. */
        RESTARTED(Event.RESTART, stats -> {
            stats.plannedRestarts++;
            stats.requestedRestarts++;
        }, null, false),
        STOP_REQUESTED(Event.STOP, stats -> { }, null, false);

        final Event event;
        final Consumer<Stats> count;
        final Hooks.Notice hook;
        final boolean fails;

        Ending(Event event, Consumer<Stats> count, Hooks.Notice hook, boolean fails) {
            this.event = event;
            this.count = count;
            this.hook = hook;
            this.fails = fails;
        }
    }

    /** The one value a run ends in: how, its exit code (when it exited by itself), how long it was up. */
    record Outcome(Ending ending, Integer exitCode, Duration uptime) {
        /** A failure: could not start, hung, a line matched, or ended by itself with an error, a signal or too soon. */
        boolean isFailure(Duration minUptime) {
            return ending.fails || ending == Ending.EXITED && (exitCode != 0 || uptime.compareTo(minUptime) < 0);
        }
    }

    /** What follows a run: the new count of consecutive failures, whether to give up, how long to pause. */
    record Verdict(boolean failure, int failures, boolean giveUp, Duration pause) {}

    /** All timing policy in one place: pure functions of a run's outcome and the settings. */
    static final class Policy {
        static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
        /** The least pause after a failure (PM2's first exponential step): with --pause 0s a crash must not spin. */
        static final Duration MIN_BACKOFF = Duration.ofMillis(100);
        /**
         * The least --check-every (and --max-silence): a check reads /proc for every process, a few ms on a busy host,
         * so 20 a second stay a small share of a core; the tests' 50ms is the finest a silence check needs.
         */
        static final Duration MIN_CHECK_EVERY = Duration.ofMillis(50);
        /** The least --log-max-size: a few dozen lines; below, the file would rotate at nearly every line. */
        static final long MIN_LOG_SIZE = 8 << 10;
        /** The most --log-keep: a rotation moves each old file, with the bot's lines waiting behind the log's lock. */
        static final int MAX_LOG_KEEP = 1000;
        /** The longest --grace: each planned restart and each stop may wait that long for a bot ignoring SIGTERM. */
        static final Duration MAX_GRACE = Duration.ofHours(1);
        /** The longest --on-event-timeout: hooks run one at a time, a slow one holds back every later event, queued. */
        static final Duration MAX_HOOK_TIME = Duration.ofMinutes(10);
        /** The most --restart-at times: one for each minute of a day; more would be repeats. */
        static final int MAX_RESTART_TIMES = 1440;
        /** Samples in a row over --max-memory before a memory restart. */
        static final int MEMORY_STRIKES = 3;
        /** After SIGKILL, how long to wait for the kernel to confirm each process is gone. */
        static final Duration KILL_CONFIRM = Duration.ofSeconds(5);
        /** After a stop, how long the relay may take to pass on the bot's last lines before the loop goes on. */
        static final Duration OUTPUT_DRAIN = Duration.ofSeconds(2);
        /** At exit, the longest the last hooks (stopped, gave-up) may still run: a stop must not wait for them. */
        static final Duration HOOKS_AT_EXIT = Duration.ofSeconds(2);
        /** A hook over its time: SIGTERM to its whole tree, then SIGKILL after this. */
        static final Duration HOOK_GRACE = Duration.ofSeconds(1);
        /**
         * Alerts (--alert-on) of one pattern: at most one in this long, the lines matched meanwhile folded into the
         * next one's count. A bot that logs an error in a loop sends one message a minute, which a person can still
         * read (and a chat bot's rate limit, about 20 a minute, still takes for a few patterns), not thousands; the
         * first line of a burst is never delayed.
         */
        static final Duration ALERT_QUIET = Duration.ofMinutes(1);
        /**
         * How often the --defer-restart-while file is looked for while a restart waits: a stat ten times a second costs
         * nothing, and the restart follows the file's removal within it.
         */
        static final Duration DEFER_POLL = Duration.ofMillis(100);
        /** How much of each of the bot's last lines is kept (--last-lines): the head, in bytes. */
        static final int LINE_HEAD = 240;
        /** The most --last-lines: 100 heads of LINE_HEAD bytes. */
        static final int MAX_LAST_LINES = 100;
        /** How much of the last lines an event, the state file and status get: the newest that fit. */
        static final int LAST_LINES_BYTES = 8 * 1024;
        /** How much of a matched line the log, the hook and the state file get: a line can be 64 KiB. */
        static final int MATCHED_LINE = 500;
        /** How much of a hook's output is kept for the line that says why it failed: its last bytes. */
        static final int HOOK_TAIL = 4 * 1024;
        /** What the console may fall behind by: beyond it the log waits for it, as long as it is not stalled. */
        static final int CONSOLE_BACKLOG = 1 << 20;
        /** A console that took nothing for this long is stalled (a pipe nobody reads): its lines are dropped. */
        static final Duration CONSOLE_STALL = Duration.ofSeconds(1);
        /** At exit, how long what is still queued for the console may take to go out. */
        static final Duration CONSOLE_AT_EXIT = Duration.ofSeconds(1);
        /** How often a log file that stopped taking lines is tried again. */
        static final Duration LOG_FILE_RETRY = Duration.ofSeconds(5);
        /** A unit made by 'supervisor unit' starts a supervisor that gave up (exit 1) again after this pause. */
        static final Duration UNIT_RESTART_SEC = Duration.ofMinutes(1);
        /** The longest duration taken: a hundred years; beyond, it is a typo. */
        static final Duration LONGEST = Duration.ofDays(36_500);

        /**
         * A run up for min-uptime resets the count of consecutive failures and a failure adds one; the pause doubles
         * with each, from --pause (at least MIN_BACKOFF) up to MAX_BACKOFF (or --pause, if longer). A --fatal-on line
         * gives up at once.
         */
        static Verdict judge(Outcome run, int failuresBefore, Duration pause, Duration minUptime, int maxFailures) {
            boolean failure = run.isFailure(minUptime);
            // a run that never started was never up, however long the attempt took; nor was one that hung or matched
            boolean stayedUp = run.uptime().compareTo(minUptime) >= 0 && !run.ending().fails;
            int failures = (stayedUp ? 0 : failuresBefore) + (failure ? 1 : 0);
            boolean giveUp = failure
                    && (run.ending() == Ending.FATAL_LINE || maxFailures > 0 && failures >= maxFailures);
            return new Verdict(failure, failures, giveUp, failure ? backoff(pause, failures) : pause);
        }

        static Duration backoff(Duration pause, int failures) {
            Duration cap = Collections.max(List.of(pause, MAX_BACKOFF));
            Duration next = Collections.max(List.of(pause, MIN_BACKOFF)); // a planned restart's pause may be 0
            for (int i = 1; i < Math.min(failures, 64); i++) { // 63 doublings take even 1ns past the cap
                next = Collections.min(List.of(next.multipliedBy(2), cap));
            }
            return next;
        }
    }

    // ------------------------------------------------------------------------------------------ what is wanted

    /** What is wanted, apart from what is (runit's want and state): others set it, the loop acts on it. */
    static final class Want {
        enum Wish { UP, DOWN, RESTART }

        /** Who asked last, and --now (SIGUSR2): one value, never a --now with an older request's words; or NONE. */
        private record Asked(String who, boolean now) {
            static final Asked NONE = new Asked(null, false);
        }

        final Bell bell = new Bell();
        private final AtomicInteger stops = new AtomicInteger();
        private final AtomicReference<String> stopReason = new AtomicReference<>();
        private final AtomicReference<Asked> restartAsked = new AtomicReference<>(Asked.NONE);
        /** Turns what asked (a signal's name) into who asked; applied when a request is made, not when acted on. */
        private volatile UnaryOperator<String> whoAsked = UnaryOperator.identity();

        void stop(String reason) {
            stopReason.compareAndSet(null, whoAsked.apply(reason)); // before the count: the count finds it in place
            stops.incrementAndGet();
            bell.ring();
        }

        void restart(String reason) {
            restart(reason, false);
        }

        /** The words are the latest request's; a --now stays until the restart is taken. */
        void restart(String reason, boolean now) {
            String who = whoAsked.apply(reason);
            restartAsked.getAndUpdate(before -> new Asked(who, now || before.now()));
            bell.ring();
        }

        boolean restartNow() {
            return restartAsked.get().now();
        }

        /** How the loop finds who asked (the note a command leaves): called on the thread that makes the request. */
        void resolveWhoAsked(UnaryOperator<String> who) {
            whoAsked = who;
        }

        /** How many stop requests came: a second is told how long is left, a third kills at once. */
        int stops() {
            return stops.get();
        }

        Wish wish() {
            return stopReason.get() != null ? Wish.DOWN : restartAsked.get().who() != null ? Wish.RESTART : Wish.UP;
        }

        String stopReason() {
            return stopReason.get();
        }

        String restartReason() {
            return restartAsked.get().who();
        }

        /** The restart asked for, taken once: the start it asked for is under way. */
        String takeRestart() {
            return restartAsked.getAndSet(Asked.NONE).who();
        }
    }

    /** The loop's one wake-up, kept apart from Want (daemontools' trigger): the bot's exit and requests ring it. */
    static final class Bell {
        private final Semaphore rung = new Semaphore(0);

        void ring() {
            rung.release();
        }

        /** Sleeps until the deadline (System.nanoTime) or a ring; a ring that came before the call is not lost. */
        void await(long deadlineNanos) throws InterruptedException {
            long wait = deadlineNanos - System.nanoTime();
            if (wait > 0 && rung.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
                rung.drainPermits();
            }
        }
    }

    /**
     * SIGINT, SIGTERM and SIGHUP (unless nohup left it ignored) ask for a stop, SIGUSR1 for a restart, SIGUSR2 for a
     * restart that does not wait for --defer-restart-while.
     */
    static final class Signals {
        static void forwardTo(Want want) {
            for (String name : List.of("INT", "TERM", "HUP")) {
                handle(name, signal -> want.stop("SIG" + name));
            }
            handle("USR1", signal -> want.restart("SIGUSR1"));
            handle("USR2", signal -> want.restart("SIGUSR2", true));
        }

        /** Commands with nothing to stop gracefully (status, restart, stop) end at once on SIGINT, SIGTERM, SIGHUP. */
        @SuppressWarnings("restriction")
        static void endCommand() {
            for (String name : List.of("INT", "TERM", "HUP")) {
                handle(name, sun.misc.SignalHandler.SIG_DFL);
            }
        }

        @SuppressWarnings("restriction")
        static void handle(String name, sun.misc.SignalHandler handler) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), handler);
            } catch (IllegalArgumentException e) {
                // not on this OS (Windows has no SIGHUP), JVM-reserved, or ignored (nohup): the shutdown guard acts
            }
        }
    }

    /** Stops the bot if the JVM exits while the loop runs (a signal the handlers could not take, System.exit). */
    static final class ShutdownGuard implements Closeable {
        private final Thread hook;
        private final CountDownLatch done = new CountDownLatch(1);

        ShutdownGuard(Want want, Duration grace) {
            hook = new Thread(() -> {
                want.stop("JVM shutdown");
                try {
                    done.await(grace.toMillis() + 10_000, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "shutdown-guard");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void close() {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook has just been released by countDown.
            }
        }
    }

    // ------------------------------------------------------------------------------------------ the loop

    /** The restart loop: runs the action of each state and gives the event it ends in to the machine. */
    static final class Loop {
        private final Settings settings;
        private final Launch launch;
        private final Log log;
        private final Want want;
        private final Clock clock;
        private final ProcessTree tree;
        private final StateFile stateFile;
        private final Hooks hooks;
        /** The bot's lines, watched for --heartbeat and the triggers; null when no pattern is set. */
        private final LineWatch lines;
        private final Stats stats = new Stats();
        private State state;
        /** The current run, from the moment its start is decided until its verdict. */
        private Run run;
        private Verdict verdict = new Verdict(false, 0, false, Duration.ZERO);
        private long lastRunEnded;
        private int stopsSaid;
        private String stateFailure;
        /**
         * STOPPING not yet in the state file: stopTree publishes it once the stop signal went; after the bot's own exit
         * with nothing of its tree left, it never is (one write fewer).
         */
        private boolean unpublished;
        private volatile Snapshot latest;
        /** --http: where the health checks leave the bot's memory for the page; null when off. */
        Page.Feed feed;

        Loop(Settings settings, Launch launch, Log log, Want want, Clock clock) {
            this.settings = settings;
            this.launch = launch;
            this.log = log;
            this.want = want;
            this.clock = clock;
            this.tree = new ProcessTree(settings.grace(), settings.stopSignal(), settings.stopMode());
            this.stateFile = new StateFile(settings.stateFile());
            this.hooks = new Hooks(settings.onEvent(), settings.onEventTimeout(), log);
            this.lines = settings.triggers().watchLines() ? new LineWatch(settings.triggers(), want.bell) : null;
        }

        /** The loop at its last transition (null before the first), replaced whole: any thread may read it. */
        Snapshot snapshot() {
            return latest;
        }

        /** One run of the bot: what the state file, the log, the health checks and the verdict need to know of it. */
        private final class Run {
            final String marker = tree.marker(stats.runs + 1);
            final long startedNanos = System.nanoTime();
            ProcessTree.Bot bot;
            Schedule schedule;
            long nextCheck;
            /** Memory samples in a row over --max-memory, and all those taken. */
            int strikes, checks;
            /** The --heartbeat-file's modification time as last seen, and when it was seen to change (nanoTime). */
            FileTime heartbeatFileTime;
            long heartbeatFileSeen = startedNanos;
            Reason reason;
            /** The line that ended it, when a trigger did. */
            Match match;
            /** The planned restart that waits for --defer-restart-while, and since when (nanoTime, wall clock). */
            Reason deferred;
            long deferredNanos;
            Instant deferredAt;
            /** The --defer-restart-while folder could not be listed, as said once a run. */
            boolean unlisted;
            Outcome outcome;
            /** When its bot's exit was seen, or its stop ended (nanoTime; 0 until then): the pause counts from it. */
            long endedNanos;

            void end(Reason why, Integer exitCode) {
                reason = why;
                outcome = new Outcome(why.ending(), exitCode, Duration.ofNanos(System.nanoTime() - startedNanos));
            }
        }

        /** Why a run is ending, with the words the log and the --on-event command get. */
        record Reason(Ending ending, Msg msg, Object... args) {}

        int keepAlive() {
            Snapshot last = null;
            StateFile.Unreadable unreadable = null; // said once the log has begun
            try {
                last = stateFile.read();
            } catch (StateFile.Unreadable e) {
                unreadable = e;
            }
            log.say(Msg.SUPERVISOR_STARTED);
            log.say(Msg.SETTINGS, settings.describe());
            if (tree.stopSignalLost()) {
                log.say(Msg.STOP_SIGNAL_IGNORED, settings.stopSignal().signalName());
            }
            Control.listen(want, settings.dir());
            ShutdownGuard guard = new ShutdownGuard(want, settings.grace());
            try {
                if (unreadable != null) {
                    log.say(Msg.STATE_FILE_UNREADABLE, unreadable.words);
                }
                supervise(last);
                Duration up = Duration.ofNanos(System.nanoTime() - stats.startedNanos);
                log.say(Msg.SUMMARY, latest.counts().summary(log.lang(), Durations.format(up)));
                return state == State.FATAL ? ExitCode.FAILED : ExitCode.OK;
            } catch (RuntimeException | Error e) {
                if (!(e instanceof Refusal)) {
                    log.say(Msg.FATAL_ERROR, String.valueOf(e));
                }
                throw e;
            } finally {
                Control.listen(want, null); // the log closes next
                Control.forgetNote(settings.dir());
                // whatever ended the loop, even an Error, the bot does not outlive it
                if (run != null && run.bot != null) {
                    stopTree(run.bot);
                }
                hooks.close();
                guard.close(); // last: a JVM that is shutting down waits for all of the above
            }
        }

        /** The machine at work: each state's action, its event, the transition; from NEW until STOPPED or FATAL. */
        private void supervise(Snapshot last) {
            state = State.NEW;
            ProcessTree.Scope orphan = findOrphan(last);
            step(orphan == null ? Event.BEGIN : Event.ORPHAN);
            while (!state.isFinal()) {
                step(switch (state) {
                    case STARTING -> startBot();
                    case RUNNING -> watch();
                    case DEFERRED -> defer();
                    case STOPPING -> run == null ? stopOrphan(orphan) : stopRun();
                    case PAUSED, BACKOFF -> pause();
                    case NEW, STOPPED, FATAL -> throw new IllegalStateException("no action in " + state);
                });
            }
            if (state == State.FATAL) {
                boolean fatalLine = stats.last.ending() == Ending.FATAL_LINE;
                announce(fatalLine ? Msg.GIVING_UP_FATAL : Msg.GIVING_UP, Hooks.Notice.GAVE_UP, stats.last.exitCode(),
                        withLastLines(Map.of(), stats.lastLines),
                        fatalLine ? Trigger.FATAL_ON.option : verdict.failures());
            } else {
                sayStops(null);
                announce(Msg.SUPERVISOR_STOPPED, Hooks.Notice.STOPPED, null, Map.of());
            }
        }

        /** The transition an event makes, logged; a run that ended (or could not start) is judged first. */
        private void step(Event event) {
            if (event == Event.START_FAILED || event == Event.GONE) {
                verdict = closeRun();
            }
            State from = state;
            state = Machine.next(from, event, want.wish(), verdict);
            if (state == State.STARTING) { // a new run: its marker is in the state file before its bot exists
                run = new Run();
            }
            unpublished = state == State.STOPPING && run != null;
            if (!unpublished) {
                publish();
            }
            log.say(Msg.TRANSITION, from, state, event);
        }

        /** STARTING: starts the bot; on success its PID is in the state file (RUNNING) before anything else is done. */
        private Event startBot() {
            want.takeRestart();
            log.say(Msg.STARTING, launch.shown());
            log.say(Msg.COMMAND, String.join(" ", launch.command()), settings.dir());
            if (lines != null) {
                lines.begin(run.startedNanos);
            }
            run.heartbeatFileTime = modified(settings.heartbeatFile());
            try {
                run.bot = tree.start(launch, settings, log, want.bell, run.marker, lines);
            } catch (IOException e) {
                log.say(Msg.START_FAILED, e);
                run.end(new Reason(Ending.NOT_STARTED, Msg.START_FAILED, e), null);
                return Event.START_FAILED;
            }
            stats.runs++;
            if (feed != null) {
                feed.runStarted();
            }
            run.schedule = Schedule.plan(run.startedNanos, settings, clock);
            return Event.STARTED;
        }

        /** RUNNING: says so, then waits (monotonic clock) for an exit, a request, the planned restart or bad health. */
        private Event watch() {
            log.setBotPid(run.bot.pid());
            announce(Msg.START_OK, Hooks.Notice.STARTED, null, Map.of());
            log.say(Msg.PID, run.bot.pid());
            run.schedule.announce(log, settings);
            run.bot.relay();
            run.nextCheck = System.nanoTime() + settings.checkEvery().toNanos();
            Reason why;
            while ((why = whyEndNow(System.nanoTime())) == null) {
                sayAlerts();
                long deadline = run.schedule.deadline();
                sleep(settings.watchesHealth() && run.nextCheck - deadline < 0 ? run.nextCheck : deadline);
            }
            if (mayWait(why) && deferring()) {
                run.deferred = why;
                run.deferredNanos = System.nanoTime();
                run.deferredAt = clock.instant();
                return Event.DEFER;
            }
            return endRun(why);
        }

        /** A planned restart (run-time, --restart-at, a plain request, memory) waits for --defer-restart-while. */
        private boolean mayWait(Reason why) {
            return settings.deferFile() != null && switch (why.ending()) {
                case PLANNED, SCHEDULED, MEMORY, MEMORY_AT_START -> true;
                case RESTARTED -> !want.restartNow();
                default -> false;
            };
        }

        /**
         * The --defer-restart-while file (a link too) exists, or the folder (or a link to one) holds an entry (a pool:
         * one a task). A folder it cannot list is said once a run and held busy: --max-defer bounds it.
         */
        private boolean deferring() {
            Path flag = settings.deferFile();
            if (!Files.isDirectory(flag)) {
                return Files.exists(flag, NOFOLLOW_LINKS);
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(flag)) {
                return entries.iterator().hasNext();
            } catch (IOException | DirectoryIteratorException e) {
                boolean there = Files.exists(flag, NOFOLLOW_LINKS); // gone meanwhile: no longer deferring
                if (there && !run.unlisted) {
                    run.unlisted = true;
                    log.say(Msg.DEFER_UNLISTED, e instanceof DirectoryIteratorException d ? d.getCause() : e);
                }
                return there;
            }
        }

        /**
         * DEFERRED: the bot runs on while the file exists (or the folder holds an entry); the restart goes as soon as
         * it is gone, or when --max-defer is over (forced). A stop request, an exit, a hang, a trigger and 'restart
         * --now' do not wait. Said as it begins and as it ends, with how long it lasted.
         */
        private Event defer() {
            long forced = run.deferredNanos + settings.maxDefer().toNanos();
            Path flag = settings.deferFile();
            flag = Files.isDirectory(flag) ? flag.resolve("*") : flag; // a folder: said as its entries
            log.say(Msg.DEFER_STARTED, flag, Durations.format(settings.maxDefer()),
                    Log.clock(run.deferredAt.plus(settings.maxDefer()), ZoneId.systemDefault()));
            Msg ended = Msg.DEFER_GIVES_WAY;
            Reason why;
            long now;
            while ((why = whyEndNow(now = System.nanoTime())) == null) {
                sayAlerts();
                boolean gone = !deferring();
                if (gone || now - forced >= 0) {
                    why = run.deferred;
                    ended = gone ? Msg.DEFER_ENDED : Msg.DEFER_FORCED;
                    break;
                }
                long wake = now + Policy.DEFER_POLL.toNanos();
                wake = forced - wake < 0 ? forced : wake;
                sleep(settings.watchesHealth() && run.nextCheck - wake < 0 ? run.nextCheck : wake);
            }
            log.say(ended, Durations.format(Duration.ofNanos(now - run.deferredNanos)), flag);
            return endRun(why);
        }

        /** Ends the run and gives its event; a requested restart is logged only now, since it may have waited. */
        private Event endRun(Reason why) {
            if (why.ending() == Ending.RESTARTED) {
                log.say(why.msg(), why.args());
            }
            run.end(why, why.ending() == Ending.EXITED ? run.bot.process().getProcess().exitValue() : null);
            run.endedNanos = why.ending() == Ending.EXITED ? System.nanoTime() : 0; // else once it is stopped
            return why.ending().event;
        }

        /** Why the run should end now, or null; while DEFERRED, a plain restart waits and memory is not checked. */
        private Reason whyEndNow(long now) {
            Want.Wish wish = want.wish();
            if (wish == Want.Wish.DOWN) { // said once the stop signal went (stopTree)
                return new Reason(Ending.STOP_REQUESTED, null);
            }
            if (wish == Want.Wish.RESTART && (state == State.RUNNING || want.restartNow())) {
                return new Reason(Ending.RESTARTED, Msg.RESTART_WHILE_RUNNING, want.restartReason());
            }
            Match matched = lines == null ? null : lines.action();
            if (matched != null) {
                return matchedBy(matched);
            }
            if (!run.bot.process().getProcess().isAlive()) {
                return new Reason(Ending.EXITED, null);
            }
            if (state == State.RUNNING && now - run.schedule.deadline() >= 0) {
                return run.schedule.ending() == Ending.SCHEDULED
                        ? new Reason(Ending.SCHEDULED, Msg.SCHEDULED_RESTART,
                                Log.clock(run.schedule.wallClock(), settings.timezone()))
                        : new Reason(Ending.PLANNED, Msg.PLANNED_RESTART,
                                Durations.format(Duration.ofNanos(now - run.startedNanos)));
            }
            return checkHealth(now);
        }

        /** The reason a trigger gives to end the run: --restart-on restarts the bot, --fatal-on stops it for good. */
        private Reason matchedBy(Match matched) {
            run.match = matched;
            return matched.trigger() == Trigger.FATAL_ON
                    ? new Reason(Ending.FATAL_LINE, Msg.MATCHED_FATAL, matched.pattern(), matched.line())
                    : new Reason(Ending.MATCHED, Msg.MATCHED_RESTART, matched.pattern(), matched.line());
        }

        /** The --alert-on lines come: each said, counted, given to the --on-event command; the bot is left alone. */
        private void sayAlerts() {
            List<Match> alerts = lines == null ? List.of() : lines.takeAlerts();
            for (Match alert : alerts) {
                Object folded = alert.folded() == 0 ? "" : new Words(Phrase.MATCHED_FOLDED, alert.folded(),
                        Durations.format(Policy.ALERT_QUIET));
                announceMatch(alert, Msg.MATCHED_ALERT, null, alert.pattern(), folded, alert.line());
            }
            if (!alerts.isEmpty()) {
                publish();
            }
        }

        /** When due, checks silence and memory: the reason to restart (hung, or memory over the limit), or null. */
        private Reason checkHealth(long now) {
            if (!settings.watchesHealth() || now - run.nextCheck < 0) {
                return null;
            }
            run.nextCheck = now + settings.checkEvery().toNanos();
            Reason hung = settings.maxSilence() == null ? null : silence(now, settings.maxSilence().toNanos());
            if (hung != null) {
                return hung;
            }
            boolean limited = settings.maxMemory() != null && state == State.RUNNING;
            long used = limited || feed != null ? tree.residentBytes(run.bot.scope()) : 0;
            if (feed != null) {
                feed.memory(used);
            }
            if (limited) {
                run.checks++;
                run.strikes = used > settings.maxMemory() ? run.strikes + 1 : 0;
                if (run.strikes >= Policy.MEMORY_STRIKES) {
                    Ending ending = run.strikes == run.checks ? Ending.MEMORY_AT_START : Ending.MEMORY;
                    return new Reason(ending, Msg.MEMORY_RESTART, Sizes.format(used),
                            Sizes.format(settings.maxMemory()), run.strikes);
                }
            }
            return null;
        }

        /** HUNG: --max-silence since a --heartbeat line, or the heartbeat file's change (each if set); else output. */
        private Reason silence(long now, long most) {
            Pattern heartbeat = settings.triggers().heartbeat();
            Path file = settings.heartbeatFile();
            if (heartbeat == null && file == null) {
                long quiet = now - Math.max(run.bot.out().lastWrite(), run.bot.err().lastWrite());
                return quiet < most ? null
                        : new Reason(Ending.HUNG, Msg.HUNG, Durations.format(Duration.ofNanos(quiet)));
            }
            if (heartbeat != null && now - lines.lastHeartbeat() >= most) {
                Instant last = lines.lastHeartbeatAt();
                return new Reason(Ending.HUNG, Msg.HUNG_HEARTBEAT, heartbeat.pattern(),
                        Durations.format(Duration.ofNanos(now - lines.lastHeartbeat())),
                        last == null ? new Words(Phrase.SIGN_NEVER) : Log.clock(last, ZoneId.systemDefault()));
            }
            if (file != null) {
                FileTime time = modified(file);
                if (!Objects.equals(time, run.heartbeatFileTime)) {
                    run.heartbeatFileTime = time;
                    run.heartbeatFileSeen = now;
                }
                if (now - run.heartbeatFileSeen >= most) {
                    return new Reason(Ending.HUNG, Msg.HUNG_HEARTBEAT_FILE, file,
                            Durations.format(Duration.ofNanos(now - run.heartbeatFileSeen)),
                            time == null ? new Words(Phrase.SIGN_NO_FILE)
                                    : Log.clock(time.toInstant(), ZoneId.systemDefault()));
                }
            }
            return null;
        }

        /** A file's modification time; null when there is none (or no file is named). */
        private static FileTime modified(Path file) {
            try {
                return file == null ? null : Files.getLastModifiedTime(file);
            } catch (IOException e) {
                return null;
            }
        }

        /** A person's request, noticed and logged once: STOP, RESTART, or null. */
        private Event requested() {
            Want.Wish wish = want.wish();
            if (wish == Want.Wish.DOWN) {
                sayStops(null);
                return Event.STOP;
            }
            if (wish == Want.Wish.RESTART) {
                log.say(Msg.RESTART_WHILE_PAUSED, want.restartReason());
                return Event.RESTART;
            }
            return null;
        }

        /**
         * STOPPING: the stop signal to the whole tree, SIGKILL after the grace; no process an exited bot left may
         * outlive its run (never two copies). As they may hold its pipes, its last lines are awaited before the exit
         * line only when none is left.
         */
        private Event stopRun() {
            ProcessTree.Bot bot = run.bot;
            if (run.reason.ending() == Ending.EXITED) {
                Set<ProcessHandle> left = tree.snapshot(bot.scope());
                if (left.isEmpty()) {
                    Cgroup.remove(run.marker); // the run is over
                    bot.awaitOutput();
                }
                log.say(run.outcome.exitCode() != 0 ? Level.WARN : Level.INFO, Msg.EXITED,
                        Exits.describe(log.lang(), run.outcome.exitCode()), Durations.format(run.outcome.uptime()));
                Match matched = lines == null ? null : lines.action();
                if (matched != null) { // its last words tripped a trigger: how the run ended (a --fatal-on gives up)
                    run.end(matchedBy(matched), run.outcome.exitCode());
                    announceMatch(matched, Msg.MATCHED_BEFORE_EXIT, run.outcome.exitCode(), matched.trigger().option,
                            matched.pattern(), matched.line());
                }
                if (!left.isEmpty()) {
                    log.say(Msg.LEFTOVERS, left.size());
                    stopTree(bot); // within the pause, which counts from the bot's exit
                }
            } else {
                announceStop(run.reason);
                stopTree(bot);
                run.endedNanos = System.nanoTime();
            }
            sayAlerts(); // those its last lines tripped
            log.setBotPid(null);
            return Event.GONE;
        }

        private void stopTree(ProcessTree.Bot bot) {
            bot.relay(); // if the loop ended before it watched the bot: its lines must not wait forever
            stopTree(bot.process().getProcess(), bot.scope());
            bot.awaitOutput();
        }

        /** The stop signal first; what is said and published of the stop follows it. */
        private void stopTree(Process root, ProcessTree.Scope scope) {
            ProcessTree.Stop stop = tree.stop(root, scope);
            boolean begun = stop.begin();
            sayStops(stop);
            if (unpublished) {
                publish();
            }
            if (begun) {
                sayTermSent(stop.asked(), stop.rootOnly());
                while (!stop.step(want.stops() >= 3)) {
                    sayStops(stop);
                    sleep(stop.wakeAt());
                }
            }
            ProcessTree.StopReport report = stop.report();
            Cgroup.remove(scope.marker()); // the run is over
            if (report.processes() == 0) {
                return;
            }
            String took = Durations.format(report.took());
            if (report.killed() == 0 && report.leftBehind() == 0) {
                log.say(Msg.STOPPED_GRACEFULLY, took);
            } else if (report.killed() == 0) {
                log.say(Msg.STOPPED_LEFT_BEHIND, took, report.leftBehind(), settings.stopSignal().signalName());
            } else if (stop.hurried()) {
                log.say(Msg.KILLED_NOW, report.killed(), took);
            } else {
                log.say(Msg.KILLED, Durations.format(settings.grace()), report.killed(), took);
            }
            if (!report.survivors().isEmpty()) {
                log.say(Msg.SURVIVED, report.survivors());
            }
        }

        /** The verdict on the run that just ended: counted, a failure reported, what follows decided. */
        private Verdict closeRun() {
            stats.last = run.outcome;
            Verdict next = Policy.judge(run.outcome, verdict.failures(), settings.pause(), settings.minUptime(),
                    settings.maxFailures());
            if (next.failure()) {
                sayFailure(next);
            }
            lastRunEnded = run.endedNanos != 0 ? run.endedNanos : System.nanoTime(); // a failed start: now
            run = null;
            return next;
        }

        /**
         * PAUSED (or BACKOFF after a failure), until a request; it counts from the bot's exit (or its stop's end), so
         * that "pausing 15s" is 15 s from the bot's end to the next start, whatever the loop did since.
         */
        private Event pause() {
            log.say(state == State.BACKOFF ? Msg.BACKOFF : Msg.PAUSE, Durations.format(verdict.pause()));
            long until = lastRunEnded + verdict.pause().toNanos();
            Event requested;
            while ((requested = requested()) == null && System.nanoTime() - until < 0) {
                sleep(until);
            }
            return requested != null ? requested : Event.PAUSE_OVER;
        }

        /** Until the deadline or the bell. An interrupt is a stop request; its flag stays clear, or the loop spins. */
        private void sleep(long deadlineNanos) {
            try {
                want.bell.await(deadlineNanos);
            } catch (InterruptedException e) {
                want.stop("interrupted");
            }
        }

        /** Logs the stop requests not logged yet: the first; the second, with the grace left; the third: kill now. */
        private void sayStops(ProcessTree.Stop stop) {
            while (stopsSaid < want.stops()) { // counted as said one by one: one that comes meanwhile is said next time
                switch (++stopsSaid) {
                    case 1 -> log.say(Msg.STOP_REQUESTED, want.stopReason()); // who asked: resolved as it came
                    case 2 -> log.say(Msg.STOP_AGAIN, Durations.format(stop == null ? settings.grace()
                            : Duration.ofNanos(stop.graceLeft())));
                    case 3 -> log.say(Msg.KILL_NOW);
                }
            }
        }

        /** Logs a notable event and runs the --on-event command with the same words, and the variables given. */
        private void announce(Msg msg, Hooks.Notice event, Integer exitCode, Map<String, String> variables,
                              Object... args) {
            log.say(msg, args);
            Long pid = run == null || run.bot == null ? null : run.bot.pid();
            hooks.fire(event, log.text(msg, args), pid, exitCode, verdict.failures(), variables);
        }

        /** Counts the run's end and says it, with its own event (none for a person's request); a match ended it. */
        private void announceStop(Reason reason) {
            reason.ending().count.accept(stats);
            if (run.match != null) {
                announceMatch(run.match, reason.msg(), null, reason.args());
            } else if (reason.ending().hook != null) { // hung: why it is stopped may be in its last words
                announce(reason.msg(), reason.ending().hook, null,
                        reason.ending().fails ? withLastLines(Map.of(), recentLines()) : Map.of(), reason.args());
            }
        }

        /** A line that tripped a trigger: counted, said, given to the --on-event command with the bot's last lines. */
        private void announceMatch(Match match, Msg msg, Integer exitCode, Object... args) {
            stats.triggers++;
            stats.lastTrigger = match;
            announce(msg, Hooks.Notice.MATCHED, exitCode, withLastLines(match.variables(), recentLines()), args);
        }

        /** The bot's last lines so far (--last-lines), oldest first; none before it started. */
        private List<String> recentLines() {
            return run == null || run.bot == null ? List.of() : run.bot.recent().lines();
        }

        /** The variables given, and SUPERVISOR_LAST_LINES: the last lines, one a line (crashed, hung, matched...). */
        private static Map<String, String> withLastLines(Map<String, String> variables, List<String> last) {
            Map<String, String> all = new LinkedHashMap<>(variables);
            all.put("SUPERVISOR_LAST_LINES", String.join("\n", last));
            return all;
        }

        /** The stop signal went: to the whole tree, or to the bot alone first (rootOnly, its PID); Windows: at once. */
        private void sayTermSent(int processes, Long rootOnly) {
            String grace = Durations.format(settings.grace());
            if (Venv.WINDOWS) {
                log.say(Msg.ENDED_AT_ONCE, processes, grace);
            } else if (rootOnly != null) {
                log.say(Msg.TERM_SENT_BOT, settings.stopSignal().signalName(), rootOnly, grace);
            } else {
                log.say(Msg.TERM_SENT, settings.stopSignal().signalName(), processes, grace);
            }
        }

        /** Says the run that just ended failed, and why; keeps it for status; fires CRASHED if it fired nothing yet. */
        private void sayFailure(Verdict next) {
            Outcome outcome = run.outcome;
            String up = Durations.format(outcome.uptime());
            String why = switch (outcome.ending()) {
                case NOT_STARTED -> log.text(Phrase.WHY_NOT_STARTED);
                case HUNG -> log.text(Phrase.WHY_HUNG);
                case MEMORY_AT_START -> log.text(Phrase.WHY_MEMORY, run.reason.args()[0], run.reason.args()[1], up);
                case MATCHED, FATAL_LINE -> log.text(Phrase.WHY_MATCHED, run.match.describe());
                default -> outcome.exitCode() != 0 // EXITED, the one other ending that fails: its exit code is known
                        ? log.text(Phrase.WHY_EXIT, Exits.describe(log.lang(), outcome.exitCode()), up)
                        : log.text(Phrase.WHY_TOO_SOON, up, Durations.format(settings.minUptime()));
            };
            stats.failures++;
            stats.lastFailure = outcome.ending() == Ending.NOT_STARTED
                    ? log.text(run.reason.msg(), run.reason.args()) : why;
            stats.lastLines = recentLines();
            if (settings.maxFailures() == 0) {
                log.say(Msg.FAILURE_UNLIMITED, next.failures(), why);
            } else {
                log.say(Msg.FAILURE, next.failures(), settings.maxFailures(), why);
            }
            if (outcome.ending().hook == null) { // an ending with an event of its own (hung, matched) has fired it
                hooks.fire(Hooks.Notice.CRASHED, why, null, outcome.exitCode(), next.failures(),
                        withLastLines(Map.of(), stats.lastLines));
            }
        }

        /** A supervisor killed without a chance to stop its bot left it running: what is left of it, or null. */
        private ProcessTree.Scope findOrphan(Snapshot last) {
            if (last == null || last.bot() == null && last.marker() == null) {
                return null;
            }
            ProcessHandle root = last.liveBot().orElse(null);
            if (root == null && last.bot() != null
                    && ProcessHandle.of(last.bot().pid()).map(ProcessTree::isAlive).orElse(false)) {
                log.say(Msg.PID_REUSED, last.bot().pid());
            }
            Long since = Optional.ofNullable(last.bot()).map(Snapshot.Proc::ticks).orElse(last.supervisor().ticks());
            ProcessTree.Scope orphan = new ProcessTree.Scope(root, last.marker(), since != null ? since : 0);
            Set<ProcessHandle> left = tree.snapshot(orphan);
            if (left.isEmpty()) {
                Cgroup.remove(last.marker()); // left empty by a supervisor that died
                return null;
            }
            log.say(Msg.ORPHAN, last.bot() == null ? "-" : last.bot().pid(),
                    Log.clock(last.bot() == null ? null : last.bot().started(), ZoneId.systemDefault()), left.size());
            return orphan;
        }

        /** STOPPING before the first start: the orphan is stopped, as any run, before another copy starts. */
        private Event stopOrphan(ProcessTree.Scope orphan) {
            stopTree(null, orphan);
            return Event.ORPHAN_GONE;
        }

        /** Publishes the loop as it is now: the latest snapshot, then the state file. */
        private void publish() {
            ProcessTree.Bot bot = run == null ? null : run.bot;
            Snapshot.Setup setup = new Snapshot.Setup(settings.dir(), settings.lang(), settings.lockFile(),
                    settings.grace(), settings.logFile(), settings.minUptime(), settings.maxMemory());
            latest = new Snapshot(Snapshot.Proc.SELF, bot == null ? null : new Snapshot.Proc(bot.pid(), bot.started(),
                    bot.ticks()), state, launch.command(), run == null ? null : run.marker,
                    state == State.RUNNING ? run.schedule.wallClock() : null, stats.counts(verdict.failures()), setup,
                    state == State.DEFERRED ? run.deferredAt : null,
                    state == State.DEFERRED ? run.deferredAt.plus(settings.maxDefer()) : null);
            unpublished = false;
            try {
                stateFile.write(latest);
            } catch (UncheckedIOException e) {
                String reason = Exits.reason(log.lang(), e.getCause());
                if (!reason.equals(stateFailure)) {
                    log.say(Msg.STATE_FILE_FAILED, reason);
                }
                stateFailure = reason;
            }
        }
    }

    /** The loop's counters, its own; the others read them in a Snapshot. */
    static final class Stats {
        final long startedNanos = System.nanoTime();
        int runs, plannedRestarts, memoryRestarts, hungRestarts, failures;
        /** Of the planned restarts, those a person asked for. */
        int requestedRestarts;
        /** Lines that tripped a trigger and were acted on (a restart, a stop, an alert), not those folded. */
        int triggers;
        /** The last of them, as status shows it. */
        Match lastTrigger;
        Outcome last;
        /** Why the last failed run failed, in the log's words ('supervisor restart' says it), and its last lines. */
        String lastFailure;
        List<String> lastLines = List.of();

        /** As they stand, with the failures in a row that the last verdict counted (Policy's count). */
        Snapshot.Counts counts(int consecutiveFailures) {
            String lastLine = lastLines.isEmpty() ? null : lastLines.get(lastLines.size() - 1);
            boolean matched = lastTrigger != null;
            return new Snapshot.Counts(runs, plannedRestarts, memoryRestarts, hungRestarts, failures,
                    last == null ? null : last.exitCode(), lastFailure, lastLine, triggers,
                    matched ? lastTrigger.describe() : null, matched ? lastTrigger.at() : null, lastLines,
                    requestedRestarts, consecutiveFailures);
        }
    }

    /** The next planned restart, by --run-time or --restart-at; the wall clock places only --restart-at. */
    record Schedule(long deadline, Ending ending, Instant wallClock) {
        static final long FAR = Long.MAX_VALUE / 4;

        static Schedule plan(long startedNanos, Settings settings, Clock clock) {
            long byInterval = settings.runTime() == null ? FAR : settings.runTime().toNanos();
            long nowNanos = System.nanoTime(); // the clock's time is now, not when the start began: never early
            Instant now = clock.instant();
            Instant at = nextRestartAt(ZonedDateTime.ofInstant(now, settings.timezone()), settings.restartAt());
            long byClock = at == null ? FAR : Duration.between(now, at).toNanos();
            if (nowNanos + byClock - (startedNanos + byInterval) < 0) {
                return new Schedule(nowNanos + byClock, Ending.SCHEDULED, at);
            }
            return new Schedule(startedNanos + byInterval, Ending.PLANNED,
                    byInterval == FAR ? null : now.plusNanos(byInterval));
        }

        void announce(Log log, Settings settings) {
            if (ending == Ending.SCHEDULED) {
                log.say(Msg.WAITING_UNTIL, Log.clock(wallClock, settings.timezone()));
            } else if (wallClock == null) {
                log.say(Msg.WAITING_FOREVER);
            } else {
                log.say(Msg.WAITING, Durations.seconds(settings.runTime()));
            }
        }

        /** The first of the given wall-clock times strictly after now, in now's zone; DST gaps move forward. */
        static Instant nextRestartAt(ZonedDateTime now, List<LocalTime> times) {
            Instant best = null;
            for (LocalTime time : times) {
                for (int day = 0; day <= 2; day++) {
                    LocalDate date = now.toLocalDate().plusDays(day);
                    Instant candidate = ZonedDateTime.of(date, time, now.getZone()).toInstant();
                    if (candidate.isAfter(now.toInstant())) {
                        best = best == null || candidate.isBefore(best) ? candidate : best;
                        break;
                    }
                }
            }
            return best;
        }
    }

    /** The loop at one transition, immutable: the state file holds it, any thread may read it (Loop.snapshot()). */
    record Snapshot(Proc supervisor, Proc bot, State state, List<String> command, String marker, Instant nextRestart,
                    Counts counts, Setup setup, Instant deferredSince, Instant deferForcedAt) {
        /** A process as recorded: its PID and its start (the instant, and the clock ticks where /proc has them). */
        record Proc(long pid, Instant started, Long ticks) {
            static final Proc SELF = new Proc(ProcessHandle.current().pid(),
                    ProcessHandle.current().info().startInstant().orElse(Instant.now()),
                    ProcessTree.startTicks(ProcessHandle.current().pid()));

            /** The very process recorded, while it runs: a PID now another process's is not it. */
            Optional<ProcessHandle> handle() {
                return ProcessHandle.of(pid).filter(p -> ProcessTree.startedAs(p, started, ticks));
            }
        }

        /** The loop's counters (Stats) as they stood. */
        record Counts(int runs, int plannedRestarts, int memoryRestarts, int hungRestarts, int failures,
                      Integer lastExit, String lastFailure, String lastLine, int triggers, String lastTrigger,
                      Instant lastTriggerAt, List<String> lastLines, int requestedRestarts, int consecutiveFailures) {
            String summary(Lang lang, String up) {
                return Log.message(lang, Phrase.SUMMARY_FIELDS, up, runs, plannedRestarts, memoryRestarts, hungRestarts,
                        triggers, failures, lastExit == null ? "-" : Exits.describe(lang, lastExit));
            }
        }

        /** What the commands need of the settings: the folder, the language, the lock and log files, the timings. */
        record Setup(Path dir, Lang lang, Path lockFile, Duration grace, Path logFile, Duration minUptime,
                     Long maxMemory) {}

        boolean isRunning() {
            return !state.isFinal() && supervisor != null && supervisor.handle().isPresent();
        }

        /** The recorded bot, while it is that very process: same PID and start, same command line or run's marker. */
        Optional<ProcessHandle> liveBot() {
            return Optional.ofNullable(bot).flatMap(Proc::handle)
                    .filter(p -> command.equals(ProcessTree.commandLine(p)) || ProcessTree.marked(p.pid(), marker));
        }

        /** Its fields, in this order, under the README's names. */
        Json write(Json json) {
            return put(put(json, "supervisor", supervisor), "bot", bot).put("command", command).put("marker", marker)
                    .put("state", state).put("runs", counts.runs()).put("plannedRestarts", counts.plannedRestarts())
                    .put("healthRestarts", counts.memoryRestarts() + counts.hungRestarts())
                    .put("memoryRestarts", counts.memoryRestarts()).put("hungRestarts", counts.hungRestarts())
                    .put("failures", counts.failures()).put("lastExit", counts.lastExit())
                    .put("nextRestart", nextRestart).put("dir", setup.dir()).put("lang", setup.lang())
                    .put("lockFile", setup.lockFile()).put("grace", setup.grace()).put("logFile", setup.logFile())
                    .put("lastFailure", counts.lastFailure()).put("minUptime", setup.minUptime())
                    .put("lastLine", counts.lastLine()).put("triggers", counts.triggers())
                    .put("lastTrigger", counts.lastTrigger()).put("lastTriggerAt", counts.lastTriggerAt())
                    .put("lastLines", counts.lastLines()).put("deferredSince", deferredSince)
                    .put("deferForcedAt", deferForcedAt).put("requestedRestarts", counts.requestedRestarts())
                    .put("consecutiveFailures", counts.consecutiveFailures()).put("maxMemory", setup.maxMemory());
        }

        /** What write wrote: a missing field is none (0, no grace); supervisorPid, state, dir and lang are required. */
        static Snapshot read(Map<String, Object> json) {
            Function<String, Integer> count = name -> Math.toIntExact((Long) json.getOrDefault(name, 0L));
            Function<String, Duration> time = name -> Optional.ofNullable(value(json, name, Duration::parse))
                    .orElse(Duration.ZERO);
            Integer lastExit = json.get("lastExit") == null ? null : count.apply("lastExit");
            List<?> lastLines = (List<?>) json.getOrDefault("lastLines", List.of());
            Counts counts = new Counts(count.apply("runs"), count.apply("plannedRestarts"),
                    count.apply("memoryRestarts"), count.apply("hungRestarts"), count.apply("failures"), lastExit,
                    value(json, "lastFailure", String::valueOf), value(json, "lastLine", String::valueOf),
                    count.apply("triggers"), value(json, "lastTrigger", String::valueOf),
                    value(json, "lastTriggerAt", Instant::parse), lastLines.stream().map(String::valueOf).toList(),
                    count.apply("requestedRestarts"), count.apply("consecutiveFailures"));
            Setup setup = new Setup(Path.of((String) json.get("dir")), Lang.valueOf((String) json.get("lang")),
                    value(json, "lockFile", Path::of), time.apply("grace"), value(json, "logFile", Path::of),
                    time.apply("minUptime"), (Long) json.get("maxMemory"));
            List<?> command = (List<?>) json.getOrDefault("command", List.of());
            return new Snapshot(Objects.requireNonNull(proc(json, "supervisor")), proc(json, "bot"),
                    State.valueOf((String) json.get("state")), command.stream().map(String::valueOf).toList(),
                    value(json, "marker", String::valueOf), value(json, "nextRestart", Instant::parse), counts, setup,
                    value(json, "deferredSince", Instant::parse), value(json, "deferForcedAt", Instant::parse));
        }

        private static <T> T value(Map<String, Object> json, String name, Function<String, T> parse) {
            return json.get(name) == null ? null : parse.apply((String) json.get(name));
        }

        private static Json put(Json json, String name, Proc p) {
            boolean none = p == null;
            return json.put(name + "Pid", none ? null : p.pid()).put(name + "Started", none ? null : p.started())
                    .put(name + "Ticks", none ? null : p.ticks());
        }

        private static Proc proc(Map<String, Object> json, String name) {
            Long pid = (Long) json.get(name + "Pid");
            Long ticks = (Long) json.get(name + "Ticks");
            return pid == null ? null : new Proc(pid, value(json, name + "Started", Instant::parse), ticks);
        }
    }

    /** What a line that matches a pattern of it does: restart the bot (a failure), stop it and give up, or alert. */
    enum Trigger {
        RESTART_ON("--restart-on"), FATAL_ON("--fatal-on"), ALERT_ON("--alert-on");

        final String option;

        Trigger(String option) {
            this.option = option;
        }
    }

    /** A line that tripped a trigger: which, its pattern, the line (cleaned, cut), and the lines folded into it. */
    record Match(Trigger trigger, String pattern, String line, int folded, Instant at) {
        /** What the --on-event command gets besides the usual: the trigger's option, the pattern, the line. */
        Map<String, String> variables() {
            return Map.of("SUPERVISOR_TRIGGER", trigger.option.substring(2), "SUPERVISOR_PATTERN", pattern,
                    "SUPERVISOR_LINE", line);
        }

        /** As the state file and status show it: --restart-on 'pattern': line. */
        String describe() {
            return trigger.option + " '" + pattern + "': " + line;
        }
    }

    /**
     * The bot's lines, watched (Settings.triggers): each line the relays pass on, escape codes removed, is matched
     * against the patterns on the relay's own thread. A trigger reaches the loop as a Match through the bell, at once:
     * one action a run (the first --restart-on or --fatal-on line; a --fatal-on one outranks a restart not yet taken),
     * and alerts at most one per pattern per Policy.ALERT_QUIET, the lines matched meanwhile counted into the next.
     * A --heartbeat line is only noted: the health check reads when the last one came.
     */
    static final class LineWatch {
        private final Bell bell;
        private final AtomicReference<Match> action = new AtomicReference<>();
        private final Queue<Match> alerts = new ConcurrentLinkedQueue<>();
        /** For each --alert-on pattern, when its last alert went (nanoTime; 0 none) and the lines folded since. */
        private final long[] alerted;
        private final int[] folded;
        private final List<Probe> probes;
        /** The first characters of the patterns' literals; null when a pattern has none (every line is decoded). */
        private final boolean[] starts;
        private volatile long heartbeat;
        /** When the last --heartbeat line of this run came, for people; null when none has yet. */
        private volatile Instant heartbeatAt;

        LineWatch(Triggers triggers, Bell bell) {
            this.bell = bell;
            this.alerted = new long[triggers.of(Trigger.ALERT_ON).size()];
            this.folded = new int[alerted.length];
            this.probes = probes(triggers);
            boolean[] first = new boolean[128];
            probes.forEach(probe -> {
                if (probe.literal() != null) {
                    first[probe.literal()[0]] = true;
                }
            });
            this.starts = probes.stream().allMatch(probe -> probe.literal() != null) ? first : null;
        }

        /** A new run: no action yet, and its heartbeat is due from now on; what alerts folded is kept for the next. */
        void begin(long nanos) {
            action.set(null);
            heartbeat = nanos;
            heartbeatAt = null;
        }

        /** The --restart-on or --fatal-on line this run tripped, or null; kept until the next run begins. */
        Match action() {
            return action.get();
        }

        /** The alerts not taken yet, oldest first. */
        List<Match> takeAlerts() {
            List<Match> taken = new ArrayList<>();
            for (Match alert; (alert = alerts.poll()) != null; ) {
                taken.add(alert);
            }
            return taken;
        }

        long lastHeartbeat() {
            return heartbeat;
        }

        Instant lastHeartbeatAt() {
            return heartbeatAt;
        }

        /** A relay's own matchers (a Matcher serves one thread), reset on each line: nothing is made per line. */
        Scanner scanner() {
            return new Scanner();
        }

        /** One pattern to try: its trigger (null: --heartbeat), its place among them, the literal it starts with. */
        private record Probe(Trigger trigger, int index, Pattern pattern, byte[] literal) {}

        /**
         * Each pattern, with the literal text it begins with (after a ^), which any line it matches must contain:
         * a plain line (ASCII, the relay knows) that holds none of them is passed over as bytes, never decoded.
         */
        private static List<Probe> probes(Triggers triggers) {
            List<Probe> probes = new ArrayList<>();
            if (triggers.heartbeat() != null) {
                probes.add(new Probe(null, 0, triggers.heartbeat(), literalPrefix(triggers.heartbeat().pattern())));
            }
            for (Trigger trigger : Trigger.values()) {
                List<Pattern> patterns = triggers.of(trigger);
                for (int i = 0; i < patterns.size(); i++) {
                    probes.add(new Probe(trigger, i, patterns.get(i), literalPrefix(patterns.get(i).pattern())));
                }
            }
            return probes;
        }

        /**
         * The ASCII text a match of regex must begin with: its leading characters up to the first that means more
         * than itself (an escaped punctuation mark means itself), less one a quantifier may drop; null when there is
         * none, or the pattern has an alternative or flags.
         */
        static byte[] literalPrefix(String regex) {
            StringBuilder literal = new StringBuilder();
            int i = regex.startsWith("^") ? 1 : 0;
            for (; i < regex.length(); i++) {
                char c = regex.charAt(i);
                if (c == '\\' && i + 1 < regex.length() && !Character.isLetterOrDigit(regex.charAt(i + 1))) {
                    c = regex.charAt(++i);
                } else if (".[]{}()*+?^$|\\".indexOf(c) >= 0) {
                    break;
                }
                if (c > 0x7E || c < 0x20) {
                    break;
                }
                literal.append(c);
            }
            if (i < regex.length() && "*?{".indexOf(regex.charAt(i)) >= 0 && literal.length() > 0) {
                literal.setLength(literal.length() - 1); // a* or a? or a{0,1}: that last character may be absent
            }
            return literal.length() == 0 || regex.indexOf('|') >= 0 ? null : literal.toString().getBytes(ISO_8859_1);
        }

        final class Scanner {
            private final Matcher[] matchers = probes.stream().map(p -> p.pattern().matcher(""))
                    .toArray(Matcher[]::new);
            private final String[] literals = probes.stream()
                    .map(p -> p.literal() == null ? null : new String(p.literal(), ISO_8859_1)).toArray(String[]::new);
            /** The lines a pattern may match, noted under the log's lock and matched after it (see match). */
            private final List<String> noted = new ArrayList<>();

            /**
             * A line as the relay has it, under the log's lock: noted, decoded once, only if a pattern may match. The
             * patterns run in match(), after the lock: a slow one must not hold the supervisor's own lines, its stop.
             */
            void line(byte[] bytes, int offset, int length, boolean plain) {
                if (plain && starts != null && !anyStart(bytes, offset, length)) {
                    return; // no literal of any pattern can begin in this line: the common case, one pass over bytes
                }
                for (Probe probe : probes) {
                    if (!plain || probe.literal() == null || contains(bytes, offset, length, probe.literal())) {
                        noted.add(plain ? new String(bytes, offset, length, ISO_8859_1) // ASCII: one byte, one char
                                : Log.withoutEscapes(new String(bytes, offset, length, UTF_8)));
                        return;
                    }
                }
            }

            boolean noted() {
                return !noted.isEmpty();
            }

            /** The patterns on the lines noted since the last call; the relay calls it without the log's lock. */
            void match() {
                for (String text : noted) {
                    match(text);
                }
                noted.clear();
            }

            private void match(String text) {
                for (int p = 0; p < matchers.length; p++) {
                    if (literals[p] != null && !text.contains(literals[p])) {
                        continue; // its literal is not in the line (the text without escape codes)
                    }
                    if (matchers[p].reset(text).find()) {
                        Probe probe = probes.get(p);
                        if (probe.trigger() == null) {
                            heartbeat = System.nanoTime();
                            heartbeatAt = Instant.now();
                        } else {
                            matched(probe, text);
                        }
                    }
                }
            }

            private boolean anyStart(byte[] bytes, int offset, int length) {
                for (int i = offset; i < offset + length; i++) {
                    if (starts[bytes[i] & 0x7F]) {
                        return true;
                    }
                }
                return false;
            }

            private static boolean contains(byte[] bytes, int offset, int length, byte[] literal) {
                int last = offset + length - literal.length;
                for (int i = offset; i <= last; i++) {
                    if (bytes[i] == literal[0]
                            && Arrays.equals(bytes, i, i + literal.length, literal, 0, literal.length)) {
                        return true;
                    }
                }
                return false;
            }
        }

        private void matched(Probe probe, String text) {
            Trigger trigger = probe.trigger();
            if (trigger == Trigger.ALERT_ON) {
                Match alert = alert(probe.index(), probe.pattern(), text);
                if (alert != null) {
                    alerts.add(alert);
                    bell.ring();
                }
                return;
            }
            Match found = new Match(trigger, probe.pattern().pattern(), shown(text), 0, Instant.now());
            Match before = action.getAndUpdate(now -> now == null || now.trigger() == Trigger.RESTART_ON
                    && trigger == Trigger.FATAL_ON ? found : now);
            if (before == null || before.trigger() != trigger && trigger == Trigger.FATAL_ON) {
                bell.ring();
            }
        }

        private synchronized Match alert(int index, Pattern pattern, String text) {
            long now = System.nanoTime();
            if (alerted[index] != 0 && now - alerted[index] < Policy.ALERT_QUIET.toNanos()) {
                folded[index]++;
                return null;
            }
            alerted[index] = now;
            int count = folded[index];
            folded[index] = 0;
            return new Match(Trigger.ALERT_ON, pattern.pattern(), shown(text), count, Instant.now());
        }

        /** A line as it is shown again: no control character, at most Policy.MATCHED_LINE characters. */
        static String shown(String line) {
            String clean = line.replaceAll("\\p{Cntrl}", "").strip();
            return clean.length() <= Policy.MATCHED_LINE ? clean : clean.substring(0, Policy.MATCHED_LINE) + "…";
        }
    }

    // ------------------------------------------------------------------------------------------ what to run

    /** What runs: the command line, what the log calls it, and the name its lines are tagged with. */
    record Launch(List<String> command, String shown, String name, boolean python) {

        /** Finds the Python and the script (or checks the command) before anything starts; exit 2 if missing. */
        static Launch resolve(Settings settings, Map<String, String> env, CommandSpec spec) {
            String program = settings.command().isEmpty() ? settings.script() : settings.command().get(0);
            String name = settings.name() != null ? settings.name() : Venv.baseName(program);
            if (!settings.command().isEmpty()) {
                if (Venv.onPath(program, settings.dir(), env, Venv.WINDOWS, Venv::runnable).isEmpty()) {
                    throw notRunnable(program, settings, spec);
                }
                List<String> shown = new ArrayList<>(settings.command());
                shown.set(0, Path.of(program).getFileName().toString());
                return new Launch(settings.command(), String.join(" ", shown), name,
                        Venv.baseName(program).startsWith("python"));
            }
            // The script first: in the wrong folder, "no script" says what is wrong; "create a venv here" would not.
            Path script = settings.dir().resolve(settings.script()).normalize();
            if (!Files.isRegularFile(script)) {
                throw new Refusal(ExitCode.USAGE, Phrase.SCRIPT_NOT_FOUND, script);
            }
            List<String> command = List.of(findPython(settings, env).toString(), settings.script());
            return new Launch(command, settings.script(), name, true);
        }

        /** Why COMMAND cannot run, with what to do: a folder, a script for --script, a file to give as a path. */
        private static Refusal notRunnable(String program, Settings settings, CommandSpec spec) {
            Path file = settings.dir().resolve(program).normalize();
            String path = program.contains("/") ? program : "./" + program;
            if (Files.isDirectory(file)) {
                return new Refusal(ExitCode.USAGE, Phrase.COMMAND_IS_FOLDER, file);
            } else if (Files.isRegularFile(file)) {
                return program.endsWith(".py") ? new Refusal(ExitCode.USAGE, Phrase.COMMAND_IS_SCRIPT, file, program)
                        : Files.isExecutable(file) ? new Refusal(ExitCode.USAGE, Phrase.COMMAND_AS_PATH, program, path)
                        : new Refusal(ExitCode.USAGE, Phrase.COMMAND_NOT_EXECUTABLE, file, file, path);
            }
            String duration = splitDuration(program, spec);
            String subcommand = settings.command().size() == 1 ? nearestSubcommand(program) : null;
            return duration != null ? new Refusal(ExitCode.USAGE, Phrase.DURATION_SPACE, duration, program)
                    : subcommand != null ? new Refusal(ExitCode.USAGE, Phrase.SUBCOMMAND_TYPO, program, subcommand)
                    : new Refusal(ExitCode.USAGE, Phrase.COMMAND_NOT_FOUND, program);
        }

        /** 'h' as the command after --run-time 1: the option and the duration it meant ("--run-time 1h"), or null. */
        private static String splitDuration(String word, CommandSpec spec) {
            List<String> args = spec.commandLine().getParseResult().originalArgs();
            int at = args.lastIndexOf(word);
            OptionSpec option = at >= 2 && word.matches("(?i)ms|s|m|h|d") && args.get(at - 1).matches("\\d+")
                    ? spec.findOption(args.get(at - 2)) : null;
            return option == null || option.type() != Duration.class ? null
                    : args.get(at - 2) + " " + args.get(at - 1) + word;
        }

        /** 'stauts' given where a command or a subcommand goes: the subcommand it is close to, or null. */
        private static String nearestSubcommand(String word) {
            return Stream.of("status", "ls", "restart", "stop", "logs", "config", "unit", "completion", "help")
                    .filter(name -> ConfigSources.editDistance(word, name) <= 2).findFirst()
                    .map(name -> name.equals("help") ? "--help" : name).orElse(null);
        }

        private static Path findPython(Settings settings, Map<String, String> env) {
            if (settings.python() != null) {
                Path here = Path.of("").toAbsolutePath();
                return Venv.onPath(settings.python(), here, env, Venv.WINDOWS, Venv::runnable)
                        .orElseThrow(() -> Files.isDirectory(here.resolve(settings.python()))
                                ? new Refusal(ExitCode.USAGE, Phrase.PYTHON_IS_FOLDER, settings.python())
                                : new Refusal(ExitCode.USAGE, Phrase.PYTHON_OPTION_NOT_FOUND, settings.python()));
            }
            Venv.Lookup lookup = Venv.find(settings.dir(), settings.venv(), env.get("VIRTUAL_ENV"), Venv.WINDOWS,
                    Venv::runnable);
            if (lookup.python().isPresent()) {
                return lookup.python().get();
            }
            // a link to a Python removed since the venv was made: python3 -m venv would keep the link, --clear not
            Path gone = lookup.tried().stream().filter(p -> Files.isSymbolicLink(p) && !Files.exists(p)).findFirst()
                    .orElse(null);
            Path venv = gone != null ? gone.getParent().getParent() : settings.venv() != null
                    ? settings.dir().resolve(settings.venv()) : Venv.inFolder(settings.dir()).get(0);
            Words why = gone != null ? new Words(Phrase.PYTHON_GONE, gone, target(gone))
                    : settings.venv() != null && !Files.isDirectory(venv) ? new Words(Phrase.VENV_MISSING, venv)
                    : new Words(Phrase.PYTHON_LOOKED_FOR,
                            lookup.tried().stream().map(Path::toString).collect(Collectors.joining(", ")));
            throw new Refusal(ExitCode.USAGE, Phrase.PYTHON_NOT_FOUND, why, (gone != null ? "--clear " : "") + venv,
                    venv);
        }

        private static Path target(Path link) {
            try {
                return link.resolveSibling(Files.readSymbolicLink(link));
            } catch (IOException e) {
                return link;
            }
        }
    }

    /** The venv lookup and PATH search: pure functions of the folder, the settings and a file test. */
    static final class Venv {
        static final boolean WINDOWS = System.getProperty("os.name").startsWith("Windows");

        /** The Python found, and every place looked in, in order (what the error names when none is found). */
        record Lookup(Optional<Path> python, List<Path> tried) {}

        /** --venv if given, else venv, then .venv in the bot's folder, then $VIRTUAL_ENV; in each the venv's Python. */
        static Lookup find(Path dir, Path venvOption, String virtualEnv, boolean windows, Predicate<Path> executable) {
            List<Path> venvs = new ArrayList<>(venvOption != null ? List.of(dir.resolve(venvOption)) : inFolder(dir));
            if (venvOption == null && virtualEnv != null && !virtualEnv.isBlank()) {
                venvs.add(Path.of(virtualEnv));
            }
            List<String> pythons = windows ? List.of("Scripts/python.exe") : List.of("bin/python3", "bin/python");
            List<Path> tried = venvs.stream().flatMap(venv -> pythons.stream().map(venv::resolve)).toList();
            return new Lookup(tried.stream().filter(executable).findFirst(), tried);
        }

        /** The bot's own venvs, looked for in its folder: venv, then .venv. */
        static List<Path> inFolder(Path dir) {
            return List.of(dir.resolve("venv"), dir.resolve(".venv"));
        }

        /** A file that can run: a folder is executable too, and setsid would fail on it with 126. */
        static boolean runnable(Path file) {
            return Files.isRegularFile(file) && Files.isExecutable(file);
        }

        /** A program given as a path (relative to base) or as a name searched on PATH. */
        static Optional<Path> onPath(String program, Path base, Map<String, String> env, boolean windows,
                                     Predicate<Path> executable) {
            if (program.contains("/") || program.contains("\\")) {
                return Optional.of(base.resolve(program).normalize()).filter(executable);
            }
            String[] extensions = env.getOrDefault("PATHEXT", ".EXE;.BAT;.CMD").split(";");
            List<String> suffixes = windows ? Stream.concat(Stream.of(""), Arrays.stream(extensions)).toList()
                    : List.of("");
            return Arrays.stream(env.getOrDefault("PATH", "").split(windows ? ";" : ":"))
                    .filter(folder -> !folder.isEmpty())
                    .flatMap(folder -> suffixes.stream().map(suffix -> Path.of(folder, program + suffix)))
                    .filter(executable).findFirst();
        }

        static String baseName(String program) {
            String file = program.replace('\\', '/');
            file = file.substring(file.lastIndexOf('/') + 1);
            int dot = file.lastIndexOf('.');
            return dot > 0 ? file.substring(0, dot) : file;
        }
    }

    /** --env-file (dotenv, systemd). Its values reach no log, state file, 'config' or error: errors name the line. */
    static final class EnvFile {
        private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
        /** In an unquoted value a comment starts at a # after a blank (dotenv): pass#word keeps its #. */
        private static final Pattern INLINE_COMMENT = Pattern.compile("\\s#");

        /** A line that is not KEY=VALUE: where it is and what is wrong with it, in words from the message tables. */
        static final class BadLine extends BadValue {
            BadLine(String file, int line, Phrase why) {
                super(Phrase.ENV_FILE_BAD_LINE, file, line, new Words(why));
            }
        }

        /**
         * The variables of one file, in order: # (and ;) comments and blank lines skipped, an optional 'export ',
         * 'single' quotes taken as they are, "double" quotes with \n, \r, \t, \" and \\ escapes. No $VAR expansion.
         */
        static Map<String, String> parse(String text, String fileName) {
            Map<String, String> variables = new LinkedHashMap<>();
            String[] lines = (text.startsWith("\uFEFF") ? text.substring(1) : text).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].indexOf('\0') >= 0) { // the JDK would refuse the value quoting it, and C strings end there
                    throw new BadLine(fileName, i + 1, Phrase.ENV_NUL);
                }
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) { // ; as systemd takes it
                    continue;
                }
                if (line.startsWith("export ") || line.startsWith("export\t")) {
                    line = line.substring(7).stripLeading();
                }
                int equals = line.indexOf('=');
                if (equals < 0) {
                    throw new BadLine(fileName, i + 1, Phrase.ENV_NOT_ASSIGNMENT);
                }
                String key = line.substring(0, equals).strip();
                if (!NAME.matcher(key).matches()) {
                    throw new BadLine(fileName, i + 1, Phrase.ENV_BAD_NAME);
                }
                variables.put(key, value(line.substring(equals + 1).strip(), fileName, i + 1));
            }
            return variables;
        }

        private static String value(String raw, String fileName, int line) {
            char quote = raw.isEmpty() ? 0 : raw.charAt(0);
            if (quote != '"' && quote != '\'') {
                Matcher comment = INLINE_COMMENT.matcher(raw);
                return (comment.find() ? raw.substring(0, comment.start()) : raw).strip();
            }
            StringBuilder value = new StringBuilder();
            int i = 1;
            for (; i < raw.length() && raw.charAt(i) != quote; i++) {
                char c = raw.charAt(i);
                if (c == '\\' && quote == '"' && i + 1 < raw.length()) {
                    char escaped = raw.charAt(++i);
                    switch (escaped) {
                        case 'n' -> value.append('\n');
                        case 'r' -> value.append('\r');
                        case 't' -> value.append('\t');
                        case '"', '\\' -> value.append(escaped);
                        default -> value.append(c).append(escaped); // not an escape: kept as written
                    }
                } else {
                    value.append(c);
                }
            }
            if (i >= raw.length()) {
                throw new BadLine(fileName, line, Phrase.ENV_UNCLOSED_QUOTE);
            }
            String rest = raw.substring(i + 1).strip();
            if (!rest.isEmpty() && !rest.startsWith("#")) {
                throw new BadLine(fileName, line, Phrase.ENV_AFTER_QUOTE);
            }
            return value.toString();
        }

        /** The most an env file or a --config file is read of: a real one is a few KiB, /dev/zero has no end. */
        static final int MAX_BYTES = 1 << 20;

        /** A file over MAX_BYTES: not read. */
        static final class TooBig extends IOException {
        }

        /** The bytes of a small file; TooBig, having read one byte more, if not small. */
        static byte[] readSmall(Path file) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(MAX_BYTES + 1); // the size may have grown since it was looked at
                if (bytes.length > MAX_BYTES) {
                    throw new TooBig();
                }
                return bytes;
            }
        }

        /**
         * Reads and parses one file; any failure is an IOException whose message names the file (and the line), never
         * a value: the only place a value could reach ProcessBuilder, whose refusals quote it (a NUL; names are NAME).
         * It is read again at each start, which a pipe (<(…) is /dev/fd/63, a link to one) cannot be; and opening a
         * FIFO would block: so its kind is checked first (links followed).
         */
        static Map<String, String> read(Path file, Lang lang) throws IOException {
            try {
                if (!Files.readAttributes(file, BasicFileAttributes.class).isRegularFile()) {
                    throw new BadValue(Phrase.ENV_FILE_NOT_REGULAR, file);
                }
                return parse(decode(readSmall(file), file.toString()), file.toString());
            } catch (BadValue e) {
                throw new IOException(e.words.in(lang));
            } catch (TooBig e) {
                throw new IOException(Log.message(lang, Phrase.ENV_FILE_TOO_BIG, file, Sizes.format(MAX_BYTES)));
            } catch (IOException e) {
                // A new exception, not a wrapper: Exits.reason would show only the cause, which may not name the file.
                throw new IOException(Log.message(lang, Phrase.ENV_FILE_UNREADABLE, file, e));
            }
        }

        /** UTF-8 (a byte order mark is left for parse); UTF-16, as Windows may save it, or other bytes are refused. */
        static String decode(byte[] bytes, String fileName) {
            boolean bom = bytes.length >= 2 && (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE
                    || bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF);
            // without a mark, an ASCII first character in UTF-16 is a NUL and a byte: no env file line starts so
            if (bom || bytes.length >= 2 && (bytes[0] == 0) != (bytes[1] == 0)) {
                throw new BadValue(Phrase.ENV_FILE_UTF16, fileName);
            }
            ByteBuffer in = ByteBuffer.wrap(bytes);
            CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never has more characters than bytes
            if (UTF_8.newDecoder().decode(in, out, true).isError()) {
                int line = 1 + (int) IntStream.range(0, in.position()).filter(i -> bytes[i] == '\n').count();
                throw new BadLine(fileName, line, Phrase.ENV_NOT_UTF8);
            }
            return out.flip().toString();
        }

        static Map<String, String> load(List<Path> files, Lang lang) throws IOException {
            Map<String, String> variables = new LinkedHashMap<>();
            for (Path file : files) {
                variables.putAll(read(file, lang));
            }
            return variables;
        }

        /** As ssh does with keys: a file of secrets that others can read is worth a warning, once, at startup. */
        static void warnIfShared(List<Path> files, Log log) {
            for (Path file : files) {
                try {
                    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                    if (permissions.contains(PosixFilePermission.GROUP_READ)
                            || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                        log.say(Msg.ENV_FILE_SHARED, file, PosixFilePermissions.toString(permissions), file);
                    }
                } catch (UnsupportedOperationException | IOException e) {
                    // No POSIX permissions (Windows), or no file: each start reads it again and says so if it cannot.
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ processes

    /** The signal of a graceful stop (--stop-signal): Java sends SIGTERM and SIGKILL, kill(1) the others. */
    enum StopSignal {
        TERM(15), INT(2), HUP(1), QUIT(3), USR1(10), USR2(12);

        /** Its number on Linux (SigIgn in /proc/PID/status is a mask of these). */
        final int number;

        StopSignal(int number) {
            this.number = number;
        }

        String signalName() {
            return "SIG" + name();
        }

        /** Ignored here (Linux): run with & from a script, this process inherits SIGINT ignored, as the bot would. */
        boolean ignoredHere() {
            String ignored = ProcessTree.status(ProcessHandle.current().pid(), "SigIgn");
            return ignored != null && (Long.parseUnsignedLong(ignored, 16) >>> (number - 1) & 1) == 1;
        }

        static StopSignal parse(String text) {
            String name = text.trim().toUpperCase(Locale.ROOT).replaceFirst("^SIG", "");
            return Arrays.stream(values()).filter(signal -> signal.name().equals(name)).findFirst()
                    .orElseThrow(() -> new BadValue(Phrase.NOT_A_SIGNAL, text));
        }
    }

    /**
     * Who gets the stop signal (--stop-mode, named after systemd's KillMode). MIXED, as systemd's KillMode=mixed and
     * supervisord: the bot's own process first, so that a parent that coordinates its children (Celery, gunicorn, a
     * multiprocessing pool) lets them finish their work; whatever of its tree is left once it has exited gets the stop
     * signal then, all within the one grace. CONTROL_GROUP: every process of the tree at once.
     */
    enum StopMode {
        MIXED, CONTROL_GROUP;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static StopMode parse(String text) {
            return Arrays.stream(values()).filter(mode -> mode.toString().equalsIgnoreCase(text.strip())).findFirst()
                    .orElseThrow(() -> new BadValue(Phrase.NOT_ONE_OF, text, "mixed, control-group"));
        }
    }

    /** Process plumbing: start (zt-exec pumps the output), find, stop, measure a run's tree; the loop times a stop. */
    static final class ProcessTree {
        static final boolean PROC = Files.isDirectory(Path.of("/proc/self"));
        /** setsid(1): the bot in a session of its own (same PID), so Ctrl+C reaches only us and orphans are found. */
        static final Optional<Path> SETSID = firstExecutable("/usr/bin/setsid", "/bin/setsid");
        static final Optional<Path> KILL = firstExecutable("/bin/kill", "/usr/bin/kill");
        /** The environment variable that marks every process of one run, even those that left the tree. */
        static final String MARKER = "SUPERVISOR_RUN";
        /** Markers unlike any other supervisor's: this PID and a random number (SecureRandom would load 32 classes). */
        private final String instance = ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong());
        private final Duration grace;
        private final StopSignal stopSignal;
        private final StopMode stopMode;
        /** Put before the bot's command when this process ignores the stop signal; null when nothing can reset it. */
        private final List<String> resetStopSignal;
        private boolean cgroupSaid;

        ProcessTree(Duration grace, StopSignal stopSignal, StopMode stopMode) {
            this.grace = grace;
            this.stopSignal = stopSignal;
            this.stopMode = stopMode;
            this.resetStopSignal = stopSignal.ignoredHere() ? defaultSignal(stopSignal) : List.of();
        }

        private static Optional<Path> firstExecutable(String... paths) {
            return Stream.of(paths).map(Path::of).filter(Files::isExecutable).findFirst();
        }

        /** GNU env --default-signal (coreutils 8.31+) gives the bot the ignored stop signal back; null if it fails. */
        private static List<String> defaultSignal(StopSignal signal) {
            List<String> words = firstExecutable("/usr/bin/env", "/bin/env")
                    .map(env -> List.of(env.toString(), "--default-signal=" + signal.name())).orElse(null);
            Integer probe = words == null ? null
                    : runBriefly(Stream.concat(words.stream(), Stream.of("true")).toList());
            return probe != null && probe == 0 ? words : null;
        }

        boolean stopSignalLost() {
            return resetStopSignal == null;
        }

        record Bot(StartedProcess process, String marker, Instant started, Long ticks, Relay out, Relay err,
                   RecentLines recent) {
            long pid() {
                return process.getProcess().pid();
            }

            Scope scope() {
                return new Scope(process.getProcess().toHandle(), marker, ticks == null ? 0 : ticks);
            }

            /** Lets the relays pass the bot's lines on, once the lines that say it started are logged (those first). */
            void relay() {
                out.attach(pid());
                err.attach(pid());
            }

            /** Lets the relays drain what the bot wrote before it ended, so its last lines come before ours. */
            void awaitOutput() {
                try {
                    process.getFuture().get(Policy.OUTPUT_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // A descendant still holds the pipes; its lines keep flowing as they come.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** The marker of a run: in the environment of all its processes, and in the state file before it starts. */
        String marker(int run) {
            return instance + "-" + run;
        }

        /** Starts the bot (watch: or null); its exit rings the bell (RelayStreams): the loop hears of it at once. */
        Bot start(Launch launch, Settings settings, Log log, Bell bell, String marker, LineWatch watch)
                throws IOException {
            RecentLines recent = new RecentLines(settings.lastLines());
            Path path = settings.dir().resolve(launch.command().get(0));
            if (launch.command().get(0).contains("/") && !Files.isExecutable(path)) {
                // setsid would start and then fail to run it: a failed start, not a run that exits with 126 or 127
                throw Files.exists(path) ? new AccessDeniedException(path.toString())
                        : new NoSuchFileException(path.toString());
            }
            Relay out = new Relay(log, Log.Pipe.STDOUT, watch == null ? null : watch.scanner(), recent);
            Relay err = new Relay(log, Log.Pipe.STDERR, watch == null ? null : watch.scanner(), recent);
            StartedProcess started = executor(launch.command(), environment(launch, settings, log.lang()), marker)
                    .directory(settings.dir().toFile())
                    .redirectErrorStream(false) // zt-exec merges stderr into stdout unless told not to
                    .streams(new RelayStreams(out, err, bell))
                    .start();
            sayCgroup(log, Cgroup.join(marker, started.getProcess().pid()), marker);
            Instant began = started.getProcess().toHandle().info().startInstant().orElse(Instant.now());
            return new Bot(started, marker, began, startTicks(started.getProcess().pid()), out, err, recent);
        }

        /** Says once, at the first start, whether the bot runs in a cgroup of its own (see Cgroup). */
        private void sayCgroup(Log log, boolean joined, String marker) {
            if (!cgroupSaid) {
                cgroupSaid = true;
                Object where = joined ? Cgroup.of(marker) : Cgroup.PARENT == null ? "-" : Cgroup.PARENT;
                log.say(joined ? Msg.CGROUP_USED : Msg.CGROUP_NOT_USED, where);
            }
        }

        /** As the bot and hooks start: setsid, the ignored stop signal reset, the environment, and the marker last. */
        ProcessExecutor executor(List<String> program, Map<String, String> environment, String marker) {
            List<String> command = new ArrayList<>(resetStopSignal == null ? List.of() : resetStopSignal);
            SETSID.ifPresent(setsid -> command.add(setsid.toString()));
            command.addAll(program);
            // the locale as the user had it, then the changes: an env file's LC_ALL wins
            return new ProcessExecutor().command(command).environment(Utf8.asGiven()).environment(environment)
                    .environment(MARKER, marker);
        }

        /** Changes to our environment (null removes): the env files are read now, so that a rotated key is taken. */
        static Map<String, String> environment(Launch launch, Settings settings, Lang lang) throws IOException {
            Map<String, String> changes = new LinkedHashMap<>();
            // What belongs to the supervisor's own service manager (systemd): readiness, watchdog, sockets.
            Stream.of("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES")
                    .forEach(name -> changes.put(name, null));
            changes.putAll(EnvFile.load(settings.envFiles(), lang));
            if (launch.python() && System.getenv("PYTHONUNBUFFERED") == null) {
                changes.putIfAbsent("PYTHONUNBUFFERED", "1"); // an env file's value, if any, wins
            }
            return changes;
        }

        /** Whether the process's environment holds the run's marker (Linux; not when it is not ours to read). */
        static boolean marked(long pid, String marker) {
            return marker != null && ("\0" + proc(pid, "environ")).contains("\0" + MARKER + "=" + marker + "\0");
        }

        /** A run's processes: its root (the bot, while it lives), their marker, and (Linux) its start in ticks. */
        record Scope(ProcessHandle root, String marker, long sinceTicks) {}

        /** Root, descendants; (Linux) its whole cgroup, any younger than the run with its session, group or marker. */
        Set<ProcessHandle> snapshot(Scope scope) {
            if (!PROC) {
                return Stream.ofNullable(scope.root())
                        .flatMap(root -> Stream.concat(Stream.of(root), root.descendants()))
                        .filter(ProcessTree::isAlive).collect(Collectors.toCollection(LinkedHashSet::new));
            }
            long self = ProcessHandle.current().pid();
            long root = scope.root() == null ? -1 : scope.root().pid();
            Map<Long, long[]> young = new LinkedHashMap<>(); // pid -> its fields of /proc/PID/stat (see stat)
            // File.list, plain loops, no lambda: a stop runs interpreted, where a lambda's first call costs about 1 ms.
            String[] names = new File("/proc").list();
            if (names == null) {
                throw new UncheckedIOException(new IOException("cannot list /proc"));
            }
            byte[] buffer = new byte[STAT_BYTES];
            for (String name : names) {
                long pid = isNumber(name) ? Long.parseLong(name) : self; // not a process, or ourselves: passed over
                long[] stat = pid == self ? null : stat(pid, buffer);
                if (stat != null && stat[STATE] != 'Z' && stat[START] >= scope.sinceTicks()) {
                    young.put(pid, stat);
                }
            }
            Set<Long> members = new LinkedHashSet<>();
            for (int before = -1; before != members.size(); ) {
                before = members.size();
                for (Map.Entry<Long, long[]> each : young.entrySet()) {
                    long pid = each.getKey(), parent = each.getValue()[PARENT];
                    if (pid == root || parent == root || members.contains(parent)) {
                        members.add(pid);
                    }
                }
            }
            for (long pid : Cgroup.pids(scope.marker())) {
                if (pid != self && isAlive(pid)) {
                    members.add(pid);
                }
            }
            boolean bySession = root > 0 && SETSID.isPresent();
            for (Map.Entry<Long, long[]> each : young.entrySet()) {
                long pid = each.getKey();
                long[] stat = each.getValue();
                if (bySession && (stat[GROUP] == root || stat[SESSION] == root)
                        || !members.contains(pid) && marked(pid, scope.marker())) {
                    members.add(pid);
                }
            }
            Set<ProcessHandle> found = new LinkedHashSet<>();
            for (long pid : members) {
                Optional<ProcessHandle> process = ProcessHandle.of(pid);
                if (process.isPresent()) {
                    found.add(process.get());
                }
            }
            return found;
        }

        /** processes: all that got a signal; leftBehind: those of them signalled after the first round (unasked). */
        record StopReport(int processes, int leftBehind, int killed, Duration took, List<Long> survivors) {}

        /** A stop of scope's tree, stepped by its caller: child is the root when it is our own child, else null. */
        Stop stop(Process child, Scope scope) {
            return new Stop(child, scope);
        }

        /**
         * One stop, stepped on its caller's one timer (wakeAt): the stop signal (MIXED: a live root alone first), then
         * to the rest of the tree and what appears in it, for the grace; then SIGKILL, checked gone, in up to 3 rounds.
         */
        final class Stop {
            private final Process child;
            private final Scope scope;
            private final long began = System.nanoTime();
            /** The one timer: the grace's end, then each kill round's. */
            private long deadline = began + grace.toNanos();
            private final Set<ProcessHandle> signalled = new LinkedHashSet<>();
            private final Set<ProcessHandle> killed = new LinkedHashSet<>();
            /** What was alive at the last look (MIXED: the root alone at first), awaited before looking again. */
            private Set<ProcessHandle> alive = Set.of();
            /** How many got the first stop signal; rootOnly: the root's PID if it alone did (MIXED), else null. */
            private int asked;
            private Long rootOnly;
            private int killRounds;
            private long pollNanos;
            private boolean hurried;

            private Stop(Process child, Scope scope) {
                this.child = child;
                this.scope = scope;
            }

            /** The first stop signal (MIXED: a live root's alone, no pass over /proc); false when nothing is alive. */
            boolean begin() {
                ProcessHandle root = scope.root();
                boolean rootFirst = stopMode == StopMode.MIXED && root != null && isAlive(root);
                alive = rootFirst ? Set.of(root) : snapshot(scope);
                if (alive.isEmpty()) {
                    return false;
                }
                send(alive);
                asked = alive.size();
                rootOnly = rootFirst ? root.pid() : null;
                return true;
            }

            int asked() {
                return asked;
            }

            Long rootOnly() {
                return rootOnly;
            }

            /** One step, after a wake-up: true once the tree is gone (or outlived SIGKILL). hurry: SIGKILL now. */
            boolean step(boolean hurry) {
                long now = System.nanoTime();
                if (killRounds == 0 && (hurry || now - deadline >= 0)) {
                    hurried = hurry;
                    alive = snapshot(scope);
                    return alive.isEmpty() || kill(now);
                }
                if (now - deadline < 0 && anyAlive(alive)) {
                    return false;
                }
                alive = snapshot(scope);
                if (alive.isEmpty() || killRounds == 3) {
                    return true;
                }
                if (killRounds > 0) {
                    return kill(now);
                }
                List<ProcessHandle> fresh = new ArrayList<>(alive);
                fresh.removeAll(signalled);
                send(fresh);
                return false;
            }

            /** When to step again: the deadline while our child is awaited (its exit rings the bell), else a poll. */
            long wakeAt() {
                if (child != null && child.isAlive() && alive.contains(child.toHandle())) {
                    return deadline;
                }
                long poll = System.nanoTime() + pollNanos;
                pollNanos = Math.min(pollNanos * 2, TimeUnit.MILLISECONDS.toNanos(10));
                return deadline - poll < 0 ? deadline : poll;
            }

            /** The nanoseconds left of the grace (none once the kill began). */
            long graceLeft() {
                return killRounds > 0 ? 0 : Math.max(0, deadline - System.nanoTime());
            }

            boolean hurried() {
                return hurried;
            }

            StopReport report() {
                Set<ProcessHandle> all = new LinkedHashSet<>(signalled);
                all.addAll(killed);
                List<Long> survivors = new ArrayList<>();
                for (ProcessHandle process : alive) {
                    survivors.add(process.pid());
                }
                return new StopReport(all.size(), signalled.size() - asked, killed.size(),
                        Duration.ofNanos(System.nanoTime() - began), survivors);
            }

            /** Steps to the end on this thread (a hook over its time): waits on the child's exit, or polls. */
            void await() {
                if (begin()) {
                    while (!step(hurried)) {
                        long wait = Math.max(0, wakeAt() - System.nanoTime());
                        try {
                            if (child != null && child.isAlive()) {
                                child.waitFor(wait, TimeUnit.NANOSECONDS);
                            } else {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                        } catch (InterruptedException e) {
                            // nothing interrupts a hook's thread but an exit: what is left is killed now
                            hurried = true;
                        }
                    }
                }
                if (hurried) {
                    Thread.currentThread().interrupt(); // said once the stop is over, for the caller to see
                }
            }

            private void send(Collection<ProcessHandle> fresh) {
                if (!signal(fresh, stopSignal)) {
                    fresh.forEach(ProcessHandle::destroy); // kill(1) could not run: SIGTERM is a graceful stop too
                }
                signalled.addAll(fresh);
                pollNanos = TimeUnit.MICROSECONDS.toNanos(200);
            }

            private boolean kill(long now) {
                alive.forEach(ProcessHandle::destroyForcibly);
                killed.addAll(alive);
                deadline = now + Policy.KILL_CONFIRM.toNanos();
                killRounds++;
                pollNanos = TimeUnit.MICROSECONDS.toNanos(200);
                return false;
            }
        }

        /**
         * SIGTERM through Java, the others with one kill(1) for all the PIDs, which unlike destroy() cannot check that
         * a PID still names the process of the snapshot: a moment ago, far too short for PIDs to wrap.
         */
        static boolean signal(Collection<ProcessHandle> processes, StopSignal signal) {
            if (signal == StopSignal.TERM) {
                for (ProcessHandle process : processes) {
                    process.destroy();
                }
                return true;
            }
            if (KILL.isEmpty()) {
                return false; // refused by check() for a stop signal, and by 'restart' before it asks
            }
            Stream<String> pids = processes.stream().map(process -> Long.toString(process.pid()));
            // Its exit code is not looked at: it is 1 when one of the processes ended meanwhile, and the others still
            // got the signal. Whatever did not is killed after the grace, as any process that ignores the signal.
            Stream<String> kill = Stream.of(KILL.get().toString(), "-s", signal.name());
            return runBriefly(Stream.concat(kill, pids).toList()) != null;
        }

        /** Runs kill(1) or env(1) for KILL_CONFIRM at most: its exit code, -1 if it took longer, null if it cannot. */
        private static Integer runBriefly(List<String> command) {
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                process.getOutputStream().close();
                if (process.waitFor(Policy.KILL_CONFIRM.toMillis(), TimeUnit.MILLISECONDS)) {
                    return process.exitValue();
                }
                process.destroyForcibly();
                return -1;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        private static boolean isAlive(long pid) {
            long[] stat = stat(pid, new byte[STAT_BYTES]);
            return stat != null && stat[STATE] != 'Z';
        }

        /** Alive, and not a zombie waiting for its parent to reap it (a stop polls this: /proc is read last). */
        static boolean isAlive(ProcessHandle process) {
            return process.isAlive() && (!PROC || isAlive(process.pid()));
        }

        private static boolean anyAlive(Collection<ProcessHandle> processes) {
            for (ProcessHandle process : processes) {
                if (isAlive(process)) {
                    return true;
                }
            }
            return false;
        }

        long residentBytes(Scope scope) {
            return snapshot(scope).stream().map(process -> status(process.pid(), "VmRSS")).filter(kB -> kB != null)
                    .mapToLong(kB -> Long.parseLong(kB) * 1024).sum();
        }

        /** Started when recorded: in ticks since boot on Linux (a clock step cannot move it), else within a second. */
        static boolean startedAs(ProcessHandle process, Instant started, Long ticks) {
            if (PROC && ticks != null) {
                return isAlive(process) && ticks.equals(startTicks(process.pid()));
            }
            return isAlive(process) && started != null && process.info().startInstant()
                    .filter(actual -> Duration.between(actual, started).abs().toMillis() < 1000).isPresent();
        }

        /** Linux: when the process started, in clock ticks since boot; null elsewhere or when it is gone. */
        static Long startTicks(long pid) {
            long[] stat = stat(pid, new byte[STAT_BYTES]);
            return stat == null ? null : stat[START];
        }

        static List<String> commandLine(ProcessHandle process) {
            if (PROC) {
                String raw = proc(process.pid(), "cmdline");
                return raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
            }
            ProcessHandle.Info info = process.info();
            return Stream.concat(info.command().stream(), info.arguments().stream().flatMap(Arrays::stream)).toList();
        }

        /** The most of /proc/PID/stat read: 52 numbers and a name of 16 bytes at most. */
        private static final int STAT_BYTES = 2048;
        /** Places in what stat gives, counted from the state ('Z': a zombie): parent, group, session, start. */
        static final int STATE = 0, PARENT = 1, GROUP = 2, SESSION = 3, START = 19;

        /** The fields of /proc/PID/stat after the name, up to START; null when it is gone or not ours to read. */
        private static long[] stat(long pid, byte[] buffer) {
            try (FileInputStream in = new FileInputStream("/proc/" + pid + "/stat")) {
                return stat(buffer, in.readNBytes(buffer, 0, buffer.length));
            } catch (IOException | SecurityException e) {
                return null;
            }
        }

        /** The same from its first length bytes (the name, which may hold ")", skipped); null when they are not one. */
        static long[] stat(byte[] buffer, int length) {
            int i = length; // just after the name's closing parenthesis
            while (i > 0 && buffer[i - 1] != ')') {
                i--;
            }
            if (i == 0 || i + 3 >= length) {
                return null;
            }
            long[] fields = new long[START + 1];
            fields[STATE] = buffer[i + 1];
            int field = 1;
            long value = 0;
            for (i += 3; i < length && field <= START; i++) { // the state, a blank, then the numbers one blank apart
                if (buffer[i] == ' ' || buffer[i] == '\n') {
                    fields[field++] = value;
                    value = 0;
                } else {
                    value = value * 10 + (buffer[i] - '0'); // a field before the start may be negative: never read
                }
            }
            return field > START ? fields : null;
        }

        private static boolean isNumber(String name) {
            for (int i = 0; i < name.length(); i++) {
                if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                    return false;
                }
            }
            return !name.isEmpty();
        }

        /** The first word of a line of /proc/PID/status ("VmRSS", "SigIgn"); null when there is none. */
        static String status(long pid, String field) {
            return proc(pid, "status").lines().filter(line -> line.startsWith(field + ":"))
                    .map(line -> line.substring(field.length() + 1).strip().split("\\s+")[0]).findFirst().orElse(null);
        }

        /** A file of /proc/PID as text: empty elsewhere than on Linux, or when it cannot be read. */
        private static String proc(long pid, String file) {
            return new String(readQuietly(Path.of("/proc", Long.toString(pid), file)), UTF_8);
        }

        static byte[] readQuietly(Path file) {
            try {
                return Files.readAllBytes(file);
            } catch (IOException | SecurityException e) {
                return new byte[0]; // gone meanwhile, or not ours to read
            }
        }
    }

    /**
     * Linux, where this process may make cgroups (v2: as root, or in a systemd unit with Delegate=yes): each run of the
     * bot in a cgroup of its own, as systemd runs a unit, so that a stop finds even a helper that left the bot's tree,
     * session and group and dropped the marker (a daemon started with a clean environment). Whatever fails here leaves
     * the bot where it is, found by the /proc scan alone.
     */
    static final class Cgroup {
        /** Where runs' cgroups are made: this process's own cgroup (its "0::" line) in the cgroup2 mount, or null. */
        static final Path PARENT = findParent();

        /** A run's cgroup is named after its marker: the state file that names the marker names it too. */
        static Path of(String marker) {
            return PARENT == null || marker == null ? null : PARENT.resolve("supervisor-" + marker);
        }

        /**
         * Moves the bot, just started, into a new cgroup of its run; false, leaving nothing behind, when it cannot.
         * What the bot forked before the move stays out of it, but is its descendant, which the /proc scan finds.
         */
        static boolean join(String marker, long pid) {
            Path cgroup = of(marker);
            if (cgroup == null) {
                return false;
            }
            try {
                Files.createDirectory(cgroup);
                Files.writeString(cgroup.resolve("cgroup.procs"), Long.toString(pid), WRITE);
                return true;
            } catch (IOException | RuntimeException e) { // no cgroup2, read-only, not ours to write (EACCES)
                remove(marker);
                return false;
            }
        }

        /** The PIDs in the run's cgroup: none when it has none. */
        static List<Long> pids(String marker) {
            Path cgroup = of(marker);
            List<Long> pids = new ArrayList<>();
            String procs = cgroup == null ? "" : new String(ProcessTree.readQuietly(cgroup.resolve("cgroup.procs")),
                    ISO_8859_1);
            for (String line : procs.split("\n")) { // a plain loop: a stop's pass calls it, lambdas link slowly
                if (!line.isBlank()) {
                    pids.add(Long.valueOf(line.strip()));
                }
            }
            return pids;
        }

        /** Removes the run's cgroup once its processes are gone (rmdir: the kernel refuses while one is left). */
        static void remove(String marker) {
            try {
                Path cgroup = of(marker);
                if (cgroup != null) {
                    Files.deleteIfExists(cgroup);
                }
            } catch (IOException e) {
                // A survivor still in it, or never made: nothing more to do.
            }
        }

        private static Path findParent() {
            try {
                String own = Files.readAllLines(Path.of("/proc/self/cgroup")).stream().filter(l -> l.startsWith("0::"))
                        .map(l -> l.substring(3)).findFirst().orElse(null);
                List<String> mounts = own == null ? List.of() : Files.readAllLines(Path.of("/proc/self/mountinfo"));
                for (String line : mounts) {
                    // mount ID, parent ID, device, root in the hierarchy, mount point, options … - type, source …
                    String[] f = line.split(" ");
                    int dash = Arrays.asList(f).indexOf("-");
                    String root = f[3].equals("/") ? "" : f[3];
                    if (dash > 4 && f[dash + 1].equals("cgroup2") && (own.equals(root) || own.startsWith(root + "/"))) {
                        return Path.of(f[4], own.substring(root.length()));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Not Linux, or no /proc: no cgroup.
            }
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------ the log

    enum Lang {
        en, pt;

        /** Portuguese when the locale says so: LC_ALL, then LC_MESSAGES, then LANG (the first set); Utf8.LANG first. */
        static Lang fromLocale(Map<String, String> env) {
            return Stream.of(Utf8.LANG, "LC_ALL", "LC_MESSAGES", "LANG").map(env::get)
                    .filter(v -> v != null && !v.isEmpty())
                    .findFirst().map(v -> v.toLowerCase(Locale.ROOT).startsWith("pt") ? pt : en).orElse(en);
        }

        /**
         * The command's --lang as parsed so far (from the command line, the environment or a --config file); before
         * the settings are checked: --lang on the command line (up to --), else SUPERVISOR_LANG, else the locale.
         */
        static Lang of(CommandLine cmd, List<String> args, Map<String, String> env) {
            OptionSpec option = cmd.getCommandSpec().findOption("--lang");
            if (option != null && option.getValue() instanceof Lang lang) {
                return lang;
            }
            for (int i = 0; i < args.size() && !args.get(i).equals("--"); i++) {
                Lang named = named(args.get(i).startsWith("--lang=") ? args.get(i).substring("--lang=".length())
                        : args.get(i).equals("--lang") && i + 1 < args.size() ? args.get(i + 1) : null);
                if (named != null) {
                    return named;
                }
            }
            Lang named = named(env.get("SUPERVISOR_LANG"));
            return named != null ? named : fromLocale(env);
        }

        /** en, pt, or a locale's name: its language part, whatever the case (pt_BR, pt-BR, en_US.UTF-8). */
        static Lang parse(String name) {
            return Optional.ofNullable(named(name)).orElseThrow(() -> new BadValue(Phrase.NOT_ONE_OF, name, "en, pt"));
        }

        private static Lang named(String name) {
            String language = name == null ? null : name.split("[-_.@]", 2)[0].toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(l -> l.name().equals(language)).findFirst().orElse(null);
        }
    }

    enum Level { DEBUG, INFO, WARN, ERROR }

    /** Anything a person reads, with its words in one table per language (Texts): a Msg, a Phrase or a Help. */
    sealed interface Text permits Msg, Phrase, Help {}

    /** A log line, with the level it is logged at and its emoji; in the tables' order. */
    enum Msg implements Text {
        SUPERVISOR_STARTED(Level.INFO, "🚀"), TRANSITION(Level.DEBUG, "🔀"),
        RESTART_WHILE_RUNNING(Level.INFO, "🔁"), RESTART_WHILE_PAUSED(Level.INFO, "🔁"),
        STOP_AGAIN(Level.WARN, "🛑"), KILL_NOW(Level.WARN, "🔪"), CGROUP_USED(Level.DEBUG, "🧺"),
        CGROUP_NOT_USED(Level.DEBUG, "🧺"), SETTINGS(Level.INFO, "⚙️"), STARTING(Level.INFO, "🤖"),
        COMMAND(Level.INFO, "📂"), START_OK(Level.INFO, "✅"), PID(Level.INFO, "🆔"), WAITING(Level.INFO, "⏳"),
        WAITING_UNTIL(Level.INFO, "⏳"), WAITING_FOREVER(Level.INFO, "⏳"), START_FAILED(Level.ERROR, "❌"),
        PLANNED_RESTART(Level.INFO, "🔄"), SCHEDULED_RESTART(Level.INFO, "🕒"), MEMORY_RESTART(Level.WARN, "🧠"),
        HUNG(Level.WARN, "🔇"), MATCHED_RESTART(Level.WARN, "🎯"), MATCHED_FATAL(Level.ERROR, "🎯"),
        MATCHED_ALERT(Level.WARN, "🔔"), MATCHED_BEFORE_EXIT(Level.WARN, "🎯"),
        GIVING_UP_FATAL(Level.ERROR, "💀"), DEFER_STARTED(Level.INFO, "⏳"), DEFER_ENDED(Level.INFO, "▶️"),
        DEFER_FORCED(Level.WARN, "⏰"), DEFER_GIVES_WAY(Level.INFO, "⏳"), DEFER_UNLISTED(Level.WARN, "⚠️"),
        HUNG_HEARTBEAT(Level.WARN, "🔇"),
        HUNG_HEARTBEAT_FILE(Level.WARN, "🔇"), TERM_SENT(Level.INFO, "📨"), TERM_SENT_BOT(Level.INFO, "📨"),
        ENDED_AT_ONCE(Level.INFO, "📨"), STATE_FILE_UNREADABLE(Level.WARN, "⚠️"),
        STOPPED_GRACEFULLY(Level.INFO, "👋"), STOPPED_LEFT_BEHIND(Level.WARN, "🧹"), KILLED(Level.WARN, "🔪"),
        SURVIVED(Level.ERROR, "⚠️"), EXITED(Level.INFO, "🏁"), LEFTOVERS(Level.WARN, "🧹"),
        FAILURE(Level.WARN, "❌"), FAILURE_UNLIMITED(Level.WARN, "❌"), PAUSE(Level.INFO, "⏸️"),
        BACKOFF(Level.INFO, "⏸️"), GIVING_UP(Level.ERROR, "💀"), STOP_REQUESTED(Level.INFO, "🛑"),
        SUPERVISOR_STOPPED(Level.INFO, "🏁"), SUMMARY(Level.INFO, "📊"), ORPHAN(Level.WARN, "🧟"),
        PID_REUSED(Level.INFO, "ℹ️"), HOOK_FAILED(Level.WARN, "🪝"), FATAL_ERROR(Level.ERROR, "💥"),
        LOG_FILE_FAILED(Level.ERROR, "⚠️"), CONSOLE_STALLED(Level.WARN, "⚠️"),
        CONSOLE_STALLED_NO_FILE(Level.WARN, "⚠️"), STATE_FILE_FAILED(Level.WARN, "⚠️"),
        STOP_SIGNAL_IGNORED(Level.WARN, "⚠️"), KILLED_NOW(Level.WARN, "🔪"), ENV_FILE_SHARED(Level.WARN, "🔑"),
        REGISTRY_FAILED(Level.WARN, "⚠️"), HTTP_LISTENING(Level.INFO, "🌐"),
        HTTP_AFTER_GIVING_UP(Level.ERROR, "🌐");

        final Level level;
        final String emoji;

        Msg(Level level, String emoji) {
            this.level = level;
            this.emoji = emoji;
        }

        /** The JSON log's "event": the name in lower case. */
        String event() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Part of a line, the words of a refusal or of status: never logged by itself; in the tables' order. */
    enum Phrase implements Text {
        MATCHED_FOLDED, WHY_MATCHED, STATE_DEFERRED, STATUS_DEFERRED, RESTART_DEFERRED, SIGN_NEVER, SIGN_NO_FILE,
        NEEDS_MAX_SILENCE, STATUS_LAST_LINES, STATUS_TRIGGER, BAD_PATTERN, EXIT_CODE, HOOK_TIMED_OUT, WHY_MEMORY,
        STATUS_STATE_IGNORED, UNREADABLE_NOT_FILE, UNREADABLE_TOO_BIG, UNREADABLE_EMPTY, UNREADABLE_NOT_JSON,
        UNREADABLE_NOT_STATE, UNREADABLE_IO, STATUS_ORPHAN, EXIT_SIGNAL, WHY_NOT_STARTED, WHY_HUNG, WHY_EXIT,
        WHY_TOO_SOON, SUMMARY_FIELDS, PYTHON_NOT_FOUND, PYTHON_OPTION_NOT_FOUND, SCRIPT_NOT_FOUND, COMMAND_NOT_FOUND,
        PYTHON_LOOKED_FOR, VENV_MISSING, PYTHON_GONE, PYTHON_IS_FOLDER, COMMAND_IS_FOLDER, COMMAND_IS_SCRIPT,
        COMMAND_AS_PATH, COMMAND_NOT_EXECUTABLE, DURATION_SPACE,
        SUBCOMMAND_TYPO, LOCKED, NO_SUPERVISOR, STATUS_RUNNING, STATUS_NOT_RUNNING, STATUS_GAVE_UP, STATUS_STOPPED,
        STATUS_LAST_FAILURE, STATUS_MEMORY, STATUS_MEMORY_LIMIT, HELP_HINT, UNEXPECTED_ERROR,
        BAD_VALUE, NOT_A_DURATION, DURATION_TOO_LONG, SIZE_NEEDS_UNIT, NOT_A_SIZE, SIZE_OUT_OF_RANGE, NOT_A_TIME,
        NOT_A_NUMBER, NO_KILL_RESTART, NO_KILL, NOT_A_SIGNAL, NOT_A_ZONE, NOT_A_FOLDER, AT_LEAST, AT_MOST,
        TOO_MANY_TIMES, RUN_TIME_ZERO, MIN_UPTIME_ZERO, NO_PROC, UNCLOSED_QUOTE, LOCK_FILE_UNUSABLE, SYMLINK_REFUSED,
        ODD_FILE_REFUSED, LOG_FILE_UNWRITABLE, CONFIG_UNREADABLE, CONFIG_TOO_BIG, CONFIG_UNKNOWN_KEY, UNKNOWN_OPTION,
        UNKNOWN_OPTION_NEAR, UNEXPECTED_ARGUMENT, MISSING_VALUE, MISSING_PARAMETER, NOT_ONE_OF, NO_SUCH_FILE,
        PERMISSION_DENIED, STATE_STARTING, STATE_RUNNING, STATE_STOPPING, STATE_PAUSED, STATE_BACKOFF, STATE_STOPPED,
        LABEL_DURATION, LABEL_FILE, LABEL_DIR, LABEL_SIZE, LABEL_COMMAND, LABEL_FORMAT, LABEL_LANG, LABEL_MODE,
        LABEL_NAME, LABEL_SIGNAL, LABEL_ZONE, LABEL_OPTIONS, LABEL_ARG, LABEL_ADDRESS, RESTART_ASKED, STOP_ASKED,
        STATE_FATAL, ORIGIN_COMMAND_LINE, ORIGIN_ENVIRONMENT, ORIGIN_DEFAULT, RESTART_SENT,
        RESTART_DONE, RESTART_WAITING, WHY_WITH_LAST_LINE, RESTART_FAILED, RESTART_NO_NEWS, SUPERVISOR_EXITED,
        STOP_DONE, STOP_SLOW, EXIT_RESTARTED, EXIT_RESTART_FAILED, EXIT_STOP_DONE, EXIT_STOP_SLOW, UNIT_MADE,
        UNIT_INSTALL, UNIT_DESCRIPTION, UNIT_UNKNOWN_ROUTE, EXIT_UNIT_PRINTED, EXIT_UNIT_UNKNOWN_ROUTE, HOOK_NO_FILE,
        HOOK_NOT_ON_PATH, HOOK_NOT_EXECUTABLE, ENV_UNKNOWN, ENV_UNKNOWN_NEAR, CONFIG_RESOLVED, CONFIG_ALREADY_RUNNING,
        EXIT_CODES, EXIT_STOPPED, EXIT_FATAL, EXIT_USAGE, EXIT_LOCKED, EXIT_BAD_USAGE, EXIT_STATUS_RUNNING,
        EXIT_STATUS_NOT_RUNNING, EXIT_CONFIG_OK, EXIT_PRINTED, ENV_FILE_UNREADABLE, ENV_FILE_BAD_LINE,
        ENV_NOT_ASSIGNMENT, ENV_BAD_NAME, ENV_UNCLOSED_QUOTE, ENV_AFTER_QUOTE, ENV_NUL, ENV_NOT_UTF8, ENV_FILE_UTF16,
        ENV_FILE_NOT_REGULAR, ENV_FILE_TOO_BIG, CONFIG_ENV_NAMES, EXIT_LOGS_PRINTED, EXIT_LOGS_UNREADABLE,
        EXIT_LOGS_NO_FILE, EXIT_LOGS_NEVER_RAN, LOGS_NO_SUPERVISOR, LOGS_NO_FILE, LOGS_NO_FILE_RAN,
        LOGS_UNREADABLE, LS_COLUMNS, LS_NONE,
        STATE_STALE, EXIT_LS_OK, EXIT_LS_TROUBLE, EXIT_LS_NONE, UNKNOWN_BOT, NAME_TWICE, ALL_AND_TARGET, NONE_RUNNING,
        NEEDS_HTTP, HTTP_NO_MODULE, NOT_AN_ADDRESS, HTTP_NEEDS_TOKEN, HTTP_CANNOT_BIND, TOKEN_NOT_FILE, TOKEN_SHARED,
        TOKEN_NOT_A_TOKEN, TOKEN_UNREADABLE, HTTP_READ_ONLY_MODE, HTTP_TOKEN_MODE, HTTP_WHO, HTTP_TOKEN_NEEDED,
        HTTP_READ_ONLY, HTTP_NOT_ALLOWED, HTTP_NOT_FOUND, HTTP_NO_BODY, HTTP_FINAL, HTTP_HOST_REFUSED, PAGE_TITLE,
        PAGE_LOADING,
        PAGE_UNREACHABLE, PAGE_TOKEN_ASK, PAGE_TOKEN_USE, PAGE_GAVE_UP, PAGE_BOT_PID, PAGE_UPTIME, PAGE_RUNS,
        PAGE_PLANNED, PAGE_HEALTH, PAGE_REQUESTED, PAGE_FAILURES, PAGE_FAILURES_VALUE, PAGE_LAST_EXIT,
        PAGE_NEXT_RESTART, PAGE_MEMORY, PAGE_MEMORY_HOUR, PAGE_RESTART, PAGE_RESTART_ASKED, PAGE_STOP, PAGE_STOP_ASKED,
        PAGE_CONFIRM_STOP, PAGE_EVENTS, PAGE_LINES, METRIC_UP, METRIC_INFO, METRIC_STATE, METRIC_BOT_UP,
        METRIC_BOT_START, METRIC_STARTS, METRIC_RESTARTS, METRIC_FAILURES, METRIC_CONSECUTIVE, METRIC_LAST_EXIT,
        METRIC_MEMORY, METRIC_LINES;
    }

    /** The words of --help, with the key picocli looks up in the resource bundle; in the tables' order. */
    enum Help implements Text {
        HELP_DEFER_RESTART_WHILE("defer-restart-while"), HELP_MAX_DEFER("max-defer"),
        HELP_RESTART_NOW("supervisor.restart.now"), HELP_LAST_LINES("last-lines"),
        HELP_SYNOPSIS_HEADING("usage.synopsisHeading"), HELP_END_OF_OPTIONS("picocli.endofoptions"),
        HELP_DESCRIPTION("supervisor.usage.description"), HELP_COMMANDS_HEADING("usage.commandListHeading"),
        HELP_FOOTER("supervisor.usage.footer"), HELP_HELP("help"), HELP_VERSION("version"), HELP_COMMAND("command"),
        HELP_DIR("dir"), HELP_SCRIPT("script"), HELP_VENV("venv"), HELP_PYTHON("python"), HELP_RUN_TIME("run-time"),
        HELP_PAUSE("pause"), HELP_GRACE("grace"), HELP_MAX_FAILURES("max-failures"), HELP_MIN_UPTIME("min-uptime"),
        HELP_NAME("name"), HELP_LOG_FILE("log-file"), HELP_LOG_MAX_SIZE("log-max-size"), HELP_LOG_KEEP("log-keep"),
        HELP_LOG_FORMAT("log-format"), HELP_LANG("lang"), HELP_LOCK_FILE("lock-file"), HELP_MAX_MEMORY("max-memory"),
        HELP_CHECK_EVERY("check-every"), HELP_MAX_SILENCE("max-silence"), HELP_HEARTBEAT("heartbeat"),
        HELP_HEARTBEAT_FILE("heartbeat-file"), HELP_RESTART_ON("restart-on"), HELP_FATAL_ON("fatal-on"),
        HELP_ALERT_ON("alert-on"), HELP_RESTART_AT("restart-at"), HELP_TIMEZONE("timezone"), HELP_ON_EVENT("on-event"),
        HELP_ON_EVENT_TIMEOUT("on-event-timeout"), HELP_STOP_SIGNAL("stop-signal"), HELP_STOP_MODE("stop-mode"),
        HELP_ENV_FILE("env-file"), HELP_CONFIG("config"), HELP_STATUS("supervisor.status.usage.description"),
        HELP_TARGET_DIR("target.dir"), HELP_STATUS_JSON("supervisor.status.json"),
        HELP_RESTART("supervisor.restart.usage.description"), HELP_RESTART_NO_WAIT("supervisor.restart.no-wait"),
        HELP_RESTART_WAIT("supervisor.restart.wait"), HELP_STOP("supervisor.stop.usage.description"),
        HELP_TARGET_CONFIG("target.config"), HELP_TARGET_LANG("target.lang"),
        HELP_CONFIG_COMMAND("supervisor.config.usage.description"), HELP_UNIT("supervisor.unit.usage.description"),
        HELP_COMPLETION("supervisor.completion.usage.description"),
        HELP_COMPLETION_SHELL("supervisor.completion.shell"), HELP_LOGS("supervisor.logs.usage.description"),
        HELP_LOGS_LINES("supervisor.logs.lines"), HELP_LOGS_FOLLOW("supervisor.logs.follow"),
        HELP_LS("supervisor.ls.usage.description"), HELP_LS_JSON("supervisor.ls.json"), HELP_TARGET_NAME("target.name"),
        HELP_STOP_ALL("supervisor.stop.all"),
        HELP_RESTART_ALL("supervisor.restart.all"), HELP_HTTP("http"), HELP_HTTP_TOKEN_FILE("http-token-file");

        final String key;

        Help(String key) {
            this.key = key;
        }
    }

    /** One log line's shape for each format: text as the original tool printed it, or one JSON object. */
    static final class Log implements Closeable {
        enum Format { text, json }

        enum Pipe { STDOUT, STDERR }

        private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        private static final DateTimeFormatter ZONED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss x");
        private static final DateTimeFormatter JSON_SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.");
        /** The JSON log's time, to the millisecond with its offset, as a relayed line's head has it too. */
        private static final DateTimeFormatter JSON_TIME =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX");
        /** Escape codes, removed whole: CSI; OSC, DCS, SOS, PM, APC up to BEL, ESC \ or the end; any other ESC one. */
        static final Pattern ANSI = Pattern.compile(
                "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B[\\]PX^_].*?(?:\u0007|\u001B\\\\|$)|\u001B[ -/]*[0-~]|\u001B");

        private final Lang lang;
        private final Format format;
        private final String name;
        private final ZoneId zone = ZoneId.systemDefault();
        private final ConsoleWriter console;
        private final boolean colour;
        /** stdout is the journal: each line begins with its syslog priority, for journalctl -p; the file has none. */
        private final boolean journal;
        private final RotatingFile file;
        private final boolean debug;
        private boolean closed;
        private volatile Long botPid;
        /** --http: the last lines and events for the page, as written; null when off. */
        private Page.Feed feed;
        private long stampSecond = Long.MIN_VALUE;
        private String stamp;
        /** The heads of relayed lines, stdout's and stderr's, then the same painted. */
        private final byte[][] heads = new byte[4][];
        /** --log-format json: a relayed line's head to the second, then after the milliseconds for each level. */
        private byte[] jsonSecond;
        private final byte[][] jsonRest = new byte[Level.values().length][];
        /** The time of the relayed lines passed on now (relayNow), and for each level its head, made at that time. */
        private long relayMillis;
        private final byte[][] jsonHeads = new byte[Level.values().length][];
        private final long[] jsonHeadAt = new long[Level.values().length];
        private final byte[][] jsonTails = new byte[2][];
        private long jsonTailPid = -1;
        /** Whole lines: the same bytes for the file and (unpainted) the console, one write per batch. */
        private final byte[] batch = new byte[128 * 1024];
        private int batched;
        private long batches;
        /** Bytes painted on the console since a batch last counted (see batches()). */
        private int painted;

        Log(Settings settings, String name, OutputStream console, Map<String, String> env) {
            this.lang = settings.lang();
            this.debug = env.containsKey("SUPERVISOR_DEBUG");
            this.format = settings.logFormat();
            this.name = name;
            try {
                this.file = settings.logFile() == null ? null
                        : new RotatingFile(settings.logFile(), settings.logMaxSize(), settings.logKeep());
            } catch (IOException e) {
                throw new Refusal(ExitCode.USAGE, Phrase.LOG_FILE_UNWRITABLE, settings.logFile(), e);
            }
            this.console = new ConsoleWriter(console,
                    lines -> say(file == null ? Msg.CONSOLE_STALLED_NO_FILE : Msg.CONSOLE_STALLED, lines));
            this.colour = format == Format.text && console instanceof FileOutputStream && isTerminal()
                    && env.getOrDefault("NO_COLOR", "").isEmpty() && !"dumb".equals(env.get("TERM"));
            this.journal = !colour && console instanceof FileOutputStream && isJournal(env.get("JOURNAL_STREAM"));
        }

        /** Up to JDK 21 a Console exists only on a terminal; from JDK 22 one always does, and isTerminal() tells. */
        static boolean isTerminal() {
            Console console = System.console();
            try {
                return console != null && (Boolean) Console.class.getMethod("isTerminal").invoke(console);
            } catch (NoSuchMethodException e) {
                return true; // JDK 17 to 21: a Console at all means a terminal
            } catch (ReflectiveOperationException e) {
                return false;
            }
        }

        Lang lang() {
            return lang;
        }

        String name() {
            return name;
        }

        void setBotPid(Long pid) {
            botPid = pid;
        }

        synchronized void feed(Page.Feed page) {
            feed = page;
        }

        /** Arguments: an IOException as Exits.reason says it, Words in the language, a fraction as localise says. */
        static String message(Lang lang, Text msg, Object... args) {
            Object[] shown = Arrays.stream(args).map(a -> a instanceof IOException e ? Exits.reason(lang, e)
                    : a instanceof Words words ? words.in(lang)
                    : a instanceof String text ? localise(lang, text) : a).toArray();
            return String.format(Locale.ROOT, plural(Texts.of(lang).get(msg), args), shown);
        }

        /** {one|many} in a message: the word for the count of the %s before it ("%s process{|es}"). */
        private static final Pattern PLURAL = Pattern.compile("\\{([^{}|]*)\\|([^{}|]*)\\}");

        static String plural(String template, Object... args) {
            if (template.indexOf('{') < 0) {
                return template;
            }
            return PLURAL.matcher(template).replaceAll(group -> {
                String before = template.substring(0, group.start());
                int index = (before.length() - before.replace("%s", "").length()) / 2 - 1;
                boolean one = index >= 0 && index < args.length && args[index] instanceof Number n
                        && n.longValue() == 1;
                return Matcher.quoteReplacement(one ? group.group(1) : group.group(2));
            });
        }

        private static final Pattern FRACTION = Pattern.compile("(\\d+)\\.(\\d+)(ms|s|KB|MB|GB)");

        /** 1.5s, 812.4MB read 1,5s, 812,4MB in Portuguese: whole arguments only, never part of a path or a command. */
        static String localise(Lang lang, String value) {
            Matcher m = lang == Lang.pt ? FRACTION.matcher(value) : null;
            return m != null && m.matches() ? m.group(1) + "," + m.group(2) + m.group(3) : value;
        }

        String text(Text msg, Object... args) {
            return message(lang, msg, args);
        }

        /** A message at its own level; a DEBUG one only when SUPERVISOR_DEBUG is set. */
        void say(Msg msg, Object... args) {
            say(msg.level, msg, args);
        }

        synchronized void say(Level level, Msg msg, Object... args) {
            if (closed || level == Level.DEBUG && !debug) {
                return; // closed: a late word from another thread (the console's) after the last line
            }
            String line = line(msg, level, args);
            if (feed != null) {
                feed.said(msg, line);
            }
            if (colour) {
                toConsole(paint(level, line));
            } else if (journal) {
                toConsole(priority(level) + line);
            }
            write(line);
            flush();
        }

        /** A line of the supervisor's own, without its newline: text as the original tool printed it, or JSON. */
        private String line(Msg msg, Level level, Object... args) {
            String words = text(msg, args);
            return format == Format.json ? json(level, msg.event(), words, botPid, "supervisor")
                    : "[" + stamp() + "] " + msg.emoji + " " + words;
        }

        /** A relay's back-pressure, before the lock: room for two batches, as both relays may find room at once. */
        void awaitRoom() {
            console.awaitRoom(2 * batch.length);
        }

        /** Batches out (half a batch painted is one): a relay stops at the next, never past the room it awaited. */
        long batches() {
            return batches;
        }

        /** The time of the relayed lines of one read (a relay holds the lock): the heads brought up to it. */
        void relayNow() {
            long now = System.currentTimeMillis();
            if (now / 1000 != stampSecond) {
                restamp(now / 1000);
            }
            relayMillis = now;
        }

        /**
         * A line of the bot's (a relay holds the lock and set the time): in text a plain line, in JSON one that needs
         * no escape (asIs), goes as bytes behind a cached head; escape codes reach a terminal only.
         */
        void bot(Pipe stream, long pid, byte[] bytes, int offset, int length, boolean plain, boolean asIs) {
            if (format == Format.text ? plain : asIs) {
                plain(stream, pid, bytes, offset, length, offset);
                return;
            }
            if (feed != null) {
                feed.relayed();
            }
            String words = new String(bytes, offset, length, UTF_8);
            String clean = withoutEscapes(words);
            if (format == Format.json) {
                Level level = levelOf(bytes, offset, length);
                write(json(level == null ? Level.INFO : level, "output", clean, pid,
                        stream == Pipe.STDOUT ? "stdout" : "stderr"));
            } else {
                byte[] kept = clean.getBytes(UTF_8);
                byte[] shown = clean == words ? kept : words.getBytes(UTF_8);
                paint(stream, shown, 0, shown.length);
                byte[] head = heads[stream.ordinal()];
                write(head, head.length, kept, 0, kept.length, NO_HEAD);
            }
        }

        /** A plain line (ASCII, no escape code; in JSON none to escape) behind a cached head; level from levelFrom. */
        void plain(Pipe stream, long pid, byte[] bytes, int offset, int length, int levelFrom) {
            if (feed != null) {
                feed.relayed();
            }
            if (format == Format.text) {
                if (colour || journal) {
                    paint(stream, bytes, offset, length);
                }
                byte[] head = heads[stream.ordinal()];
                write(head, head.length, bytes, offset, length, NO_HEAD);
            } else {
                Level level = levelFrom < offset + length ? levelOf(bytes, offset, length, levelFrom) : null;
                byte[] head = jsonHead(level == null ? Level.INFO : level);
                write(head, head.length, bytes, offset, length, jsonTail(stream, pid));
            }
        }

        static String withoutEscapes(String words) {
            return words.indexOf('\u001B') < 0 ? words : ANSI.matcher(words).replaceAll("");
        }

        private String json(Level level, String event, String message, Long pid, String stream) {
            return new Json(message.length() + 160).put("time", JSON_TIME.format(ZonedDateTime.now(zone)))
                    .put("level", level.name().toLowerCase(Locale.ROOT)).put("event", event).put("name", name)
                    .put("message", message).put("pid", pid).put("stream", stream).end();
        }

        /** The time, and the heads of relayed lines with it: both made once a second. */
        private String stamp() {
            long second = System.currentTimeMillis() / 1000;
            if (second != stampSecond) {
                restamp(second);
            }
            return stamp;
        }

        /** A relayed line's JSON up to its message (time, level, event, name): made once a millisecond a level. */
        private byte[] jsonHead(Level level) {
            int l = level.ordinal();
            if (jsonHeadAt[l] != relayMillis) {
                jsonHeadAt[l] = relayMillis;
                byte[] second = jsonSecond, rest = jsonRest[l];
                if (jsonHeads[l] == null || jsonHeads[l].length != second.length + 3 + rest.length) {
                    jsonHeads[l] = new byte[second.length + 3 + rest.length];
                }
                byte[] head = jsonHeads[l];
                System.arraycopy(second, 0, head, 0, second.length);
                int millis = (int) (relayMillis % 1000);
                head[second.length] = (byte) ('0' + millis / 100);
                head[second.length + 1] = (byte) ('0' + millis / 10 % 10);
                head[second.length + 2] = (byte) ('0' + millis % 10);
                System.arraycopy(rest, 0, head, second.length + 3, rest.length);
            }
            return jsonHeads[l];
        }

        /** A relayed line's JSON after its message: the bot's PID and the stream, made once a run. */
        private byte[] jsonTail(Pipe stream, long pid) {
            if (pid != jsonTailPid) {
                jsonTailPid = pid;
                for (Pipe s : Pipe.values()) {
                    String tail = "\",\"pid\":" + pid + ",\"stream\":\"" + s.name().toLowerCase(Locale.ROOT) + "\"}";
                    jsonTails[s.ordinal()] = tail.getBytes(UTF_8);
                }
            }
            return jsonTails[stream.ordinal()];
        }

        private void restamp(long second) {
            stampSecond = second;
            ZonedDateTime time = Instant.ofEpochSecond(second).atZone(zone);
            if (format == Format.json) { // a text log makes none of it, every second
                jsonSecond = ("{\"time\":\"" + JSON_SECOND.format(time)).getBytes(UTF_8);
                for (Level level : Level.values()) {
                    String rest = time.getOffset().getId() + "\",\"level\":\"" + level.name().toLowerCase(Locale.ROOT)
                            + "\",\"event\":\"output\",\"name\":" + Json.string(new StringBuilder(), name)
                            + ",\"message\":\"";
                    jsonRest[level.ordinal()] = rest.getBytes(UTF_8);
                }
            }
            stamp = STAMP.format(time);
            for (Pipe s : Pipe.values()) {
                String tag = "[" + name + (s == Pipe.STDOUT ? "" : ":err") + "]";
                heads[s.ordinal()] = ("[" + stamp + "] " + tag + " ").getBytes(UTF_8);
                String painted = "\u001B[2m[" + stamp + "]\u001B[0m \u001B[36m" + tag + "\u001B[0m ";
                heads[s.ordinal() + 2] = painted.getBytes(UTF_8);
            }
        }

        /** A time for people, with its zone named: 2026-01-15 11:30:00 -03 (America/Sao_Paulo). */
        static String clock(Instant instant, ZoneId zone) {
            if (instant == null) {
                return "-";
            }
            String shown = ZONED.format(instant.atZone(zone));
            return zone instanceof ZoneOffset ? shown : shown + " (" + zone.getId() + ")";
        }

        private static String paint(Level level, String line) {
            int end = line.indexOf(']') + 1;
            String colourOf = level == Level.WARN ? "\u001B[33m" : level == Level.ERROR ? "\u001B[31m" : "";
            return "\u001B[2m" + line.substring(0, end) + "\u001B[0m" + colourOf + line.substring(end)
                    + (colourOf.isEmpty() ? "" : "\u001B[0m");
        }

        /** A relayed line to the console at once, painted or after its priority; the batch then serves the file. */
        private void paint(Pipe stream, byte[] body, int offset, int count) {
            if (colour || journal) {
                if (journal) {
                    Level level = levelOf(body, offset, count);
                    byte[] priority = priority(level == null ? Level.INFO : level).getBytes(UTF_8);
                    console.write(priority, 0, priority.length);
                }
                stamp(); // brings the heads up to this second
                byte[] head = heads[stream.ordinal() + (colour ? 2 : 0)];
                console.write(head, 0, head.length);
                console.write(body, offset, count);
                console.write(NEWLINE, 0, 1);
                painted += head.length + count + 4; // the priority's 3 bytes and the newline
                if (painted >= batch.length / 2) { // half: the line that ends a pass may be up to MAX_LINE long
                    painted = 0;
                    batches++;
                }
            }
        }

        /** sd-daemon's prefix: the syslog priority of a line (debug 7, info 6, warning 4, error 3). */
        private static String priority(Level level) {
            return switch (level) {
                case DEBUG -> "<7>";
                case INFO -> "<6>";
                case WARN -> "<4>";
                case ERROR -> "<3>";
            };
        }

        /** JOURNAL_STREAM is "device:inode" of the journal's socket, which systemd gave us as stdout: still ours? */
        private static boolean isJournal(String stream) {
            if (stream == null || !ProcessTree.PROC) {
                return false;
            }
            try {
                Map<String, Object> stdout = Files.readAttributes(Path.of("/proc/self/fd/1"), "unix:dev,ino");
                return stream.strip().equals(stdout.get("dev") + ":" + stdout.get("ino"));
            } catch (IOException | RuntimeException e) {
                return false; // no /proc, no unix view: not the journal as far as we can tell
            }
        }

        /** How far into a line levelOf looks for a level word. */
        static final int LEVEL_WITHIN = 120;
        private static final byte[][] LEVEL_WORDS = List.of("DEBUG", "INFO", "WARNING", "WARN", "ERROR", "CRITICAL",
                "FATAL").stream().map(word -> word.getBytes(ISO_8859_1)).toArray(byte[][]::new);
        private static final Level[] LEVEL_OF_WORD = {Level.DEBUG, Level.INFO, Level.WARN, Level.WARN, Level.ERROR,
                Level.ERROR, Level.ERROR};

        /**
         * The level a bot's line names near its start, as Python's logging ("WARNING:root:…"), freqtrade (" - ERROR -
         * ") and loguru ("| INFO     |") print it: a level word at the start or after a blank, [ or |, followed by :,
         * ], or blanks and then - or |; null when none (a line on stderr is not a warning by itself).
         */
        static Level levelOf(byte[] bytes, int offset, int length) {
            return levelOf(bytes, offset, length, offset);
        }

        /** The same, knowing that no level word begins before bytes[first]. */
        static Level levelOf(byte[] bytes, int offset, int length, int first) {
            int end = offset + Math.min(length, LEVEL_WITHIN);
            for (int i = first; i < end; i++) {
                if (i <= end - 8) { // eight bytes at a time to the next from C to W, on 7 bits (no carry between bytes)
                    long x = (long) Relay.EIGHT.get(bytes, i) & ~Relay.HIGH;
                    long from = (x + 0x3D3D3D3D3D3D3D3DL & ~(x + 0x2828282828282828L) & Relay.HIGH);
                    if (from == 0) {
                        i += 7;
                        continue;
                    }
                    i += Long.numberOfTrailingZeros(from) >>> 3;
                }
                byte c = bytes[i];
                boolean starts = i == offset || bytes[i - 1] == ' ' || bytes[i - 1] == '[' || bytes[i - 1] == '|';
                if (!starts || c != 'D' && c != 'I' && c != 'W' && c != 'E' && c != 'C' && c != 'F') {
                    continue;
                }
                for (int w = 0; w < LEVEL_WORDS.length; w++) {
                    byte[] word = LEVEL_WORDS[w];
                    int after = i + word.length;
                    if (after < end && Arrays.equals(bytes, i, after, word, 0, word.length)
                            && closes(bytes, after, end)) {
                        return LEVEL_OF_WORD[w];
                    }
                }
            }
            return null;
        }

        private static boolean closes(byte[] bytes, int i, int end) {
            if (bytes[i] == ':' || bytes[i] == ']') {
                return true;
            }
            int blanks = i;
            while (blanks < end && bytes[blanks] == ' ') {
                blanks++;
            }
            return blanks > i && blanks < end && (bytes[blanks] == '-' || bytes[blanks] == '|');
        }

        private void toConsole(String line) {
            byte[] bytes = (line + "\n").getBytes(UTF_8);
            console.write(bytes, 0, bytes.length);
        }

        private void write(String line) {
            byte[] bytes = line.getBytes(UTF_8);
            write(NO_HEAD, 0, bytes, 0, bytes.length, NO_HEAD);
        }

        /** One line into the batch: a head, for a relayed line the bot's bytes and a tail (JSON's), and a newline. */
        private void write(byte[] head, int headLength, byte[] body, int offset, int count, byte[] tail) {
            if (feed != null) { // the page's copy of the line as the log has it (only with --http)
                feed.line(head, headLength, body, offset, count, tail);
            }
            int length = headLength + count + tail.length + 1;
            if (file != null && file.isFull(batched, length)) {
                flush(); // every line before the rotation goes to the old file
                reportFileFailure(file.rotate());
            }
            if (batched + length > batch.length) {
                flush();
            }
            if (length > batch.length) { // a line longer than the batch: rare, written on its own
                byte[] line = Arrays.copyOf(head, length);
                System.arraycopy(body, offset, line, headLength, count);
                System.arraycopy(tail, 0, line, headLength + count, tail.length);
                line[length - 1] = '\n';
                writeOut(line, length);
            } else {
                System.arraycopy(head, 0, batch, batched, headLength);
                System.arraycopy(body, offset, batch, batched + headLength, count);
                if (tail.length > 0) {
                    System.arraycopy(tail, 0, batch, batched + headLength + count, tail.length);
                }
                batched += length;
                batch[batched - 1] = '\n';
            }
        }

        private static final byte[] NEWLINE = {'\n'};
        private static final byte[] NO_HEAD = {};

        synchronized void flush() {
            if (batched > 0) {
                writeOut(batch, batched);
                batched = 0;
                batches++;
            }
        }

        private void writeOut(byte[] bytes, int length) {
            if (!colour && !journal) {
                console.write(bytes, 0, length);
            }
            if (file != null) {
                reportFileFailure(file.write(bytes, length));
            }
        }

        /** On the console only: the file is what failed. */
        private void reportFileFailure(IOException failure) {
            if (failure != null) {
                toConsole(line(Msg.LOG_FILE_FAILED, Level.ERROR, file.path, String.valueOf(failure.getMessage())));
            }
        }

        /** The console's unreported drops are said once more, for the file: the closed console may not show them. */
        @Override
        public void close() {
            flush();
            long dropped = console.close(Policy.CONSOLE_AT_EXIT);
            if (dropped > 0 && file != null) {
                say(Msg.CONSOLE_STALLED, dropped);
            }
            synchronized (this) {
                closed = true;
                if (file != null) {
                    file.close();
                }
            }
        }
    }

    /**
     * The console, written by a thread of its own: one nobody reads (a stalled log driver, a paused pager) never blocks
     * the log, the relays, the bot or a stop. Bytes wait in a buffer of at most CONSOLE_BACKLOG. When it is full, the
     * log waits for room while the console is merely slow (its write began less than CONSOLE_STALL ago): a flood slows
     * the bot as a file would, no line lost. A stalled console's overflow is dropped at once, its lines counted and
     * reported once it takes bytes again. Two buffers take turns, written 64 KiB per call so that progress shows.
     */
    static final class ConsoleWriter {
        private final OutputStream target;
        private final LongConsumer stalled;
        /** Empty until a write needs room (never without a console thread), then 64 KiB at least. */
        private byte[] filling = new byte[0];
        private byte[] writing = filling;
        private int length;
        private boolean closing;
        private long droppedLines;
        /** When the console thread began its last call to write (nanoTime); 0 while it has nothing to write. */
        private volatile long writingSince;
        private final Thread thread;
        /** stdout is /dev/null: what the console gets goes nowhere at once. */
        private final boolean discarded;

        ConsoleWriter(OutputStream target, LongConsumer stalled) {
            this.target = target;
            this.stalled = stalled;
            this.discarded = discards(target);
            this.thread = discarded || neverBlocks(target) ? null : new Thread(this::pass, "console");
            if (thread != null) {
                thread.setDaemon(true); // one blocked in write() must not keep the JVM alive
                thread.start();
            }
        }

        /** stdout is /dev/null (a service with a log file): nobody reads it, so nothing is written (a copy a batch). */
        static boolean discards(OutputStream target) {
            try {
                return target instanceof FileOutputStream && ProcessTree.PROC
                        && Files.isSameFile(Path.of("/proc/self/fd/1"), Path.of("/dev/null"));
            } catch (IOException e) {
                return false;
            }
        }

        /** stdout is a regular file or /dev/null (nohup, systemd): a write never waits for a reader, so no thread. */
        static boolean neverBlocks(OutputStream target) {
            if (!(target instanceof FileOutputStream) || !ProcessTree.PROC) {
                return false;
            }
            try {
                Path stdout = Path.of("/proc/self/fd/1");
                return Files.isRegularFile(stdout) || Files.isSameFile(stdout, Path.of("/dev/null"));
            } catch (IOException e) {
                return false;
            }
        }

        /**
         * The bot's lines' back-pressure, taken by a relay before the log's lock (the supervisor's own lines and a
         * person's stop never wait behind it): waits while there is no room for count bytes, unless the console stalls.
         */
        void awaitRoom(int count) {
            if (thread == null) {
                return; // a console written at once needs no room, nor the lock: this is on every line's path
            }
            synchronized (this) {
                long stall = Policy.CONSOLE_STALL.toNanos();
                while (length > 0 && length + count > Policy.CONSOLE_BACKLOG && !closing) {
                    long since = writingSince;
                    long left = since == 0 ? stall : stall - (System.nanoTime() - since);
                    if (left <= 0 || !waitQuietly(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)))) {
                        return;
                    }
                }
            }
        }

        /** Never waits: what does not fit in the buffer is dropped and counted (the log file has it). */
        synchronized void write(byte[] bytes, int offset, int count) {
            if (discarded) {
                return;
            }
            if (thread == null) {
                try {
                    target.write(bytes, offset, count);
                } catch (IOException e) {
                    // A full disk or a closed file: the log file, if any, has the lines.
                }
                return;
            }
            // The console thread's own report of what it missed always fits: it must neither wait for itself nor be
            // lost.
            if (Thread.currentThread() != thread && length > 0 && length + count > Policy.CONSOLE_BACKLOG) {
                droppedLines += lines(bytes, offset, count);
                return;
            }
            if (length + count > filling.length) {
                int doubled = Math.min(Policy.CONSOLE_BACKLOG, Math.max(64 * 1024, filling.length * 2));
                filling = Arrays.copyOf(filling, Math.max(length + count, doubled));
            }
            System.arraycopy(bytes, offset, filling, length, count);
            length += count;
            notifyAll();
        }

        /** The thread: takes what the log wrote, writes it out (blocking here only), reports drops once it could. */
        private void pass() {
            while (true) {
                int count;
                synchronized (this) {
                    while (length == 0 && !closing) {
                        waitQuietly(0); // nothing interrupts this thread
                    }
                    if (length == 0) {
                        return;
                    }
                    byte[] full = filling;
                    filling = writing.length >= full.length ? writing : new byte[full.length];
                    writing = full;
                    count = length;
                    length = 0;
                    writingSince = System.nanoTime(); // under the lock: close sees these bytes under way
                    notifyAll(); // room again for a relay waiting
                }
                try {
                    for (int at = 0; at < count; at += 64 * 1024) {
                        writingSince = System.nanoTime();
                        target.write(writing, at, Math.min(64 * 1024, count - at));
                    }
                    target.flush();
                } catch (IOException e) {
                    // The console is gone (a closed terminal, a pipe without a reader): the log file, if any, has the
                    // lines.
                }
                long dropped;
                synchronized (this) {
                    writingSince = 0;
                    notifyAll(); // for close
                    dropped = closing ? 0 : droppedLines;
                    droppedLines -= dropped;
                }
                if (dropped > 0) {
                    stalled.accept(dropped);
                }
            }
        }

        /** Lets what is queued go out within the time given; returns the lines dropped and not yet reported. */
        synchronized long close(Duration within) {
            closing = true;
            notifyAll();
            long deadline = System.nanoTime() + within.toNanos();
            while ((length > 0 || writingSince != 0) && System.nanoTime() - deadline < 0
                    && waitQuietly(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())))) {
                // woken by the console thread after each write, or by the deadline
            }
            return droppedLines + lines(filling, 0, length);
        }

        /** A plain loop: close calls it as the supervisor exits, where a stream's first use links its lambda. */
        private static long lines(byte[] bytes, int offset, int count) {
            long lines = 0;
            for (int i = offset; i < offset + count; i++) {
                lines += bytes[i] == '\n' ? 1 : 0;
            }
            return lines;
        }

        /** The bytes its buffers take (a test's). */
        synchronized int buffered() {
            return filling.length + writing.length;
        }

        /** False when interrupted (the flag is kept): the caller stops waiting. */
        private boolean waitQuietly(long millis) {
            try {
                wait(millis);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** zt-exec's pump threads, each running pump, and the bell the bot's exit rings. */
    static final class RelayStreams extends PumpStreamHandler {
        private final Bell exited;

        RelayStreams(OutputStream out, OutputStream err, Bell exited) {
            super(out, err);
            this.exited = exited;
        }

        /** Called once Process.waitFor returns, before the pumps end: Process.onExit would start a thread each exit. */
        @Override
        public void stop() {
            exited.ring();
            super.stop();
        }

        @Override
        protected Thread createPump(InputStream is, OutputStream os) {
            Thread pump = newThread(() -> pump(is, os));
            pump.setName("relay-" + ((Relay) os).stream().name().toLowerCase(Locale.ROOT));
            return pump;
        }

        /**
         * The bot's pipe into its relay: 8 KiB reads while it is quiet (the JDK reads that much into a buffer on the
         * stack, more into one it mallocs), 64 KiB while it floods.
         */
        static void pump(InputStream in, OutputStream relay) {
            byte[] small = new byte[8 * 1024], large = null, buffer = small;
            try (relay) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    relay.write(buffer, 0, n);
                    relay.flush();
                    if (n >= small.length) { // more may wait: a pipe holds up to 64 KiB
                        buffer = large != null ? large : (large = new byte[64 * 1024]);
                    } else if (n < 512) { // a line or two: quiet again (in between, the size stays: no extra read)
                        buffer = small;
                    }
                }
            } catch (IOException e) { // the pipe closed under the read: its end, as at the end of its file
            }
        }
    }

    /** Splits one output stream of the bot into lines of at most 64 KiB, for the log and the scanner, if any. */
    static final class Relay extends OutputStream {
        static final int MAX_LINE = 64 * 1024;
        /** Eight bytes of an array as one long, the first in the lowest byte (a fourth of a byte loop's time in C1). */
        static final VarHandle EIGHT = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        static final long ONES = 0x0101010101010101L, HIGH = 0x8080808080808080L;
        private final Log log;
        private final Log.Pipe stream;
        private final boolean json;
        /** Null when no pattern is set: a line is then never decoded. */
        private final LineWatch.Scanner scanner;
        /** The bot's last lines, shared with its other stream's relay; null when none are kept. */
        private final RecentLines recent;
        /** The lines of the read being passed on that recent may keep (its last ones): where each starts, its end. */
        private final int[] keptAt, keptEnd;
        /** How many of them are noted (at most keptAt's length), and the slot of the next. */
        private int kept, keptNext;
        private int levelFrom;
        /** The array of the read being passed on. */
        private byte[] reading;
        private final byte[] line = new byte[MAX_LINE];
        private final CountDownLatch attached = new CountDownLatch(1);
        private int length;
        /** The last piece was emitted because it filled the buffer: a newline right after it ends that line. */
        private boolean split;
        /** What is in the line buffer is plain ASCII without escape codes; and goes into a JSON string as it is. */
        private boolean linePlain = true, lineAsIs = true;
        private volatile long pid;
        private volatile long lastWrite = System.nanoTime();

        Relay(Log log, Log.Pipe stream, LineWatch.Scanner scanner, RecentLines recent) {
            this.log = log;
            this.stream = stream;
            this.json = log.format == Log.Format.json;
            this.scanner = scanner;
            this.recent = recent;
            int keep = recent == null ? 0 : recent.size();
            this.keptAt = new int[keep];
            this.keptEnd = new int[keep];
        }

        Log.Pipe stream() {
            return stream;
        }

        /** The bot's PID: its first lines wait for it, until the loop has said that the bot started (microseconds). */
        void attach(long pid) {
            this.pid = pid;
            attached.countDown();
        }

        long lastWrite() {
            return lastWrite;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        /** A read of the bot's output: its lines, under the log's lock a batch at a time, once the console has room. */
        @Override
        public void write(byte[] bytes, int offset, int count) {
            lastWrite = System.nanoTime();
            try {
                attached.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int end = offset + count;
            reading = bytes;
            for (int at = offset; at < end; ) {
                log.awaitRoom();
                synchronized (log) {
                    log.relayNow();
                    long batches = log.batches();
                    while (at < end && log.batches() == batches) {
                        at = next(bytes, at, end, batches);
                    }
                    keepRecent();
                }
                if (scanner != null && scanner.noted()) {
                    log.flush(); // the lines first: a slow pattern must not hold them
                    scanner.match();
                }
            }
        }

        /** Passes on up to 32 lines from bytes[at]: a method of its own, which C1 compiles within the first reads. */
        private int next(byte[] bytes, int at, int end, long batches) {
            for (int n = 0; n < 32 && at < end && log.batches() == batches; n++) {
                int i = json ? scan(bytes, at, end) : special(bytes, at, end, false);
                if (i < end && bytes[i] == '\n' && length == 0 && !split && i - at <= MAX_LINE) {
                    plain(bytes, at, i);
                    at = i + 1;
                } else {
                    at = line(bytes, at, i, end);
                }
            }
            return at;
        }

        /** Passes on the line from bytes[start] (bytes[i]: its first byte not plain), or keeps it until its newline. */
        private int line(byte[] bytes, int start, int i, int end) {
            boolean plain = true, asIs = true;
            for (; i < end && bytes[i] != '\n'; i = special(bytes, i, end, json)) {
                byte b = bytes[i++];
                if (b < 0 || b == 0x1B) {
                    plain = asIs = false;
                } else if (b != '\r' || i == end || bytes[i] != '\n') { // the CR of a CRLF is not logged
                    asIs = false;
                }
            }
            if (i == end) {
                append(bytes, start, end - start, plain, asIs);
                return end;
            }
            if (length == 0 && i - start <= MAX_LINE && !(split && i == start)) {
                emit(bytes, start, i - start, plain, asIs); // a whole line inside the chunk: no copy
            } else {
                append(bytes, start, i - start, plain, asIs);
                // nothing left after a split: the line was a multiple of MAX_LINE, all of it went out
                if (length > 0 || !split) {
                    emit(line, 0, length, linePlain, lineAsIs);
                }
            }
            split = false;
            return i + 1;
        }

        /**
         * The first byte from bytes[from] that is a newline, or anything else than printable ASCII (a control
         * character, ESC, a byte of a UTF-8 character), or with quotes a " or \; end when none. Eight bytes at a time:
         * in each lane the lowest flag is exact (a borrow only carries from a lane flagged below it). A text log's loop
         * does a third of the other's operations.
         */
        static int special(byte[] bytes, int from, int end, boolean quotes) {
            int i = from;
            if (quotes) {
                for (; i <= end - 8; i += 8) {
                    long x = (long) EIGHT.get(bytes, i);
                    long flags = (x | x - 0x2020202020202020L | (x ^ 0x2222222222222222L) - ONES
                            | (x ^ 0x5C5C5C5C5C5C5C5CL) - ONES) & HIGH;
                    if (flags != 0) {
                        return i + lane(flags);
                    }
                }
            } else {
                for (; i <= end - 8; i += 8) {
                    long x = (long) EIGHT.get(bytes, i);
                    long flags = (x | x - 0x2020202020202020L) & HIGH;
                    if (flags != 0) {
                        return i + lane(flags);
                    }
                }
            }
            for (; i < end; i++) {
                byte b = bytes[i];
                if (b < 0x20 || quotes && (b == '"' || b == '\\')) {
                    return i;
                }
            }
            return end;
        }

        /** special for JSON, noting in levelFrom where Log.levelOf may find a level word (past end when none can). */
        private int scan(byte[] bytes, int from, int end) {
            int i = from, within = from + Log.LEVEL_WITHIN;
            for (; i <= end - 8 && i < within; i += 8) { // until a byte may begin a level word
                long x = (long) EIGHT.get(bytes, i), y = x & ~HIGH;
                long maybe = y + 0x3D3D3D3D3D3D3D3DL & ~(y + 0x2828282828282828L) & HIGH;
                if (maybe != 0) {
                    levelFrom = i + lane(maybe);
                    return special(bytes, i, end, true);
                }
                long flags = (x | x - 0x2020202020202020L | (x ^ 0x2222222222222222L) - ONES
                        | (x ^ 0x5C5C5C5C5C5C5C5CL) - ONES) & HIGH;
                if (flags != 0) {
                    levelFrom = Integer.MAX_VALUE;
                    return i + lane(flags);
                }
            }
            levelFrom = i < within ? i : Integer.MAX_VALUE; // the last few bytes: levelOf looks at them itself
            return special(bytes, i, end, true);
        }

        /**
         * The lane (0 to 7) of the lowest high bit set in flags: that bit alone, moved to its lane's lowest bit, times
         * a constant whose lane k holds 7 - k, brings its lane number to the top byte. No call: C1 makes a method of
         * Long.numberOfTrailingZeros, called once a line.
         */
        static int lane(long flags) {
            return (int) (((flags & -flags) >>> 7) * 0x0001020304050607L >>> 56);
        }

        private void append(byte[] bytes, int offset, int count, boolean plain, boolean asIs) {
            linePlain &= plain;
            lineAsIs &= asIs;
            while (count > 0) {
                int room = Math.min(count, MAX_LINE - length);
                System.arraycopy(bytes, offset, line, length, room);
                length += room;
                offset += room;
                count -= room;
                if (length == MAX_LINE) {
                    emit(line, 0, length, linePlain, lineAsIs);
                    split = true;
                    linePlain = plain;
                    lineAsIs = asIs;
                }
            }
        }

        /** A whole plain line in the chunk, its newline at bytes[i]: passed on as emit would, with less to check. */
        private void plain(byte[] bytes, int start, int i) {
            log.plain(stream, pid, bytes, start, i - start, levelFrom);
            if (scanner != null) {
                scanner.line(bytes, start, i - start, true);
            }
            if (i > start && keptAt.length > 0) {
                noteRecent(start, i);
            }
        }

        /** One line to the log, the scanner (which notes it) and the last lines; the log's lock is held. */
        private void emit(byte[] bytes, int offset, int count, boolean plain, boolean asIs) {
            int end = count > 0 && bytes[offset + count - 1] == '\r' ? count - 1 : count;
            log.bot(stream, pid, bytes, offset, end, plain, asIs);
            if (scanner != null) {
                scanner.line(bytes, offset, end, plain);
            }
            if (end > 0 && keptAt.length > 0) {
                if (bytes == line) { // the relay's own buffer, to be filled again: kept now, after those before it
                    keepRecent();
                    recent.add(bytes, offset, end);
                } else {
                    noteRecent(offset, offset + end);
                }
            }
            length = 0;
            split = false;
            linePlain = lineAsIs = true;
        }

        /** A line of the read being passed on that recent may keep, from bytes[from] to bytes[to]: where it is. */
        private void noteRecent(int from, int to) {
            keptAt[keptNext] = from;
            keptEnd[keptNext] = to;
            keptNext = keptNext + 1 == keptAt.length ? 0 : keptNext + 1;
            kept = Math.min(kept + 1, keptAt.length);
        }

        /** The last lines of the read that recent keeps, in their order: the others would only be replaced. */
        private void keepRecent() {
            for (int i = keptNext - kept + (keptNext < kept ? keptAt.length : 0); kept > 0; kept--) {
                recent.add(reading, keptAt[i], keptEnd[i] - keptAt[i]);
                i = i + 1 == keptAt.length ? 0 : i + 1;
            }
        }

        @Override
        public void flush() {
            log.flush();
        }

        @Override
        public void close() {
            if (length > 0) {
                synchronized (log) {
                    log.relayNow();
                    emit(line, 0, length, linePlain, lineAsIs);
                }
            }
            log.flush(); // the lines first, then the patterns, as in write
            if (scanner != null) {
                scanner.match();
            }
        }
    }

    /**
     * The last lines the bot wrote (its traceback), both streams in the order they came, in a ring of --last-lines:
     * the head of each, at most Policy.LINE_HEAD bytes, one copy a line; decoded only when a run that ended badly is
     * reported. A line cut at its head may end in a broken character, shown as such.
     */
    static final class RecentLines {
        private final byte[][] ring;
        private final int[] lengths;
        private long added;

        RecentLines(int lines) {
            ring = new byte[lines][];
            lengths = new int[lines];
        }

        /** How many lines are kept. */
        int size() {
            return ring.length;
        }

        /** Empty lines are not kept: a traceback's last words are. */
        synchronized void add(byte[] bytes, int offset, int count) {
            if (count == 0 || ring.length == 0) {
                return;
            }
            int slot = (int) (added++ % ring.length);
            if (ring[slot] == null) {
                ring[slot] = new byte[Policy.LINE_HEAD];
            }
            lengths[slot] = Math.min(count, Policy.LINE_HEAD);
            System.arraycopy(bytes, offset, ring[slot], 0, lengths[slot]);
        }

        /**
         * Oldest first, escape and control characters removed, those left blank left out; the newest that fit in
         * Policy.LAST_LINES_BYTES (an environment variable, the state file).
         */
        synchronized List<String> lines() {
            List<String> kept = new ArrayList<>();
            int bytes = 0;
            for (long i = added - 1; i >= Math.max(0, added - ring.length); i--) {
                int slot = (int) (i % ring.length);
                String line = Log.withoutEscapes(new String(ring[slot], 0, lengths[slot], UTF_8))
                        .replaceAll("\\p{Cntrl}", "").strip();
                bytes += line.length() + 1;
                if (bytes > Policy.LAST_LINES_BYTES) {
                    break;
                }
                if (!line.isEmpty()) {
                    kept.add(0, line);
                }
            }
            return kept;
        }
    }

    /** A log file rotated by size between two lines: FILE, FILE.1 … FILE.keep; after a failure, tried again later. */
    static final class RotatingFile {
        private final Path path;
        private final long maxBytes;
        private final int keep;
        private OutputStream out;
        private long size;
        /** When the file last failed to take lines (nanoTime); null while it takes them. */
        private Long failedAt;

        RotatingFile(Path path, long maxBytes, int keep) throws IOException {
            this.path = path;
            this.maxBytes = maxBytes;
            this.keep = keep;
            Path parent = path.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            open();
        }

        /** A FileOutputStream: one write(2) a batch. Its FileNotFoundException says no why: NIO's open then does. */
        private void open() throws IOException {
            try {
                out = new FileOutputStream(path.toFile(), true);
            } catch (FileNotFoundException e) {
                Files.newOutputStream(path, CREATE, APPEND, WRITE).close();
                throw e;
            }
            size = Files.size(path);
        }

        /** Whether a line takes the file past its limit after the bytes still to come (a first line always fits). */
        boolean isFull(long coming, long line) {
            return size + coming > 0 && size + coming + line > maxBytes;
        }

        /** Writes whole lines; returns the failure when the file has just stopped taking lines, else null. */
        IOException write(byte[] lines, int length) {
            if (out == null && System.nanoTime() - failedAt < Policy.LOG_FILE_RETRY.toNanos()) {
                return null;
            }
            try {
                if (out == null) {
                    open();
                }
                out.write(lines, 0, length);
                size += length;
                failedAt = null;
                return null;
            } catch (IOException e) {
                return fail(e);
            }
        }

        /** Drops the broken stream, if any; the failure is returned (to be reported) only when it starts. */
        private IOException fail(IOException e) {
            try {
                if (out != null) {
                    out.close();
                }
            } catch (IOException | RuntimeException alsoBroken) {
                e.addSuppressed(alsoBroken); // the same failure, seen again on close: reported with it
            }
            out = null;
            IOException report = failedAt == null ? e : null;
            failedAt = System.nanoTime();
            return report;
        }

        /** FILE becomes FILE.1, FILE.1 FILE.2 …, those past keep go; only those that exist (under the log's lock). */
        IOException rotate() {
            try {
                if (out != null) {
                    out.close();
                }
                for (int i : numbers()) {
                    if (i >= keep) {
                        Files.delete(numbered(i));
                    } else {
                        Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                open();
                return null;
            } catch (IOException e) {
                size = 0;
                return fail(e); // reported only if the file was taking lines until now
            }
        }

        /** FILE.i; FILE itself for 0. */
        private Path numbered(int i) {
            return i == 0 ? path : path.resolveSibling(path.getFileName() + "." + i);
        }

        /**
         * The numbers of the FILE.N in the folder, highest first, then 0 (FILE): one listing, whatever --log-keep. No
         * lambda: the log's lock is held, and the first call of each would link it while the bot's lines wait.
         */
        private List<Integer> numbers() throws IOException {
            String prefix = path.getFileName() + ".";
            List<Integer> found = new ArrayList<>();
            try (DirectoryStream<Path> folder = Files.newDirectoryStream(path.toAbsolutePath().getParent())) {
                for (Path each : folder) {
                    String name = each.getFileName().toString();
                    // as numbered(i) writes them: no leading 0, and within an int
                    if (name.startsWith(prefix) && name.substring(prefix.length()).matches("[1-9][0-9]{0,8}")) {
                        found.add(Integer.valueOf(name.substring(prefix.length())));
                    }
                }
            }
            found.sort(Comparator.reverseOrder());
            found.add(0);
            return found;
        }

        void close() {
            fail(new IOException("closed")); // nothing left to report: the supervisor is exiting
        }
    }

    /** How exit codes read: Java reports a death by signal N as 128 + N. */
    static final class Exits {
        private static final Map<Integer, String> SIGNALS = Map.of(1, "HUP", 2, "INT", 6, "ABRT", 9, "KILL", 11, "SEGV",
                13, "PIPE", 15, "TERM");

        static String describe(Lang lang, int code) {
            if (code > 128 && code < 128 + 32 && !Venv.WINDOWS) {
                int signal = code - 128;
                return Log.message(lang, Phrase.EXIT_SIGNAL, signal,
                        Optional.ofNullable(SIGNALS.get(signal)).map(n -> " (SIG" + n + ")").orElse(""), code);
            }
            return Log.message(lang, Phrase.EXIT_CODE, code);
        }

        /** What went wrong with a file or a start, in words (never zt-exec's message, which adds the environment). */
        static String reason(Lang lang, IOException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            if (root instanceof NoSuchFileException missing) {
                return Log.message(lang, Phrase.NO_SUCH_FILE, missing.getFile());
            }
            if (root instanceof AccessDeniedException denied) {
                return Log.message(lang, Phrase.PERMISSION_DENIED, denied.getFile());
            }
            return String.valueOf(root.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------ one copy

    /**
     * OS locks held for the supervisor's life, gone with it even on SIGKILL: the folder's own (one bot per folder)
     * and --lock-file's, for bots in other folders that must never run at once (one exchange account).
     */
    static final class InstanceLock {
        static final String NAME = ".supervisor.lock";

        /** Locks the folder's lock file, then --lock-file if it is another: held until the Closeable is closed. */
        static Closeable acquire(Settings settings) throws IOException {
            Path own = settings.dir().resolve(NAME);
            FileChannel folder = lock(own, settings);
            if (settings.lockFile().equals(own)) {
                return folder;
            }
            try {
                FileChannel further = lock(settings.lockFile(), settings);
                return () -> {
                    try (folder) {
                        further.close();
                    }
                };
            } catch (IOException | RuntimeException e) {
                folder.close();
                throw e;
            }
        }

        /** Locks one file and writes our PID in it; a lock held by another supervisor is refused (exit 3). */
        private static FileChannel lock(Path file, Settings settings) throws IOException {
            FileChannel channel;
            try {
                channel = OwnerFiles.open(file, READ, WRITE, CREATE);
            } catch (IOException e) {
                throw new Refusal(ExitCode.USAGE, Phrase.LOCK_FILE_UNUSABLE, file, e);
            }
            try {
                if (channel.tryLock() != null) {
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(UTF_8)), 0);
                    channel.force(false);
                    return channel;
                }
            } catch (OverlappingFileLockException e) {
                // another supervisor in this same JVM holds it (tests): refused below, as for any holder
            }
            ByteBuffer head = ByteBuffer.allocate(32); // the PID the holder wrote, whatever follows it
            channel.read(head, 0);
            channel.close();
            String pid = new String(head.array(), 0, head.position(), UTF_8).strip();
            throw new Refusal(ExitCode.LOCKED, Phrase.LOCKED, pid.matches("\\d{1,19}") ? pid : "?", settings.dir(),
                    file, settings.dir());
        }
    }

    /** Files only the owner can change, never through a symlink planted in their place. */
    static final class OwnerFiles {
        static FileChannel open(Path file, OpenOption... modes) throws IOException {
            refuseOddFile(file);
            return openNoLink(file, "rw-r--r--", modes);
        }

        /** Never through a link; created with these permissions ("rw-------": one user's business, no one else's). */
        private static FileChannel openNoLink(Path file, String permissions, OpenOption... modes) throws IOException {
            Set<OpenOption> options = new LinkedHashSet<>(List.of(modes));
            options.add(NOFOLLOW_LINKS);
            return Venv.WINDOWS ? FileChannel.open(file, options)
                    : FileChannel.open(file, options,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
        }

        /** Whether it is there; refuses a symlink (NOFOLLOW_LINKS covers a race), a FIFO (blocks), device, folder. */
        static boolean refuseOddFile(Path file) {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW_LINKS);
            } catch (IOException e) {
                return false; // none, or not even its type can be read: the open that follows says why
            }
            if (!attributes.isRegularFile()) {
                Phrase why = attributes.isSymbolicLink() ? Phrase.SYMLINK_REFUSED : Phrase.ODD_FILE_REFUSED;
                throw new Refusal(ExitCode.USAGE, why, file);
            }
            return true;
        }

        /** At most `most` bytes of file, one more if it has more, never through a link; null when it is not there. */
        static byte[] readAtMost(Path file, int most) throws IOException {
            if (!refuseOddFile(file)) {
                return null;
            }
            try (InputStream in = Files.newInputStream(file, NOFOLLOW_LINKS)) {
                return in.readNBytes(most + 1);
            } catch (NoSuchFileException e) {
                return null; // gone since it was looked at
            }
        }

        /** Replaces file atomically: text into temp, made anew (one a crash left deleted when found), moved over it. */
        static void replace(Path file, Path temp, String permissions, String text) throws IOException {
            FileChannel made;
            try {
                made = openNoLink(temp, permissions, WRITE, CREATE_NEW);
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(temp);
                made = openNoLink(temp, permissions, WRITE, CREATE_NEW);
            }
            try (FileChannel channel = made) {
                channel.write(ByteBuffer.wrap(text.getBytes(UTF_8)));
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The state file: the loop's latest Snapshot in JSON, replaced atomically at each transition. */
    record StateFile(Path path) {
        static final String NAME = ".supervisor.state";

        static Path in(Path dir) {
            return dir.resolve(NAME);
        }

        void write(Snapshot snapshot) {
            try {
                OwnerFiles.replace(path, path.resolveSibling(path.getFileName() + ".tmp"), "rw-r--r--",
                        snapshot.write(new Json(1024)).end() + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the state file " + path, e);
            }
        }

        /** The most a state file is read of: a real one is under 1 KiB. */
        static final int MAX_BYTES = 64 * 1024;

        /** Why a state file is ignored, in words of the message tables (getMessage is the English). */
        static final class Unreadable extends BadValue {
            Unreadable(Phrase reason, Object... args) {
                super(reason, args);
            }
        }

        /** The last snapshot, or null when none; a symlink is refused (exit 2), any other non-state file Unreadable. */
        Snapshot read() {
            byte[] bytes;
            try {
                bytes = OwnerFiles.readAtMost(path, MAX_BYTES);
            } catch (Refusal odd) {
                throw Files.isSymbolicLink(path) ? odd : new Unreadable(Phrase.UNREADABLE_NOT_FILE);
            } catch (IOException e) {
                throw new Unreadable(Phrase.UNREADABLE_IO, e);
            }
            if (bytes == null) {
                return null;
            }
            if (bytes.length > MAX_BYTES) {
                throw new Unreadable(Phrase.UNREADABLE_TOO_BIG, Sizes.format(MAX_BYTES));
            }
            String text = new String(bytes, UTF_8);
            if (text.isBlank()) {
                throw new Unreadable(Phrase.UNREADABLE_EMPTY);
            }
            Map<String, Object> json = Json.parseObject(text);
            try {
                return Snapshot.read(json);
            } catch (RuntimeException e) { // a field missing or of another type
                throw new Unreadable(Phrase.UNREADABLE_NOT_STATE);
            }
        }

        /** As read, for a command that cannot go on without it: a file that is no state file is exit 1, saying why. */
        Snapshot readOrRefuse() {
            try {
                return read();
            } catch (Unreadable e) {
                throw new Refusal(ExitCode.FAILED, Phrase.STATUS_STATE_IGNORED, e.words, path);
            }
        }
    }

    /**
     * The registry of one user's running supervisors, in $XDG_STATE_HOME/supervisor (~/.local/state/supervisor), 0700:
     * one owner-only file per bot folder, named after a hash of the folder: its folder, name and supervisor PID.
     * It only points at folders: what is true is read from each folder's state file (Control.running, Snapshot).
     */
    record Registry(Path home) {
        /** One supervisor as it registered: its bot's folder, the name its log tags lines with, its PID. */
        record Entry(Path file, Path dir, String name, long pid) {}

        static Registry of(Map<String, String> env) {
            String state = env.getOrDefault("XDG_STATE_HOME", "");
            Path base = !state.isEmpty() && Path.of(state).isAbsolute() ? Path.of(state)
                    : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "state");
            return new Registry(base.resolve("supervisor"));
        }

        /**
         * The folder's entry, named by a 64-bit FNV-1a hash of its path: a key, not a secret (the entry names its
         * folder), so no MessageDigest, whose provider loads some 90 classes an idle supervisor would keep.
         */
        Path fileOf(Path dir) {
            long hash = 0xcbf29ce484222325L;
            for (byte b : dir.toString().getBytes(UTF_8)) {
                hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
            }
            return home.resolve(HexFormat.of().toHexDigits(hash) + ".json");
        }

        /**
         * Records this supervisor, atomically; a registry it cannot write is logged, never stops the bot. Returns the
         * entry's bytes as written, which remove compares (null when it could not be written).
         */
        byte[] add(Path dir, String name, Log log) {
            Path file = fileOf(dir);
            Path temp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            String json = new Json(256).put("dir", dir).put("name", name)
                    .put("pid", ProcessHandle.current().pid()).end() + "\n";
            try {
                Files.createDirectories(home); // made rwx------ before anything is written in it
                if (!Venv.WINDOWS) {
                    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
                }
                OwnerFiles.replace(file, temp, "rw-------", json);
                return json.getBytes(UTF_8);
            } catch (IOException | Refusal e) {
                log.say(Msg.REGISTRY_FAILED, home, e instanceof Refusal r ? r.words : e);
                return null;
            }
        }

        /**
         * Forgets the entry of dir's bot, if it is still this supervisor's (a later one may have replaced it): its
         * bytes compared with those add wrote, not parsed (the JSON reader's regex and lambda are on the stop's path).
         */
        void remove(Path dir, byte[] written) {
            if (written == null) {
                return;
            }
            Path file = fileOf(dir);
            try {
                if (Arrays.equals(OwnerFiles.readAtMost(file, 4095), written)) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException | Refusal e) {
                // A registry we cannot change: 'ls' tells a gone supervisor from its state file anyway.
            }
        }

        /** Deletes an entry if it still names that PID. */
        void forget(Path file, long pid) {
            try {
                Entry now = read(file);
                if (now != null && now.pid() == pid) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                // A registry we cannot change: 'ls' tells a gone supervisor from its state file anyway.
            }
        }

        /** The entries, each as it reads; a file that is no entry is skipped. */
        List<Entry> entries() {
            List<Entry> all = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(home, "*.json")) {
                for (Path file : files) {
                    Entry entry = read(file);
                    if (entry != null) {
                        all.add(entry);
                    }
                }
            } catch (IOException e) {
                // no registry yet (nobody ran a supervisor): no entries
            }
            return all;
        }

        private static Entry read(Path file) {
            try {
                byte[] bytes = OwnerFiles.readAtMost(file, 4095);
                if (bytes == null) {
                    return null;
                }
                Map<String, Object> json = Json.parseObject(new String(bytes, UTF_8));
                return new Entry(file, Path.of((String) json.get("dir")), (String) json.get("name"),
                        (Long) json.get("pid"));
            } catch (IOException | RuntimeException e) {
                return null; // not an entry this code wrote
            }
        }

        /** The entry whose folder's state file names its supervisor: the registry only points, the folder says. */
        static Snapshot recordOf(Entry entry) {
            try {
                Snapshot record = new StateFile(StateFile.in(entry.dir())).read();
                return record != null && record.supervisor().pid() == entry.pid() ? record : null;
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    /** The one JSON writer (state file, 'status --json', each JSON log line: on every line's path) and its reader. */
    static final class Json {
        private final StringBuilder b;

        Json(int capacity) {
            b = new StringBuilder(capacity).append('{');
        }

        /** Null, numbers and booleans bare, a list as a list of strings, anything else as its string. */
        Json put(String name, Object value) {
            (b.length() > 1 ? b.append(",\"") : b.append('"')).append(name).append("\":");
            if (value == null || value instanceof Number || value instanceof Boolean) {
                b.append(value);
            } else if (value instanceof List<?> words) {
                b.append(words.stream().map(w -> string(new StringBuilder(), (String) w))
                        .collect(Collectors.joining(",", "[", "]")));
            } else {
                string(b, value.toString());
            }
            return this;
        }

        String end() {
            return b.append('}').toString();
        }

        /** Quotes, backslashes and control characters escaped; the runs between them copied whole. */
        static StringBuilder string(StringBuilder b, String s) {
            if (s == null) {
                return b.append("null");
            }
            b.append('"');
            int from = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c == '"' || c == '\\') {
                    int named = "\"\\\n\r\t".indexOf(c);
                    b.append(s, from, i).append('\\');
                    b.append(named >= 0 ? "\"\\nrt".substring(named, named + 1) : String.format("u%04x", (int) c));
                    from = i + 1;
                }
            }
            return b.append(s, from, s.length()).append('"');
        }

        /** A flat object as written: strings, integers, null, booleans, lists of those; else Unreadable "not JSON". */
        static Map<String, Object> parseObject(String text) {
            Reader r = new Reader(text.strip());
            Map<String, Object> object = new LinkedHashMap<>();
            r.items('{', '}', () -> object.put(r.string(), r.value()));
            Reader.refuse(r.i < r.s.length());
            return object;
        }

        /** A cursor over the text; nothing recurses, so no nesting can overflow the stack. */
        private static final class Reader {
            private static final Pattern WORD = Pattern.compile("-?\\d{1,18}|null|true|false");
            private final String s;
            private int i;

            Reader(String s) {
                this.s = s;
            }

            static void refuse(boolean notJson) {
                if (notJson) {
                    throw new StateFile.Unreadable(Phrase.UNREADABLE_NOT_JSON);
                }
            }

            boolean skip(char c) {
                return i < s.length() && s.charAt(i) == c && ++i > 0;
            }

            void items(char open, char close, Runnable item) {
                refuse(!skip(open));
                if (!skip(close)) {
                    do {
                        item.run();
                    } while (skip(','));
                    refuse(!skip(close));
                }
            }

            Object value() { // after a key: its colon, then a scalar or a list of scalars
                refuse(!skip(':'));
                if (!s.startsWith("[", i)) {
                    return scalar();
                }
                List<Object> list = new ArrayList<>();
                items('[', ']', () -> list.add(scalar()));
                return list;
            }

            Object scalar() {
                if (s.startsWith("\"", i)) {
                    return string();
                }
                Matcher word = WORD.matcher(s).region(i, s.length());
                refuse(!word.lookingAt());
                i = word.end();
                String w = word.group();
                return w.equals("null") ? null : w.matches("true|false") ? Boolean.valueOf(w) : Long.valueOf(w);
            }

            /** A string, with the escapes the writer makes: \" \\ \n \r \t and \\u with four hex digits. */
            String string() {
                refuse(!skip('"'));
                StringBuilder b = new StringBuilder();
                for (char c = next(); c != '"'; c = next()) {
                    b.append(c == '\\' ? escaped(next()) : c);
                }
                return b.toString();
            }

            private char next() {
                refuse(i == s.length());
                return s.charAt(i++);
            }

            private char escaped(char e) {
                int at = "\"\\nrtu".indexOf(e);
                String hex = s.substring(i, Math.min(i + 4, s.length()));
                refuse(at < 0 || e == 'u' && !hex.matches("\\p{XDigit}{4}"));
                i += e == 'u' ? 4 : 0;
                return e == 'u' ? (char) Integer.parseInt(hex, 16) : "\"\\\n\r\t".charAt(at);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ events

    /** --on-event: no shell, one at a time in the background, in a session of its own: stopped whole past its limit. */
    static final class Hooks implements Closeable {

        enum Notice {
            STARTED, PLANNED_RESTART, MEMORY_RESTART, HUNG, MATCHED, CRASHED, GAVE_UP, STOPPED;

            String id() {
                return name().toLowerCase(Locale.ROOT).replace('_', '-');
            }
        }

        /** What the command finds in its environment, besides the supervisor's own. */
        static final List<String> VARIABLES = List.of("SUPERVISOR_EVENT", "SUPERVISOR_MESSAGE", "SUPERVISOR_BOT_PID",
                "SUPERVISOR_EXIT_CODE", "SUPERVISOR_FAILURES", "SUPERVISOR_TRIGGER", "SUPERVISOR_PATTERN",
                "SUPERVISOR_LINE", "SUPERVISOR_LAST_LINES");

        private final List<String> command;
        private final Duration timeLimit;
        private final Duration atExit;
        private final Log log;
        /** Its thread is made at the first event: none without hooks. */
        private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "on-event");
            t.setDaemon(true);
            return t;
        });
        private final ProcessTree tree = new ProcessTree(Policy.HOOK_GRACE, StopSignal.TERM, StopMode.CONTROL_GROUP);
        private int started;
        /** The hook running now (null between hooks), which close() stops, setting cutOff, as the time at exit ends. */
        private Running current;
        private boolean cutOff;

        private record Running(StartedProcess process, ProcessTree.Scope scope, OutputTail output) {}

        Hooks(List<String> command, Duration timeLimit, Log log) {
            this.command = command;
            this.timeLimit = timeLimit;
            this.atExit = timeLimit.compareTo(Policy.HOOKS_AT_EXIT) < 0 ? timeLimit : Policy.HOOKS_AT_EXIT;
            this.log = log;
        }

        /** Before anything starts: its program is found as the bot's is (a path, or a name on PATH), and executable. */
        static void requireProgram(List<String> command, Map<String, String> env) {
            if (command.isEmpty()) {
                return;
            }
            String program = command.get(0);
            Path base = Path.of("").toAbsolutePath(); // hooks run in the supervisor's own folder
            Predicate<Path> runnable = p -> Files.isRegularFile(p) && Files.isExecutable(p);
            if (Venv.onPath(program, base, env, Venv.WINDOWS, runnable).isPresent()) {
                return;
            }
            // not executable
            Path found = Venv.onPath(program, base, env, Venv.WINDOWS, Files::isRegularFile).orElse(null);
            boolean isPath = program.contains("/") || program.contains("\\");
            throw found != null ? new Refusal(ExitCode.USAGE, Phrase.HOOK_NOT_EXECUTABLE, found, found)
                    : isPath ? new Refusal(ExitCode.USAGE, Phrase.HOOK_NO_FILE, base.resolve(program).normalize())
                    : new Refusal(ExitCode.USAGE, Phrase.HOOK_NOT_ON_PATH, program);
        }

        /** Splits a command line like a POSIX shell would split words: spaces separate, quotes group, \ escapes. */
        static List<String> split(CommandLine cmd, String line) {
            if (line == null || line.isBlank()) {
                return List.of();
            }
            List<String> words = new ArrayList<>();
            StringBuilder word = null;
            char quote = 0;
            for (int i = 0; i <= line.length(); i++) {
                char c = i < line.length() ? line.charAt(i) : ' '; // a blank after the end ends the last word
                if (quote == 0 && Character.isWhitespace(c)) {
                    if (word != null) {
                        words.add(word.toString());
                        word = null;
                    }
                } else {
                    word = word == null ? new StringBuilder() : word;
                    if (quote != 0 && c == quote) {
                        quote = 0;
                    } else if (quote == 0 && (c == '\'' || c == '"')) {
                        quote = c;
                    } else if (c == '\\' && quote != '\'' && i + 1 < line.length()) { // no escape between single quotes
                        word.append(line.charAt(++i));
                    } else {
                        word.append(c);
                    }
                }
            }
            if (quote != 0) {
                throw new BadInput(cmd, Phrase.UNCLOSED_QUOTE, quote, line);
            }
            return words;
        }

        /** Every one of VARIABLES is set, empty when it does not apply; more holds those of the event alone. */
        void fire(Notice event, String message, Long botPid, Integer exitCode, int failures, Map<String, String> more) {
            if (command.isEmpty()) {
                return;
            }
            Map<String, String> vars = new LinkedHashMap<>();
            VARIABLES.forEach(name -> vars.put(name, ""));
            vars.putAll(Map.of("SUPERVISOR_EVENT", event.id(), "SUPERVISOR_MESSAGE", message,
                    "SUPERVISOR_BOT_PID", botPid == null ? "" : botPid.toString(),
                    "SUPERVISOR_EXIT_CODE", exitCode == null ? "" : exitCode.toString(),
                    "SUPERVISOR_FAILURES", Integer.toString(failures)));
            vars.putAll(more);
            runner.execute(() -> tell(event, vars));
        }

        private void tell(Notice event, Map<String, String> vars) {
            Running hook;
            try {
                hook = start(vars);
            } catch (IOException e) {
                log.say(Msg.HOOK_FAILED, event.id(), e);
                return;
            }
            if (hook == null) {
                return; // the supervisor is exiting and the time for hooks is over
            }
            try {
                ProcessResult result = hook.process().getFuture().get(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
                if (finish()) {
                    log.say(Msg.HOOK_FAILED, event.id(), log.text(Phrase.HOOK_TIMED_OUT, Durations.format(atExit)));
                } else if (result.getExitValue() != 0) {
                    String output = hook.output().lastLine();
                    String last = output.isEmpty() ? "" : ": " + output;
                    log.say(Msg.HOOK_FAILED, event.id(), Exits.describe(log.lang(), result.getExitValue()) + last);
                }
            } catch (TimeoutException | InterruptedException e) {
                // only shutdownNow() interrupts this thread: nothing calls it
                stop(hook);
                finish();
                log.say(Msg.HOOK_FAILED, event.id(), log.text(Phrase.HOOK_TIMED_OUT, Durations.format(timeLimit)));
            } catch (ExecutionException e) {
                finish();
                Object why = e.getCause() instanceof IOException io ? io : String.valueOf(e.getCause().getMessage());
                log.say(Msg.HOOK_FAILED, event.id(), why);
            }
        }

        /** Starts the hook in a session of its own (setsid, as the bot), unless close() has cut hooks off. */
        private synchronized Running start(Map<String, String> vars) throws IOException {
            if (cutOff) {
                return null;
            }
            String marker = tree.marker(++started);
            // Its output (stderr merged in, zt-exec's default) is all read, so it never blocks; only the tail is kept.
            OutputTail tail = new OutputTail(Policy.HOOK_TAIL);
            StartedProcess process = tree.executor(command, vars, marker).redirectOutput(tail).start();
            Long ticks = ProcessTree.startTicks(process.getProcess().pid());
            ProcessTree.Scope scope = new ProcessTree.Scope(process.getProcess().toHandle(), marker,
                    ticks == null ? 0 : ticks);
            current = new Running(process, scope, tail);
            return current;
        }

        /** The hook is done with; true when close() stopped it because the time at exit was over. */
        private synchronized boolean finish() {
            current = null;
            return cutOff;
        }

        private void stop(Running hook) {
            tree.stop(hook.process().getProcess(), hook.scope()).await();
        }

        /** The last hooks get atExit at most; then the one running is stopped with its tree, those queued dropped. */
        @Override
        public void close() {
            runner.shutdown();
            try {
                if (!runner.awaitTermination(atExit.toMillis(), TimeUnit.MILLISECONDS)) {
                    Running late;
                    synchronized (this) {
                        cutOff = true;
                        late = current;
                    }
                    if (late != null) { // those still queued see cutOff and do not start
                        stop(late);
                    }
                    runner.awaitTermination(Policy.HOOK_GRACE.toMillis() + 1000, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Keeps the last bytes written to it and forgets the rest: a hook's output, of which only the last line is ever
     * shown, however much it prints (all of it would fill the heap; a hook writing to a pipe nobody reads hangs).
     */
    static final class OutputTail extends OutputStream {
        private final byte[] ring;
        /** How many bytes were ever written: the next one goes at written % ring.length. */
        private long written;

        OutputTail(int size) {
            ring = new byte[size];
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int skip = Math.max(0, len - ring.length); // older than the tail already
            written += skip; // counted first: where the bytes kept go depends on it
            for (int i = off + skip; i < off + len; ) {
                int at = (int) (written % ring.length);
                int count = Math.min(off + len - i, ring.length - at);
                System.arraycopy(b, i, ring, at, count);
                i += count;
                written += count;
            }
        }

        /** The last line that is not blank, stripped; "" when there is none (its start may be cut off by the tail). */
        synchronized String lastLine() {
            int size = (int) Math.min(written, ring.length);
            byte[] tail = new byte[size];
            for (int i = 0; i < size; i++) {
                tail[i] = ring[(int) ((written - size + i) % ring.length)];
            }
            String text = new String(tail, UTF_8).strip();
            return text.substring(text.lastIndexOf('\n') + 1).strip();
        }
    }

    // ------------------------------------------------------------------------------------------ restart and stop

    /**
     * The restart and stop protocol, both sides. A command finds the supervisor through the state file, checked before
     * any signal (the process that wrote it, by its start, holding the bot's lock: a recycled PID is never signalled),
     * leaves a note of who asks, signals it, waits for the state file's answer (`before`: the snapshot it found); the
     * supervisor reads the note as the signal arrives (listen). The OS's check of who may signal whom guards it.
     */
    record Control(Path dir, Lang lang, Snapshot before, PrintWriter err) {
        /** The note a command leaves just before its signal; older than this, it is not about this signal. */
        static final Duration NOTE_FRESH = Duration.ofSeconds(10);
        /** How much longer than its grace a supervisor may take to stop its bot and start the next one. */
        static final Duration MARGIN = Duration.ofSeconds(15);
        static final String NOTE = ".supervisor.request";

        /** Finds the live supervisor of the bot in dir (exit 3 if none), leaves the note, signals it; says a stop. */
        static Control ask(Path dir, Target target, CommandSpec spec, StopSignal signal) {
            Signals.endCommand();
            Snapshot supervisor = running(dir);
            if (supervisor == null) {
                throw new Refusal(ExitCode.NOT_RUNNING, Phrase.NO_SUPERVISOR, dir, dir);
            }
            try (FileChannel note = OwnerFiles.open(dir.resolve(NOTE), WRITE, CREATE, TRUNCATE_EXISTING)) {
                String who = "supervisor " + spec.name() + " (PID " + ProcessHandle.current().pid() + ")";
                note.write(ByteBuffer.wrap(("SIG" + signal.name() + " " + who).getBytes(UTF_8)));
            } catch (IOException | Refusal e) {
                // Without the note the supervisor logs the signal's name as who asked: the request still goes.
            }
            Optional<ProcessHandle> process = ProcessHandle.of(supervisor.supervisor().pid());
            if (process.isEmpty() || !ProcessTree.signal(List.of(process.get()), signal)) {
                forgetNote(dir); // nobody will read it
                if (process.isPresent()) {
                    throw new Refusal(ExitCode.USAGE, Phrase.NO_KILL_RESTART);
                }
            }
            PrintWriter err = spec.commandLine().getErr();
            Control asked = new Control(dir, target.language(spec, supervisor), supervisor, err);
            if (signal == StopSignal.TERM && process.isPresent()) { // sent: said at once, each bot of --all too
                err.println(Log.message(asked.lang, Phrase.STOP_ASKED, asked.pid(),
                        Durations.format(supervisor.setup().grace())));
                err.flush();
            }
            return asked;
        }

        /** The live supervisor of the bot in dir, holding its lock; null when there is none. */
        static Snapshot running(Path dir) {
            try {
                Snapshot record = new StateFile(StateFile.in(dir)).read();
                return record != null && record.isRunning()
                        && holdsLock(record.supervisor().pid(), dir.resolve(InstanceLock.NAME)) ? record : null;
            } catch (StateFile.Unreadable e) {
                return null; // no supervisor of this bot can have written it ('status' says why)
            }
        }

        /** Linux: pid holds the OS lock on lockFile, as /proc/locks tells; elsewhere the start checked must do. */
        static boolean holdsLock(long pid, Path lockFile) {
            if (!ProcessTree.PROC) {
                return true;
            }
            try {
                Object inode = Files.getAttribute(lockFile, "unix:ino", NOFOLLOW_LINKS);
                try (Stream<String> locks = Files.lines(Path.of("/proc/locks"))) { // names holder and inode
                    return locks.anyMatch(line -> line.contains(" " + pid + " ") && line.contains(":" + inode + " "));
                }
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return false; // no lock file, or no way to tell: not signalled
            }
        }

        /** The supervisor's side: who asked, read from the note as each request arrives (dir null: no longer). */
        static void listen(Want want, Path dir) {
            want.resolveWhoAsked(dir == null ? UnaryOperator.identity() : signal -> whoAsked(dir, signal));
        }

        /** The note is gone whatever happens: read, never read, or left by a command whose signal did not go. */
        static void forgetNote(Path dir) {
            try {
                Files.deleteIfExists(dir.resolve(NOTE));
            } catch (IOException e) {
                // A folder we can no longer write: the note is stale in NOTE_FRESH and never read again as fresh.
            }
        }

        /** Who asked for what a signal requests: the note a command just left for that very signal, else its name. */
        static String whoAsked(Path dir, String signal) {
            Path note = dir.resolve(NOTE);
            try {
                Instant written = Files.getLastModifiedTime(note, NOFOLLOW_LINKS).toInstant();
                if (written.isAfter(Instant.now().minus(NOTE_FRESH))) {
                    byte[] head = OwnerFiles.readAtMost(note, 199); // a link or a FIFO in its place: refused
                    String line = new String(head == null ? new byte[0] : head, UTF_8).lines().findFirst().orElse("");
                    if (line.startsWith(signal + " ")) { // the note of this very signal, not of another one
                        Files.deleteIfExists(note);
                        // Anyone who can write the bot's folder can write a note: no control character reaches the log.
                        return line.substring(signal.length() + 1).replaceAll("\\p{Cntrl}", "").strip() + ", " + signal;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // An unreadable note: the signal is who asked.
            }
            return signal;
        }

        Duration limit() {
            return before.setup().grace().plus(MARGIN);
        }

        long pid() {
            return before.supervisor().pid();
        }

        boolean gone() {
            return ProcessHandle.of(pid()).map(p -> !p.isAlive()).orElse(true);
        }

        /** The request did not do what was asked: one line in the language of the answer, exit 1. */
        int failed(CommandSpec spec, Text msg, Object... args) {
            spec.commandLine().getErr().println("supervisor: " + Log.message(lang, msg, args));
            return ExitCode.FAILED;
        }

        /**
         * Re-reads the state file until the condition holds, the supervisor is gone, or the time is up (then null);
         * says taken (if not null) on stderr once it shows the bot stopping, for a person who would think it hung.
         */
        Snapshot await(Predicate<Snapshot> done, Duration within, Text taken) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            StateFile state = new StateFile(StateFile.in(dir));
            while (System.nanoTime() - deadline < 0) {
                Snapshot now = state.readOrRefuse(); // replaced whole by its supervisor: something else wrote this
                if (now != null && now.supervisor().pid() == pid() && done.test(now)) {
                    return now;
                }
                if (taken != null && now != null && now.state() == State.STOPPING) {
                    err.println(Log.message(lang, taken, pid(), Durations.format(before.setup().grace())));
                    err.flush();
                    taken = null;
                }
                if (gone()) {
                    return null;
                }
                Thread.sleep(20); // a person is waiting on another process's file: a short poll, bounded by the limit
            }
            return null;
        }
    }

    @Command(name = "restart")
    static final class Restart extends Subcommand {
        @Mixin Target target;

        @Option(names = "--no-wait")
        boolean noWait;

        @Option(names = "--wait", paramLabel = Label.DURATION)
        Duration wait;

        @Option(names = "--now")
        boolean now;

        @Option(names = "--all")
        boolean all;

        /**
         * Waits as supervisorctl waits startsecs: for the new bot, then for it to stay up --min-uptime (or --wait); a
         * bot that died meanwhile is a failed restart (exit 1), with why and its last line.
         */
        @Override
        public Integer call() throws InterruptedException {
            StopSignal signal = now ? StopSignal.USR2 : StopSignal.USR1;
            if (!all) {
                return restart(Control.ask(target.folder(spec), target, spec, signal));
            }
            int code = ExitCode.OK;
            for (Path dir : target.everyRunning(spec)) { // one at a time: never every bot down at once
                try {
                    code = Math.max(code, restart(Control.ask(dir, target, spec, signal)));
                } catch (Refusal gone) {
                    // it stopped since the registry was read: nothing left to restart
                }
            }
            return code;
        }

        private int restart(Control asked) throws InterruptedException {
            Snapshot before = asked.before();
            PrintWriter out = spec.commandLine().getOut();
            if (noWait) {
                out.println(Log.message(asked.lang(), Phrase.RESTART_SENT, asked.pid(), asked.dir()));
                return ExitCode.OK;
            }
            Snapshot after = asked.await(r -> r.counts().runs() > before.counts().runs() && r.state() == State.RUNNING
                    || failedSince(before, r) || !now && r.state() == State.DEFERRED, asked.limit(),
                    Phrase.RESTART_ASKED);
            if (after != null && after.state() == State.DEFERRED) {
                out.println(Log.message(asked.lang(), Phrase.RESTART_DEFERRED, before.supervisor().pid(),
                        Log.clock(after.deferForcedAt(), ZoneId.systemDefault())));
                return ExitCode.OK;
            }
            Duration stay = wait != null ? wait : before.setup().minUptime();
            if (after != null && after.state() == State.RUNNING && !stay.isZero()) {
                String waiting = Durations.format(stay);
                out.println(Log.message(asked.lang(), Phrase.RESTART_WAITING, after.bot().pid(), waiting));
                out.flush();
                Snapshot started = after;
                Snapshot ended = asked.await(
                        r -> failedSince(started, r) || r.counts().runs() > started.counts().runs(), stay, null);
                after = ended == null ? started : ended;
            }
            if (after != null && after.state() == State.RUNNING) {
                out.println(Log.message(asked.lang(), Phrase.RESTART_DONE, asked.dir(), after.bot().pid()));
                return ExitCode.OK;
            }
            Snapshot.Counts told = after == null ? null : after.counts();
            String why = told != null && told.lastLine() != null
                    ? Log.message(asked.lang(), Phrase.WHY_WITH_LAST_LINE, told.lastFailure(), told.lastLine())
                    : told != null ? told.lastFailure()
                    : asked.gone() ? Log.message(asked.lang(), Phrase.SUPERVISOR_EXITED, asked.pid())
                    : Log.message(asked.lang(), Phrase.RESTART_NO_NEWS, Durations.format(asked.limit()));
            return asked.failed(spec, Phrase.RESTART_FAILED, asked.dir(), why);
        }

        /** A failure counted since then, and the verdict written (BACKOFF or FATAL, or a start again at once). */
        private static boolean failedSince(Snapshot then, Snapshot now) {
            return now.counts().failures() > then.counts().failures() && now.state() != State.STOPPING;
        }
    }

    @Command(name = "stop")
    static final class Stop extends Subcommand {
        @Mixin Target target;

        @Option(names = "--all")
        boolean all;

        @Override
        public Integer call() throws InterruptedException {
            long began = System.nanoTime();
            if (all) {
                return stopAll(began);
            }
            return awaitStop(Control.ask(target.folder(spec), target, spec, StopSignal.TERM), began);
        }

        private int awaitStop(Control asked, long began) throws InterruptedException {
            long pid = asked.pid();
            asked.await(record -> false, asked.limit(), null); // no state it writes ends it: its exit
            if (asked.gone()) {
                String took = Durations.format(Duration.ofNanos(System.nanoTime() - began));
                spec.commandLine().getOut().println(Log.message(asked.lang(), Phrase.STOP_DONE, asked.dir(), pid,
                        took));
                return ExitCode.OK;
            }
            return asked.failed(spec, Phrase.STOP_SLOW, pid, Durations.format(asked.limit()));
        }

        /** Every registered bot whose supervisor runs: all asked at once, then each waited for; 1 if any is slow. */
        private int stopAll(long began) throws InterruptedException {
            List<Control> asked = new ArrayList<>();
            for (Path dir : target.everyRunning(spec)) {
                try {
                    asked.add(Control.ask(dir, target, spec, StopSignal.TERM));
                } catch (Refusal gone) {
                    // it stopped since the registry was read: nothing left to stop
                }
            }
            int code = ExitCode.OK;
            for (Control each : asked) {
                code = Math.max(code, awaitStop(each, began));
            }
            return code;
        }
    }

    // ------------------------------------------------------------------------------------------ the page

    /**
     * --http: one page, the metrics, the status and two actions, over the JDK's own HTTP server, on threads of its own;
     * loaded only when the option is set. What it shows comes from the loop's published Snapshot and, for what a
     * snapshot does not hold (the last lines, the events, the memory over time), the Feed; what it does is ask, as a
     * signal does (Want and its bell): it adds no state and no transition. Bounded: WORKERS threads behind a QUEUE, a
     * time for each request and each response, no request body, every response built whole in memory.
     */
    static final class Page implements Closeable {
        /** The threads that answer; the JDK's dispatcher, which accepts connections and hands them on, is one more. */
        static final int WORKERS = 1;
        /** Requests waiting for a worker; beyond, the JDK's dispatcher closes the connection unanswered. */
        static final int QUEUE = 64;
        /** The JDK server's own limits, as system properties read once as it loads (a -D given wins). */
        static final Map<String, String> LIMITS = Map.of("sun.net.httpserver.maxReqTime", "2", // seconds
                "sun.net.httpserver.maxRspTime", "5", "sun.net.httpserver.idleInterval", "10",
                "sun.net.httpserver.maxIdleConnections", "4", "sun.net.httpserver.maxReqHeaders", "50",
                "jdk.httpserver.maxConnections", "64");
        /** A token shorter than this is refused (openssl rand -hex 32 gives 64), and a file longer is not read. */
        static final int TOKEN_LEAST = 16, TOKEN_FILE_MOST = 4096;
        /** After giving up, how long the page stays to say why (exit 1 follows); a stop request ends it at once. */
        static final Duration AFTER_GIVING_UP = Duration.ofMinutes(1);
        /** How often the page asks for its view again, in ms. */
        static final int REFRESH = 2000;
        /** How long an answer made is given again as it is. */
        static final Duration FRESH = Duration.ofMillis(250);
        /** The page's script, which never changes: the words it needs are in the body's data attributes. */
        static final String SCRIPT = """
                const b = document.body, view = document.getElementById('view'), note = document.getElementById('note');
                const form = document.getElementById('token'), secret = document.getElementById('secret');
                const KEY = 'supervisor-token';
                function auth() {
                  const t = sessionStorage.getItem(KEY);
                  return t ? {Authorization: 'Bearer ' + t} : {};
                }
                function ask() { form.hidden = false; secret.focus(); }
                function refused(r) {
                  if (r.status !== 401) return false;
                  sessionStorage.removeItem(KEY); ask(); return true;
                }
                form.addEventListener('submit', e => {
                  e.preventDefault(); sessionStorage.setItem(KEY, secret.value.trim()); secret.value = '';
                  form.hidden = true; load();
                });
                async function load() {
                  try {
                    const r = await fetch('page', {headers: auth(), cache: 'no-store'});
                    if (refused(r)) return;
                    if (!r.ok) { note.textContent = await r.text(); return; }
                    const html = await r.text(), old = document.getElementById('log');
                    const atEnd = !old || old.scrollTop + old.clientHeight >= old.scrollHeight - 8;
                    view.innerHTML = html; b.classList.remove('gone');
                    const log = document.getElementById('log');
                    if (log && atEnd) log.scrollTop = log.scrollHeight;
                  } catch (e) { b.classList.add('gone'); note.textContent = b.dataset.unreachable; }
                }
                view.addEventListener('click', async e => {
                  const button = e.target.closest('button[data-action]');
                  if (!button || button.dataset.confirm && !confirm(button.dataset.confirm)) return;
                  if (!sessionStorage.getItem(KEY)) { ask(); return; }
                  const r = await fetch('api/' + button.dataset.action, {method: 'POST', headers: auth()});
                  if (r.ok) { note.textContent = button.dataset.done; load(); }
                  else if (!refused(r)) note.textContent = await r.text();
                });
                load(); setInterval(load, Number(b.dataset.refresh));
                """;
        static final String STYLE = """
                body{font:15px/1.4 system-ui,sans-serif;margin:0 auto;padding:12px;max-width:980px;color:#222;\
                background:#fafafa}h1{font-size:1.3em;margin:0;word-break:break-all}h2{font-size:1em;margin:16px 0 6px}\
                header{display:flex;gap:12px;align-items:center;flex-wrap:wrap}\
                .badge{padding:3px 10px;border-radius:12px;color:#fff;font-weight:600;background:#777}\
                .RUNNING,.DEFERRED{background:#2e7d32}.STARTING,.STOPPING,.PAUSED{background:#1565c0}\
                .BACKOFF{background:#ef6c00}.FATAL{background:#c62828}\
                .gaveup{color:#c62828;font-weight:600;border:2px solid #c62828;padding:8px;border-radius:6px}\
                dl{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:6px;margin:12px 0}\
                dl div{background:#fff;border:1px solid #ddd;border-radius:6px;padding:6px 8px}\
                dt{font-size:.8em;color:#666}dd{margin:0;font-weight:600;word-break:break-word}\
                svg{width:100%;height:60px;background:#fff;border:1px solid #ddd;border-radius:6px;color:#1565c0}\
                pre{background:#111;color:#ddd;padding:8px;border-radius:6px;max-height:420px;overflow:auto;\
                font-size:12px;white-space:pre-wrap;word-break:break-all}ol{padding-left:20px;font-size:.9em}\
                button{font:inherit;padding:6px 14px;margin-right:8px;border-radius:6px;border:1px solid #1565c0;\
                background:#fff;color:#1565c0}button.danger{border-color:#c62828;color:#c62828}\
                .gone main{opacity:.5}#note{color:#c62828}
                """;
        /** The script's SHA-256, for the Content-Security-Policy: the page runs that script and nothing else. */
        static final String SCRIPT_HASH = Base64.getEncoder().encodeToString(sha256(SCRIPT));

        private final HttpServer server;
        private final ExecutorService workers;
        private final Loop loop;
        private final Feed feed;
        private final Want want;
        private final Settings settings;
        private final Log log;
        private final String name;
        /** The token's SHA-256; null without --http-token-file (read-only). */
        private final byte[] token;
        private static final java.lang.management.ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
        /** The worker's CPU time when it last rested (its own field: WORKERS is 1). */
        private long rested;
        /** The last answer to each path that shows something, and when it was made (the worker's alone too). */
        private final Map<String, Made> made = new HashMap<>();

        private Page(HttpServer server, Settings settings, Loop loop, Log log, Want want, byte[] token) {
            this.server = server;
            this.settings = settings;
            this.loop = loop;
            this.log = log;
            this.want = want;
            this.token = token;
            this.name = log.name();
            this.feed = new Feed();
            AtomicInteger count = new AtomicInteger();
            this.workers = new java.util.concurrent.ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.SECONDS,
                    new java.util.concurrent.ArrayBlockingQueue<>(QUEUE), task -> {
                        Thread thread = new Thread(task, "http-" + count.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
        }

        /** Checks --http and --http-token-file as the other options are checked: bad input is exit 2, saying why. */
        static void check(CommandLine cmd, String http, Path tokenFile) {
            if (ModuleLayer.boot().findModule("jdk.httpserver").isEmpty()) { // a runtime made by jlink may lack it
                throw new BadInput(cmd, Phrase.HTTP_NO_MODULE, System.getProperty("java.home"));
            }
            InetSocketAddress address;
            try {
                address = address(http);
                if (tokenFile != null) {
                    readToken(tokenFile.toAbsolutePath());
                }
            } catch (BadValue e) {
                throw new BadInput(cmd, Phrase.BAD_VALUE, tokenFile == null || e.words.msg() == Phrase.NOT_AN_ADDRESS
                        ? "--http" : "--http-token-file", e.words);
            }
            if (tokenFile == null && !address.getAddress().isLoopbackAddress()) {
                throw new BadInput(cmd, Phrase.HTTP_NEEDS_TOKEN, http);
            }
        }

        /** [ADDR:]PORT: ADDR a name or an address ([::1] for IPv6), 127.0.0.1 if left off; PORT 0 takes a free one. */
        static InetSocketAddress address(String value) {
            int colon = value.lastIndexOf(':');
            String host = colon < 0 ? "127.0.0.1" : value.substring(0, colon).replaceAll("^\\[(.*)\\]$", "$1");
            String port = value.substring(colon + 1);
            if (host.isEmpty() || !port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
                throw new BadValue(Phrase.NOT_AN_ADDRESS, value);
            }
            try {
                return new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(port));
            } catch (UnknownHostException e) {
                throw new BadValue(Phrase.NOT_AN_ADDRESS, value);
            }
        }

        /**
         * The token's SHA-256, from its file: a regular file of at most TOKEN_FILE_MOST bytes, readable by its owner
         * alone (as ssh takes a private key), one token of at least TOKEN_LEAST characters. No word of it is ever said.
         */
        static byte[] readToken(Path file) {
            try {
                if (!Files.isRegularFile(file)) {
                    throw new BadValue(Phrase.TOKEN_NOT_FILE, file);
                }
                try {
                    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                    if (permissions.contains(PosixFilePermission.OTHERS_READ)
                            || permissions.contains(PosixFilePermission.GROUP_READ) && ownedByMe(file)) {
                        throw new BadValue(Phrase.TOKEN_SHARED, file, PosixFilePermissions.toString(permissions), file);
                    }
                } catch (UnsupportedOperationException e) {
                    // No POSIX permissions (Windows): the folder's own access rules keep it.
                }
                byte[] bytes;
                try (InputStream in = Files.newInputStream(file)) {
                    bytes = in.readNBytes(TOKEN_FILE_MOST + 1);
                }
                String token = new String(bytes, UTF_8).strip();
                if (bytes.length > TOKEN_FILE_MOST || token.length() < TOKEN_LEAST || !token.matches("[!-~]+")) {
                    throw new BadValue(Phrase.TOKEN_NOT_A_TOKEN, file, TOKEN_LEAST);
                }
                return sha256(token);
            } catch (IOException e) {
                throw new BadValue(Phrase.TOKEN_UNREADABLE, file, e);
            }
        }

        /**
         * As ssh asks of a key file: the group's read bit counts only on a file of one's own. A file of root's that a
         * group may read (a Kubernetes Secret mounted with fsGroup: root, mode 0440) is read through that group.
         */
        private static boolean ownedByMe(Path file) throws IOException {
            try {
                Object me = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
                return Files.getAttribute(file, "unix:uid").equals(me);
            } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
                return Files.getOwner(file).getName().equals(System.getProperty("user.name")); // no /proc
            }
        }

        static byte[] sha256(String text) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e); // every JDK has SHA-256
            }
        }

        /** Binds and starts answering, before the loop begins; a port taken is exit 2, saying so. */
        static Page serve(Settings settings, Loop loop, Log log, Want want) {
            LIMITS.forEach((property, value) -> {
                if (System.getProperty(property) == null) {
                    System.setProperty(property, value);
                }
            });
            byte[] token = settings.httpTokenFile() == null ? null : readToken(settings.httpTokenFile());
            HttpServer server;
            try {
                server = HttpServer.create(address(settings.http()), QUEUE);
            } catch (IOException e) {
                throw new Refusal(ExitCode.USAGE, Phrase.HTTP_CANNOT_BIND, settings.http(), e);
            }
            if (token == null && !server.getAddress().getAddress().isLoopbackAddress()) {
                server.stop(0); // the name resolved to another address than when it was checked
                throw new Refusal(ExitCode.USAGE, Phrase.HTTP_NEEDS_TOKEN, settings.http());
            }
            Page page = new Page(server, settings, loop, log, want, token);
            server.createContext("/", page::answer);
            server.setExecutor(page.workers);
            server.start();
            log.feed(page.feed);
            loop.feed = page.feed;
            InetSocketAddress bound = server.getAddress();
            String host = bound.getAddress().getHostAddress();
            Phrase mode = token == null ? Phrase.HTTP_READ_ONLY_MODE : Phrase.HTTP_TOKEN_MODE;
            log.say(Msg.HTTP_LISTENING, "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                    + bound.getPort() + "/", new Words(mode));
            return page;
        }

        /** The supervisor gave up: the page stays a while, in red, to say why; a stop request ends it at once. */
        void showGivingUp(Want asked) {
            log.say(Msg.HTTP_AFTER_GIVING_UP, Durations.format(AFTER_GIVING_UP));
            long until = System.nanoTime() + AFTER_GIVING_UP.toNanos();
            try {
                while (asked.stops() == 0 && System.nanoTime() - until < 0) {
                    asked.bell.await(until);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            server.stop(0);
            workers.shutdownNow();
        }

        /**
         * One request: its method, no body, the token where needed, then what the path asks for; then the worker
         * rests as long as it worked (parsing, answering, writing), so the page never takes more than half a core.
         */
        private void answer(HttpExchange ex) throws IOException {
            try (ex) {
                route(ex);
            } finally {
                long worked = CPU.getCurrentThreadCpuTime() - rested;
                if (worked > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(worked);
                }
                rested = CPU.getCurrentThreadCpuTime();
            }
        }

        private void route(HttpExchange ex) throws IOException {
            String path = Objects.requireNonNullElse(ex.getRequestURI().getPath(), ""); // none: GET mailto:x
            String method = ex.getRequestMethod();
            boolean post = method.equals("POST");
            boolean action = path.equals("/api/restart") || path.equals("/api/stop");
            if (action != post || !post && !method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", action ? "POST" : "GET, HEAD");
                text(ex, 405, Phrase.HTTP_NOT_ALLOWED);
            } else if (ex.getRequestHeaders().containsKey("Transfer-encoding")
                    || !ex.getRequestHeaders().getOrDefault("Content-length", List.of("0")).get(0).equals("0")) {
                ex.getResponseHeaders().set("Connection", "close");
                text(ex, 413, Phrase.HTTP_NO_BODY);
            } else if (path.equals("/healthz")) {
                Snapshot now = loop.snapshot();
                boolean healthy = now != null && now.state() != State.BACKOFF && !now.state().isFinal();
                respond(ex, healthy ? 200 : 503, "text/plain", (now == null ? "NEW" : now.state()) + "\n");
            } else if (token == null && !loopbackName(ex.getRequestHeaders().getFirst("Host"))) {
                text(ex, 421, Phrase.HTTP_HOST_REFUSED); // a page without a token: another site's name (DNS rebinding)
            } else if (path.equals("/")) {
                respond(ex, 200, "text/html", frame()); // words only: what it shows comes from /page
            } else if (token != null && !authorized(ex)) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                text(ex, 401, Phrase.HTTP_TOKEN_NEEDED);
            } else if (action && token == null) {
                text(ex, 403, Phrase.HTTP_READ_ONLY);
            } else if (action) {
                ask(ex, path.equals("/api/restart"));
            } else if (path.equals("/page")) {
                respond(ex, 200, "text/html", fresh(path, () -> view(loop.snapshot(), feed.view())));
            } else if (path.equals("/metrics")) {
                respond(ex, 200, "text/plain; version=0.0.4", fresh(path, () -> metrics(loop.snapshot(), feed.view())));
            } else if (path.equals("/api/status")) {
                respond(ex, 200, "application/json", fresh(path, () -> {
                    Snapshot now = loop.snapshot();
                    boolean up = now != null && now.bot() != null && !now.state().isFinal();
                    long memory = up ? feed.view().memoryNow() : -1;
                    return Status.toJson(settings.dir(), true, null, now, memory < 0 ? null : memory);
                }));
            } else {
                text(ex, 404, Phrase.HTTP_NOT_FOUND);
            }
        }

        /** Authorization: Bearer TOKEN, compared by SHA-256 in constant time (the time says nothing of the token). */
        private boolean authorized(HttpExchange ex) {
            String given = ex.getRequestHeaders().getFirst("Authorization");
            return given != null && given.regionMatches(true, 0, "Bearer ", 0, 7) // the scheme in any case (RFC 7235)
                    && MessageDigest.isEqual(token, sha256(given.substring("Bearer ".length()).strip()));
        }

        /** The Host a browser sends for this machine itself (localhost, 127.x.y.z, [::1]), with or without a port. */
        static boolean loopbackName(String host) {
            String name = host == null ? "" : host.replaceAll(":\\d+$", "").toLowerCase(Locale.ROOT);
            return name.equals("localhost") || name.equals("[::1]") || name.matches("127(\\.\\d{1,3}){3}");
        }

        /** What a signal or 'supervisor restart|stop' does: what is wanted, and the bell; the loop does the rest. */
        private void ask(HttpExchange ex, boolean restart) throws IOException {
            Snapshot now = loop.snapshot();
            // a stop still ends the minute the page stays after giving up; nothing else is asked of a final state
            if (now != null && now.state() == State.STOPPED || restart && (now == null || now.state() == State.FATAL)) {
                text(ex, 409, Phrase.HTTP_FINAL);
                return;
            }
            String from = ex.getRemoteAddress().getAddress().getHostAddress();
            String who = Log.message(settings.lang(), Phrase.HTTP_WHO, from);
            if (restart) {
                want.restart(who);
            } else if (want.stops() == 0) { // a click or a retry again is the same stop: a third would kill the bot now
                want.stop(who);
            }
            respond(ex, 202, "application/json", new Json(64).put("asked", restart ? "restart" : "stop").end());
        }

        private void text(HttpExchange ex, int code, Text msg) throws IOException {
            respond(ex, code, "text/plain", Log.message(settings.lang(), msg) + "\n");
        }

        /**
         * The answer to a path as made at most FRESH ago and since the last transition (a new snapshot is always
         * shown at once): a flood costs the same bytes again, not a page made, and its garbage, per request. The
         * page asks every 2 s, Prometheus every 15 s or so; lines and memory may be FRESH late. The worker's alone.
         */
        private String fresh(String path, java.util.function.Supplier<String> make) {
            long now = System.nanoTime();
            Snapshot current = loop.snapshot();
            Made last = made.get(path);
            if (last == null || last.of() != current || now - last.at() > FRESH.toNanos()) {
                last = new Made(now, current, make.get());
                made.put(path, last);
            }
            return last.body();
        }

        private record Made(long at, Snapshot of, String body) {}

        private static void respond(HttpExchange ex, int code, String type, String body) throws IOException {
            byte[] bytes = body.getBytes(UTF_8);
            var headers = ex.getResponseHeaders();
            headers.set("Content-Type", type + "; charset=utf-8");
            headers.set("Cache-Control", "no-store");
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-"
                    + SCRIPT_HASH + "'; connect-src 'self'; img-src data:; form-action 'none'; frame-ancestors 'none'");
            boolean head = ex.getRequestMethod().equals("HEAD");
            ex.sendResponseHeaders(code, head ? -1 : bytes.length);
            if (!head) {
                ex.getResponseBody().write(bytes);
            }
        }

        private String say(Text msg, Object... args) {
            return escape(Log.message(settings.lang(), msg, args));
        }

        /** Markup escaped where it is made: every word and every line the page shows goes through here. */
        static String escape(String text) {
            StringBuilder b = new StringBuilder(text.length() + 16);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '<' -> b.append("&lt;");
                    case '>' -> b.append("&gt;");
                    case '&' -> b.append("&amp;");
                    case '"' -> b.append("&quot;");
                    case '\'' -> b.append("&#39;");
                    default -> b.append(c);
                }
            }
            return b.toString();
        }

        /** The page as it loads: its words, its style and its script; what it shows, /page gives it. */
        private String frame() {
            return "<!DOCTYPE html><html lang=\"" + settings.lang() + "\"><head><meta charset=\"utf-8\">"
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
                    + say(Phrase.PAGE_TITLE, name) + "</title><style>" + STYLE + "</style></head><body data-refresh=\""
                    + REFRESH + "\" data-unreachable=\"" + say(Phrase.PAGE_UNREACHABLE) + "\"><main id=\"view\"><p>"
                    + say(Phrase.PAGE_LOADING) + "</p></main><form id=\"token\" hidden><label>"
                    + say(Phrase.PAGE_TOKEN_ASK) + " <input type=\"password\" id=\"secret\" autocomplete=\"off\">"
                    + "</label> <button>" + say(Phrase.PAGE_TOKEN_USE) + "</button></form>"
                    + "<p id=\"note\" role=\"status\"></p>"
                    + "<script>" + SCRIPT + "</script></body></html>";
        }

        /** What the page shows now: the snapshot's state and counts, then the feed's memory, events and lines. */
        String view(Snapshot s, Feed.View feed) {
            StringBuilder b = new StringBuilder(16 * 1024);
            State state = s == null ? State.STARTING : s.state();
            b.append("<header><h1>").append(escape(name)).append("</h1><span id=\"state\" class=\"badge ")
                    .append(state).append("\">").append(say(Phrase.valueOf("STATE_" + state)))
                    .append("</span></header>");
            Snapshot.Counts n = s == null ? new Stats().counts(0) : s.counts(); // none yet: all zero
            if (state == State.FATAL) {
                b.append("<p id=\"gaveup\" class=\"gaveup\">").append(say(Phrase.PAGE_GAVE_UP, n.failures(),
                        n.lastFailure() == null ? "-" : n.lastFailure())).append("</p>");
            }
            boolean up = s != null && s.bot() != null && !state.isFinal();
            b.append("<dl>");
            fact(b, "pid", Phrase.PAGE_BOT_PID, up ? String.valueOf(s.bot().pid()) : "-");
            fact(b, "uptime", Phrase.PAGE_UPTIME, up && s.bot().started() != null ? Log.localise(settings.lang(),
                    Durations.format(Duration.between(s.bot().started(), Instant.now()).withNanos(0))) : "-");
            fact(b, "runs", Phrase.PAGE_RUNS, String.valueOf(n.runs()));
            fact(b, "planned", Phrase.PAGE_PLANNED, String.valueOf(n.plannedRestarts() - n.requestedRestarts()));
            fact(b, "health", Phrase.PAGE_HEALTH, String.valueOf(n.memoryRestarts() + n.hungRestarts()));
            fact(b, "requested", Phrase.PAGE_REQUESTED, String.valueOf(n.requestedRestarts()));
            fact(b, "failures", Phrase.PAGE_FAILURES, Log.message(settings.lang(), Phrase.PAGE_FAILURES_VALUE,
                    n.consecutiveFailures(), n.failures()));
            fact(b, "exit", Phrase.PAGE_LAST_EXIT, n.lastExit() == null ? "-" : Exits.describe(settings.lang(),
                    n.lastExit()));
            fact(b, "next", Phrase.PAGE_NEXT_RESTART, Log.clock(s == null ? null : s.nextRestart(),
                    ZoneId.systemDefault()));
            fact(b, "memory", Phrase.PAGE_MEMORY, up && feed.memoryNow() >= 0 ? Log.localise(settings.lang(),
                    Sizes.format(feed.memoryNow())) : "-");
            b.append("</dl>");
            b.append("<h2>").append(say(Phrase.PAGE_MEMORY_HOUR)).append("</h2>").append(chart(feed.memory()));
            if (token != null) {
                b.append("<p><button data-action=\"restart\" data-done=\"").append(say(Phrase.PAGE_RESTART_ASKED))
                        .append("\">").append(say(Phrase.PAGE_RESTART)).append("</button><button class=\"danger\" ")
                        .append("data-action=\"stop\" data-confirm=\"").append(say(Phrase.PAGE_CONFIRM_STOP))
                        .append("\" data-done=\"").append(say(Phrase.PAGE_STOP_ASKED)).append("\">")
                        .append(say(Phrase.PAGE_STOP)).append("</button></p>");
            }
            b.append("<h2>").append(say(Phrase.PAGE_EVENTS)).append("</h2><ol id=\"events\" reversed>");
            for (int i = feed.events().size() - 1; i >= 0; i--) {
                b.append("<li>").append(escape(feed.events().get(i))).append("</li>");
            }
            b.append("</ol><h2>").append(say(Phrase.PAGE_LINES, Feed.LINES)).append("</h2><pre id=\"log\">");
            feed.lines().forEach(line -> b.append(escape(line)).append('\n'));
            return b.append("</pre>").toString();
        }

        private void fact(StringBuilder b, String id, Text label, String value) {
            b.append("<div><dt>").append(say(label)).append("</dt><dd id=\"").append(id).append("\">")
                    .append(escape(value)).append("</dd></div>");
        }

        /** The memory samples (one a minute, the highest of it) as a line, scaled to the highest; none: empty. */
        static String chart(List<Long> points) {
            StringBuilder b = new StringBuilder("<svg id=\"chart\" viewBox=\"0 0 600 60\" ")
                    .append("preserveAspectRatio=\"none\">");
            long top = points.stream().mapToLong(Long::longValue).max().orElse(0);
            if (top > 0) {
                b.append("<polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" "
                        + "vector-effect=\"non-scaling-stroke\" points=\"");
                int n = points.size(); // right-aligned: the newest minute on the right
                for (int i = 0; i < Math.max(n, 2); i++) {
                    long value = points.get(Math.min(i, n - 1));
                    long x = n < 2 ? i * 600L : (Feed.POINTS - n + i) * 600L / (Feed.POINTS - 1);
                    b.append(x).append(',').append(58 - value * 54 / top).append(' ');
                }
                b.append("\"/>");
            }
            return b.append("</svg>").toString();
        }

        /** The Prometheus text format: seconds and bytes, counters ending in _total, the words from the tables. */
        String metrics(Snapshot s, Feed.View feed) {
            StringBuilder m = new StringBuilder(4096);
            Snapshot.Counts n = s == null ? new Stats().counts(0) : s.counts(); // none yet: all zero
            boolean up = s != null && s.bot() != null && !s.state().isFinal();
            metric(m, "supervisor_up", "gauge", Phrase.METRIC_UP, "", 1);
            metric(m, "supervisor_info", "gauge", Phrase.METRIC_INFO, "{version=\"" + VERSION + "\"}", 1);
            metric(m, "supervisor_state", "gauge", Phrase.METRIC_STATE, null, 0);
            for (State state : State.values()) {
                sample(m, "supervisor_state", "{state=\"" + state + "\"}", s != null && s.state() == state ? 1 : 0);
            }
            metric(m, "supervisor_bot_up", "gauge", Phrase.METRIC_BOT_UP, "", up ? 1 : 0);
            if (up && s.bot().started() != null) {
                metric(m, "supervisor_bot_start_time_seconds", "gauge", Phrase.METRIC_BOT_START, "",
                        s.bot().started().toEpochMilli() / 1000.0);
            }
            metric(m, "supervisor_bot_starts_total", "counter", Phrase.METRIC_STARTS, "", n.runs());
            metric(m, "supervisor_restarts_total", "counter", Phrase.METRIC_RESTARTS, null, 0);
            sample(m, "supervisor_restarts_total", "{reason=\"planned\"}", n.plannedRestarts() - n.requestedRestarts());
            sample(m, "supervisor_restarts_total", "{reason=\"requested\"}", n.requestedRestarts());
            sample(m, "supervisor_restarts_total", "{reason=\"memory\"}", n.memoryRestarts());
            sample(m, "supervisor_restarts_total", "{reason=\"hung\"}", n.hungRestarts());
            metric(m, "supervisor_failures_total", "counter", Phrase.METRIC_FAILURES, "", n.failures());
            metric(m, "supervisor_consecutive_failures", "gauge", Phrase.METRIC_CONSECUTIVE, "",
                    n.consecutiveFailures());
            if (n.lastExit() != null) {
                metric(m, "supervisor_bot_last_exit_code", "gauge", Phrase.METRIC_LAST_EXIT, "", n.lastExit());
            }
            if (up && feed.memoryNow() >= 0) {
                metric(m, "supervisor_bot_resident_memory_bytes", "gauge", Phrase.METRIC_MEMORY, "", feed.memoryNow());
            }
            metric(m, "supervisor_log_lines_relayed_total", "counter", Phrase.METRIC_LINES, "", feed.relayed());
            return m.toString();
        }

        /** HELP and TYPE, then the one sample (labels "" for none; null: the samples follow). */
        private void metric(StringBuilder m, String name, String type, Text help, String labels, double value) {
            String words = Log.message(settings.lang(), help).replace("\\", "\\\\").replace("\n", "\\n");
            m.append("# HELP ").append(name).append(' ').append(words).append("\n# TYPE ").append(name).append(' ')
                    .append(type).append('\n');
            if (labels != null) {
                sample(m, name, labels, value);
            }
        }

        private static void sample(StringBuilder m, String name, String labels, double value) {
            m.append(name).append(labels).append(' ').append(value == Math.rint(value) ? String.valueOf((long) value)
                    : String.format(Locale.ROOT, "%.3f", value)).append('\n');
        }

        /**
         * What the page shows that a snapshot does not hold, filled only with --http: the last log lines as written
         * (each cut to LINE_MOST bytes), the recent events (the log's lines of a start, an exit, a restart, with their
         * reasons), the bot's memory at each health check (one point a minute, its highest, for an hour), the lines
         * relayed. Filled under the log's lock or on the loop's thread, read by the page: each call is short.
         */
        static final class Feed {
            static final int LINES = 100, EVENTS = 20, POINTS = 60, LINE_MOST = 1024;
            static final long POINT = TimeUnit.MINUTES.toNanos(1);
            /** The log lines that are events: a start, an exit, a restart and why, a failure, giving up, a stop. */
            static final Set<Msg> EVENT_LINES = java.util.EnumSet.of(Msg.PID, Msg.START_FAILED, Msg.EXITED,
                    Msg.PLANNED_RESTART, Msg.SCHEDULED_RESTART, Msg.MEMORY_RESTART, Msg.HUNG, Msg.HUNG_HEARTBEAT,
                    Msg.HUNG_HEARTBEAT_FILE, Msg.MATCHED_RESTART, Msg.MATCHED_FATAL, Msg.MATCHED_ALERT,
                    Msg.MATCHED_BEFORE_EXIT, Msg.RESTART_WHILE_RUNNING, Msg.RESTART_WHILE_PAUSED, Msg.FAILURE,
                    Msg.FAILURE_UNLIMITED, Msg.GIVING_UP, Msg.GIVING_UP_FATAL, Msg.STOP_REQUESTED, Msg.ORPHAN);
            private final byte[][] lines = new byte[LINES][];
            private long written;
            private final String[] events = new String[EVENTS];
            private long said;
            private final long[] memory = new long[POINTS];
            private int points;
            private long pointStarted;
            private long memoryNow = -1;
            private long relayed;

            /** A line as the log has it (head, the bot's bytes, tail), cut to LINE_MOST bytes: one copy, bounded. */
            synchronized void line(byte[] head, int headLength, byte[] body, int offset, int count, byte[] tail) {
                byte[] kept = new byte[Math.min(headLength + count + tail.length, LINE_MOST)];
                int inHead = Math.min(headLength, kept.length); // a --name may be longer than LINE_MOST itself
                int inBody = Math.min(count, kept.length - inHead);
                System.arraycopy(head, 0, kept, 0, inHead);
                System.arraycopy(body, offset, kept, inHead, inBody);
                System.arraycopy(tail, 0, kept, inHead + inBody, kept.length - inHead - inBody);
                lines[(int) (written++ % LINES)] = kept;
            }

            synchronized void said(Msg msg, String line) {
                if (EVENT_LINES.contains(msg)) {
                    events[(int) (said++ % EVENTS)] = line;
                }
            }

            synchronized void relayed() {
                relayed++;
            }

            /** A new run: its memory is unknown until measured (the last run's is not shown as its). */
            synchronized void runStarted() {
                memoryNow = -1;
            }

            synchronized void memory(long bytes) {
                long now = System.nanoTime();
                memoryNow = bytes;
                if (points == 0 || now - pointStarted >= POINT) {
                    if (points == POINTS) {
                        System.arraycopy(memory, 1, memory, 0, POINTS - 1);
                        points--;
                    }
                    memory[points++] = bytes;
                    pointStarted = now;
                } else {
                    memory[points - 1] = Math.max(memory[points - 1], bytes);
                }
            }

            /** What the page shows, oldest first; the lines decoded here, on the page's thread, not under the lock. */
            View view() {
                List<byte[]> kept = new ArrayList<>(LINES);
                List<String> saidSoFar = new ArrayList<>(EVENTS);
                List<Long> chart;
                long now;
                long lines;
                synchronized (this) {
                    for (long i = Math.max(0, written - LINES); i < written; i++) {
                        kept.add(this.lines[(int) (i % LINES)]); // never changed once kept
                    }
                    for (long i = Math.max(0, said - EVENTS); i < said; i++) {
                        saidSoFar.add(events[(int) (i % EVENTS)]);
                    }
                    chart = Arrays.stream(memory, 0, points).boxed().toList();
                    now = memoryNow;
                    lines = relayed;
                }
                return new View(kept.stream().map(bytes -> new String(bytes, UTF_8)).toList(), saidSoFar, chart, now,
                        lines);
            }

            record View(List<String> lines, List<String> events, List<Long> memory, long memoryNow, long relayed) {}
        }
    }

    // ------------------------------------------------------------------------------------------ subcommands

    /** What every subcommand has: --help, --version (VERSION), its options in their order, and its picocli spec. */
    @Command(mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false)
    abstract static class Subcommand implements Callable<Integer> {
        @Spec CommandSpec spec;
    }

    /** The bot a command is about, by its Registry name or by --dir (or --config's), and the language to answer in. */
    static final class Target {
        @Parameters(arity = "0..1", paramLabel = Label.NAME, descriptionKey = "target.name")
        String name;

        @Option(names = "--dir", paramLabel = Label.DIR, defaultValue = ".", descriptionKey = "target.dir")
        Path dir;

        @Option(names = "--config", paramLabel = Label.FILE, descriptionKey = "target.config")
        Path config;

        @Option(names = "--lang", paramLabel = Label.LANG, descriptionKey = "target.lang")
        Lang lang;

        /** The bot's folder; one that does not exist is bad input (exit 2), as for a run, not "no supervisor". */
        Path folder(CommandSpec spec) {
            if (name != null) {
                return named(Registry.of(ConfigSources.of(spec).env));
            }
            Path folder = dir.toAbsolutePath().normalize();
            if (!Files.isDirectory(folder)) {
                throw new Refusal(ExitCode.USAGE, Phrase.NOT_A_FOLDER, folder);
            }
            return folder;
        }

        /** --all: the folders of every registered bot whose supervisor runs; none is exit 3, a name or --dir exit 2. */
        List<Path> everyRunning(CommandSpec spec) {
            if (name != null || spec.commandLine().getParseResult().hasMatchedOption("--dir")) {
                throw new BadInput(spec.commandLine(), Phrase.ALL_AND_TARGET);
            }
            Registry registry = Registry.of(ConfigSources.of(spec).env);
            List<Path> running = Ls.rows(registry).stream().filter(Ls.Row::running).map(row -> row.entry().dir())
                    .toList();
            if (running.isEmpty()) {
                throw new Refusal(ExitCode.NOT_RUNNING, Phrase.NONE_RUNNING, registry.home());
            }
            return running;
        }

        /**
         * The one folder the registry knows by that name (entries its folder's state file names): an unknown name lists
         * the known ones (exit 3), a name two folders share names both (exit 2).
         */
        private Path named(Registry registry) {
            List<Registry.Entry> known = registry.entries().stream().filter(e -> Registry.recordOf(e) != null)
                    .sorted(Comparator.comparing(Registry.Entry::name)).toList();
            List<Path> folders = known.stream().filter(e -> e.name().equals(name)).map(Registry.Entry::dir).distinct()
                    .sorted().toList();
            if (folders.isEmpty()) {
                String names = known.stream().map(Registry.Entry::name).distinct().collect(Collectors.joining(", "));
                throw new Refusal(ExitCode.NOT_RUNNING, Phrase.UNKNOWN_BOT, name, names.isEmpty() ? "-" : names);
            }
            if (folders.size() > 1) {
                throw new Refusal(ExitCode.USAGE, Phrase.NAME_TWICE, name, folders.get(0), folders.get(1));
            }
            return folders.get(0);
        }

        /**
         * --lang (the command's, or one given before it: supervisor --lang pt status), else the recorded one, else the
         * locale's.
         */
        Lang language(CommandSpec spec, Snapshot record) {
            return language(spec, lang, record);
        }

        static Lang language(CommandSpec spec, Lang lang, Snapshot record) {
            CommandLine.ParseResult before = spec.parent() == null ? null
                    : spec.parent().commandLine().getParseResult();
            Lang given = lang != null ? lang : before == null ? null : before.matchedOptionValue("--lang", null);
            return given != null ? given : record != null ? record.setup().lang()
                    : Lang.fromLocale(ConfigSources.of(spec).env);
        }
    }

    @Command(name = "status")
    static final class Status extends Subcommand {
        @Mixin Target target;

        @Option(names = "--json")
        boolean json;

        @Override
        public Integer call() {
            Signals.endCommand();
            Path folder = target.folder(spec);
            Path state = StateFile.in(folder);
            Snapshot record = null;
            try {
                record = new StateFile(state).read();
            } catch (StateFile.Unreadable e) {
                spec.commandLine().getErr().println("supervisor: "
                        + Log.message(target.language(spec, null), Phrase.STATUS_STATE_IGNORED, e.words, state));
            }
            boolean running = record != null && record.isRunning();
            Long orphan = running || record == null ? null : record.liveBot().map(ProcessHandle::pid).orElse(null);
            Long memory = running ? botMemory(record) : null;
            spec.commandLine().getOut().println(json ? toJson(folder, running, orphan, record, memory)
                    : toText(target.language(spec, record), folder, running, orphan, record, memory));
            return running ? ExitCode.OK : ExitCode.NOT_RUNNING;
        }

        /** The resident memory of the recorded bot's whole tree now, as --max-memory counts it; null if none runs. */
        static Long botMemory(Snapshot r) {
            long since = r.bot() == null || r.bot().ticks() == null ? 0 : r.bot().ticks();
            ProcessTree tree = new ProcessTree(Duration.ZERO, StopSignal.TERM, StopMode.CONTROL_GROUP);
            return !ProcessTree.PROC ? null : r.liveBot()
                    .map(bot -> tree.residentBytes(new ProcessTree.Scope(bot, r.marker(), since))).orElse(null);
        }

        static String toText(Lang lang, Path dir, boolean running, Long orphan, Snapshot r, Long memory) {
            String uptime = botUptime(r).map(up -> Log.localise(lang, Durations.format(up))).orElse("-");
            if (orphan != null) {
                return Log.message(lang, Phrase.STATUS_ORPHAN, dir, orphan, uptime);
            }
            if (!running && (r == null || !r.state().isFinal())) { // none, or one killed (kill -9, the OOM killer)
                return Log.message(lang, Phrase.STATUS_NOT_RUNNING, dir);
            }
            Snapshot.Counts n = r.counts();
            int health = n.memoryRestarts() + n.hungRestarts();
            if (!running && r.state() == State.STOPPED) {
                return Log.message(lang, Phrase.STATUS_STOPPED, dir, n.runs(), n.plannedRestarts(), health,
                        n.failures());
            }
            String bot = r.bot() == null ? "-" : r.bot().pid() + " (" + uptime + ")";
            String state = Log.message(lang, Phrase.valueOf("STATE_" + r.state()));
            ZoneId zone = ZoneId.systemDefault();
            List<String> lines = new ArrayList<>(List.of(running ? Log.message(lang, Phrase.STATUS_RUNNING, dir,
                    r.supervisor().pid(), state, bot, n.runs(), n.plannedRestarts(), health, n.failures(),
                    Log.clock(r.nextRestart(), zone))
                    : Log.message(lang, Phrase.STATUS_GAVE_UP, dir, n.consecutiveFailures(), n.runs(),
                    n.plannedRestarts(), health, n.failures())));
            Long limit = r.setup().maxMemory();
            if (memory != null) {
                lines.add(limit == null ? Log.message(lang, Phrase.STATUS_MEMORY, Sizes.format(memory))
                        : Log.message(lang, Phrase.STATUS_MEMORY_LIMIT, Sizes.format(memory), Sizes.format(limit)));
            }
            if (r.deferredSince() != null) {
                lines.add(Log.message(lang, Phrase.STATUS_DEFERRED, Log.clock(r.deferredSince(), zone),
                        Log.clock(r.deferForcedAt(), zone)));
            }
            if (n.lastTrigger() != null) {
                lines.add(Log.message(lang, Phrase.STATUS_TRIGGER, n.triggers(), Log.clock(n.lastTriggerAt(), zone),
                        n.lastTrigger()));
            }
            if (!n.lastLines().isEmpty()) {
                lines.add(Log.message(lang, Phrase.STATUS_LAST_LINES, n.lastFailure()));
                n.lastLines().forEach(line -> lines.add("    | " + line));
            } else if (n.lastFailure() != null) {
                lines.add(Log.message(lang, Phrase.STATUS_LAST_FAILURE, n.lastFailure()));
            }
            return String.join(System.lineSeparator(), lines);
        }

        /** The snapshot as the state file has it, after what 'status' adds. */
        static String toJson(Path dir, boolean running, Long orphan, Snapshot r, Long memory) {
            Json json = new Json(1024).put("running", running);
            if (r == null) {
                return json.put("dir", dir).end();
            }
            // Of a supervisor that is gone: no PIDs, no next restart, STOPPED unless it gave up (FATAL).
            State gone = r.state() == State.FATAL ? r.state() : State.STOPPED;
            Snapshot shown = running ? r
                    : new Snapshot(null, null, gone, r.command(), r.marker(), null, r.counts(), r.setup(), null, null);
            Long uptime = botUptime(shown).map(Duration::toSeconds).orElse(null);
            return shown.write(json.put("orphanBotPid", orphan).put("botUptimeSeconds", uptime)
                    .put("botMemoryBytes", memory)).end();
        }

        /** None without a bot, or when the state file does not say when it started (a file written by hand). */
        static Optional<Duration> botUptime(Snapshot r) {
            return Optional.ofNullable(r).map(Snapshot::bot).map(Snapshot.Proc::started)
                    .map(started -> Duration.between(started, Instant.now()));
        }
    }

    /** Every bot this user's registry points at, as its folder's state file tells it (Registry). */
    @Command(name = "ls", aliases = "list")
    static final class Ls extends Subcommand {
        @Option(names = "--json")
        boolean json;

        @Option(names = "--lang", paramLabel = Label.LANG, descriptionKey = "target.lang")
        Lang lang;

        /** A registered bot: its entry, the latest record of its supervisor, whether that one still runs. */
        record Row(Registry.Entry entry, Snapshot record, boolean running) {
            /** Its supervisor is gone, and its state does not say it stopped or gave up: never shown as running. */
            boolean stale() {
                return !running && !record.state().isFinal();
            }

            boolean troubled() {
                return stale() || record.state() == State.BACKOFF || record.state() == State.FATAL;
            }

            String botPid() {
                return running && record.bot() != null ? Long.toString(record.bot().pid()) : "-";
            }

            Duration uptime() {
                return running ? Status.botUptime(record).orElse(null) : null;
            }

            int restarts() {
                Snapshot.Counts n = record.counts();
                return n.plannedRestarts() + n.memoryRestarts() + n.hungRestarts();
            }
        }

        @Override
        public Integer call() {
            Signals.endCommand();
            Registry registry = Registry.of(ConfigSources.of(spec).env);
            List<Row> rows = rows(registry);
            Lang language = Target.language(spec, lang, null);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(rows.stream().map(Ls::toJson).collect(Collectors.joining(",", "[", "]")));
            } else if (rows.isEmpty()) {
                out.println(Log.message(language, Phrase.LS_NONE, registry.home()));
            } else {
                out.print(toText(language, rows));
            }
            out.flush();
            rows.stream().filter(Row::stale).forEach(row -> registry.forget(row.entry().file(), row.entry().pid()));
            return rows.isEmpty() ? ExitCode.NOT_RUNNING
                    : rows.stream().anyMatch(Row::troubled) ? ExitCode.FAILED : ExitCode.OK;
        }

        /** The entries whose folder's state file names their supervisor, by name (then folder). */
        static List<Row> rows(Registry registry) {
            List<Row> rows = new ArrayList<>();
            for (Registry.Entry entry : registry.entries()) {
                Snapshot record = Registry.recordOf(entry);
                if (record != null) {
                    Snapshot live = Control.running(entry.dir());
                    boolean running = live != null && live.supervisor().pid() == entry.pid();
                    rows.add(new Row(entry, running ? live : record, running));
                }
            }
            rows.sort(Comparator.comparing((Row row) -> row.entry().name()).thenComparing(row -> row.entry().dir()));
            return rows;
        }

        static String toText(Lang lang, List<Row> rows) {
            List<List<String>> table = new ArrayList<>();
            table.add(List.of(Log.message(lang, Phrase.LS_COLUMNS).split("\\|")));
            for (Row row : rows) {
                Snapshot.Counts n = row.record().counts();
                Duration up = row.uptime();
                String state = Log.message(lang, row.stale() ? Phrase.STATE_STALE
                        : Phrase.valueOf("STATE_" + row.record().state()));
                table.add(List.of(row.entry().name(), row.entry().dir().toString(), state, row.botPid(),
                        up == null ? "-" : Log.localise(lang, Durations.format(up)), Integer.toString(n.runs()),
                        Integer.toString(row.restarts()), Integer.toString(n.failures())));
            }
            int columns = table.get(0).size();
            int[] widths = IntStream.range(0, columns)
                    .map(i -> table.stream().mapToInt(line -> line.get(i).length()).max().orElse(0)).toArray();
            StringBuilder text = new StringBuilder();
            for (List<String> line : table) { // two blanks between columns; none after the last
                IntStream.range(0, columns).forEach(i -> text.append(line.get(i))
                        .append(i == columns - 1 ? "" : " ".repeat(widths[i] - line.get(i).length() + 2)));
                text.append(System.lineSeparator());
            }
            return text.toString();
        }

        /** Under status --json's field names, and the bot's name; a stale one's state is STALE. */
        static String toJson(Row row) {
            Snapshot r = row.record();
            Duration up = row.uptime();
            return new Json(512).put("name", row.entry().name()).put("dir", row.entry().dir())
                    .put("state", row.stale() ? "STALE" : r.state()).put("running", row.running())
                    .put("supervisorPid", row.entry().pid())
                    .put("botPid", row.running() && r.bot() != null ? r.bot().pid() : null)
                    .put("botUptimeSeconds", up == null ? null : up.toSeconds()).put("runs", r.counts().runs())
                    .put("plannedRestarts", r.counts().plannedRestarts())
                    .put("healthRestarts", r.counts().memoryRestarts() + r.counts().hungRestarts())
                    .put("failures", r.counts().failures()).put("lastExit", r.counts().lastExit()).end();
        }
    }

    @Command(name = "logs")
    static final class Logs extends Subcommand {
        /** How often -f looks for new lines and for a rotation. */
        static final Duration FOLLOW_EVERY = Duration.ofMillis(200);

        @Mixin Target target;

        @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "50")
        int lines;

        @Option(names = {"-f", "--follow"})
        boolean follow;

        @ParentCommand Supervisor supervisor;

        @Override
        public Integer call() throws InterruptedException {
            if (lines < 0) {
                throw new BadInput(spec.commandLine(), Phrase.AT_LEAST, "-n", 0, lines);
            }
            Path file = logFile(target.folder(spec));
            PrintWriter out = spec.commandLine().getOut();
            try (Follower follower = new Follower(file, out)) {
                follower.printLast(lines);
                // SIGINT and SIGTERM are a stop request (Signals), which ends the wait at once; so does a closed pipe.
                while (follow && supervisor.want.wish() != Want.Wish.DOWN && !out.checkError()) {
                    supervisor.want.bell.await(System.nanoTime() + FOLLOW_EVERY.toNanos());
                    follower.poll();
                }
            } catch (IOException e) {
                throw new Refusal(ExitCode.FAILED, Phrase.LOGS_UNREADABLE, file, e);
            }
            return ExitCode.OK;
        }

        /** The log file the bot's supervisor writes (or wrote last), from its state file. */
        private static Path logFile(Path folder) {
            Path state = StateFile.in(folder);
            Snapshot record = new StateFile(state).readOrRefuse();
            if (record == null) {
                throw new Refusal(ExitCode.NOT_RUNNING, Phrase.LOGS_NO_SUPERVISOR, folder, state);
            }
            if (record.setup().logFile() == null) {
                Phrase why = record.isRunning() ? Phrase.LOGS_NO_FILE : Phrase.LOGS_NO_FILE_RAN; // "it runs" only if so
                throw new Refusal(ExitCode.USAGE, why, folder);
            }
            return record.setup().logFile();
        }

        /**
         * Reads the log as RotatingFile writes it (FILE renamed to FILE.1 when full, FILE.1 to FILE.2 …), whole
         * lines, files told apart by inode, never by name: a rotation between looks loses no line and doubles none.
         */
        static final class Follower implements Closeable {
            private final Path path;
            private final PrintWriter out;
            private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            /** A last line read without its newline yet. */
            private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
            /** More than any line the supervisor writes (64 KiB of the bot's, JSON escapes included): held at most. */
            private static final int MAX_PARTIAL = 1 << 20;
            private FileChannel channel;
            private Object identity;
            private long position;

            /** Opens FILE as it is now (again, if a rotation renames it at that very moment). */
            Follower(Path path, PrintWriter out) throws IOException {
                this.path = path;
                this.out = out;
                for (int attempt = 0; channel == null; attempt++) {
                    identity = identity(path);
                    if (identity == null) {
                        throw new NoSuchFileException(path.toString());
                    }
                    if (attempt == 100) {
                        throw new IOException("it is replaced faster than it can be opened");
                    }
                    channel = openAs(path, identity);
                }
            }

            void printLast(int n) throws IOException {
                position = printLast(channel, 0, n);
            }

            /** The last n whole lines of FILE.i, after those of the older files if it has fewer; returns its end. */
            private long printLast(FileChannel file, int i, int n) throws IOException {
                Range range = last(file, n);
                Object id = range.lines() < n ? identity(numbered(i + 1)) : null;
                // FILE itself, renamed to FILE.1 just now, is no older file
                try (FileChannel older = id == null || id.equals(identity) ? null : openAs(numbered(i + 1), id)) {
                    if (older != null) {
                        printLast(older, i + 1, n - range.lines());
                    }
                }
                copy(file, range.start(), range.end());
                return range.end();
            }

            record Range(long start, long end, int lines) {}

            /** The last n whole lines of file, or all if fewer: a last line without its newline is not one yet. */
            private Range last(FileChannel file, int n) throws IOException {
                long end = 0;
                int newlines = 0;
                for (long at = file.size(); at > 0; ) {
                    int length = (int) Math.min(buffer.capacity(), at);
                    at -= length;
                    buffer.clear().limit(length);
                    while (buffer.hasRemaining() && file.read(buffer, at + buffer.position()) > 0) {
                        // reads until the buffer holds the range
                    }
                    for (int i = length - 1; i >= 0; i--) {
                        if (buffer.get(i) != '\n') {
                            continue;
                        }
                        if (newlines == 0) {
                            end = at + i + 1;
                        }
                        if (newlines++ == n) {
                            return new Range(at + i + 1, end, n);
                        }
                    }
                }
                return new Range(0, end, newlines);
            }

            /**
             * Prints what was written since the last look: the rest of the current file, then of each begun after it;
             * FILE at once when the current one is gone (deleted, or rotated out of --log-keep before it was read).
             */
            void poll() throws IOException {
                List<Object> ids = new ArrayList<>(); // of FILE, FILE.1, FILE.2 …; a gap is a file being renamed
                for (int i = 0, missing = 0; missing < 2; i++) {
                    Object id = identity(numbered(i));
                    ids.add(id);
                    missing = id == null ? missing + 1 : 0;
                }
                int current = ids.indexOf(identity);
                // Once renamed, the current file is whole: RotatingFile closes a file before renaming it.
                position = copy(channel, position, Long.MAX_VALUE);
                if (current == 0 && channel.size() < position) {
                    position = 0; // truncated in place (copytruncate): from its start again
                }
                for (int next = current < 0 ? 0 : current - 1; next >= 0; next--) {
                    FileChannel opened = openAs(numbered(next), ids.get(next));
                    if (opened == null) {
                        return; // a rotation under way: the next look goes on
                    }
                    if (partial.size() > 0) { // a last line without its newline (a writer that died): still a line
                        out.println(partial.toString(UTF_8));
                        partial.reset();
                    }
                    channel.close();
                    channel = opened;
                    identity = ids.get(next);
                    position = copy(channel, 0, Long.MAX_VALUE);
                }
            }

            /** Prints the whole lines among file's bytes from at up to end (or its end); returns where it stopped. */
            private long copy(FileChannel file, long at, long end) throws IOException {
                while (at < end) {
                    int read = file.read(buffer.clear().limit((int) Math.min(buffer.capacity(), end - at)), at);
                    if (read <= 0) {
                        break;
                    }
                    at += read;
                    // the bytes up to the last newline read; those after it wait for the rest of their line
                    int whole = read;
                    while (whole > 0 && buffer.get(whole - 1) != '\n') {
                        whole--;
                    }
                    partial.write(buffer.array(), 0, whole);
                    if (whole > 0) {
                        out.print(partial.toString(UTF_8));
                        out.flush();
                        partial.reset();
                    }
                    partial.write(buffer.array(), whole, read - whole);
                    if (partial.size() > MAX_PARTIAL) {
                        printPartial();
                    }
                }
                return at;
            }

            /** A line too long to hold (a file not written by the supervisor): what came of it goes out as it is. */
            private void printPartial() {
                byte[] bytes = partial.toByteArray();
                int cut = bytes.length;
                while (cut > 0 && (bytes[cut - 1] & 0xC0) == 0x80) {
                    cut--; // back to the first byte of the last character, which may not be whole yet
                }
                cut = cut > 0 ? cut - 1 : bytes.length;
                out.print(new String(bytes, 0, cut, UTF_8));
                out.flush();
                partial.reset();
                partial.write(bytes, cut, bytes.length - cut);
            }

            private Path numbered(int i) {
                return i == 0 ? path : path.resolveSibling(path.getFileName() + "." + i);
            }

            /** What tells one file from another whatever its name: its inode (else its creation time); null if none. */
            static Object identity(Path file) throws IOException {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    return attributes.fileKey() != null ? attributes.fileKey() : attributes.creationTime();
                } catch (NoSuchFileException e) {
                    return null;
                }
            }

            /**
             * The file if it still is the expected one, else null. Files only move up (FILE to FILE.1), never back: the
             * same identity at the name after the open as before it is the file opened.
             */
            private static FileChannel openAs(Path file, Object expected) throws IOException {
                try {
                    FileChannel channel = FileChannel.open(file, READ);
                    if (expected != null && expected.equals(identity(file))) {
                        return channel;
                    }
                    channel.close();
                } catch (NoSuchFileException e) {
                    // renamed just now: not the file expected
                }
                return null;
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        }
    }

    @Command(name = "config")
    static final class ConfigCommand extends Subcommand {
        @Mixin RunOptions options;

        @Override
        public Integer call() {
            ConfigSources sources = ConfigSources.of(spec);
            Settings settings = options.check(spec, sources.env);
            Launch launch = Launch.resolve(settings, sources.env, spec); // no venv or no script: exit 2, as a run
            Map<String, Object> derived = Map.of("--lang", settings.lang(), "--lock-file", settings.lockFile(),
                    "--timezone", settings.timezone(), "--run-time", "off");
            PrintWriter out = spec.commandLine().getOut();
            for (OptionSpec option : spec.options()) {
                if (option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                Object value = option.getValue() != null ? asRun(option, settings) : derived.get(option.longestName());
                out.printf("%-16s = %-26s (%s)%n", option.longestName().substring(2),
                        Settings.shown(settings.lang(), value),
                        sources.origin(settings.lang(), spec.commandLine(), option));
                if (option.longestName().equals("--env-file")) {
                    printEnvNames(out, settings);
                }
            }
            out.printf("%-16s = %-26s (%s)%n", "command", String.join(" ", launch.command()),
                    Log.message(settings.lang(), Phrase.CONFIG_RESOLVED));
            Snapshot running = Control.running(settings.dir());
            if (running != null) { // valid settings, but a run now would be refused: say so, on stderr
                spec.commandLine().getErr().println("supervisor: "
                        + Log.message(settings.lang(), Phrase.CONFIG_ALREADY_RUNNING,
                        running.supervisor().pid(), settings.dir(), settings.dir()));
            }
            return ExitCode.OK;
        }

        /** A value as a run takes it: a path made absolute, from --dir (RunOptions.IN_DIR) or from this folder. */
        private static Object asRun(OptionSpec option, Settings run) {
            boolean inDir = RunOptions.IN_DIR.contains(option.longestName());
            Path base = inDir ? run.dir() : Path.of("").toAbsolutePath();
            Object value = inDir && option.getValue() instanceof String script ? Path.of(script) : option.getValue();
            return value instanceof Path path ? base.resolve(path).normalize()
                    : value instanceof List<?> list && option.typeInfo().getAuxiliaryTypes()[0] == Path.class
                    ? list.stream().map(each -> base.resolve((Path) each).normalize()).toList() : value;
        }

        /** The names each env file sets, never the values (check() has just read them all). */
        private static void printEnvNames(PrintWriter out, Settings settings) {
            for (Path file : settings.envFiles()) {
                try {
                    String names = String.join(", ", EnvFile.read(file, settings.lang()).keySet());
                    String said = Log.message(settings.lang(), Phrase.CONFIG_ENV_NAMES, file,
                            names.isEmpty() ? "-" : names);
                    out.printf("%-16s   %s%n", "", said);
                } catch (IOException e) {
                    // changed since check() read it: say so, as a start would
                    out.printf("%-16s   %s%n", "", e.getMessage());
                }
            }
        }
    }

    /**
     * A systemd unit that runs this very supervisor (the fat jar, the installed command or the script, whichever runs
     * now) with the run options given, checked as a run checks them (PM2's 'pm2 startup'). Prints it; starts nothing.
     * examples/systemd/bot-supervisor.service is the same unit, written by hand with a comment on each setting.
     */
    @Command(name = "unit")
    static final class SystemdUnit extends Subcommand {
        /** What a JVM exits with on a SIGTERM that comes before the supervisor handles signals: a stop all the same. */
        static final int TERMINATED_EARLY = 128 + 15;
        /** systemctl reload: SIGUSR1 to the supervisor, which restarts the bot ($MAINPID is systemd's, not doubled). */
        private static final String RELOAD = " -USR1 $MAINPID";

        @Mixin RunOptions options;

        @Override
        public Integer call() {
            ConfigSources sources = ConfigSources.of(spec);
            Settings settings = options.check(spec, sources.env);
            Launch launch = Launch.resolve(settings, sources.env, spec); // no venv or no script: exit 2, as a run
            Route route = Route.of(sources.env);
            List<String> command = new ArrayList<>(route.command());
            command.addAll(runArguments(settings, sources));
            if (settings.command().isEmpty() && settings.python() == null && settings.venv() == null) {
                Path venv = Path.of(launch.command().get(0)).getParent().getParent(); // the one the Python was found in
                if (!Venv.inFolder(settings.dir()).contains(venv)) { // $VIRTUAL_ENV's, which systemd does not set
                    command.addAll(List.of("--venv", venv.toString()));
                }
            }
            unit(settings, launch.name(), route, command).forEach(spec.commandLine().getOut()::println);
            return ExitCode.OK;
        }

        private static List<String> unit(Settings settings, String name, Route route, List<String> command) {
            Lang lang = settings.lang();
            String user = System.getProperty("user.name");
            String service = serviceName(settings.dir());
            List<String> unit = new ArrayList<>(List.of(
                    "# " + plain(Log.message(lang, Phrase.UNIT_MADE, VERSION, settings.dir(), user)),
                    "# " + plain(Log.message(lang, Phrase.UNIT_INSTALL, service, service)),
                    "[Unit]",
                    "Description=" + setting(Log.message(lang, Phrase.UNIT_DESCRIPTION, name, settings.dir())),
                    "Wants=network-online.target", "After=network-online.target",
                    "StartLimitIntervalSec=0", // systemd itself never gives up: the supervisor decides when to
                    "", "[Service]", "Type=exec",
                    "User=" + setting(user), "WorkingDirectory=" + setting(settings.dir().toString())));
            route.environment().forEach((key, value) -> unit.add("Environment=" + word(key + "=" + value, false)));
            unit.add("ExecStart=" + command.stream().map(each -> word(each, true)).collect(Collectors.joining(" ")));
            // SIGTERM to the supervisor alone, which stops the bot its way within the worst a stop takes (the grace,
            // up to three rounds of SIGKILL checked gone, the last lines, the last hooks) and a margin. A supervisor
            // that gave up (1) starts again after a pause, one refused (2: bad usage, 3: locked) does not.
            Duration worst = settings.grace().plus(Policy.KILL_CONFIRM.multipliedBy(3)).plus(Policy.OUTPUT_DRAIN)
                    .plus(Policy.HOOKS_AT_EXIT).plus(Policy.HOOK_GRACE);
            long stop = (worst.toMillis() + 999) / 1000 + 5; // in whole seconds, rounded up, and the margin
            ProcessTree.KILL.ifPresent(kill -> unit.add("ExecReload=" + word(kill.toString(), true) + RELOAD));
            unit.addAll(List.of("KillMode=mixed", "TimeoutStopSec=" + stop + "s", "Delegate=yes",
                    "Restart=on-failure", "RestartSec=" + Policy.UNIT_RESTART_SEC.toSeconds() + "s",
                    "RestartPreventExitStatus=" + ExitCode.USAGE + " " + ExitCode.LOCKED,
                    "SuccessExitStatus=" + TERMINATED_EARLY,
                    "SyslogIdentifier=" + setting(name), "", "[Install]", "WantedBy=multi-user.target"));
            return unit;
        }

        /**
         * The run options given on the command line or as SUPERVISOR_* variables (which systemd does not pass on; a
         * --config file's stay in the file), with the paths a run takes from this folder made absolute, and the
         * programs found on this PATH (--python, the --on-event command, COMMAND) named by where they were found.
         */
        private List<String> runArguments(Settings settings, ConfigSources sources) {
            List<String> arguments = new ArrayList<>(List.of("--dir", settings.dir().toString()));
            for (OptionSpec option : spec.options()) {
                String name = option.longestName();
                if (!name.equals("--dir")) {
                    given(option, sources).forEach(value -> arguments.addAll(List.of(name,
                            asInUnit(option, value, settings, sources.env))));
                }
            }
            if (given(spec.findOption("--lang"), sources).isEmpty() && settings.lang() != Lang.en) {
                arguments.addAll(List.of("--lang", settings.lang().name())); // the locale chose it: systemd sets none
            }
            if (!settings.command().isEmpty()) {
                arguments.add("--");
                arguments.add(found(settings.command().get(0), settings.dir(), sources.env));
                arguments.addAll(settings.command().subList(1, settings.command().size()));
            }
            return arguments;
        }

        /** An option's values as given: on the command line, else in a SUPERVISOR_* variable; none otherwise. */
        private List<String> given(OptionSpec option, ConfigSources sources) {
            if (option.usageHelp() || option.versionHelp()) {
                return List.of();
            }
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                return option.originalStringValues();
            }
            ConfigSources.Origin origin = sources.origins.get(option.longestName().substring(2));
            return origin != null && origin.variable() != null ? List.of(origin.value()) : List.of();
        }

        /** A value as the unit gives it: paths a run reads from here made absolute; programs, where found. */
        private static String asInUnit(OptionSpec option, String value, Settings settings, Map<String, String> env) {
            Path here = Path.of("").toAbsolutePath();
            String name = option.longestName();
            boolean path = option.typeInfo().getAuxiliaryTypes()[0] == Path.class && !RunOptions.IN_DIR.contains(name);
            return name.equals("--python") ? found(value, here, env)
                    : name.equals("--on-event") ? hook(settings.onEvent(), here, env)
                    : path ? here.resolve(value).normalize().toString() : value;
        }

        /** A program as a run finds it: a path from base, or a name on PATH; as given when it cannot be found. */
        private static String found(String program, Path base, Map<String, String> env) {
            Optional<Path> path = Venv.onPath(program, base, env, Venv.WINDOWS, Files::isExecutable);
            return path.map(Path::toString).orElse(program);
        }

        /** The --on-event command with its program found, in words Hooks.split reads back the same. */
        private static String hook(List<String> words, Path base, Map<String, String> env) {
            List<String> hook = new ArrayList<>(words);
            if (!hook.isEmpty()) {
                hook.set(0, found(hook.get(0), base, env));
            }
            return hook.stream().map(w -> w.matches("[\\w@%+=:,./-]+") ? w : "'" + w.replace("'", "'\\''") + "'")
                    .collect(Collectors.joining(" "));
        }

        /**
         * A word of ExecStart= (dollars too) or Environment= as systemd reads it: % (and $) doubled, and in double
         * quotes, C-escaped, when it has a blank, a quote, a backslash, a ; or a control character, or is empty.
         */
        static String word(String text, boolean dollars) {
            String escaped = text.replace("%", "%%");
            escaped = dollars ? escaped.replace("$", "$$") : escaped;
            boolean plain = escaped.chars().noneMatch(c -> c <= ' ' || c == 0x7F || "\"'\\;".indexOf(c) >= 0);
            if (plain && !escaped.isEmpty()) {
                return escaped;
            }
            StringBuilder quoted = new StringBuilder("\"");
            escaped.chars().forEach(c -> quoted.append(c == '"' || c == '\\' ? "\\" + (char) c
                    : c == '\n' ? "\\n" : c == '\t' ? "\\t"
                    : c < ' ' || c == 0x7F ? String.format("\\x%02x", c) : String.valueOf((char) c)));
            return quoted.append('"').toString();
        }

        /** A setting's whole value (Description=, User=, WorkingDirectory=...): % doubled, one line. */
        static String setting(String text) {
            return plain(text).replace("%", "%%");
        }

        private static String plain(String text) {
            return text.replaceAll("\\p{Cntrl}", "?");
        }

        /** The unit's file name the header suggests: the bot folder's name, in the characters unit names take. */
        static String serviceName(Path dir) {
            String name = dir.getFileName() == null ? "bot" : dir.getFileName().toString();
            return name.replaceAll("[^A-Za-z0-9:_.\\-]", "-").replaceFirst("^[.-]", "bot$0");
        }
    }

    /** How this very supervisor runs, for a unit to run it so: the fat jar, the installed command or the script. */
    record Route(List<String> command, Map<String, String> environment) {
        /** systemd's own PATH: a unit's Environment=PATH= replaces it, after the folder of JBang's commands. */
        private static final String SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        /** What 'jbang app install' writes: a two-line script that runs one script ref through jbang. */
        private static final Pattern APP = Pattern.compile("(?m)^exec jbang run \"?(/[^\"]+?)\"? \"\\$@\"$");
        static final String SCRIPT = "Supervisor.java";

        /** The route of this JVM; exit 1 when none of the three (java -cp, an IDE, the script run from elsewhere). */
        static Route of(Map<String, String> env) {
            Path self = location(Supervisor.class);
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            if (self != null && Files.isRegularFile(self) && self.equals(location(CommandLine.class))) {
                return fatJar(java, self); // picocli in our own jar: the fat jar
            }
            // where ./jbang puts it: $HOME, not the account's home (sudo -E)
            String home = env.getOrDefault("HOME", System.getProperty("user.home"));
            Path jbangDir = Path.of(env.getOrDefault("JBANG_DIR", home + "/.jbang"));
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("PATH", jbangDir.resolve("bin") + ":" + SYSTEM_PATH); // the installed command calls jbang
            environment.put("JBANG_DIR", jbangDir.toString()); // the cache this build is in
            Optional.ofNullable(env.get("JBANG_REPO")).ifPresent(repo -> environment.put("JBANG_REPO", repo));
            environment.put("JAVA_HOME", System.getProperty("java.home"));
            Optional<Path> app = installedApp(jbangDir.resolve("bin"));
            if (app.isPresent()) {
                return new Route(List.of(app.get().toString()), environment);
            }
            Path here = Path.of(SCRIPT).toAbsolutePath();
            Optional<Path> jbang = Stream.of(Optional.of(here.resolveSibling("jbang")).filter(Files::isExecutable),
                            Venv.onPath("jbang", here.getParent(), env, Venv.WINDOWS, Files::isExecutable),
                            Optional.of(jbangDir.resolve("bin/jbang")).filter(Files::isExecutable))
                    .flatMap(Optional::stream).findFirst();
            if (!sameScript(here) || jbang.isEmpty()) {
                throw new Refusal(ExitCode.FAILED, Phrase.UNIT_UNKNOWN_ROUTE, here.getParent());
            }
            return new Route(List.of(jbang.get().toString(), here.toString()), environment);
        }

        /**
         * java, the JVM options this JVM was started with (those of the script's //RUNTIME_OPTIONS lines, as the README
         * runs the jar: written in one place), -jar and the jar.
         */
        static Route fatJar(Path java, Path jar) {
            List<String> command = new ArrayList<>(List.of(java.toString()));
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.addAll(List.of("-jar", jar.toString()));
            return new Route(command, Map.of());
        }

        /** The JBang app among those in bin (any --name) that runs a script of this very version. */
        static Optional<Path> installedApp(Path bin) {
            try (Stream<Path> files = Files.isDirectory(bin) ? Files.list(bin) : Stream.empty()) {
                return files.sorted().filter(file -> Files.isExecutable(file) && sizeOf(file) < 4096)
                        .filter(file -> {
                            Matcher run = APP.matcher(new String(ProcessTree.readQuietly(file), UTF_8));
                            return run.find() && sameScript(Path.of(run.group(1)));
                        }).findFirst();
            } catch (IOException | UncheckedIOException | InvalidPathException e) {
                return Optional.empty(); // no folder we may read, or a file that names no path: no installed command
            }
        }

        private static long sizeOf(Path file) {
            try {
                return Files.size(file);
            } catch (IOException e) {
                return Long.MAX_VALUE;
            }
        }

        /** A copy of this script, as far as a file can tell: it declares this very version. */
        static boolean sameScript(Path file) {
            String declared = "static final String VERSION = \"" + VERSION + "\";";
            return Files.isRegularFile(file) && sizeOf(file) <= EnvFile.MAX_BYTES
                    && new String(ProcessTree.readQuietly(file), UTF_8).contains(declared);
        }

        /** The jar or folder a class was loaded from; null when the JVM does not say. */
        static Path location(Class<?> type) {
            try {
                return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (RuntimeException | URISyntaxException e) {
                return null;
            }
        }
    }

    @Command(name = "completion")
    static final class Completion extends Subcommand {
        enum Shell { bash, zsh }

        @Parameters(paramLabel = "SHELL", descriptionKey = "shell")
        Shell shell;

        @Override
        public Integer call() {
            // picocli's script serves both: under zsh it loads bashcompinit itself.
            spec.commandLine().getOut().print(AutoComplete.bash("supervisor", spec.parent().commandLine()));
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }

    // ------------------------------------------------------------------------------------------ values

    /** Durations: plain seconds (3600), 500ms, 90s, 15m, 1h, 1h30m, 2d, or ISO-8601 (PT1H). */
    static final class Durations {
        private static final Pattern WITH_UNITS =
                Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
        private static final List<ChronoUnit> UNITS = List.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES,
                ChronoUnit.SECONDS, ChronoUnit.MILLIS); // of the groups of WITH_UNITS, in order

        static Duration parse(String text) {
            String s = text.trim().toLowerCase(Locale.ROOT);
            Duration d;
            try {
                d = s.startsWith("p") ? Duration.parse(s.toUpperCase(Locale.ROOT))
                        : withUnits(s.matches("\\d+") ? s + "s" : s);
            } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
                d = null;
            }
            if (d == null || d.isNegative()) {
                throw new BadValue(Phrase.NOT_A_DURATION, text);
            }
            if (d.compareTo(Policy.LONGEST) > 0) {
                throw new BadValue(Phrase.DURATION_TOO_LONG, text, Policy.LONGEST.toDays() / 365);
            }
            return d;
        }

        /** The text as numbers with units (WITH_UNITS); null when it is not that. */
        private static Duration withUnits(String s) {
            Matcher m = WITH_UNITS.matcher(s);
            if (s.isEmpty() || !m.matches()) {
                return null;
            }
            Duration total = Duration.ZERO;
            for (int i = 0; i < UNITS.size(); i++) {
                if (m.group(i + 1) != null) {
                    total = total.plus(Duration.of(Long.parseLong(m.group(i + 1)), UNITS.get(i)));
                }
            }
            return total;
        }

        /** As the original tool printed them: 3600s, 1.05s. Not String.format: its first float costs 40 ms. */
        static String seconds(Duration d) {
            return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + "s";
        }

        /** Compact, for people: 250ms, 1.5s, 42s, 5m, 1h30m, 2d3h. */
        static String format(Duration d) {
            long millis = d.toMillis();
            if (millis < 1000) {
                return millis + "ms";
            }
            if (millis < 60_000) {
                return seconds(Duration.ofMillis(millis < 10_000 ? millis / 10 * 10 : millis / 1000 * 1000));
            }
            long s = d.toSeconds();
            return Stream.of(s / 86400 + "d", s / 3600 % 24 + "h", s / 60 % 60 + "m", s % 60 + "s")
                    .filter(part -> !part.startsWith("0")).collect(Collectors.joining()); // the parts that are not zero
        }
    }

    /** Sizes: a number with a unit, K/KB, M/MB or G/GB (powers of 1024); a bare number is refused. */
    static final class Sizes {
        private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg])b?", Pattern.CASE_INSENSITIVE);

        static long parse(String text) {
            String s = text.trim();
            if (s.matches("\\d+")) {
                throw new BadValue(Phrase.SIZE_NEEDS_UNIT, text, s, s);
            }
            Matcher m = SIZE.matcher(s);
            if (!m.matches()) {
                throw new BadValue(Phrase.NOT_A_SIZE, text);
            }
            int shift = 10 * (1 + "kmg".indexOf(m.group(2).toLowerCase(Locale.ROOT))); // K is 2^10, M 2^20, G 2^30
            long n = m.group(1).length() > 18 ? Long.MAX_VALUE : Long.parseLong(m.group(1)); // 19 digits may not fit
            if (n <= 0 || n > (Long.MAX_VALUE >> shift)) {
                throw new BadValue(Phrase.SIZE_OUT_OF_RANGE, text);
            }
            return n << shift;
        }

        /** As the options take them: 10MB, 2GB, 812.4MB, 512KB. */
        static String format(long bytes) {
            if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
                return (bytes >> 30) + "GB";
            }
            if (bytes >= 1L << 20) { // tenths as %.1f rounds them, without the locale data String.format loads
                long tenths = Math.round(bytes / 1048576.0 * 10);
                return bytes % (1L << 20) == 0 ? (bytes >> 20) + "MB" : tenths / 10 + "." + tenths % 10 + "MB";
            }
            return (bytes >> 10) + "KB";
        }
    }

    /** --run-time's own: a duration, or 'off' (null), no planned restart by interval. */
    static final class IntervalConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return "off".equalsIgnoreCase(value.trim()) ? null : Durations.parse(value);
        }
    }

    /** A converter of the JDK's parsing, refusing in the tables' words: msg names what the value is not. */
    static <T> ITypeConverter<T> refusing(Text msg, Function<String, T> parse) {
        return value -> {
            try {
                return parse.apply(value.trim());
            } catch (DateTimeException | NumberFormatException e) {
                throw new BadValue(msg, value);
            }
        };
    }

    /** HH:MM, 24-hour; 9:30 is taken as 09:30. */
    static LocalTime timeOfDay(String value) {
        return LocalTime.parse(value.length() == 4 ? "0" + value : value, DateTimeFormatter.ofPattern("HH:mm"));
    }

    // ------------------------------------------------------------------------------------------ the words

    /** The words of every message, one table per language. The Portuguese lines of the original tool are verbatim. */
    static final class Texts {
        /**
         * One entry, typed Text: Map.entry's own inference over some 400 entries of three enums (each Entry of an
         * intersection type) took javac over a minute; typed here, a second or two.
         */
        private static Map.Entry<Text, String> entry(Text text, String words) {
            return Map.entry(text, words);
        }

        /** The words of --help in one language: the table's help entries, as the resource bundle picocli reads. */
        static ResourceBundle help(Lang lang) {
            Object[][] contents = Arrays.stream(Help.values())
                    .map(help -> new Object[] {help.key, Texts.of(lang).get(help)}).toArray(Object[][]::new);
            return new ListResourceBundle() {
                @Override
                protected Object[][] getContents() {
                    return contents;
                }
            };
        }

        /** One language's table. Portuguese's is a class of its own: a run in English never loads its words. */
        static Map<Text, String> of(Lang lang) {
            return lang == Lang.pt ? Portuguese.PT : EN;
        }

        static final Map<Text, String> EN = Map.ofEntries(
                entry(Msg.SUPERVISOR_STARTED, "SUPERVISOR STARTED"),
                entry(Msg.TRANSITION, "%s -> %s (%s)"),
                entry(Msg.RESTART_WHILE_RUNNING, "Restart requested (%s): stopping the bot gracefully, then starting it at once"),
                entry(Msg.RESTART_WHILE_PAUSED, "Restart requested (%s): starting the bot now"),
                entry(Msg.STOP_AGAIN, "Stop already under way: the bot has %s left to exit gracefully; ask a third time to kill it now"),
                entry(Msg.KILL_NOW, "Stop requested a third time: killing the bot now"),
                entry(Msg.CGROUP_USED, "The bot runs in a cgroup of its own, %s: a stop reaches every process it starts"),
                entry(Msg.CGROUP_NOT_USED, "No cgroup of its own for the bot (no cgroup v2 this process may write: %s): a stop finds its processes by tree, session and marker"),
                entry(Msg.SETTINGS, "Settings: %s"),
                entry(Msg.STARTING, "Starting the bot script: %s"),
                entry(Msg.COMMAND, "Command: %s (in %s)"),
                entry(Msg.START_OK, "Script started successfully!"),
                entry(Msg.PID, "Process PID: %s"),
                entry(Msg.WAITING, "Running for %s until the planned restart..."),
                entry(Msg.WAITING_UNTIL, "Running until the scheduled restart at %s..."),
                entry(Msg.WAITING_FOREVER, "Running with no planned restart; restarting it only if it fails..."),
                entry(Msg.START_FAILED, "Could not start the bot: %s"),
                entry(Msg.PLANNED_RESTART, "Planned restart after %s: stopping the bot gracefully"),
                entry(Msg.SCHEDULED_RESTART, "Scheduled restart (%s): stopping the bot gracefully"),
                entry(Msg.MEMORY_RESTART, "Memory restart: the bot uses %s, over the %s limit for %s checks in a row; stopping it gracefully"),
                entry(Msg.HUNG, "No output for %s: the bot looks hung; stopping it gracefully"),
                entry(Msg.MATCHED_RESTART, "A line matched --restart-on '%s': %s; restarting the bot gracefully (a failure)"),
                entry(Msg.MATCHED_FATAL, "A line matched --fatal-on '%s': %s; stopping the bot gracefully, then giving up"),
                entry(Msg.MATCHED_ALERT, "A line matched --alert-on '%s'%s: %s; the bot is left alone"),
                entry(Phrase.MATCHED_FOLDED, " (and %s more in the %s before)"),
                entry(Msg.MATCHED_BEFORE_EXIT, "Before it exited, a line of the bot matched %s '%s': %s"),
                entry(Msg.GIVING_UP_FATAL, "Giving up: a line matched %s, which no restart can fix; the supervisor exits with code 1"),
                entry(Phrase.WHY_MATCHED, "a line matched %s"),
                entry(Msg.DEFER_STARTED, "A restart is due, but %s exists (an open order?): it waits until the file is gone, at most %s (forced at %s); a stop, a failure or 'supervisor restart --now' does not wait"),
                entry(Msg.DEFER_ENDED, "The restart waited %s: %s is gone; restarting now"),
                entry(Msg.DEFER_FORCED, "The restart waited %s, as long as --max-defer allows: %s still exists; restarting anyway (forced)"),
                entry(Msg.DEFER_GIVES_WAY, "The deferred restart waited %s (for %s): a stop or a failure does not wait"),
                entry(Msg.DEFER_UNLISTED, "The --defer-restart-while folder cannot be read (%s): a planned restart waits as if it held a task, at most --max-defer; let the supervisor read the folder"),
                entry(Phrase.STATE_DEFERRED, "DEFERRED"),
                entry(Phrase.STATUS_DEFERRED, "  a planned restart waits for the --defer-restart-while file since %s; forced at %s"),
                entry(Phrase.RESTART_DEFERRED, "Restart deferred by the supervisor (PID %s) while its --defer-restart-while file exists, at most until %s; 'supervisor restart --now' does not wait"),
                entry(Help.HELP_DEFER_RESTART_WHILE, "While FILE (relative to --dir) exists, e.g. while an order is open, or while FILE is a folder that holds any entry (a pool: each task makes its own file in it), a planned restart (run-time, --restart-at, memory, 'supervisor restart') waits, at most --max-defer."),
                entry(Help.HELP_MAX_DEFER, "The longest a restart waits for --defer-restart-while; then it is forced (default: ${DEFAULT-VALUE})."),
                entry(Help.HELP_RESTART_NOW, "Restart at once, even while the --defer-restart-while file exists (SIGUSR2)."),
                entry(Msg.HUNG_HEARTBEAT, "No line matching --heartbeat '%s' for %s (the last: %s): the bot looks hung; stopping it gracefully"),
                entry(Msg.HUNG_HEARTBEAT_FILE, "%s not touched for %s (last modified: %s): the bot looks hung; stopping it gracefully"),
                entry(Phrase.SIGN_NEVER, "none since the bot started"),
                entry(Phrase.SIGN_NO_FILE, "the file does not exist"),
                entry(Phrase.NEEDS_MAX_SILENCE, "%s needs --max-silence: how long the bot may go without that sign of life"),
                entry(Phrase.STATUS_LAST_LINES, "  the last failure (%s); the bot's last lines then:"),
                entry(Help.HELP_LAST_LINES, "How many of the bot's last lines (their first 240 bytes) go with crashed, hung, matched and gave-up, into the state file and status; 0 to 100 (default: ${DEFAULT-VALUE})."),
                entry(Phrase.STATUS_TRIGGER, "  lines that tripped a trigger: %s; the last at %s: %s"),
                entry(Phrase.BAD_PATTERN, "%s: '%s' is not a valid regular expression (Java syntax): %s near index %s"),
                entry(Msg.TERM_SENT, "%s sent to %s process{|es}; killing after %s if still running"),
                entry(Msg.TERM_SENT_BOT, "%s sent to the bot (PID %s); what it leaves running gets it once it has exited; "
                        + "killing after %s if still running"),
                entry(Msg.ENDED_AT_ONCE, "Ending %s process{|es} (Windows has no SIGTERM: they end at once, the %s grace does not apply)"),
                entry(Phrase.EXIT_CODE, "code %s"),
                entry(Phrase.HOOK_TIMED_OUT, "still running after %s, killed"),
                entry(Phrase.WHY_MEMORY, "it used %s, over the %s limit at every check in the %s since its start: it cannot run under --max-memory; raise the limit above what the bot uses from its start"),
                entry(Msg.STATE_FILE_UNREADABLE, "Ignoring an unreadable state file (%s): no orphan recovery this time; a new one is written"),
                entry(Phrase.STATUS_STATE_IGNORED, "ignoring an unreadable state file (%s): %s"),
                entry(Phrase.UNREADABLE_NOT_FILE, "not a regular file"),
                entry(Phrase.UNREADABLE_TOO_BIG, "over %s"),
                entry(Phrase.UNREADABLE_EMPTY, "empty"),
                entry(Phrase.UNREADABLE_NOT_JSON, "not JSON"),
                entry(Phrase.UNREADABLE_NOT_STATE, "JSON, but not a state file"),
                entry(Phrase.UNREADABLE_IO, "%s"),
                entry(Phrase.STATUS_ORPHAN, "⚠ not running, but the bot of a supervisor that died is: %s%n"
                        + "  bot PID %s (%s); the next supervisor for this folder stops it before starting a new one"),
                entry(Phrase.EXIT_SIGNAL, "signal %s%s [code %s]"),
                entry(Msg.STOPPED_GRACEFULLY, "Bot stopped gracefully in %s"),
                entry(Msg.STOPPED_LEFT_BEHIND, "Bot stopped in %s; %s process{|es} it left running had to be sent %s"),
                entry(Msg.KILLED, "Bot still running after the %s grace: killed %s process{|es} with SIGKILL, gone after %s"),
                entry(Msg.SURVIVED, "Processes of the bot survived SIGKILL (stuck in the kernel?): PIDs %s"),
                entry(Msg.EXITED, "Bot exited by itself with %s after %s"),
                entry(Msg.LEFTOVERS, "The bot left %s process{|es} running: stopping {it|them} before the next start"),
                entry(Msg.FAILURE, "Failure %s of %s: %s"),
                entry(Msg.FAILURE_UNLIMITED, "Failure %s (never giving up): %s"),
                entry(Msg.PAUSE, "Pausing %s before the next start..."),
                entry(Msg.BACKOFF, "Backing off %s before the next start..."),
                entry(Msg.GIVING_UP, "Giving up after %s consecutive failures; the supervisor exits with code 1"),
                entry(Msg.STOP_REQUESTED, "Stop requested (%s): the bot is stopped and the supervisor exits"),
                entry(Msg.SUPERVISOR_STOPPED, "SUPERVISOR STOPPED"),
                entry(Msg.SUMMARY, "Summary: %s"),
                entry(Msg.ORPHAN, "Found the bot of a supervisor that died (PID %s, started %s, %s process{|es}): stopping it before starting a new one"),
                entry(Msg.PID_REUSED, "PID %s from the state file now belongs to another process: left alone"),
                entry(Msg.HOOK_FAILED, "The --on-event command failed for %s: %s; supervision goes on"),
                entry(Msg.FATAL_ERROR, "Unexpected error: %s; stopping the bot"),
                entry(Msg.LOG_FILE_FAILED, "Cannot write the log file %s (%s): lines go on here, and the file is tried again every 5s"),
                entry(Msg.CONSOLE_STALLED, "Console stalled: %s lines not shown, the log file has them"),
                entry(Msg.CONSOLE_STALLED_NO_FILE, "Console stalled: %s lines not shown (without --log-file they are lost)"),
                entry(Msg.STATE_FILE_FAILED, "Cannot write the state file (%s): supervision goes on; 'status' and orphan recovery need it"),
                entry(Phrase.WHY_NOT_STARTED, "the bot could not start"),
                entry(Phrase.WHY_HUNG, "the bot was hung"),
                entry(Phrase.WHY_EXIT, "exited with %s after %s"),
                entry(Phrase.WHY_TOO_SOON, "exited after %s, before the %s minimum uptime"),
                entry(Phrase.SUMMARY_FIELDS, "up %s, runs %s, planned restarts %s, memory restarts %s, hung restarts %s, triggers %s, failures %s, last exit: %s"),
                entry(Phrase.PYTHON_NOT_FOUND, "%s%n"
                        + "Create the virtualenv and install the bot's requirements in it (on Windows: python, and Scripts\\pip.exe):%n"
                        + "  python3 -m venv %s%n"
                        + "  %s/bin/pip install -r requirements.txt%n"
                        + "or name the interpreter with --python (a path, or a name on PATH)."),
                entry(Phrase.PYTHON_OPTION_NOT_FOUND, "Python executable not found: '%s' is neither an executable file nor a program on PATH"),
                entry(Phrase.SCRIPT_NOT_FOUND, "Script not found: %s%nCheck the file name (--script) and the bot's folder (--dir)."),
                entry(Phrase.COMMAND_NOT_FOUND, "Command not found: '%s' is neither an executable file nor a program on PATH"),
                entry(Phrase.PYTHON_LOOKED_FOR, "Python executable not found (looked for %s)."),
                entry(Phrase.VENV_MISSING, "Python executable not found: the virtualenv %s does not exist (--venv: a relative path is taken from --dir)."),
                entry(Phrase.PYTHON_GONE, "The virtualenv's Python is gone: %s points to %s, which does not exist (the system's Python upgraded or removed?)."),
                entry(Phrase.PYTHON_IS_FOLDER, "Python executable not found: '%s' is a folder; give a virtualenv's folder (the one that holds bin/python3) as --venv DIR, not --python"),
                entry(Phrase.COMMAND_IS_FOLDER, "Command not found: %s is a folder, not a program; give the program to run, then its arguments (-- node bot.js)"),
                entry(Phrase.COMMAND_IS_SCRIPT, "%s is a Python script, not a program: run it with --script %s (the supervisor runs it with the venv's Python)"),
                entry(Phrase.COMMAND_AS_PATH, "'%s' is not a program on PATH; to run the file of that name in the bot's folder, give its path: -- %s"),
                entry(Phrase.COMMAND_NOT_EXECUTABLE, "%s is not executable: make it executable (chmod +x %s), then give it as: -- %s"),
                entry(Phrase.DURATION_SPACE, "No space inside a duration: %s ('%s' apart is taken as the command to run)"),
                entry(Phrase.SUBCOMMAND_TYPO, "'%s' is neither a subcommand nor a program on PATH; did you mean 'supervisor %s'?"),
                entry(Phrase.LOCKED, "another supervisor (PID %s) is already running the bot in %s (it holds %s); "
                        + "stop it first, or see 'supervisor status --dir %s'"),
                entry(Phrase.NO_SUPERVISOR, "no supervisor is running the bot in %s (see 'supervisor status --dir %s')"),
                entry(Phrase.STATUS_RUNNING, "● running: %s%n  supervisor PID %s, state %s, bot PID %s%n"
                        + "  runs %s, planned restarts %s, health restarts %s, failures %s%n  next planned restart: %s"),
                entry(Phrase.STATUS_NOT_RUNNING, "○ not running: no supervisor is running the bot in %s"),
                entry(Phrase.STATUS_GAVE_UP, "○ not running (FATAL): the supervisor of the bot in %s gave up after %s failure{|s} in a row; once the cause is fixed, start it again%n"
                        + "  runs %s, planned restarts %s, health restarts %s, failures %s"),
                entry(Phrase.STATUS_STOPPED, "○ not running: the supervisor of the bot in %s was stopped%n"
                        + "  runs %s, planned restarts %s, health restarts %s, failures %s"),
                entry(Phrase.STATUS_LAST_FAILURE, "  the last failure (%s)"),
                entry(Phrase.STATUS_MEMORY, "  memory: %s, the RSS of the bot's whole tree (no --max-memory)"),
                entry(Phrase.STATUS_MEMORY_LIMIT, "  memory: %s, the RSS of the bot's whole tree (--max-memory %s)"),
                entry(Phrase.HELP_HINT, "Run 'supervisor --help' for the options."),
                entry(Phrase.UNEXPECTED_ERROR, "unexpected error: %s"),
                entry(Phrase.BAD_VALUE, "Invalid value for option '%s': %s"),
                entry(Phrase.NOT_A_DURATION, "'%s' is not a duration: use seconds (3600) or 500ms, 90s, 15m, 1h, 1h30m, 2d, PT1H"),
                entry(Phrase.DURATION_TOO_LONG, "'%s' is longer than the %s years taken"),
                entry(Phrase.SIZE_NEEDS_UNIT, "'%s' needs a unit: %sM or %sK, for example (K, M, G are powers of 1024)"),
                entry(Phrase.NOT_A_SIZE, "'%s' is not a size: use a number with K, M or G (512M, 2G, 10MB)"),
                entry(Phrase.SIZE_OUT_OF_RANGE, "'%s' is out of range"),
                entry(Phrase.NOT_A_TIME, "'%s' is not a time of day: use HH:MM, 24-hour (04:00, 16:30)"),
                entry(Phrase.NOT_A_NUMBER, "'%s' is not a whole number (5, 0)"),
                entry(Phrase.NO_KILL_RESTART, "a restart is asked with SIGUSR1, sent by the kill program (/bin/kill or /usr/bin/kill), "
                        + "which is not on this system: install it (Debian, Ubuntu: apt-get install procps)"),
                entry(Msg.STOP_SIGNAL_IGNORED, "%1$s is ignored by this supervisor (started with & from a script?) and would be by the bot: "
                        + "its stops cannot be graceful; use --stop-signal TERM, or start the supervisor with job control (set -m), systemd or nohup"),
                entry(Msg.KILLED_NOW, "Bot killed at once, as asked: %s process{|es} with SIGKILL, gone after %s"),
                entry(Phrase.NO_KILL, "--stop-signal %s needs the kill program (/bin/kill or /usr/bin/kill), which is not on this system; use --stop-signal TERM"),
                entry(Phrase.NOT_A_SIGNAL, "'%s' is not a stop signal: use TERM, INT, HUP, QUIT, USR1 or USR2 (SIGINT and sigint work too)"),
                entry(Phrase.NOT_A_ZONE, "'%s' is not a time zone: use a name like Europe/Lisbon or America/Sao_Paulo, or UTC"),
                entry(Phrase.NOT_A_FOLDER, "--dir: %s is not a folder"),
                entry(Phrase.AT_LEAST, "%s must be %s or more, not %s"),
                entry(Phrase.AT_MOST, "%s must be %s or less, not %s"),
                entry(Phrase.TOO_MANY_TIMES, "%s takes at most %s times (one a minute of the day), not %s"),
                entry(Phrase.RUN_TIME_ZERO, "--run-time must be longer than 0 (or 'off' for no interval)"),
                entry(Phrase.MIN_UPTIME_ZERO, "--min-uptime must be longer than 0: it is how long a run must stay up for past "
                        + "failures to be forgotten; to never give up, use --max-failures 0"),
                entry(Phrase.NO_PROC, "--max-memory needs /proc to read the bot's memory (Linux); it is not supported on %s"),
                entry(Phrase.UNCLOSED_QUOTE, "--on-event: unclosed %s quote in: %s"),
                entry(Phrase.LOCK_FILE_UNUSABLE, "cannot use the lock file %s (%s): check that its folder exists and is writable, "
                        + "or choose another with --lock-file"),
                entry(Phrase.SYMLINK_REFUSED, "refusing to use %s: it is a symbolic link; remove it"),
                entry(Phrase.ODD_FILE_REFUSED, "refusing to use %s: it is not a regular file (a folder, a FIFO or a device); remove it"),
                entry(Phrase.LOG_FILE_UNWRITABLE, "--log-file: cannot write %s (%s): check that its folder is writable"),
                entry(Phrase.CONFIG_UNREADABLE, "--config: %s is not a readable file"),
                entry(Phrase.CONFIG_TOO_BIG, "--config: %s is over %s: is it the right file?"),
                entry(Phrase.CONFIG_UNKNOWN_KEY, "%s:%s: unknown key '%s' (keys are long option names, like run-time)"),
                entry(Phrase.UNKNOWN_OPTION, "Unknown option: '%s'"),
                entry(Phrase.UNKNOWN_OPTION_NEAR, "Unknown option: '%s'; did you mean %s?"),
                entry(Phrase.UNEXPECTED_ARGUMENT, "Unexpected argument: '%s'"),
                entry(Phrase.MISSING_VALUE, "Missing value for option '%s' (%s)"),
                entry(Phrase.MISSING_PARAMETER, "Missing required parameter: '%s'"),
                entry(Phrase.NOT_ONE_OF, "'%s' is not one of the accepted values: %s"),
                entry(Phrase.NO_SUCH_FILE, "no such file or folder: %s"),
                entry(Phrase.PERMISSION_DENIED, "permission denied: %s"),
                entry(Phrase.STATE_STARTING, "STARTING"),
                entry(Phrase.STATE_RUNNING, "RUNNING"),
                entry(Phrase.STATE_STOPPING, "STOPPING"),
                entry(Phrase.STATE_PAUSED, "PAUSED"),
                entry(Phrase.STATE_BACKOFF, "BACKOFF"),
                entry(Phrase.STATE_STOPPED, "STOPPED"),
                entry(Phrase.STATE_FATAL, "FATAL"),
                entry(Phrase.ORIGIN_COMMAND_LINE, "command line"),
                entry(Phrase.ORIGIN_ENVIRONMENT, "environment %s"),
                entry(Phrase.LABEL_DURATION, "DURATION"),
                entry(Phrase.LABEL_FILE, "FILE"),
                entry(Phrase.LABEL_DIR, "DIR"),
                entry(Phrase.LABEL_SIZE, "SIZE"),
                entry(Phrase.LABEL_COMMAND, "COMMAND"),
                entry(Phrase.LABEL_FORMAT, "FORMAT"),
                entry(Phrase.LABEL_LANG, "LANG"),
                entry(Phrase.LABEL_MODE, "MODE"),
                entry(Phrase.LABEL_NAME, "NAME"),
                entry(Phrase.LABEL_SIGNAL, "SIGNAL"),
                entry(Phrase.LABEL_ZONE, "ZONE"),
                entry(Phrase.LABEL_OPTIONS, "OPTIONS"),
                entry(Phrase.LABEL_ARG, "ARG"),
                entry(Phrase.LABEL_ADDRESS, "[ADDR:]PORT"),
                entry(Phrase.RESTART_ASKED, "Restart asked: the supervisor (PID %s) stops the bot, giving it up to %s to finish, then starts it again"),
                entry(Phrase.STOP_ASKED, "Stop asked: the supervisor (PID %s) stops the bot, giving it up to %s to finish"),
                entry(Phrase.ORIGIN_DEFAULT, "default"),
                entry(Help.HELP_SYNOPSIS_HEADING, "Usage: "),
                entry(Help.HELP_END_OF_OPTIONS, "Separates the supervisor's options from the COMMAND to supervise."),
                entry(Help.HELP_DESCRIPTION, "Keeps a long-running bot alive: starts it with its virtualenv's Python, restarts it on a"
                        + " schedule and after failures, stops it gracefully, and logs every action with a timestamp.%n"),
                entry(Help.HELP_COMMANDS_HEADING, "Commands:%n"),
                entry(Help.HELP_FOOTER, "A DURATION is seconds (3600) or 500ms, 90s, 15m, 1h, 1h30m, 2d, PT1H. A SIZE has a unit: 512K, 10MB, 2G.%n%n"
                        + "Settings come from the command line, then SUPERVISOR_* environment variables (SUPERVISOR_RUN_TIME=1h), "
                        + "then the --config file (run-time=1h), then the defaults.%n"),
                entry(Help.HELP_HELP, "Show this help message and exit."),
                entry(Help.HELP_VERSION, "Print version information and exit."),
                entry(Help.HELP_COMMAND, "Supervise COMMAND [ARG...] instead of <python> <script> (no venv lookup then); put it after --."),
                entry(Help.HELP_DIR, "The bot's folder: the bot runs there; script and venv are looked up there (default: ${DEFAULT-VALUE})."),
                entry(Help.HELP_SCRIPT, "The script run with the venv's Python (default: ${DEFAULT-VALUE})."),
                entry(Help.HELP_VENV, "The virtualenv (default: venv, then .venv in --dir, then $VIRTUAL_ENV)."),
                entry(Help.HELP_PYTHON, "The interpreter to use instead of the venv lookup: a path, or a name found on PATH."),
                entry(Help.HELP_RUN_TIME, "How long each run lasts before its planned restart; 'off' for none (default: ${DEFAULT-VALUE})."),
                entry(Help.HELP_PAUSE, "Pause from the bot's end (its exit, or the end of its stop) to the next start; doubles after each consecutive failure, from at least 100ms, up to 5m (default: ${DEFAULT-VALUE})."),
                entry(Help.HELP_GRACE, "After the stop signal (--stop-signal), how long to wait before killing, at most 1h (default: ${DEFAULT-VALUE})."),
                entry(Help.HELP_MAX_FAILURES, "Consecutive failed runs before giving up; 0 never gives up (default: ${DEFAULT-VALUE})."),
                entry(Help.HELP_MIN_UPTIME, "A run that ends by itself sooner counts as failed, whatever its exit code; more than 0 (default: ${DEFAULT-VALUE})."),
                entry(Help.HELP_NAME, "The tag of the bot's lines in the log (default: the script's or the command's name)."),
                entry(Help.HELP_LOG_FILE, "Also write everything logged to FILE, rotated by size."),
                entry(Help.HELP_LOG_MAX_SIZE, "Rotate the log file when it would grow past SIZE, at least 8K (default: ${DEFAULT-VALUE})."),
                entry(Help.HELP_LOG_KEEP, "How many rotated log files to keep, 0 to 1000 (default: ${DEFAULT-VALUE})."),
                entry(Help.HELP_LOG_FORMAT, "text, or json: one JSON object per line (default: ${DEFAULT-VALUE})."),
                entry(Help.HELP_LANG, "Language of the messages: en or pt, also in a locale's name (pt_BR) (default: from LC_ALL, LC_MESSAGES or LANG)."),
                entry(Help.HELP_LOCK_FILE, "A further lock, held as well as .supervisor.lock in --dir: bots in other folders that share it never run at once."),
                entry(Help.HELP_MAX_MEMORY, "Restart gracefully when the bot and its descendants use more resident memory than SIZE for 3 checks in a row (512M, 2G); a failure if over it at every check since the start."),
                entry(Help.HELP_CHECK_EVERY, "How often memory and silence are checked, at least 50ms (default: ${DEFAULT-VALUE})."),
                entry(Help.HELP_MAX_SILENCE, "Restart the bot, as a failure, when it writes nothing to stdout or stderr for this long (at least 50ms)."),
                entry(Help.HELP_HEARTBEAT, "With --max-silence: only the lines that match REGEX (Java syntax) count as signs of life, not any output (freqtrade: 'Bot heartbeat')."),
                entry(Help.HELP_HEARTBEAT_FILE, "With --max-silence: the bot touches FILE (relative to --dir); its modification time must advance within --max-silence."),
                entry(Help.HELP_RESTART_ON, "Restart the bot gracefully, as a failure, when a line it writes (stdout or stderr) matches REGEX (Java syntax); repeatable."),
                entry(Help.HELP_FATAL_ON, "Stop the bot gracefully and give up (exit 1) when a line it writes matches REGEX: an error no restart can fix; repeatable."),
                entry(Help.HELP_ALERT_ON, "Run the --on-event command (event matched) when a line the bot writes matches REGEX, at most once a minute per pattern; repeatable."),
                entry(Help.HELP_RESTART_AT, "Planned restarts at these wall-clock times, in --timezone; whichever of this and --run-time comes first (at most 1440 times)."),
                entry(Help.HELP_TIMEZONE, "The time zone of --restart-at, e.g. Europe/Lisbon (default: the system's)."),
                entry(Help.HELP_ON_EVENT, "Run COMMAND (no shell; split on spaces, quotes group) on each notable event, with SUPERVISOR_EVENT and friends in its environment."),
                entry(Help.HELP_ON_EVENT_TIMEOUT, "How long an --on-event command may run before it is killed, at most 10m (default: ${DEFAULT-VALUE})."),
                entry(Help.HELP_STOP_SIGNAL, "The signal of a graceful stop: TERM, INT, HUP, QUIT, USR1 or USR2 (default: ${DEFAULT-VALUE})."),
                entry(Help.HELP_STOP_MODE, "Who gets the stop signal: mixed (the bot first; what it leaves running once it has exited, as systemd's KillMode=mixed) or control-group (all its processes at once) (default: ${DEFAULT-VALUE})."),
                entry(Help.HELP_ENV_FILE, "Add the KEY=VALUE lines of FILE (a regular UTF-8 file, at most 1 MB) to the bot's environment, read again before each start; repeatable, later files win."),
                entry(Help.HELP_CONFIG, "A properties file of settings: long option names as keys (run-time=1h)."),
                entry(Help.HELP_STATUS, "Says whether a supervisor is running the bot in --dir, with its counters."),
                entry(Help.HELP_TARGET_DIR, "The bot's folder (default: ${DEFAULT-VALUE})."),
                entry(Help.HELP_STATUS_JSON, "One JSON object, for scripts."),
                entry(Help.HELP_RESTART, "Asks the supervisor of the bot in --dir for a restart now: the graceful stop, then a start "
                        + "without the pause. Waits for the new bot and prints its PID."),
                entry(Help.HELP_RESTART_NO_WAIT, "Return once the request is made, without waiting for the new bot."),
                entry(Help.HELP_RESTART_WAIT, "How long the new bot must stay up for the restart to succeed (default: the supervisor's --min-uptime)."),
                entry(Help.HELP_STOP, "Stops the bot in --dir gracefully and its supervisor, as SIGTERM does, and waits until both are gone."),
                entry(Phrase.RESTART_SENT, "Restart requested from the supervisor (PID %s) of the bot in %s"),
                entry(Phrase.RESTART_DONE, "Restarted: the bot in %s runs again, PID %s"),
                entry(Phrase.RESTART_WAITING, "The new bot runs (PID %s); waiting %s to see that it stays up..."),
                entry(Phrase.WHY_WITH_LAST_LINE, "%s; its last line: %s"),
                entry(Phrase.RESTART_FAILED, "the restart of the bot in %s failed: %s"),
                entry(Phrase.RESTART_NO_NEWS, "no new bot within %s; see the supervisor's log"),
                entry(Phrase.SUPERVISOR_EXITED, "its supervisor (PID %s) exited; see its log"),
                entry(Phrase.STOP_DONE, "Stopped: the bot in %s and its supervisor (PID %s) are gone, after %s"),
                entry(Phrase.STOP_SLOW, "the supervisor (PID %s) is still running after %s; see its log"),
                entry(Phrase.EXIT_RESTARTED, "the new bot runs"),
                entry(Phrase.EXIT_RESTART_FAILED, "the new bot could not start, or its supervisor exited"),
                entry(Phrase.EXIT_STOP_DONE, "the bot and its supervisor are gone"),
                entry(Phrase.EXIT_STOP_SLOW, "the supervisor was still running after its grace and a margin"),
                entry(Help.HELP_TARGET_CONFIG, "The run's properties file: its dir (and lang) are used, as a run would use them."),
                entry(Help.HELP_TARGET_LANG, "Language of the output: en or pt (default: the language of the supervisor it reports on, "
                        + "else from LC_ALL, LC_MESSAGES or LANG)."),
                entry(Help.HELP_CONFIG_COMMAND, "Prints the effective settings of a run with these options, and where each came from; starts nothing."),
                entry(Help.HELP_UNIT, "Prints a systemd unit that runs this supervisor as it runs now (the installed command, "
                        + "the fat jar or the script) with these options, checked as a run checks them; starts nothing:%n"
                        + "  supervisor unit --dir /srv/bot > /etc/systemd/system/bot.service"),
                entry(Phrase.UNIT_MADE, "Made by 'supervisor unit' (supervisor %s) for the bot in %s, run as %s; "
                        + "examples/systemd explains each setting."),
                entry(Phrase.UNIT_INSTALL, "Save it as /etc/systemd/system/%s.service, then: "
                        + "systemctl daemon-reload && systemctl enable --now %s"),
                entry(Phrase.UNIT_DESCRIPTION, "%s in %s, kept alive by supervisor"),
                entry(Phrase.UNIT_UNKNOWN_ROUTE, "cannot tell how this supervisor was started, so no unit could start it again: "
                        + "run 'supervisor unit' as the installed command, as the fat jar (java -jar), or as "
                        + "./jbang Supervisor.java in the script's own folder (this one is %s)"),
                entry(Phrase.EXIT_UNIT_PRINTED, "the unit was printed"),
                entry(Phrase.EXIT_UNIT_UNKNOWN_ROUTE, "not started as the installed command, the fat jar or the script: no unit"),
                entry(Help.HELP_COMPLETION, "Prints a completion script for bash or zsh: source <(supervisor completion bash)"),
                entry(Help.HELP_COMPLETION_SHELL, "bash or zsh"),
                entry(Phrase.HOOK_NO_FILE, "--on-event: no such file: %s%nCheck the path (a relative path starts from the folder the supervisor runs in)."),
                entry(Phrase.HOOK_NOT_ON_PATH, "--on-event: '%s' is neither a file nor a program on PATH; give its path, like /srv/bot/alert.sh"),
                entry(Phrase.HOOK_NOT_EXECUTABLE, "--on-event: %s is not executable; make it executable with: chmod +x %s"),
                entry(Phrase.ENV_UNKNOWN, "warning: %s is not a setting and is ignored (a setting is SUPERVISOR_ and an option's long name, like SUPERVISOR_RUN_TIME)"),
                entry(Phrase.ENV_UNKNOWN_NEAR, "warning: %s is not a setting and is ignored; did you mean %s?"),
                entry(Phrase.CONFIG_RESOLVED, "what a run starts"),
                entry(Phrase.CONFIG_ALREADY_RUNNING, "note: a supervisor (PID %s) is already running the bot in %s: a run now would exit 3 (see 'supervisor status --dir %s')"),
                entry(Phrase.EXIT_CODES, "Exit codes:"),
                entry(Phrase.EXIT_STOPPED, "stopped on request (Ctrl+C, SIGTERM, SIGHUP)"),
                entry(Phrase.EXIT_FATAL, "gave up after --max-failures consecutive failures, or a fatal error"),
                entry(Phrase.EXIT_USAGE, "bad usage or configuration (an option, the venv, the script): nothing was started"),
                entry(Phrase.EXIT_LOCKED, "another supervisor already runs this bot"),
                entry(Phrase.EXIT_BAD_USAGE, "bad usage: an unknown option or a bad value"),
                entry(Phrase.EXIT_STATUS_RUNNING, "a supervisor is running the bot"),
                entry(Phrase.EXIT_STATUS_NOT_RUNNING, "no supervisor is running the bot"),
                entry(Phrase.EXIT_CONFIG_OK, "the settings are valid: a run would start with them"),
                entry(Phrase.EXIT_PRINTED, "the script was printed"),
                entry(Msg.ENV_FILE_SHARED, "The env file %s can be read by other users (%s), and it holds secrets: make it private with chmod 600 %s"),
                entry(Msg.REGISTRY_FAILED, "Cannot list this supervisor in %s (%s): 'supervisor ls' will not show it; the bot runs all the same"),
                entry(Phrase.ENV_FILE_UNREADABLE, "cannot read the env file %s (%s)"),
                entry(Phrase.ENV_FILE_BAD_LINE, "env file %s:%s: %s (the line is not shown: it may hold a secret)"),
                entry(Phrase.ENV_NOT_ASSIGNMENT, "not a KEY=VALUE line"),
                entry(Phrase.ENV_BAD_NAME, "the name before '=' is not a variable name (letters, digits and _, not starting with a digit)"),
                entry(Phrase.ENV_UNCLOSED_QUOTE, "a quote is not closed on this line"),
                entry(Phrase.ENV_AFTER_QUOTE, "there is text after the closing quote"),
                entry(Phrase.ENV_NUL, "there is a NUL byte on this line, which no environment variable can hold"),
                entry(Phrase.ENV_NOT_UTF8, "a byte on this line is not UTF-8: save the file as UTF-8"),
                entry(Phrase.ENV_FILE_UTF16, "the env file %s is UTF-16: save it as UTF-8 (Notepad: Save as, Encoding UTF-8)"),
                entry(Phrase.ENV_FILE_NOT_REGULAR, "the env file %s is not a regular file (a pipe such as <(…), a FIFO, a device "
                        + "or a folder): it is read again before each start, which only a file can be; write the variables to "
                        + "a file, make it private with chmod 600, and name that file"),
                entry(Phrase.ENV_FILE_TOO_BIG, "the env file %s is larger than %s: an env file holds KEY=VALUE lines; "
                        + "check that it is the right file"),
                entry(Phrase.CONFIG_ENV_NAMES, "%s sets %s"),
                entry(Help.HELP_LOGS, "Prints the last lines of the log file (--log-file) of the bot's supervisor, the running one or the last; "
                        + "with -f, follows it across rotations until Ctrl+C."),
                entry(Help.HELP_LOGS_LINES, "How many of the last lines to print (default: ${DEFAULT-VALUE})."),
                entry(Help.HELP_LOGS_FOLLOW, "Then print each new line as it is written, across rotations, until Ctrl+C."),
                entry(Phrase.EXIT_LOGS_PRINTED, "the lines were printed (with -f: until Ctrl+C or SIGTERM)"),
                entry(Phrase.EXIT_LOGS_UNREADABLE, "the state file or the log file cannot be read"),
                entry(Phrase.EXIT_LOGS_NO_FILE, "bad usage, or the bot's supervisor logs to its stdout only (no --log-file)"),
                entry(Phrase.EXIT_LOGS_NEVER_RAN, "no supervisor has run the bot in --dir"),
                entry(Phrase.LOGS_NO_SUPERVISOR, "no supervisor has run the bot in %s (there is no %s): check --dir"),
                entry(Phrase.LOGS_NO_FILE, "the supervisor of the bot in %s logs to its stdout only: it runs without --log-file, so there is no file to show.%n"
                        + "Stop it and start it again with --log-file FILE (or log-file=FILE in its --config file; a restart keeps the settings); "
                        + "until then its log is wherever its stdout goes (journalctl -u UNIT under systemd, docker logs CONTAINER under Docker)."),
                entry(Phrase.LOGS_NO_FILE_RAN, "the supervisor of the bot in %s ran without --log-file, logging to its stdout only, so there is no file to show.%n"
                        + "Start it with --log-file FILE (or log-file=FILE in its --config file); its last log went wherever its stdout went "
                        + "(journalctl -u UNIT under systemd, docker logs CONTAINER under Docker)."),
                entry(Phrase.LOGS_UNREADABLE, "cannot read the log file %s (%s)"),
                entry(Phrase.LS_COLUMNS, "NAME|FOLDER|STATE|BOT PID|UPTIME|RUNS|RESTARTS|FAILURES"),
                entry(Phrase.LS_NONE, "no supervisor is registered in %s: none has been started by this user, or all were stopped"),
                entry(Phrase.STATE_STALE, "STALE"),
                entry(Phrase.EXIT_LS_OK, "every listed bot runs or is in a planned pause"),
                entry(Phrase.EXIT_LS_TROUBLE, "a bot is in BACKOFF, gave up (FATAL), or is STALE (its supervisor is gone)"),
                entry(Phrase.EXIT_LS_NONE, "no supervisor is registered"),
                entry(Help.HELP_LS, "Lists this user's registered supervisors, one line per bot, sorted by name: its folder, state, "
                        + "bot PID, uptime, runs, restarts and failures. A STALE entry (its supervisor gone without stopping) is "
                        + "shown once, then removed."),
                entry(Help.HELP_LS_JSON, "One JSON array, each object with the field names of status --json and the bot's name."),
                entry(Phrase.UNKNOWN_BOT, "no registered bot is called %s (the known ones: %s); see 'supervisor ls', or give --dir"),
                entry(Phrase.NAME_TWICE, "two bots are called %s, in %s and in %s: give --dir, or start them with --name to tell them apart"),
                entry(Help.HELP_TARGET_NAME, "The bot's name (its --name, as 'supervisor ls' shows it), found in this user's registry; "
                        + "instead of --dir."),
                entry(Phrase.ALL_AND_TARGET, "--all is every registered bot: give it without a name or --dir"),
                entry(Phrase.NONE_RUNNING, "no supervisor registered in %s is running (see 'supervisor ls')"),
                entry(Help.HELP_STOP_ALL, "Stop every registered bot whose supervisor runs (as 'supervisor ls' lists them): "
                        + "all are asked at once, then each is waited for."),
                entry(Msg.HTTP_LISTENING, "Page, metrics and status at %s (%s)"),
                entry(Msg.HTTP_AFTER_GIVING_UP, "The page stays for %s to show why the supervisor gave up; stop it to exit now"),
                entry(Phrase.NEEDS_HTTP, "%s needs --http: the page it is for"),
                entry(Phrase.HTTP_NO_MODULE, "--http needs the JDK's HTTP server (the module jdk.httpserver), which the Java runtime in %s lacks: use a whole JRE or JDK (Debian: openjdk-17-jre-headless)"),
                entry(Phrase.NOT_AN_ADDRESS, "'%s' is not [ADDR:]PORT (8080, 127.0.0.1:8080, [::1]:8080, 0.0.0.0:8080)"),
                entry(Phrase.HTTP_NEEDS_TOKEN, "--http %s is not loopback: anyone who reaches it could see the bot's log; give --http-token-file too, or bind to 127.0.0.1"),
                entry(Phrase.HTTP_CANNOT_BIND, "--http %s: cannot listen there (%s): is the port taken?"),
                entry(Phrase.TOKEN_NOT_FILE, "%s is not a regular file"),
                entry(Phrase.TOKEN_SHARED, "%s can be read by other users (%s), and it holds the page's token: make it private with chmod 600 %s"),
                entry(Phrase.TOKEN_NOT_A_TOKEN, "%s must hold one token of at least %s printable characters, no spaces, at most 4 KB (openssl rand -hex 32 makes one)"),
                entry(Phrase.TOKEN_UNREADABLE, "cannot read %s (%s)"),
                entry(Phrase.HTTP_READ_ONLY_MODE, "read-only: no --http-token-file"),
                entry(Phrase.HTTP_TOKEN_MODE, "restart and stop with the token of --http-token-file"),
                entry(Phrase.HTTP_WHO, "the page, from %s"),
                entry(Phrase.HTTP_TOKEN_NEEDED, "Wrong or missing token: send Authorization: Bearer TOKEN (the one in --http-token-file)"),
                entry(Phrase.HTTP_READ_ONLY, "Read-only: the supervisor was started without --http-token-file"),
                entry(Phrase.HTTP_NOT_ALLOWED, "Method not allowed"),
                entry(Phrase.HTTP_NOT_FOUND, "Not found: try /, /metrics, /api/status or /healthz"),
                entry(Phrase.HTTP_NO_BODY, "No request body is taken"),
                entry(Phrase.HTTP_FINAL, "The supervisor has stopped or given up: nothing to ask of it"),
                entry(Phrase.HTTP_HOST_REFUSED, "A page without --http-token-file answers only to this machine's own names (localhost, 127.0.0.1, [::1]): open it through one, e.g. with ssh -L, or give it a token file"),
                entry(Phrase.PAGE_TITLE, "%s · supervisor"),
                entry(Phrase.PAGE_LOADING, "Loading…"),
                entry(Phrase.PAGE_UNREACHABLE, "The supervisor does not answer (stopped?); showing what it last said"),
                entry(Phrase.PAGE_TOKEN_ASK, "Token (the one in --http-token-file):"),
                entry(Phrase.PAGE_TOKEN_USE, "Use it"),
                entry(Phrase.PAGE_GAVE_UP, "The supervisor gave up after %s failures and restarts the bot no more: %s"),
                entry(Phrase.PAGE_BOT_PID, "Bot PID"),
                entry(Phrase.PAGE_UPTIME, "Up for"),
                entry(Phrase.PAGE_RUNS, "Runs"),
                entry(Phrase.PAGE_PLANNED, "Planned restarts"),
                entry(Phrase.PAGE_HEALTH, "Health restarts"),
                entry(Phrase.PAGE_REQUESTED, "Requested restarts"),
                entry(Phrase.PAGE_FAILURES, "Failures"),
                entry(Phrase.PAGE_FAILURES_VALUE, "%s in a row, %s in all"),
                entry(Phrase.PAGE_LAST_EXIT, "Last exit"),
                entry(Phrase.PAGE_NEXT_RESTART, "Next planned restart"),
                entry(Phrase.PAGE_MEMORY, "Memory now"),
                entry(Phrase.PAGE_MEMORY_HOUR, "Memory over the last hour (the highest of each minute)"),
                entry(Phrase.PAGE_RESTART, "Restart the bot"),
                entry(Phrase.PAGE_RESTART_ASKED, "Restart asked for: the bot stops gracefully, then starts again"),
                entry(Phrase.PAGE_STOP, "Stop the supervisor"),
                entry(Phrase.PAGE_STOP_ASKED, "Stop asked for: the bot stops gracefully, then the supervisor exits"),
                entry(Phrase.PAGE_CONFIRM_STOP, "Stop the bot and its supervisor? Nothing will start it again here."),
                entry(Phrase.PAGE_EVENTS, "Recent events"),
                entry(Phrase.PAGE_LINES, "The last %s log lines"),
                entry(Phrase.METRIC_UP, "1 while the supervisor answers."),
                entry(Phrase.METRIC_INFO, "The supervisor's version, as a label."),
                entry(Phrase.METRIC_STATE, "The supervisor's state: 1 for the one it is in."),
                entry(Phrase.METRIC_BOT_UP, "1 while the bot runs."),
                entry(Phrase.METRIC_BOT_START, "When the running bot started, in seconds since the epoch."),
                entry(Phrase.METRIC_STARTS, "Times the bot was started."),
                entry(Phrase.METRIC_RESTARTS, "Restarts of a running bot by reason: planned (run time, restart-at), requested (a person), memory, hung."),
                entry(Phrase.METRIC_FAILURES, "Failed runs: crashes, early exits, hangs, matched lines, failed starts."),
                entry(Phrase.METRIC_CONSECUTIVE, "Failed runs in a row; the supervisor gives up at --max-failures."),
                entry(Phrase.METRIC_LAST_EXIT, "The exit code of the last run that exited by itself (128+N: killed by signal N)."),
                entry(Phrase.METRIC_MEMORY, "Resident memory of the bot and its descendants at the last check, in bytes."),
                entry(Phrase.METRIC_LINES, "Lines of the bot's output relayed to the log."),
                entry(Help.HELP_RESTART_ALL, "Restart every registered bot whose supervisor runs, one after the other, each "
                        + "waited for as one restart is; exit 1 if any restart failed."),
                entry(Help.HELP_HTTP, "Serve a page, Prometheus metrics (/metrics), the status (/api/status) and /healthz at [ADDR:]PORT; ADDR is 127.0.0.1 when left off; anything but loopback needs --http-token-file."),
                entry(Help.HELP_HTTP_TOKEN_FILE, "A file (chmod 600) holding the token that every path of the page but /healthz needs (its restart and stop buttons, POST /api/restart and /api/stop too), as Authorization: Bearer TOKEN; without it the page is read-only and answers on loopback only."));
    }

    /** The words in Portuguese (Texts.of): loaded only by a run or a command in Portuguese. */
    static final class Portuguese {
        private static Map.Entry<Text, String> entry(Text text, String words) {
            return Texts.entry(text, words);
        }

        static final Map<Text, String> PT = Map.ofEntries(
                entry(Msg.SUPERVISOR_STARTED, "SUPERVISOR INICIADO"),
                entry(Msg.TRANSITION, "%s -> %s (%s)"),
                entry(Msg.RESTART_WHILE_RUNNING, "Reinício solicitado (%s): encerrando o bot graciosamente e iniciando-o logo em seguida"),
                entry(Msg.RESTART_WHILE_PAUSED, "Reinício solicitado (%s): iniciando o bot agora"),
                entry(Msg.STOP_AGAIN, "Encerramento já em andamento: o bot ainda tem %s para sair graciosamente; peça uma terceira vez para forçá-lo agora"),
                entry(Msg.KILL_NOW, "Encerramento pedido pela terceira vez: forçando o encerramento do bot agora"),
                entry(Msg.CGROUP_USED, "O bot roda num cgroup só dele, %s: o encerramento alcança todos os processos que ele inicia"),
                entry(Msg.CGROUP_NOT_USED, "Sem cgroup próprio para o bot (nenhum cgroup v2 em que este processo possa escrever: %s): o encerramento acha os processos dele pela árvore, pela sessão e pela marca"),
                entry(Msg.SETTINGS, "Configuração: %s"),
                entry(Msg.STARTING, "Iniciando script dos bots: %s"),
                entry(Msg.COMMAND, "Comando: %s (em %s)"),
                entry(Msg.START_OK, "Script iniciado com sucesso!"),
                entry(Msg.PID, "PID do processo: %s"),
                entry(Msg.WAITING, "Aguardando execução por %s..."),
                entry(Msg.WAITING_UNTIL, "Aguardando execução até o reinício agendado às %s..."),
                entry(Msg.WAITING_FOREVER, "Em execução sem reinício programado; só será reiniciado se falhar..."),
                entry(Msg.START_FAILED, "Não foi possível iniciar o bot: %s"),
                entry(Msg.PLANNED_RESTART, "Reinício programado após %s: encerrando o bot graciosamente"),
                entry(Msg.SCHEDULED_RESTART, "Reinício agendado (%s): encerrando o bot graciosamente"),
                entry(Msg.MEMORY_RESTART, "Reinício por memória: o bot usa %s, acima do limite de %s em %s verificações seguidas; encerrando-o graciosamente"),
                entry(Msg.HUNG, "Sem saída há %s: o bot parece travado; encerrando-o graciosamente"),
                entry(Msg.MATCHED_RESTART, "Uma linha casou com --restart-on '%s': %s; reiniciando o bot graciosamente (uma falha)"),
                entry(Msg.MATCHED_FATAL, "Uma linha casou com --fatal-on '%s': %s; encerrando o bot graciosamente e desistindo"),
                entry(Msg.MATCHED_ALERT, "Uma linha casou com --alert-on '%s'%s: %s; o bot segue rodando"),
                entry(Phrase.MATCHED_FOLDED, " (e mais %s {linha|linhas} nos últimos %s)"),
                entry(Msg.MATCHED_BEFORE_EXIT, "Antes de terminar, uma linha do bot casou com %s '%s': %s"),
                entry(Msg.GIVING_UP_FATAL, "Desistindo: uma linha casou com %s, o que nenhum reinício resolve; o supervisor sai com código 1"),
                entry(Phrase.WHY_MATCHED, "uma linha casou com %s"),
                entry(Msg.DEFER_STARTED, "Um reinício é devido, mas %s existe (uma ordem aberta?): ele espera o arquivo sumir, no máximo %s (forçado às %s); uma parada, uma falha ou 'supervisor restart --now' não esperam"),
                entry(Msg.DEFER_ENDED, "O reinício esperou %s: %s sumiu; reiniciando agora"),
                entry(Msg.DEFER_FORCED, "O reinício esperou %s, o máximo de --max-defer: %s ainda existe; reiniciando assim mesmo (forçado)"),
                entry(Msg.DEFER_GIVES_WAY, "O reinício adiado esperou %s (por %s): uma parada ou uma falha não esperam"),
                entry(Msg.DEFER_UNLISTED, "A pasta de --defer-restart-while não pode ser lida (%s): um reinício programado espera como se ela tivesse uma tarefa, no máximo --max-defer; deixe o supervisor ler a pasta"),
                entry(Phrase.STATE_DEFERRED, "ADIADO"),
                entry(Phrase.STATUS_DEFERRED, "  um reinício programado espera o arquivo de --defer-restart-while desde %s; forçado às %s"),
                entry(Phrase.RESTART_DEFERRED, "Reinício adiado pelo supervisor (PID %s) enquanto o arquivo de --defer-restart-while existir, no máximo até %s; 'supervisor restart --now' não espera"),
                entry(Help.HELP_DEFER_RESTART_WHILE, "Enquanto ARQUIVO (relativo a --dir) existir, por exemplo com uma ordem aberta, ou enquanto ARQUIVO for uma pasta com qualquer entrada (um pool: cada tarefa cria nela o seu arquivo), um reinício programado (run-time, --restart-at, memória, 'supervisor restart') espera, no máximo --max-defer."),
                entry(Help.HELP_MAX_DEFER, "O máximo que um reinício espera por --defer-restart-while; depois ele é forçado (padrão: ${DEFAULT-VALUE})."),
                entry(Help.HELP_RESTART_NOW, "Reinicia na hora, mesmo com o arquivo de --defer-restart-while presente (SIGUSR2)."),
                entry(Msg.HUNG_HEARTBEAT, "Nenhuma linha casando com --heartbeat '%s' há %s (a última: %s): o bot parece travado; encerrando-o graciosamente"),
                entry(Msg.HUNG_HEARTBEAT_FILE, "%s não é tocado há %s (última modificação: %s): o bot parece travado; encerrando-o graciosamente"),
                entry(Phrase.SIGN_NEVER, "nenhuma desde que o bot iniciou"),
                entry(Phrase.SIGN_NO_FILE, "o arquivo não existe"),
                entry(Phrase.NEEDS_MAX_SILENCE, "%s precisa de --max-silence: quanto tempo o bot pode ficar sem esse sinal de vida"),
                entry(Phrase.STATUS_LAST_LINES, "  a última falha (%s); as últimas linhas do bot então:"),
                entry(Help.HELP_LAST_LINES, "Quantas das últimas linhas do bot (os primeiros 240 bytes de cada) vão com crashed, hung, matched e gave-up, para o arquivo de estado e o status; de 0 a 100 (padrão: ${DEFAULT-VALUE})."),
                entry(Phrase.STATUS_TRIGGER, "  linhas que dispararam um gatilho: %s; a última às %s: %s"),
                entry(Phrase.BAD_PATTERN, "%s: '%s' não é uma expressão regular válida (sintaxe Java): %s perto da posição %s"),
                entry(Msg.TERM_SENT, "%s enviado para %s processo{|s}; forçando o encerramento após %s se ainda {estiver|estiverem} rodando"),
                entry(Msg.TERM_SENT_BOT, "%s enviado para o bot (PID %s); o que ele deixar rodando recebe o sinal quando ele sair; "
                        + "forçando o encerramento após %s se ainda estiver rodando"),
                entry(Msg.ENDED_AT_ONCE, "Encerrando %s processo{|s} (o Windows não tem SIGTERM: {ele termina|eles terminam} na hora, a tolerância de %s não se aplica)"),
                entry(Phrase.EXIT_CODE, "código %s"),
                entry(Phrase.HOOK_TIMED_OUT, "ainda rodando após %s, encerrado à força"),
                entry(Phrase.WHY_MEMORY, "usou %s, acima do limite de %s em todas as verificações nos %s desde que iniciou: ele não roda dentro de --max-memory; aumente o limite acima do que o bot usa desde o início"),
                entry(Msg.STATE_FILE_UNREADABLE, "Ignorando um arquivo de estado ilegível (%s): sem recuperação de órfãos desta vez; um novo é gravado"),
                entry(Phrase.STATUS_STATE_IGNORED, "ignorando um arquivo de estado ilegível (%s): %s"),
                entry(Phrase.UNREADABLE_NOT_FILE, "não é um arquivo comum"),
                entry(Phrase.UNREADABLE_TOO_BIG, "maior que %s"),
                entry(Phrase.UNREADABLE_EMPTY, "vazio"),
                entry(Phrase.UNREADABLE_NOT_JSON, "não é JSON"),
                entry(Phrase.UNREADABLE_NOT_STATE, "é JSON, mas não é um arquivo de estado"),
                entry(Phrase.UNREADABLE_IO, "%s"),
                entry(Phrase.STATUS_ORPHAN, "⚠ parado, mas o bot de um supervisor que morreu está rodando: %s%n"
                        + "  PID do bot %s (%s); o próximo supervisor desta pasta o encerra antes de iniciar um novo"),
                entry(Phrase.EXIT_SIGNAL, "sinal %s%s [código %s]"),
                entry(Msg.STOPPED_GRACEFULLY, "Bot encerrado graciosamente em %s"),
                entry(Msg.STOPPED_LEFT_BEHIND, "Bot encerrado em %s; %s processo{|s} que ele deixou rodando {precisou|precisaram} receber %s"),
                entry(Msg.KILLED, "Bot ainda rodando após a tolerância de %s: %s processo{|s} {forçado|forçados} com SIGKILL, {encerrado|encerrados} após %s"),
                entry(Msg.SURVIVED, "Processos do bot sobreviveram ao SIGKILL (presos no kernel?): PIDs %s"),
                entry(Msg.EXITED, "Bot terminou sozinho com %s após %s"),
                entry(Msg.LEFTOVERS, "O bot deixou %s processo{|s} rodando: {encerrando-o|encerrando-os} antes do próximo início"),
                entry(Msg.FAILURE, "Falha %s de %s: %s"),
                entry(Msg.FAILURE_UNLIMITED, "Falha %s (sem limite de tentativas): %s"),
                entry(Msg.PAUSE, "Pausa de %s antes do próximo início..."),
                entry(Msg.BACKOFF, "Aguardando %s antes de tentar de novo..."),
                entry(Msg.GIVING_UP, "Desistindo após %s falhas consecutivas; o supervisor sai com código 1"),
                entry(Msg.STOP_REQUESTED, "Parada solicitada (%s): o bot é encerrado e o supervisor sai"),
                entry(Msg.SUPERVISOR_STOPPED, "SUPERVISOR ENCERRADO"),
                entry(Msg.SUMMARY, "Resumo: %s"),
                entry(Msg.ORPHAN, "Encontrado o bot de um supervisor que morreu (PID %s, iniciado em %s, %s processo{|s}): encerrando-o antes de iniciar um novo"),
                entry(Msg.PID_REUSED, "O PID %s do arquivo de estado agora pertence a outro processo: nada será feito com ele"),
                entry(Msg.HOOK_FAILED, "O comando de --on-event falhou para %s: %s; a supervisão continua"),
                entry(Msg.FATAL_ERROR, "Erro inesperado: %s; encerrando o bot"),
                entry(Msg.LOG_FILE_FAILED, "Não foi possível escrever o arquivo de log %s (%s): as linhas continuam aqui, e o arquivo é tentado de novo a cada 5s"),
                entry(Msg.CONSOLE_STALLED, "Console travado: %s linhas não exibidas, o arquivo de log tem todas"),
                entry(Msg.CONSOLE_STALLED_NO_FILE, "Console travado: %s linhas não exibidas (sem --log-file, elas se perderam)"),
                entry(Msg.STATE_FILE_FAILED, "Não foi possível escrever o arquivo de estado (%s): a supervisão continua; 'status' e a recuperação de órfãos precisam dele"),
                entry(Phrase.WHY_NOT_STARTED, "o bot não pôde iniciar"),
                entry(Phrase.WHY_HUNG, "o bot estava travado"),
                entry(Phrase.WHY_EXIT, "terminou com %s após %s"),
                entry(Phrase.WHY_TOO_SOON, "terminou após %s, antes do tempo mínimo de %s"),
                entry(Phrase.SUMMARY_FIELDS, "ativo há %s, execuções %s, reinícios programados %s, reinícios por memória %s, reinícios por travamento %s, gatilhos %s, falhas %s, última saída: %s"),
                entry(Phrase.PYTHON_NOT_FOUND, "%s%n"
                        + "Crie o ambiente virtual e instale nele as dependências do bot (no Windows: python, e Scripts\\pip.exe):%n"
                        + "  python3 -m venv %s%n"
                        + "  %s/bin/pip install -r requirements.txt%n"
                        + "ou indique o interpretador com --python (um caminho, ou um nome no PATH)."),
                entry(Phrase.PYTHON_OPTION_NOT_FOUND, "Executável Python não encontrado: '%s' não é um arquivo executável nem um programa no PATH"),
                entry(Phrase.SCRIPT_NOT_FOUND, "Script não encontrado: %s%nVerifique o nome do arquivo (--script) e a pasta do bot (--dir)."),
                entry(Phrase.COMMAND_NOT_FOUND, "Comando não encontrado: '%s' não é um arquivo executável nem um programa no PATH"),
                entry(Phrase.PYTHON_LOOKED_FOR, "Executável Python não encontrado (procurado em %s)."),
                entry(Phrase.VENV_MISSING, "Executável Python não encontrado: o ambiente virtual %s não existe (--venv: um caminho relativo parte de --dir)."),
                entry(Phrase.PYTHON_GONE, "O Python do ambiente virtual sumiu: %s aponta para %s, que não existe (o Python do sistema foi atualizado ou removido?)."),
                entry(Phrase.PYTHON_IS_FOLDER, "Executável Python não encontrado: '%s' é uma pasta; indique a pasta de um ambiente virtual (a que contém bin/python3) com --venv PASTA, não --python"),
                entry(Phrase.COMMAND_IS_FOLDER, "Comando não encontrado: %s é uma pasta, não um programa; indique o programa a rodar, depois os argumentos dele (-- node bot.js)"),
                entry(Phrase.COMMAND_IS_SCRIPT, "%s é um script Python, não um programa: rode-o com --script %s (o supervisor o executa com o Python do venv)"),
                entry(Phrase.COMMAND_AS_PATH, "'%s' não é um programa no PATH; para rodar o arquivo com esse nome na pasta do bot, indique o caminho dele: -- %s"),
                entry(Phrase.COMMAND_NOT_EXECUTABLE, "%s não é executável: torne-o executável (chmod +x %s) e indique-o como: -- %s"),
                entry(Phrase.DURATION_SPACE, "Sem espaço dentro de uma duração: %s ('%s' separado é lido como o comando a rodar)"),
                entry(Phrase.SUBCOMMAND_TYPO, "'%s' não é um subcomando nem um programa no PATH; você quis dizer 'supervisor %s'?"),
                entry(Phrase.LOCKED, "outro supervisor (PID %s) já está rodando o bot em %s (ele detém %s); "
                        + "encerre-o primeiro, ou veja 'supervisor status --dir %s'"),
                entry(Phrase.NO_SUPERVISOR, "nenhum supervisor está rodando o bot em %s (veja 'supervisor status --dir %s')"),
                entry(Phrase.STATUS_RUNNING, "● em execução: %s%n  PID do supervisor %s, estado %s, PID do bot %s%n"
                        + "  execuções %s, reinícios programados %s, reinícios por saúde %s, falhas %s%n  próximo reinício programado: %s"),
                entry(Phrase.STATUS_NOT_RUNNING, "○ parado: nenhum supervisor está rodando o bot em %s"),
                entry(Phrase.STATUS_GAVE_UP, "○ parado (ERRO FATAL): o supervisor do bot em %s desistiu após %s falha{|s} seguida{|s}; corrigida a causa, inicie-o de novo%n"
                        + "  execuções %s, reinícios programados %s, reinícios por saúde %s, falhas %s"),
                entry(Phrase.STATUS_STOPPED, "○ parado: o supervisor do bot em %s foi encerrado%n"
                        + "  execuções %s, reinícios programados %s, reinícios por saúde %s, falhas %s"),
                entry(Phrase.STATUS_LAST_FAILURE, "  a última falha (%s)"),
                entry(Phrase.STATUS_MEMORY, "  memória: %s, o RSS da árvore inteira do bot (sem --max-memory)"),
                entry(Phrase.STATUS_MEMORY_LIMIT, "  memória: %s, o RSS da árvore inteira do bot (--max-memory %s)"),
                entry(Phrase.HELP_HINT, "Rode 'supervisor --help' para ver as opções."),
                entry(Phrase.UNEXPECTED_ERROR, "erro inesperado: %s"),
                entry(Phrase.BAD_VALUE, "Valor inválido para a opção '%s': %s"),
                entry(Phrase.NOT_A_DURATION, "'%s' não é uma duração: use segundos (3600) ou 500ms, 90s, 15m, 1h, 1h30m, 2d, PT1H"),
                entry(Phrase.DURATION_TOO_LONG, "'%s' passa do limite de %s anos"),
                entry(Phrase.SIZE_NEEDS_UNIT, "'%s' precisa de uma unidade: %sM ou %sK, por exemplo (K, M e G são potências de 1024)"),
                entry(Phrase.NOT_A_SIZE, "'%s' não é um tamanho: use um número com K, M ou G (512M, 2G, 10MB)"),
                entry(Phrase.SIZE_OUT_OF_RANGE, "'%s' está fora do intervalo aceito"),
                entry(Phrase.NOT_A_TIME, "'%s' não é um horário: use HH:MM, no formato de 24 horas (04:00, 16:30)"),
                entry(Phrase.NOT_A_NUMBER, "'%s' não é um número inteiro (5, 0)"),
                entry(Phrase.NO_KILL_RESTART, "um reinício é pedido com SIGUSR1, enviado pelo programa kill (/bin/kill ou /usr/bin/kill), "
                        + "que não existe neste sistema: instale-o (Debian, Ubuntu: apt-get install procps)"),
                entry(Msg.STOP_SIGNAL_IGNORED, "%1$s é ignorado por este supervisor (iniciado com & por um script?) e seria também pelo bot: "
                        + "os encerramentos dele não podem ser graciosos; use --stop-signal TERM, ou inicie o supervisor com controle de jobs (set -m), systemd ou nohup"),
                entry(Msg.KILLED_NOW, "Bot forçado a encerrar na hora, como pedido: %s processo{|s} com SIGKILL, {encerrado|encerrados} após %s"),
                entry(Phrase.NO_KILL, "--stop-signal %s precisa do programa kill (/bin/kill ou /usr/bin/kill), que não existe neste sistema; use --stop-signal TERM"),
                entry(Phrase.NOT_A_SIGNAL, "'%s' não é um sinal de encerramento: use TERM, INT, HUP, QUIT, USR1 ou USR2 (SIGINT e sigint também valem)"),
                entry(Phrase.NOT_A_ZONE, "'%s' não é um fuso horário: use um nome como America/Sao_Paulo ou Europe/Lisbon, ou UTC"),
                entry(Phrase.NOT_A_FOLDER, "--dir: %s não é uma pasta"),
                entry(Phrase.AT_LEAST, "%s deve ser %s ou mais, e não %s"),
                entry(Phrase.AT_MOST, "%s deve ser %s ou menos, e não %s"),
                entry(Phrase.TOO_MANY_TIMES, "%s aceita no máximo %s horários (um por minuto do dia), e não %s"),
                entry(Phrase.RUN_TIME_ZERO, "--run-time deve ser maior que 0 (ou 'off' para nenhum intervalo)"),
                entry(Phrase.MIN_UPTIME_ZERO, "--min-uptime deve ser maior que 0: é quanto tempo uma execução precisa ficar no ar "
                        + "para que as falhas anteriores sejam esquecidas; para nunca desistir, use --max-failures 0"),
                entry(Phrase.NO_PROC, "--max-memory precisa do /proc para ler a memória do bot (Linux); não funciona em %s"),
                entry(Phrase.UNCLOSED_QUOTE, "--on-event: aspas %s sem fechamento em: %s"),
                entry(Phrase.LOCK_FILE_UNUSABLE, "não foi possível usar o arquivo de trava %s (%s): verifique se a pasta existe e aceita "
                        + "escrita, ou escolha outro com --lock-file"),
                entry(Phrase.SYMLINK_REFUSED, "recusando usar %s: é um link simbólico; apague-o"),
                entry(Phrase.ODD_FILE_REFUSED, "recusando usar %s: não é um arquivo comum (é uma pasta, um FIFO ou um dispositivo); apague-o"),
                entry(Phrase.LOG_FILE_UNWRITABLE, "--log-file: não foi possível escrever %s (%s): verifique se a pasta aceita escrita"),
                entry(Phrase.CONFIG_UNREADABLE, "--config: %s não é um arquivo legível"),
                entry(Phrase.CONFIG_TOO_BIG, "--config: %s passa de %s: é o arquivo certo?"),
                entry(Phrase.CONFIG_UNKNOWN_KEY, "%s:%s: chave desconhecida '%s' (as chaves são os nomes longos das opções, como run-time)"),
                entry(Phrase.UNKNOWN_OPTION, "Opção desconhecida: '%s'"),
                entry(Phrase.UNKNOWN_OPTION_NEAR, "Opção desconhecida: '%s'; você quis dizer %s?"),
                entry(Phrase.UNEXPECTED_ARGUMENT, "Argumento inesperado: '%s'"),
                entry(Phrase.MISSING_VALUE, "Falta o valor da opção '%s' (%s)"),
                entry(Phrase.MISSING_PARAMETER, "Falta o parâmetro obrigatório: '%s'"),
                entry(Phrase.NOT_ONE_OF, "'%s' não está entre os valores aceitos: %s"),
                entry(Phrase.NO_SUCH_FILE, "arquivo ou pasta inexistente: %s"),
                entry(Phrase.PERMISSION_DENIED, "permissão negada: %s"),
                entry(Phrase.STATE_STARTING, "INICIANDO"),
                entry(Phrase.STATE_RUNNING, "EM EXECUÇÃO"),
                entry(Phrase.STATE_STOPPING, "ENCERRANDO"),
                entry(Phrase.STATE_PAUSED, "EM PAUSA"),
                entry(Phrase.STATE_BACKOFF, "AGUARDANDO NOVA TENTATIVA"),
                entry(Phrase.STATE_STOPPED, "PARADO"),
                entry(Phrase.STATE_FATAL, "ERRO FATAL"),
                entry(Phrase.ORIGIN_COMMAND_LINE, "linha de comando"),
                entry(Phrase.ORIGIN_ENVIRONMENT, "ambiente %s"),
                entry(Phrase.LABEL_DURATION, "DURAÇÃO"),
                entry(Phrase.LABEL_FILE, "ARQUIVO"),
                entry(Phrase.LABEL_DIR, "PASTA"),
                entry(Phrase.LABEL_SIZE, "TAMANHO"),
                entry(Phrase.LABEL_COMMAND, "COMANDO"),
                entry(Phrase.LABEL_FORMAT, "FORMATO"),
                entry(Phrase.LABEL_LANG, "IDIOMA"),
                entry(Phrase.LABEL_MODE, "MODO"),
                entry(Phrase.LABEL_NAME, "NOME"),
                entry(Phrase.LABEL_SIGNAL, "SINAL"),
                entry(Phrase.LABEL_ZONE, "FUSO"),
                entry(Phrase.LABEL_OPTIONS, "OPÇÕES"),
                entry(Phrase.LABEL_ARG, "ARG"),
                entry(Phrase.LABEL_ADDRESS, "[ENDEREÇO:]PORTA"),
                entry(Phrase.RESTART_ASKED, "Reinício pedido: o supervisor (PID %s) encerra o bot, dando a ele até %s para terminar, e então o inicia de novo"),
                entry(Phrase.STOP_ASKED, "Parada pedida: o supervisor (PID %s) encerra o bot, dando a ele até %s para terminar"),
                entry(Phrase.ORIGIN_DEFAULT, "padrão"),
                entry(Help.HELP_SYNOPSIS_HEADING, "Uso: "),
                entry(Help.HELP_END_OF_OPTIONS, "Separa as opções do supervisor do COMANDO a supervisionar."),
                entry(Help.HELP_DESCRIPTION, "Mantém um bot de longa duração no ar: inicia-o com o Python do seu ambiente virtual, reinicia-o"
                        + " em horários programados e depois de falhas, encerra-o graciosamente e registra cada ação com data e hora.%n"),
                entry(Help.HELP_COMMANDS_HEADING, "Comandos:%n"),
                entry(Help.HELP_FOOTER, "Uma DURAÇÃO é um número de segundos (3600) ou 500ms, 90s, 15m, 1h, 1h30m, 2d, PT1H. Um TAMANHO tem unidade: 512K, 10MB, 2G.%n%n"
                        + "As configurações vêm da linha de comando, depois das variáveis de ambiente SUPERVISOR_* (SUPERVISOR_RUN_TIME=1h), "
                        + "depois do arquivo --config (run-time=1h), depois dos valores padrão.%n"),
                entry(Help.HELP_HELP, "Mostra esta ajuda e sai."),
                entry(Help.HELP_VERSION, "Mostra a versão e sai."),
                entry(Help.HELP_COMMAND, "Supervisiona COMANDO [ARG...] no lugar de <python> <script> (sem busca do venv); coloque-o depois de --."),
                entry(Help.HELP_DIR, "A pasta do bot: o bot roda nela; o script e o venv são procurados nela (padrão: ${DEFAULT-VALUE})."),
                entry(Help.HELP_SCRIPT, "O script executado com o Python do venv (padrão: ${DEFAULT-VALUE})."),
                entry(Help.HELP_VENV, "O ambiente virtual (padrão: venv, depois .venv em --dir, depois $VIRTUAL_ENV)."),
                entry(Help.HELP_PYTHON, "O interpretador a usar no lugar da busca do venv: um caminho, ou um nome do PATH."),
                entry(Help.HELP_RUN_TIME, "Quanto dura cada execução antes do reinício programado; 'off' para nenhum (padrão: ${DEFAULT-VALUE})."),
                entry(Help.HELP_PAUSE, "Pausa do fim do bot (sua saída, ou o fim do encerramento) até o próximo início; dobra a cada falha seguida, a partir de pelo menos 100ms, até 5m (padrão: ${DEFAULT-VALUE})."),
                entry(Help.HELP_GRACE, "Depois do sinal de encerramento (--stop-signal), quanto esperar antes de forçar o encerramento, no máximo 1h (padrão: ${DEFAULT-VALUE})."),
                entry(Help.HELP_MAX_FAILURES, "Falhas seguidas antes de desistir; 0 nunca desiste (padrão: ${DEFAULT-VALUE})."),
                entry(Help.HELP_MIN_UPTIME, "Uma execução que termina sozinha antes disso conta como falha, qualquer que seja o código de saída; maior que 0 (padrão: ${DEFAULT-VALUE})."),
                entry(Help.HELP_NAME, "A etiqueta das linhas do bot no log (padrão: o nome do script ou do comando)."),
                entry(Help.HELP_LOG_FILE, "Também grava tudo o que vai para o log em ARQUIVO, com rotação por tamanho."),
                entry(Help.HELP_LOG_MAX_SIZE, "Faz a rotação do arquivo de log quando ele passaria de TAMANHO, no mínimo 8K (padrão: ${DEFAULT-VALUE})."),
                entry(Help.HELP_LOG_KEEP, "Quantos arquivos de log antigos guardar, de 0 a 1000 (padrão: ${DEFAULT-VALUE})."),
                entry(Help.HELP_LOG_FORMAT, "text, ou json: um objeto JSON por linha (padrão: ${DEFAULT-VALUE})."),
                entry(Help.HELP_LANG, "Idioma das mensagens: en ou pt, também no nome de um locale (pt_BR) (padrão: de LC_ALL, LC_MESSAGES ou LANG)."),
                entry(Help.HELP_LOCK_FILE, "Uma trava a mais, além de .supervisor.lock em --dir: bots de outras pastas que a compartilham nunca rodam juntos."),
                entry(Help.HELP_MAX_MEMORY, "Reinicia graciosamente quando o bot e seus descendentes usam mais memória residente que TAMANHO em 3 verificações seguidas (512M, 2G); uma falha se acima dele em todas as verificações desde o início."),
                entry(Help.HELP_CHECK_EVERY, "De quanto em quanto tempo memória e silêncio são verificados, no mínimo 50ms (padrão: ${DEFAULT-VALUE})."),
                entry(Help.HELP_MAX_SILENCE, "Reinicia o bot, como falha, quando ele não escreve nada no stdout nem no stderr por esse tempo (no mínimo 50ms)."),
                entry(Help.HELP_HEARTBEAT, "Com --max-silence: só as linhas que casam com REGEX (sintaxe Java) contam como sinal de vida, não qualquer saída (freqtrade: 'Bot heartbeat')."),
                entry(Help.HELP_HEARTBEAT_FILE, "Com --max-silence: o bot toca ARQUIVO (relativo a --dir); a data de modificação dele precisa avançar dentro de --max-silence."),
                entry(Help.HELP_RESTART_ON, "Reinicia o bot graciosamente, como falha, quando uma linha que ele escreve (stdout ou stderr) casa com REGEX (sintaxe Java); repetível."),
                entry(Help.HELP_FATAL_ON, "Encerra o bot graciosamente e desiste (saída 1) quando uma linha que ele escreve casa com REGEX: um erro que nenhum reinício resolve; repetível."),
                entry(Help.HELP_ALERT_ON, "Roda o comando de --on-event (evento matched) quando uma linha do bot casa com REGEX, no máximo uma vez por minuto por padrão; repetível."),
                entry(Help.HELP_RESTART_AT, "Reinícios programados nesses horários, no fuso de --timezone; vale o que vier primeiro entre isto e --run-time (no máximo 1440 horários)."),
                entry(Help.HELP_TIMEZONE, "O fuso horário de --restart-at, por exemplo America/Sao_Paulo (padrão: o do sistema)."),
                entry(Help.HELP_ON_EVENT, "Executa COMANDO (sem shell; separado por espaços, aspas agrupam) a cada evento importante, com SUPERVISOR_EVENT e outras variáveis no ambiente."),
                entry(Help.HELP_ON_EVENT_TIMEOUT, "Quanto tempo um comando de --on-event pode rodar antes de ser encerrado à força, no máximo 10m (padrão: ${DEFAULT-VALUE})."),
                entry(Help.HELP_STOP_SIGNAL, "O sinal de um encerramento gracioso: TERM, INT, HUP, QUIT, USR1 ou USR2 (padrão: ${DEFAULT-VALUE})."),
                entry(Help.HELP_STOP_MODE, "Quem recebe o sinal de encerramento: mixed (o bot primeiro; o que ele deixar rodando quando ele sair, como o KillMode=mixed do systemd) ou control-group (todos os processos dele de uma vez) (padrão: ${DEFAULT-VALUE})."),
                entry(Help.HELP_ENV_FILE, "Acrescenta as linhas CHAVE=VALOR de ARQUIVO (um arquivo comum em UTF-8, de no máximo 1 MB) ao ambiente do bot, lidas de novo antes de cada início; pode repetir, os últimos arquivos valem mais."),
                entry(Help.HELP_CONFIG, "Um arquivo de propriedades com as configurações: os nomes longos das opções como chaves (run-time=1h)."),
                entry(Help.HELP_STATUS, "Diz se um supervisor está rodando o bot de --dir, com seus contadores."),
                entry(Help.HELP_TARGET_DIR, "A pasta do bot (padrão: ${DEFAULT-VALUE})."),
                entry(Help.HELP_STATUS_JSON, "Um objeto JSON, para scripts."),
                entry(Help.HELP_RESTART, "Pede ao supervisor do bot de --dir um reinício agora: o encerramento gracioso, depois um início "
                        + "sem a pausa. Espera o novo bot e mostra o PID dele."),
                entry(Help.HELP_RESTART_NO_WAIT, "Volta assim que o pedido é feito, sem esperar o novo bot."),
                entry(Help.HELP_RESTART_WAIT, "Quanto tempo o novo bot precisa ficar de pé para o reinício dar certo (padrão: o --min-uptime do supervisor)."),
                entry(Help.HELP_STOP, "Encerra graciosamente o bot de --dir e o supervisor dele, como o SIGTERM, e espera os dois terminarem."),
                entry(Phrase.RESTART_SENT, "Reinício pedido ao supervisor (PID %s) do bot em %s"),
                entry(Phrase.RESTART_DONE, "Reiniciado: o bot em %s está rodando de novo, PID %s"),
                entry(Phrase.RESTART_WAITING, "O novo bot está rodando (PID %s); esperando %s para ver se ele continua de pé..."),
                entry(Phrase.WHY_WITH_LAST_LINE, "%s; a última linha dele: %s"),
                entry(Phrase.RESTART_FAILED, "o reinício do bot em %s falhou: %s"),
                entry(Phrase.RESTART_NO_NEWS, "nenhum bot novo em %s; veja o log do supervisor"),
                entry(Phrase.SUPERVISOR_EXITED, "o supervisor dele (PID %s) terminou; veja o log dele"),
                entry(Phrase.STOP_DONE, "Encerrado: o bot em %s e o supervisor dele (PID %s) terminaram, após %s"),
                entry(Phrase.STOP_SLOW, "o supervisor (PID %s) ainda está rodando após %s; veja o log dele"),
                entry(Phrase.EXIT_RESTARTED, "o novo bot está rodando"),
                entry(Phrase.EXIT_RESTART_FAILED, "o novo bot não conseguiu iniciar, ou o supervisor dele terminou"),
                entry(Phrase.EXIT_STOP_DONE, "o bot e o supervisor dele terminaram"),
                entry(Phrase.EXIT_STOP_SLOW, "o supervisor ainda estava rodando após a tolerância e uma margem"),
                entry(Help.HELP_TARGET_CONFIG, "O arquivo de propriedades da execução: o dir (e o lang) dele valem, como numa execução."),
                entry(Help.HELP_TARGET_LANG, "Idioma da saída: en ou pt (padrão: o idioma do supervisor consultado, "
                        + "senão de LC_ALL, LC_MESSAGES ou LANG)."),
                entry(Help.HELP_CONFIG_COMMAND, "Mostra as configurações efetivas de uma execução com estas opções, e de onde veio cada uma; não inicia nada."),
                entry(Help.HELP_UNIT, "Mostra uma unidade do systemd que roda este supervisor como ele roda agora (o comando "
                        + "instalado, o jar ou o script) com estas opções, verificadas como numa execução; não inicia nada:%n"
                        + "  supervisor unit --dir /srv/bot > /etc/systemd/system/bot.service"),
                entry(Phrase.UNIT_MADE, "Gerada por 'supervisor unit' (supervisor %s) para o bot em %s, rodando como %s; "
                        + "examples/systemd explica cada configuração."),
                entry(Phrase.UNIT_INSTALL, "Salve-a como /etc/systemd/system/%s.service e depois: "
                        + "systemctl daemon-reload && systemctl enable --now %s"),
                entry(Phrase.UNIT_DESCRIPTION, "%s em %s, mantido no ar pelo supervisor"),
                entry(Phrase.UNIT_UNKNOWN_ROUTE, "não dá para saber como este supervisor foi iniciado, então nenhuma unidade "
                        + "conseguiria iniciá-lo de novo: rode 'supervisor unit' pelo comando instalado, pelo jar (java -jar) "
                        + "ou como ./jbang Supervisor.java na própria pasta do script (esta é %s)"),
                entry(Phrase.EXIT_UNIT_PRINTED, "a unidade foi impressa"),
                entry(Phrase.EXIT_UNIT_UNKNOWN_ROUTE, "não iniciado pelo comando instalado, pelo jar nem pelo script: nenhuma unidade"),
                entry(Help.HELP_COMPLETION, "Mostra um script de autocompletar para bash ou zsh: source <(supervisor completion bash)"),
                entry(Help.HELP_COMPLETION_SHELL, "bash ou zsh"),
                entry(Phrase.HOOK_NO_FILE, "--on-event: arquivo não encontrado: %s%nVerifique o caminho (um caminho relativo parte da pasta onde o supervisor roda)."),
                entry(Phrase.HOOK_NOT_ON_PATH, "--on-event: '%s' não é um arquivo nem um programa no PATH; indique o caminho, como /srv/bot/alert.sh"),
                entry(Phrase.HOOK_NOT_EXECUTABLE, "--on-event: %s não é executável; torne-o executável com: chmod +x %s"),
                entry(Phrase.ENV_UNKNOWN, "aviso: %s não é uma configuração e será ignorada (uma configuração é SUPERVISOR_ mais o nome longo de uma opção, como SUPERVISOR_RUN_TIME)"),
                entry(Phrase.ENV_UNKNOWN_NEAR, "aviso: %s não é uma configuração e será ignorada; você quis dizer %s?"),
                entry(Phrase.CONFIG_RESOLVED, "o que uma execução inicia"),
                entry(Phrase.CONFIG_ALREADY_RUNNING, "observação: um supervisor (PID %s) já está rodando o bot em %s: uma execução agora sairia com código 3 (veja 'supervisor status --dir %s')"),
                entry(Phrase.EXIT_CODES, "Códigos de saída:"),
                entry(Phrase.EXIT_STOPPED, "encerrado a pedido (Ctrl+C, SIGTERM, SIGHUP)"),
                entry(Phrase.EXIT_FATAL, "desistiu após --max-failures falhas seguidas, ou um erro fatal"),
                entry(Phrase.EXIT_USAGE, "uso ou configuração inválidos (uma opção, o venv, o script): nada foi iniciado"),
                entry(Phrase.EXIT_LOCKED, "outro supervisor já está rodando este bot"),
                entry(Phrase.EXIT_BAD_USAGE, "uso inválido: uma opção desconhecida ou um valor inválido"),
                entry(Phrase.EXIT_STATUS_RUNNING, "um supervisor está rodando o bot"),
                entry(Phrase.EXIT_STATUS_NOT_RUNNING, "nenhum supervisor está rodando o bot"),
                entry(Phrase.EXIT_CONFIG_OK, "as configurações são válidas: uma execução iniciaria com elas"),
                entry(Phrase.EXIT_PRINTED, "o script foi impresso"),
                entry(Msg.ENV_FILE_SHARED, "O arquivo de ambiente %s pode ser lido por outros usuários (%s), e ele guarda segredos: deixe-o privado com chmod 600 %s"),
                entry(Msg.REGISTRY_FAILED, "Não foi possível registrar este supervisor em %s (%s): 'supervisor ls' não o mostrará; o bot roda assim mesmo"),
                entry(Phrase.ENV_FILE_UNREADABLE, "não foi possível ler o arquivo de ambiente %s (%s)"),
                entry(Phrase.ENV_FILE_BAD_LINE, "arquivo de ambiente %s:%s: %s (a linha não é mostrada: pode conter um segredo)"),
                entry(Phrase.ENV_NOT_ASSIGNMENT, "não é uma linha CHAVE=VALOR"),
                entry(Phrase.ENV_BAD_NAME, "o nome antes do '=' não é um nome de variável (letras, dígitos e _, sem começar com dígito)"),
                entry(Phrase.ENV_UNCLOSED_QUOTE, "uma aspa não foi fechada nesta linha"),
                entry(Phrase.ENV_AFTER_QUOTE, "há texto depois da aspa de fechamento"),
                entry(Phrase.ENV_NUL, "há um byte NUL nesta linha, que nenhuma variável de ambiente pode conter"),
                entry(Phrase.ENV_NOT_UTF8, "um byte nesta linha não é UTF-8: salve o arquivo como UTF-8"),
                entry(Phrase.ENV_FILE_UTF16, "o arquivo de ambiente %s está em UTF-16: salve-o como UTF-8 "
                        + "(Bloco de Notas: Salvar como, Codificação UTF-8)"),
                entry(Phrase.ENV_FILE_NOT_REGULAR, "o arquivo de ambiente %s não é um arquivo comum (um pipe como <(…), um FIFO, "
                        + "um dispositivo ou uma pasta): ele é lido de novo antes de cada início, o que só um arquivo permite; "
                        + "grave as variáveis num arquivo, deixe-o privado com chmod 600 e indique esse arquivo"),
                entry(Phrase.ENV_FILE_TOO_BIG, "o arquivo de ambiente %s passa de %s: um arquivo de ambiente tem linhas CHAVE=VALOR; "
                        + "verifique se é o arquivo certo"),
                entry(Phrase.CONFIG_ENV_NAMES, "%s define %s"),
                entry(Help.HELP_LOGS, "Mostra as últimas linhas do arquivo de log (--log-file) do supervisor do bot, o que está rodando ou o último; "
                        + "com -f, continua mostrando através das rotações até o Ctrl+C."),
                entry(Help.HELP_LOGS_LINES, "Quantas das últimas linhas mostrar (padrão: ${DEFAULT-VALUE})."),
                entry(Help.HELP_LOGS_FOLLOW, "Depois mostra cada linha nova assim que é escrita, através das rotações, até o Ctrl+C."),
                entry(Phrase.EXIT_LOGS_PRINTED, "as linhas foram mostradas (com -f: até o Ctrl+C ou o SIGTERM)"),
                entry(Phrase.EXIT_LOGS_UNREADABLE, "o arquivo de estado ou o de log não pôde ser lido"),
                entry(Phrase.EXIT_LOGS_NO_FILE, "uso inválido, ou o supervisor do bot registra o log só na saída padrão (sem --log-file)"),
                entry(Phrase.EXIT_LOGS_NEVER_RAN, "nenhum supervisor rodou o bot em --dir"),
                entry(Phrase.LOGS_NO_SUPERVISOR, "nenhum supervisor rodou o bot em %s (não existe %s): verifique --dir"),
                entry(Phrase.LOGS_NO_FILE, "o supervisor do bot em %s registra o log só na saída padrão: ele roda sem --log-file, então não há arquivo para mostrar.%n"
                        + "Pare-o e inicie-o de novo com --log-file ARQUIVO (ou log-file=ARQUIVO no arquivo de --config; um restart mantém as configurações); "
                        + "até lá o log dele está para onde vai a saída padrão (journalctl -u UNIDADE no systemd, docker logs CONTÊINER no Docker)."),
                entry(Phrase.LOGS_NO_FILE_RAN, "o supervisor do bot em %s rodou sem --log-file, registrando o log só na saída padrão, então não há arquivo para mostrar.%n"
                        + "Inicie-o com --log-file ARQUIVO (ou log-file=ARQUIVO no arquivo de --config); o último log dele foi para onde ia a saída padrão "
                        + "(journalctl -u UNIDADE no systemd, docker logs CONTÊINER no Docker)."),
                entry(Phrase.LOGS_UNREADABLE, "não foi possível ler o arquivo de log %s (%s)"),
                entry(Phrase.LS_COLUMNS, "NOME|PASTA|ESTADO|PID DO BOT|TEMPO ATIVO|EXECUÇÕES|REINÍCIOS|FALHAS"),
                entry(Phrase.LS_NONE, "nenhum supervisor registrado em %s: nenhum foi iniciado por este usuário, ou todos foram encerrados"),
                entry(Phrase.STATE_STALE, "OBSOLETO"),
                entry(Phrase.EXIT_LS_OK, "todo bot listado roda ou está numa pausa programada"),
                entry(Phrase.EXIT_LS_TROUBLE, "um bot aguarda nova tentativa, desistiu (ERRO FATAL) ou está OBSOLETO (o supervisor dele sumiu)"),
                entry(Phrase.EXIT_LS_NONE, "nenhum supervisor registrado"),
                entry(Help.HELP_LS, "Lista os supervisores registrados deste usuário, uma linha por bot, em ordem de nome: pasta, estado, "
                        + "PID do bot, tempo ativo, execuções, reinícios e falhas. Um registro OBSOLETO (o supervisor sumiu sem "
                        + "encerrar) é mostrado uma vez e depois apagado."),
                entry(Help.HELP_LS_JSON, "Um array JSON, cada objeto com os nomes de campos do status --json e o nome do bot."),
                entry(Phrase.UNKNOWN_BOT, "nenhum bot registrado se chama %s (os conhecidos: %s); veja 'supervisor ls', ou use --dir"),
                entry(Phrase.NAME_TWICE, "dois bots se chamam %s, em %s e em %s: use --dir, ou inicie-os com --name para diferenciá-los"),
                entry(Help.HELP_TARGET_NAME, "O nome do bot (o --name dele, como 'supervisor ls' mostra), achado no registro deste "
                        + "usuário; no lugar de --dir."),
                entry(Phrase.ALL_AND_TARGET, "--all é todo bot registrado: use-o sem nome nem --dir"),
                entry(Phrase.NONE_RUNNING, "nenhum supervisor registrado em %s está rodando (veja 'supervisor ls')"),
                entry(Help.HELP_STOP_ALL, "Encerra todo bot registrado cujo supervisor roda (como 'supervisor ls' os lista): "
                        + "todos são avisados de uma vez, depois cada um é esperado."),
                entry(Msg.HTTP_LISTENING, "Página, métricas e status em %s (%s)"),
                entry(Msg.HTTP_AFTER_GIVING_UP, "A página fica por %s para mostrar por que o supervisor desistiu; pare-o para sair já"),
                entry(Phrase.NEEDS_HTTP, "%s precisa de --http: a página para a qual serve"),
                entry(Phrase.HTTP_NO_MODULE, "--http precisa do servidor HTTP do JDK (o módulo jdk.httpserver), que o Java em %s não tem: use um JRE ou JDK completo (Debian: openjdk-17-jre-headless)"),
                entry(Phrase.NOT_AN_ADDRESS, "'%s' não é [ENDEREÇO:]PORTA (8080, 127.0.0.1:8080, [::1]:8080, 0.0.0.0:8080)"),
                entry(Phrase.HTTP_NEEDS_TOKEN, "--http %s não é loopback: quem chegar até ela poderia ver o log do bot; dê também --http-token-file, ou use 127.0.0.1"),
                entry(Phrase.HTTP_CANNOT_BIND, "--http %s: não é possível escutar aí (%s): a porta está ocupada?"),
                entry(Phrase.TOKEN_NOT_FILE, "%s não é um arquivo comum"),
                entry(Phrase.TOKEN_SHARED, "%s pode ser lido por outros usuários (%s), e ele guarda o token da página: deixe-o privado com chmod 600 %s"),
                entry(Phrase.TOKEN_NOT_A_TOKEN, "%s deve conter um token de pelo menos %s caracteres imprimíveis, sem espaços, de no máximo 4 KB (openssl rand -hex 32 gera um)"),
                entry(Phrase.TOKEN_UNREADABLE, "não foi possível ler %s (%s)"),
                entry(Phrase.HTTP_READ_ONLY_MODE, "só leitura: sem --http-token-file"),
                entry(Phrase.HTTP_TOKEN_MODE, "reiniciar e parar com o token de --http-token-file"),
                entry(Phrase.HTTP_WHO, "a página, de %s"),
                entry(Phrase.HTTP_TOKEN_NEEDED, "Token errado ou ausente: envie Authorization: Bearer TOKEN (o de --http-token-file)"),
                entry(Phrase.HTTP_READ_ONLY, "Só leitura: o supervisor foi iniciado sem --http-token-file"),
                entry(Phrase.HTTP_NOT_ALLOWED, "Método não permitido"),
                entry(Phrase.HTTP_NOT_FOUND, "Não encontrado: tente /, /metrics, /api/status ou /healthz"),
                entry(Phrase.HTTP_NO_BODY, "Nenhum corpo de requisição é aceito"),
                entry(Phrase.HTTP_FINAL, "O supervisor parou ou desistiu: nada a pedir a ele"),
                entry(Phrase.HTTP_HOST_REFUSED, "Uma página sem --http-token-file só responde aos nomes desta própria máquina (localhost, 127.0.0.1, [::1]): abra-a por um deles, por exemplo com ssh -L, ou dê a ela um arquivo de token"),
                entry(Phrase.PAGE_TITLE, "%s · supervisor"),
                entry(Phrase.PAGE_LOADING, "Carregando…"),
                entry(Phrase.PAGE_UNREACHABLE, "O supervisor não responde (parou?); mostrando o que ele disse por último"),
                entry(Phrase.PAGE_TOKEN_ASK, "Token (o de --http-token-file):"),
                entry(Phrase.PAGE_TOKEN_USE, "Usar"),
                entry(Phrase.PAGE_GAVE_UP, "O supervisor desistiu depois de %s falhas e não reinicia mais o bot: %s"),
                entry(Phrase.PAGE_BOT_PID, "PID do bot"),
                entry(Phrase.PAGE_UPTIME, "No ar há"),
                entry(Phrase.PAGE_RUNS, "Execuções"),
                entry(Phrase.PAGE_PLANNED, "Reinícios planejados"),
                entry(Phrase.PAGE_HEALTH, "Reinícios por saúde"),
                entry(Phrase.PAGE_REQUESTED, "Reinícios pedidos"),
                entry(Phrase.PAGE_FAILURES, "Falhas"),
                entry(Phrase.PAGE_FAILURES_VALUE, "%s seguidas, %s no total"),
                entry(Phrase.PAGE_LAST_EXIT, "Última saída"),
                entry(Phrase.PAGE_NEXT_RESTART, "Próximo reinício planejado"),
                entry(Phrase.PAGE_MEMORY, "Memória agora"),
                entry(Phrase.PAGE_MEMORY_HOUR, "Memória na última hora (a maior de cada minuto)"),
                entry(Phrase.PAGE_RESTART, "Reiniciar o bot"),
                entry(Phrase.PAGE_RESTART_ASKED, "Reinício pedido: o bot para graciosamente e começa de novo"),
                entry(Phrase.PAGE_STOP, "Parar o supervisor"),
                entry(Phrase.PAGE_STOP_ASKED, "Parada pedida: o bot para graciosamente, depois o supervisor sai"),
                entry(Phrase.PAGE_CONFIRM_STOP, "Parar o bot e o seu supervisor? Nada o iniciará de novo aqui."),
                entry(Phrase.PAGE_EVENTS, "Eventos recentes"),
                entry(Phrase.PAGE_LINES, "As últimas %s linhas do log"),
                entry(Phrase.METRIC_UP, "1 enquanto o supervisor responde."),
                entry(Phrase.METRIC_INFO, "A versão do supervisor, como rótulo."),
                entry(Phrase.METRIC_STATE, "O estado do supervisor: 1 para aquele em que está."),
                entry(Phrase.METRIC_BOT_UP, "1 enquanto o bot roda."),
                entry(Phrase.METRIC_BOT_START, "Quando o bot em execução começou, em segundos desde a época Unix."),
                entry(Phrase.METRIC_STARTS, "Vezes que o bot foi iniciado."),
                entry(Phrase.METRIC_RESTARTS, "Reinícios de um bot em execução por motivo: planned (tempo de execução, restart-at), requested (uma pessoa), memory (memória), hung (travado)."),
                entry(Phrase.METRIC_FAILURES, "Execuções que falharam: quedas, saídas cedo demais, travamentos, linhas que casaram, inícios que falharam."),
                entry(Phrase.METRIC_CONSECUTIVE, "Execuções que falharam seguidas; o supervisor desiste em --max-failures."),
                entry(Phrase.METRIC_LAST_EXIT, "O código de saída da última execução que terminou sozinha (128+N: morta pelo sinal N)."),
                entry(Phrase.METRIC_MEMORY, "Memória residente do bot e de seus descendentes na última verificação, em bytes."),
                entry(Phrase.METRIC_LINES, "Linhas da saída do bot passadas ao log."),
                entry(Help.HELP_RESTART_ALL, "Reinicia todo bot registrado cujo supervisor roda, um depois do outro, cada um "
                        + "esperado como num reinício só; código 1 se algum reinício falhou."),
                entry(Help.HELP_HTTP, "Serve uma página, métricas do Prometheus (/metrics), o status (/api/status) e /healthz em [ENDEREÇO:]PORTA; ENDEREÇO é 127.0.0.1 se omitido; fora do loopback é preciso --http-token-file."),
                entry(Help.HELP_HTTP_TOKEN_FILE, "Um arquivo (chmod 600) com o token que todo caminho da página menos /healthz pede (os botões de reiniciar e parar, POST /api/restart e /api/stop também), como Authorization: Bearer TOKEN; sem ele a página é só de leitura e só responde no loopback."));
    }
}
