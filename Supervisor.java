///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.zeroturnaround:zt-exec:1.12
//DEPS org.slf4j:slf4j-api:1.7.36
//DEPS org.slf4j:slf4j-nop:1.7.36
//JAVAC_OPTIONS -encoding UTF-8 -XDignore.symbol.file
//JAVA_OPTIONS -XX:+IgnoreUnrecognizedVMOptions -XX:+UseSerialGC -Xss512k -Xms4m -Xmx64m -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10 -XX:-UsePerfData -XX:+UnlockDiagnosticVMOptions -XX:GuaranteedSafepointInterval=0 -XX:AsyncDeflationInterval=10000

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static java.util.Map.entry;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;
import org.zeroturnaround.exec.StartedProcess;
import org.zeroturnaround.exec.stop.ProcessStopper;
import org.zeroturnaround.exec.stream.PumpStreamHandler;
import org.zeroturnaround.exec.stream.StreamPumper;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(name = "supervisor", mixinStandardHelpOptions = true, versionProvider = Supervisor.Version.class,
        sortOptions = false, usageHelpAutoWidth = true, showEndOfOptionsDelimiterInUsageHelp = true,
        customSynopsis = {"supervisor [OPTIONS] [-- COMMAND [ARG...]]",
                "       supervisor status [--dir DIR] [--json] | logs [--dir DIR] [-n N] [-f] | config [OPTIONS]",
                "       supervisor completion bash|zsh", ""},
        description = {"Keeps a long-running bot alive: starts it with its virtualenv's Python, restarts it on a"
                + " schedule and after failures, stops it gracefully, and logs every action with a timestamp.", ""},
        subcommands = {Supervisor.Status.class, Supervisor.Logs.class, Supervisor.ConfigCommand.class, Supervisor.Completion.class},
        footerHeading = "%n", footer = {
                "A DURATION is seconds (3600) or 500ms, 90s, 15m, 1h, 1h30m, 2d, PT1H. A SIZE has a unit: 512K, 10MB, 2G.",
                "",
                "Settings come from the command line, then SUPERVISOR_* environment variables (SUPERVISOR_RUN_TIME=1h), "
                        + "then the --config file (run-time=1h), then the defaults.",
                "",
                "Exit codes: 0 stopped on request; 1 gave up, or a fatal error; 2 bad usage or configuration; "
                        + "3 another supervisor already runs this bot (for status: no supervisor is running; "
                        + "for logs: none has run there).", ""})
public class Supervisor implements Callable<Integer> {

    @Mixin RunOptions options;
    @Spec CommandSpec spec;

    /** What is wanted of the supervisor: stays up until a stop is requested (signal, test). */
    final Want want = new Want();
    private final OutputStream console;
    private final Map<String, String> env;

    public Supervisor() {
        this(new FileOutputStream(FileDescriptor.out), System.getenv());
    }

    Supervisor(OutputStream console, Map<String, String> env) {
        this.console = console;
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        Settings settings = options.check(spec, env);
        Launch launch = Launch.resolve(settings, env);
        try (InstanceLock lock = InstanceLock.acquire(settings);
             Log log = Log.open(settings, launch.name(), console, env)) {
            EnvFile.warnIfShared(settings.envFiles(), log);
            return new Loop(settings, launch, log, want).run();
        }
    }

    public static void main(String... args) {
        Supervisor supervisor = new Supervisor();
        Signals.forwardTo(supervisor.want);
        System.exit(commandLine(supervisor, System.getenv()).execute(args));
    }

    /** The command line with its error handling, UTF-8 output and configuration sources wired in. */
    static CommandLine commandLine(Object command, Map<String, String> env) {
        CommandLine cmd = new CommandLine(command);
        PrintWriter out = new PrintWriter(new FileOutputStream(FileDescriptor.out), true, UTF_8);
        PrintWriter err = new PrintWriter(new FileOutputStream(FileDescriptor.err), true, UTF_8);
        cmd.setOut(out).setErr(err);
        cmd.setDefaultValueProvider(new ConfigSources(env));
        cmd.setParameterExceptionHandler(Supervisor::reportBadInput);
        cmd.setExecutionExceptionHandler((ex, line, parsed) -> reportFailure(ex, line, env));
        return cmd;
    }

    /** Bad input: one message naming the option (and the file line it came from), a hint, exit 2. */
    static int reportBadInput(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String message = ConfigSources.describe(cmd, ex);
        cmd.getErr().println("supervisor: " + message);
        cmd.getErr().println("Run 'supervisor --help' for the options.");
        return ExitCode.USAGE;
    }

    /** A runtime failure: one actionable line; the stack trace only when SUPERVISOR_DEBUG is set. */
    static int reportFailure(Exception ex, CommandLine cmd, Map<String, String> env) {
        if (ex instanceof Refusal refusal) {
            cmd.getErr().println("supervisor: " + refusal.getMessage());
            return refusal.exitCode;
        }
        cmd.getErr().println("supervisor: unexpected error: " + ex);
        if (env.containsKey("SUPERVISOR_DEBUG")) {
            ex.printStackTrace(cmd.getErr());
        }
        return ExitCode.FATAL;
    }

    /** Exit codes, as documented in the README and in --help. */
    static final class ExitCode {
        static final int STOPPED = 0;
        static final int FATAL = 1;
        static final int USAGE = 2;
        static final int LOCKED = 3;
    }

    /** A refusal that is not a usage error: carries its own exit code, prints without a stack trace. */
    static final class Refusal extends RuntimeException {
        final int exitCode;

        Refusal(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        static final String NUMBER = "1.0.0";

        @Override
        public String[] getVersion() {
            return new String[] {"supervisor " + NUMBER + " (Java " + Runtime.version() + ")"};
        }
    }

    // ------------------------------------------------------------------------------------------ options

    /** The options of a run; shared by the run itself and by 'supervisor config'. */
    static final class RunOptions {
        @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
                description = "The bot's folder: the bot runs there; script and venv are looked up there (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Option(names = "--script", paramLabel = "FILE", defaultValue = "bot_trading_system.py",
                description = "The script run with the venv's Python (default: ${DEFAULT-VALUE}).")
        String script;

        @Option(names = "--venv", paramLabel = "DIR",
                description = "The virtualenv (default: venv, then .venv in --dir, then $VIRTUAL_ENV).")
        Path venv;

        @Option(names = "--python", paramLabel = "EXE",
                description = "The interpreter to use instead of the venv lookup: a path, or a name found on PATH.")
        String python;

        @Option(names = "--run-time", paramLabel = "DURATION", defaultValue = "1h", converter = IntervalConverter.class,
                description = "How long each run lasts before its planned restart; 'off' for none (default: ${DEFAULT-VALUE}).")
        Duration runTime;

        @Option(names = "--pause", paramLabel = "DURATION", defaultValue = "15s", converter = DurationConverter.class,
                description = "Pause between a stop and the next start; doubles after each consecutive failure, up to 5m (default: ${DEFAULT-VALUE}).")
        Duration pause;

        @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
                description = "After the stop signal (--stop-signal), how long to wait before killing (default: ${DEFAULT-VALUE}).")
        Duration grace;

        @Option(names = "--max-failures", paramLabel = "N", defaultValue = "5",
                description = "Consecutive failed runs before giving up; 0 never gives up (default: ${DEFAULT-VALUE}).")
        int maxFailures;

        @Option(names = "--min-uptime", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
                description = "A run that ends by itself sooner counts as failed, whatever its exit code (default: ${DEFAULT-VALUE}).")
        Duration minUptime;

        @Option(names = "--name", paramLabel = "NAME",
                description = "The tag of the bot's lines in the log (default: the script's or the command's name).")
        String name;

        @Option(names = "--log-file", paramLabel = "FILE",
                description = "Also write everything logged to FILE, rotated by size.")
        Path logFile;

        @Option(names = "--log-max-size", paramLabel = "SIZE", defaultValue = "10MB", converter = SizeConverter.class,
                description = "Rotate the log file when it would grow past SIZE (default: ${DEFAULT-VALUE}).")
        long logMaxSize;

        @Option(names = "--log-keep", paramLabel = "N", defaultValue = "5",
                description = "How many rotated log files to keep (default: ${DEFAULT-VALUE}).")
        int logKeep;

        @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
                description = "text, or json: one JSON object per line (default: ${DEFAULT-VALUE}).")
        Log.Format logFormat;

        @Option(names = "--lang", paramLabel = "LANG",
                description = "Language of the messages: en or pt (default: from LC_ALL, LC_MESSAGES or LANG).")
        Lang lang;

        @Option(names = "--lock-file", paramLabel = "FILE",
                description = "The instance lock (default: .supervisor.lock in --dir).")
        Path lockFile;

        @Option(names = "--max-memory", paramLabel = "SIZE", converter = SizeConverter.class,
                description = "Restart gracefully when the bot and its descendants use more resident memory than SIZE for 3 checks in a row (512M, 2G).")
        Long maxMemory;

        @Option(names = "--check-every", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
                description = "How often memory and silence are checked (default: ${DEFAULT-VALUE}).")
        Duration checkEvery;

        @Option(names = "--max-silence", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Restart the bot, as a failure, when it writes nothing to stdout or stderr for this long.")
        Duration maxSilence;

        @Option(names = "--restart-at", paramLabel = "HH:MM", split = ",", converter = TimeOfDay.class,
                description = "Planned restarts at these wall-clock times, in --timezone; whichever of this and --run-time comes first.")
        List<LocalTime> restartAt;

        @Option(names = "--timezone", paramLabel = "ZONE", converter = ZoneConverter.class,
                description = "The time zone of --restart-at, e.g. Europe/Lisbon (default: the system's).")
        ZoneId timezone;

        @Option(names = "--on-event", paramLabel = "COMMAND",
                description = "Run COMMAND (no shell; split on spaces, quotes group) on each notable event, with SUPERVISOR_EVENT and friends in its environment.")
        String onEvent;

        @Option(names = "--on-event-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
                description = "How long an --on-event command may run before it is killed (default: ${DEFAULT-VALUE}).")
        Duration onEventTimeout;

        @Option(names = "--stop-signal", paramLabel = "SIGNAL", defaultValue = "TERM", converter = StopSignalConverter.class,
                description = "The signal of a graceful stop, sent to all the bot's processes: TERM, INT, HUP, QUIT, USR1 or USR2 (default: ${DEFAULT-VALUE}).")
        StopSignal stopSignal;

        @Option(names = "--env-file", paramLabel = "FILE",
                description = "Add the KEY=VALUE lines of FILE to the bot's environment, read again before each start; repeatable, later files win.")
        List<Path> envFiles;

        @Option(names = "--config", paramLabel = "FILE",
                description = "A properties file of settings: long option names as keys (run-time=1h).")
        Path config;

        @Parameters(paramLabel = "COMMAND", arity = "0..*",
                description = "Supervise COMMAND [ARG...] instead of <python> <script> (no venv lookup then); put it after --.")
        List<String> command;

        /** Checks the combination of options; bad input throws ParameterException (exit 2). */
        Settings check(CommandSpec spec, Map<String, String> env) {
            CommandLine cmd = spec.commandLine();
            Path folder = dir.toAbsolutePath().normalize();
            if (!Files.isDirectory(folder)) {
                throw new ParameterException(cmd, "--dir: " + folder + " is not a folder");
            }
            requireAtLeast(cmd, "--max-failures", maxFailures, 0);
            requireAtLeast(cmd, "--log-keep", logKeep, 0);
            if (runTime != null && runTime.isZero()) {
                throw new ParameterException(cmd, "--run-time must be longer than 0 (or 'off' for no interval)");
            }
            if (checkEvery.isZero()) {
                throw new ParameterException(cmd, "--check-every must be longer than 0");
            }
            if (stopSignal != StopSignal.TERM && (Venv.WINDOWS || ProcessTree.KILL.isEmpty())) {
                throw new ParameterException(cmd, "--stop-signal " + stopSignal + " needs the kill program (/bin/kill or /usr/bin/kill), "
                        + "which is not on this system; use --stop-signal TERM");
            }
            if (maxMemory != null && !ProcessTree.PROC) {
                throw new ParameterException(cmd, "--max-memory needs /proc to read the bot's memory (Linux); it is not supported on "
                        + System.getProperty("os.name"));
            }
            Lang language = lang != null ? lang : Lang.fromLocale(env);
            List<Path> environmentFiles = envFiles == null ? List.of() : envFiles.stream().map(Path::toAbsolutePath).toList();
            for (Path file : environmentFiles) {
                try {
                    EnvFile.read(file, language);
                } catch (IOException e) {
                    throw new ParameterException(cmd, e.getMessage());
                }
            }
            List<String> bot = command == null ? List.of() : List.copyOf(command);
            return new Settings(folder, script, venv, python, bot, runTime, pause, grace, maxFailures, minUptime,
                    name, logFile == null ? null : logFile.toAbsolutePath(), logMaxSize, logKeep, logFormat, language,
                    lockFile != null ? lockFile.toAbsolutePath() : folder.resolve(".supervisor.lock"),
                    folder.resolve(".supervisor.state"), maxMemory, checkEvery, maxSilence,
                    restartAt == null ? List.of() : List.copyOf(restartAt),
                    timezone != null ? timezone : ZoneId.systemDefault(), Hooks.split(cmd, onEvent), onEventTimeout,
                    stopSignal, environmentFiles);
        }

        private static void requireAtLeast(CommandLine cmd, String option, int value, int least) {
            if (value < least) {
                throw new ParameterException(cmd, option + " must be " + least + " or more, not " + value);
            }
        }
    }

    /** The checked settings of a run: what the loop, the log and the process tree read. */
    record Settings(Path dir, String script, Path venv, String python, List<String> command, Duration runTime,
                    Duration pause, Duration grace, int maxFailures, Duration minUptime, String name, Path logFile,
                    long logMaxSize, int logKeep, Log.Format logFormat, Lang lang, Path lockFile, Path stateFile,
                    Long maxMemory, Duration checkEvery, Duration maxSilence, List<LocalTime> restartAt,
                    ZoneId timezone, List<String> onEvent, Duration onEventTimeout, StopSignal stopSignal,
                    List<Path> envFiles) {

        boolean watchesHealth() {
            return maxMemory != null || maxSilence != null;
        }

        /** The effective settings, as logged when the supervisor starts. */
        String describe() {
            List<String> parts = new ArrayList<>();
            parts.add("run-time " + (runTime == null ? "off" : Durations.format(runTime)));
            if (!restartAt.isEmpty()) {
                parts.add("restart-at " + restartAt.stream().map(LocalTime::toString).collect(Collectors.joining(","))
                        + " " + timezone);
            }
            parts.add("pause " + Durations.format(pause));
            parts.add("grace " + Durations.format(grace));
            if (stopSignal != StopSignal.TERM) {
                parts.add("stop-signal " + stopSignal.signalName());
            }
            parts.add("max-failures " + maxFailures);
            parts.add("min-uptime " + Durations.format(minUptime));
            if (maxMemory != null) {
                parts.add("max-memory " + Sizes.format(maxMemory));
            }
            if (maxSilence != null) {
                parts.add("max-silence " + Durations.format(maxSilence));
            }
            if (watchesHealth()) {
                parts.add("check-every " + Durations.format(checkEvery));
            }
            envFiles.forEach(file -> parts.add("env-file " + file));
            parts.add("dir " + dir);
            return String.join(", ", parts);
        }
    }

    /**
     * Where settings come from when the command line does not give them: SUPERVISOR_* environment variables,
     * then the --config properties file (keys are long option names), then the annotated defaults.
     */
    static final class ConfigSources implements IDefaultValueProvider {
        private static final String PREFIX = "SUPERVISOR_";
        private final Map<String, String> env;
        private final Map<Path, Map<String, Entry>> files = new LinkedHashMap<>();
        private final Map<String, String> origins = new LinkedHashMap<>();

        record Entry(String value, int line) {}

        ConfigSources(Map<String, String> env) {
            this.env = env;
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
            String fromEnv = env.get(variable(option));
            if (fromEnv != null) {
                origins.put(key, "environment " + variable(option));
                return fromEnv;
            }
            Path file = configFile(option.command());
            if (file != null && !key.equals("config")) {
                Entry entry = load(option.command(), file).get(key);
                if (entry != null) {
                    origins.put(key, file + ":" + entry.line());
                    return entry.value();
                }
            }
            return option.defaultValue();
        }

        private Path configFile(CommandSpec command) {
            OptionSpec config = command.findOption("--config");
            if (config == null) {
                return null;
            }
            Path fromArgs = config.getValue();
            if (fromArgs != null) {
                return fromArgs;
            }
            String fromEnv = env.get(PREFIX + "CONFIG");
            return fromEnv == null ? null : Path.of(fromEnv);
        }

        /** Reads a properties file once, keeping line numbers; an unknown key is bad input naming file and line. */
        private Map<String, Entry> load(CommandSpec command, Path file) throws IOException {
            Map<String, Entry> loaded = files.get(file);
            if (loaded != null) {
                return loaded;
            }
            if (!Files.isRegularFile(file)) {
                throw new ParameterException(command.commandLine(), "--config: " + file.toAbsolutePath() + " is not a readable file");
            }
            loaded = new LinkedHashMap<>();
            List<String> lines = Files.readAllLines(file, UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                    continue;
                }
                int split = line.indexOf('=') >= 0 ? line.indexOf('=') : line.indexOf(':');
                String key = (split < 0 ? line : line.substring(0, split)).strip();
                String value = split < 0 ? "" : line.substring(split + 1).strip();
                OptionSpec option = command.root().findOption("--" + key); // the run's options, for 'logs --config' too
                if (option == null || option.usageHelp() || option.versionHelp() || key.equals("config")) {
                    throw new ParameterException(command.commandLine(),
                            file + ":" + (i + 1) + ": unknown key '" + key + "' (keys are long option names, like run-time)");
                }
                loaded.put(key, new Entry(value, i + 1));
            }
            files.put(file, loaded);
            return loaded;
        }

        /** Where the option's value came from, for 'supervisor config'. */
        String origin(CommandLine cmd, OptionSpec option) {
            if (cmd.getParseResult().hasMatchedOption(option)) {
                return "command line";
            }
            return origins.getOrDefault(option.longestName().substring(2), "default");
        }

        /** A bad value's message, naming the file and line (or the variable) it came from. */
        static String describe(CommandLine cmd, ParameterException ex) {
            if (ex.getArgSpec() instanceof OptionSpec option && cmd.getDefaultValueProvider() instanceof ConfigSources sources) {
                String from = sources.origins.get(option.longestName().substring(2));
                boolean matched = cmd.getParseResult() != null && cmd.getParseResult().hasMatchedOption(option);
                if (from != null && !matched) {
                    return from + ": " + option.longestName().substring(2) + ": " + ex.getMessage();
                }
            }
            return ex.getMessage();
        }
    }

    // ------------------------------------------------------------------------------------------ the loop

    /** Named states, as supervisord users know them. */
    enum State { STARTING, RUNNING, STOPPING, PAUSED, BACKOFF, STOPPED, FATAL }

    /** How a run ended. */
    enum Ending {
        NOT_STARTED, EXITED, PLANNED, SCHEDULED, MEMORY, HUNG, STOP_REQUESTED;

        boolean isHealthRestart() {
            return this == MEMORY || this == HUNG;
        }
    }

    /** The one value a run ends in: how, its exit code (when it exited by itself), how long it was up. */
    record Outcome(Ending ending, Integer exitCode, Duration uptime) {

        /** A failure: could not start, hung, or ended by itself with an error, a signal, or too soon. */
        boolean isFailure(Duration minUptime) {
            return switch (ending) {
                case NOT_STARTED, HUNG -> true;
                case EXITED -> exitCode != 0 || uptime.compareTo(minUptime) < 0;
                default -> false;
            };
        }

        String describeExit(Lang lang) {
            return exitCode == null ? "-" : Exits.describe(lang, exitCode);
        }
    }

    /** What follows a run: the new count of consecutive failures, whether to give up, how long to pause. */
    record Decision(boolean failure, int failures, boolean giveUp, Duration pause) {}

    /** All timing policy in one place: pure functions of a run's outcome and the settings. */
    static final class Policy {
        static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
        /** Samples in a row over --max-memory before a memory restart. */
        static final int MEMORY_STRIKES = 3;
        /** After SIGKILL, how long to wait for the kernel to confirm each process is gone. */
        static final Duration KILL_CONFIRM = Duration.ofSeconds(5);
        /** After a stop, how long the relay may take to pass on the bot's last lines before the loop goes on. */
        static final Duration OUTPUT_DRAIN = Duration.ofSeconds(2);
        /** How often a log file that stopped taking lines is tried again. */
        static final Duration LOG_FILE_RETRY = Duration.ofSeconds(5);
        /** The longest duration taken: a hundred years; beyond, it is a typo. */
        static final Duration LONGEST = Duration.ofDays(36_500);

        /**
         * A run that stayed up for min-uptime (and did not hang) resets the count of consecutive failures;
         * a failure adds one; the pause doubles with each consecutive failure, up to 5 minutes.
         */
        static Decision decide(Outcome run, int failuresBefore, Duration pause, Duration minUptime, int maxFailures) {
            boolean failure = run.isFailure(minUptime);
            boolean stayedUp = run.uptime().compareTo(minUptime) >= 0 && run.ending() != Ending.HUNG;
            int failures = (stayedUp ? 0 : failuresBefore) + (failure ? 1 : 0);
            boolean giveUp = failure && maxFailures > 0 && failures >= maxFailures;
            return new Decision(failure, failures, giveUp, failure ? backoff(pause, failures) : pause);
        }

        static Duration backoff(Duration pause, int failures) {
            Duration cap = pause.compareTo(MAX_BACKOFF) > 0 ? pause : MAX_BACKOFF;
            Duration next = pause;
            for (int i = 1; i < failures && next.compareTo(cap) < 0; i++) {
                next = next.multipliedBy(2);
            }
            return next.compareTo(cap) > 0 ? cap : next;
        }
    }

    /** Stop requests: set by signal handlers (or a test), acted on by the loop. */
    static final class Want {
        private final BlockingQueue<Object> doorbell = new LinkedBlockingQueue<>();
        private volatile String stopReason;

        void stop(String reason) {
            if (stopReason == null) {
                stopReason = reason;
            }
            ring();
        }

        boolean up() {
            return stopReason == null;
        }

        String stopReason() {
            return stopReason;
        }

        void ring() {
            doorbell.offer(Boolean.TRUE);
        }

        /** The loop's one timer: sleeps until the deadline, a stop request or another event. */
        void await(long deadlineNanos) {
            long wait = deadlineNanos - System.nanoTime();
            if (wait <= 0 || !up()) {
                return;
            }
            try {
                doorbell.poll(wait, TimeUnit.NANOSECONDS);
                doorbell.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop("interrupted");
            }
        }
    }

    /** The restart loop: a small state machine over runs of the bot. */
    static final class Loop {
        private final Settings settings;
        private final Launch launch;
        private final Log log;
        private final Want want;
        private final ProcessTree tree;
        private final StateFile stateFile;
        private final Hooks hooks;
        private final Stats stats = new Stats();
        private State state = State.STARTING;
        private ProcessTree.Bot bot;
        private String marker;
        private Instant nextRestart;
        private String stateFailure;

        Loop(Settings settings, Launch launch, Log log, Want want) {
            this.settings = settings;
            this.launch = launch;
            this.log = log;
            this.want = want;
            this.tree = new ProcessTree(settings.grace(), settings.stopSignal());
            this.stateFile = new StateFile(settings.stateFile());
            this.hooks = new Hooks(settings.onEvent(), settings.onEventTimeout(), log);
        }

        int run() {
            log.info(Msg.SUPERVISOR_STARTED);
            log.info(Msg.SETTINGS, settings.describe());
            try (ShutdownGuard guard = new ShutdownGuard(want, settings.grace())) {
                recoverOrphan();
                int exitCode = supervise();
                log.info(Msg.SUMMARY, stats.summary(log.lang()));
                return exitCode;
            } catch (RuntimeException | Error e) {
                if (!(e instanceof Refusal)) {
                    log.error(Msg.FATAL_ERROR, String.valueOf(e));
                }
                throw e;
            } finally {
                stopBot(); // whatever ended the loop, even an Error, the bot does not outlive it
                hooks.close();
            }
        }

        private int supervise() {
            while (want.up()) {
                Outcome outcome = runOnce();
                stats.record(outcome);
                if (outcome.ending() == Ending.STOP_REQUESTED) {
                    break;
                }
                Decision next = Policy.decide(outcome, stats.consecutiveFailures, settings.pause(), settings.minUptime(),
                        settings.maxFailures());
                stats.consecutiveFailures = next.failures();
                if (next.failure()) {
                    reportFailure(outcome, next);
                }
                if (next.giveUp()) {
                    enter(State.FATAL);
                    announce(Msg.GIVING_UP, Hooks.Event.GAVE_UP, outcome.exitCode(), next.failures());
                    return ExitCode.FATAL;
                }
                pause(next);
            }
            enter(State.STOPPED);
            if (stats.last == null || stats.last.ending() != Ending.STOP_REQUESTED) {
                log.info(Msg.STOP_REQUESTED, want.stopReason());
            }
            announce(Msg.SUPERVISOR_STOPPED, Hooks.Event.STOPPED, null);
            return ExitCode.STOPPED;
        }

        /** Logs a notable event and runs the --on-event command with the same words. */
        private void announce(Msg msg, Hooks.Event event, Integer exitCode, Object... args) {
            log.info(msg, args);
            hooks.fire(event, log.text(msg, args), bot == null ? null : bot.pid(), exitCode, stats.consecutiveFailures);
        }

        /** STARTING, RUNNING, then STOPPING unless the bot ended by itself. */
        private Outcome runOnce() {
            marker = tree.marker(stats.runs + 1); // in the state file before the bot exists: no start goes unrecorded
            enter(State.STARTING);
            log.info(Msg.STARTING, launch.shown());
            log.info(Msg.COMMAND, String.join(" ", launch.command()), settings.dir());
            long started = System.nanoTime();
            try {
                bot = tree.start(launch, settings, log, want, marker);
            } catch (IOException e) {
                log.error(Msg.START_FAILED, Exits.reason(e));
                marker = null;
                return new Outcome(Ending.NOT_STARTED, null, Duration.ZERO);
            }
            stats.runs++;
            state = State.RUNNING; // written by watch(), once the next planned restart is known
            log.setBotPid(bot.pid());
            log.info(Msg.START_OK);
            log.info(Msg.PID, bot.pid());
            hooks.fire(Hooks.Event.STARTED, log.text(Msg.START_OK), bot.pid(), null, stats.consecutiveFailures);
            Reason reason = watch(started);
            Duration uptime = Duration.ofNanos(System.nanoTime() - started);
            Integer exitCode = null;
            if (reason.ending() == Ending.EXITED) {
                exitCode = bot.exitCode();
                endRun(exitCode, uptime);
            } else {
                announceStop(reason);
                stopBot();
            }
            log.setBotPid(null);
            bot = null;
            marker = null;
            return new Outcome(reason.ending(), exitCode, uptime);
        }

        /** Why a run is ending, with the words the log and the --on-event command get. */
        record Reason(Ending ending, Msg msg, Object... args) {}

        /** Waits, on the monotonic clock, for whichever comes first: exit, planned restart, stop request, bad health. */
        private Reason watch(long started) {
            Schedule schedule = Schedule.plan(started, settings, log);
            nextRestart = schedule.wallClock();
            saveState();
            Health health = new Health(settings, bot);
            while (true) {
                if (!want.up()) {
                    return new Reason(Ending.STOP_REQUESTED, Msg.STOP_REQUESTED, want.stopReason());
                }
                if (bot.exited()) {
                    return new Reason(Ending.EXITED, null);
                }
                long now = System.nanoTime();
                if (now - schedule.deadline() >= 0) {
                    return schedule.ending() == Ending.SCHEDULED
                            ? new Reason(Ending.SCHEDULED, Msg.SCHEDULED_RESTART, Log.clock(nextRestart, settings.timezone()))
                            : new Reason(Ending.PLANNED, Msg.PLANNED_RESTART, Durations.format(Duration.ofNanos(now - started)));
                }
                Reason unhealthy = health.check(now, tree);
                if (unhealthy != null) {
                    return unhealthy;
                }
                want.await(health.nextCheck(schedule.deadline()));
            }
        }

        private void announceStop(Reason reason) {
            Hooks.Event event = switch (reason.ending()) {
                case PLANNED, SCHEDULED -> {
                    stats.plannedRestarts++;
                    yield Hooks.Event.PLANNED_RESTART;
                }
                case MEMORY -> {
                    stats.memoryRestarts++;
                    yield Hooks.Event.MEMORY_RESTART;
                }
                case HUNG -> {
                    stats.hungRestarts++;
                    yield Hooks.Event.HUNG;
                }
                default -> null;
            };
            if (event == null) {
                log.info(reason.msg(), reason.args());
            } else {
                announce(reason.msg(), event, null, reason.args());
            }
        }

        /** STOPPING: the whole tree, SIGTERM then SIGKILL after the grace; logs which of the two ended it. */
        private void stopBot() {
            if (bot == null) {
                return;
            }
            enter(State.STOPPING);
            logStop(tree.stop(bot.process().getProcess(), bot.scope(), this::termSent));
            bot.awaitOutput();
        }

        /**
         * A bot that exited by itself: its last lines first, then the exit; and it may have left descendants,
         * none of which may outlive its run (never two copies). Those may hold its pipes open, so the relay
         * is awaited before the exit line only when there are none.
         */
        private void endRun(int exitCode, Duration uptime) {
            Set<ProcessHandle> left = tree.snapshot(bot.scope());
            if (left.isEmpty()) {
                bot.awaitOutput();
                log.warnIf(exitCode != 0, Msg.EXITED, Exits.describe(log.lang(), exitCode), Durations.format(uptime));
                return;
            }
            log.warnIf(exitCode != 0, Msg.EXITED, Exits.describe(log.lang(), exitCode), Durations.format(uptime));
            log.warn(Msg.LEFTOVERS, left.size());
            enter(State.STOPPING);
            logStop(tree.stop(bot.process().getProcess(), bot.scope(), this::termSent));
            bot.awaitOutput();
        }

        private void termSent(int processes) {
            if (Venv.WINDOWS) {
                log.info(Msg.ENDED_AT_ONCE, processes, Durations.format(settings.grace()));
            } else {
                log.info(Msg.TERM_SENT, settings.stopSignal().signalName(), processes, Durations.format(settings.grace()));
            }
        }

        private void logStop(ProcessTree.StopReport report) {
            if (report.processes() == 0) {
                return;
            }
            if (report.killed() == 0) {
                log.info(Msg.STOPPED_GRACEFULLY, Durations.format(report.took()));
            } else {
                log.warn(Msg.KILLED, Durations.format(settings.grace()), report.killed(), Durations.format(report.took()));
            }
            if (!report.survivors().isEmpty()) {
                log.error(Msg.SURVIVED, report.survivors());
            }
        }

        private void reportFailure(Outcome outcome, Decision next) {
            String why = switch (outcome.ending()) {
                case NOT_STARTED -> log.text(Msg.WHY_NOT_STARTED);
                case HUNG -> log.text(Msg.WHY_HUNG);
                default -> outcome.exitCode() != 0
                        ? log.text(Msg.WHY_EXIT, outcome.describeExit(log.lang()), Durations.format(outcome.uptime()))
                        : log.text(Msg.WHY_TOO_SOON, Durations.format(outcome.uptime()), Durations.format(settings.minUptime()));
            };
            stats.failures++;
            if (settings.maxFailures() == 0) {
                log.warn(Msg.FAILURE_UNLIMITED, next.failures(), why);
            } else {
                log.warn(Msg.FAILURE, next.failures(), settings.maxFailures(), why);
            }
            if (outcome.ending() != Ending.HUNG) {
                hooks.fire(Hooks.Event.CRASHED, why, null, outcome.exitCode(), next.failures());
            }
        }

        /** PAUSED (or BACKOFF after a failure): a stop request during the pause ends it at once. */
        private void pause(Decision next) {
            if (!want.up()) {
                return;
            }
            enter(next.failure() ? State.BACKOFF : State.PAUSED);
            log.info(next.failure() ? Msg.BACKOFF : Msg.PAUSE, Durations.format(next.pause()));
            long until = System.nanoTime() + next.pause().toNanos();
            while (want.up() && System.nanoTime() - until < 0) {
                want.await(until);
            }
        }

        /** A supervisor killed without a chance to stop its bot left it running: stop it before starting another. */
        private void recoverOrphan() {
            StateFile.Record last;
            try {
                last = stateFile.read();
            } catch (UncheckedIOException e) {
                log.warn(Msg.STATE_FILE_UNREADABLE, e.getMessage());
                return;
            }
            if (last != null && last.isRunning() && last.supervisorPid() != ProcessHandle.current().pid()) {
                throw new Refusal(ExitCode.LOCKED, Log.message(log.lang(), Msg.LOCKED, last.supervisorPid(), settings.dir(),
                        settings.stateFile(), settings.dir()));
            }
            if (last == null || last.botPid() == null && last.marker() == null) {
                return;
            }
            ProcessHandle root = last.liveBot().orElse(null);
            if (root == null && last.botPid() != null && ProcessHandle.of(last.botPid()).map(ProcessTree::isAlive).orElse(false)) {
                log.info(Msg.PID_REUSED, last.botPid());
            }
            ProcessTree.Scope orphans = new ProcessTree.Scope(root, last.marker(),
                    last.botTicks() != null ? last.botTicks() : last.supervisorTicks() != null ? last.supervisorTicks() : 0);
            Set<ProcessHandle> left = tree.snapshot(orphans);
            if (left.isEmpty()) {
                return;
            }
            log.warn(Msg.ORPHAN, last.botPid() == null ? "-" : last.botPid(), Log.clock(last.botStarted(), ZoneId.systemDefault()),
                    left.size());
            enter(State.STOPPING);
            logStop(tree.stop(null, orphans, this::termSent));
        }

        private void enter(State next) {
            state = next;
            saveState();
        }

        private void saveState() {
            try {
                writeState();
            } catch (UncheckedIOException e) {
                String reason = String.valueOf(e.getCause());
                if (!reason.equals(stateFailure)) {
                    log.warn(Msg.STATE_FILE_FAILED, reason);
                }
                stateFailure = reason;
            }
        }

        private void writeState() {
            stateFile.write(new StateFile.Record(ProcessHandle.current().pid(), StateFile.SELF_STARTED, StateFile.SELF_TICKS,
                    bot == null ? null : bot.pid(), bot == null ? null : bot.started(), bot == null ? null : bot.ticks(),
                    launch.command(), marker, state, stats.runs, stats.plannedRestarts,
                    stats.memoryRestarts + stats.hungRestarts, stats.failures,
                    state == State.RUNNING ? nextRestart : null, settings.dir(), log.lang(), settings.logFile()));
        }
    }

    /** Counters for the state file and the summary line. */
    static final class Stats {
        final long startedNanos = System.nanoTime();
        int runs;
        int plannedRestarts;
        int memoryRestarts;
        int hungRestarts;
        int failures;
        int consecutiveFailures;
        Outcome last;

        void record(Outcome outcome) {
            last = outcome;
        }

        String summary(Lang lang) {
            Duration up = Duration.ofNanos(System.nanoTime() - startedNanos);
            String lastExit = last == null || last.exitCode() == null ? "-" : last.describeExit(lang);
            return String.format(Locale.ROOT, Log.TEXTS.get(lang).get(Msg.SUMMARY_FIELDS), Durations.format(up), runs,
                    plannedRestarts, memoryRestarts, hungRestarts, failures, lastExit);
        }
    }

    /** When the next planned restart falls: the run-time interval or the next --restart-at, whichever first. */
    record Schedule(long deadline, Ending ending, Instant wallClock) {
        static final long FAR = Long.MAX_VALUE / 4;

        static Schedule plan(long startedNanos, Settings settings, Log log) {
            long byInterval = settings.runTime() == null ? FAR : settings.runTime().toNanos();
            Instant now = Instant.now();
            Instant at = nextRestartAt(ZonedDateTime.ofInstant(now, settings.timezone()), settings.restartAt());
            long byClock = at == null ? FAR : Duration.between(now, at).toNanos();
            if (byClock < byInterval) {
                log.info(Msg.WAITING_UNTIL, Log.clock(at, settings.timezone()));
                return new Schedule(startedNanos + byClock, Ending.SCHEDULED, at);
            }
            if (byInterval == FAR) {
                log.info(Msg.WAITING_FOREVER);
                return new Schedule(startedNanos + FAR, Ending.PLANNED, null);
            }
            log.info(Msg.WAITING, Durations.seconds(settings.runTime()));
            return new Schedule(startedNanos + byInterval, Ending.PLANNED, now.plusNanos(byInterval));
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

    /** Memory and silence checks during a run; a memory restart needs 3 samples in a row over the limit. */
    static final class Health {
        private final Settings settings;
        private final ProcessTree.Bot bot;
        private long nextCheck;
        private int strikes;

        Health(Settings settings, ProcessTree.Bot bot) {
            this.settings = settings;
            this.bot = bot;
            this.nextCheck = System.nanoTime() + settings.checkEvery().toNanos();
        }

        long nextCheck(long deadline) {
            return settings.watchesHealth() && nextCheck - deadline < 0 ? nextCheck : deadline;
        }

        /** A due check: the reason to restart the bot (hung, or memory over the limit), or null. */
        Loop.Reason check(long now, ProcessTree tree) {
            if (!settings.watchesHealth() || now - nextCheck < 0) {
                return null;
            }
            nextCheck = now + settings.checkEvery().toNanos();
            if (settings.maxSilence() != null) {
                long quiet = now - bot.lastOutputNanos();
                if (quiet >= settings.maxSilence().toNanos()) {
                    return new Loop.Reason(Ending.HUNG, Msg.HUNG, Durations.format(Duration.ofNanos(quiet)));
                }
            }
            if (settings.maxMemory() != null) {
                long used = tree.residentBytes(bot.scope());
                strikes = used > settings.maxMemory() ? strikes + 1 : 0;
                if (strikes >= Policy.MEMORY_STRIKES) {
                    return new Loop.Reason(Ending.MEMORY, Msg.MEMORY_RESTART, Sizes.format(used),
                            Sizes.format(settings.maxMemory()), strikes);
                }
            }
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------ what to run

    /** What runs: the command line, what the log calls it, and the name its lines are tagged with. */
    record Launch(List<String> command, String shown, String name, boolean python) {

        /** Finds the Python and the script (or checks the command) before anything starts; exit 2 if missing. */
        static Launch resolve(Settings settings, Map<String, String> env) {
            Lang lang = settings.lang();
            if (!settings.command().isEmpty()) {
                String program = settings.command().get(0);
                Optional<Path> found = Venv.onPath(program, settings.dir(), env, Venv.WINDOWS, Files::isExecutable);
                if (found.isEmpty()) {
                    throw new Refusal(ExitCode.USAGE, Log.message(lang, Msg.COMMAND_NOT_FOUND, program));
                }
                String name = settings.name() != null ? settings.name() : Venv.baseName(program);
                List<String> shown = new ArrayList<>(settings.command());
                shown.set(0, Path.of(program).getFileName().toString());
                return new Launch(settings.command(), String.join(" ", shown), name, Venv.baseName(program).startsWith("python"));
            }
            Path python = findPython(settings, env);
            Path script = settings.dir().resolve(settings.script()).normalize();
            if (!Files.isRegularFile(script)) {
                throw new Refusal(ExitCode.USAGE, Log.message(lang, Msg.SCRIPT_NOT_FOUND, script));
            }
            String name = settings.name() != null ? settings.name() : Venv.baseName(settings.script());
            return new Launch(List.of(python.toString(), settings.script()), settings.script(), name, true);
        }

        private static Path findPython(Settings settings, Map<String, String> env) {
            if (settings.python() != null) {
                return Venv.onPath(settings.python(), Path.of("").toAbsolutePath(), env, Venv.WINDOWS, Files::isExecutable)
                        .orElseThrow(() -> new Refusal(ExitCode.USAGE,
                                Log.message(settings.lang(), Msg.PYTHON_OPTION_NOT_FOUND, settings.python())));
            }
            Venv.Lookup lookup = Venv.find(settings.dir(), settings.venv(), env.get("VIRTUAL_ENV"), Venv.WINDOWS,
                    Files::isExecutable);
            return lookup.python().orElseThrow(() -> new Refusal(ExitCode.USAGE, Log.message(settings.lang(),
                    Msg.PYTHON_NOT_FOUND, lookup.tried().stream().map(Path::toString).collect(Collectors.joining(", ")),
                    settings.dir())));
        }
    }

    /** The venv lookup and PATH search: pure functions of the folder, the settings and a file test. */
    static final class Venv {
        static final boolean WINDOWS = System.getProperty("os.name").startsWith("Windows");

        record Lookup(Optional<Path> python, List<Path> tried) {}

        /** --venv if given, else venv, then .venv in the bot's folder, then $VIRTUAL_ENV; in each the venv's Python. */
        static Lookup find(Path dir, Path venvOption, String virtualEnv, boolean windows, Predicate<Path> executable) {
            List<Path> venvs = new ArrayList<>();
            if (venvOption != null) {
                venvs.add(dir.resolve(venvOption));
            } else {
                venvs.add(dir.resolve("venv"));
                venvs.add(dir.resolve(".venv"));
                if (virtualEnv != null && !virtualEnv.isBlank()) {
                    venvs.add(Path.of(virtualEnv));
                }
            }
            List<Path> tried = new ArrayList<>();
            for (Path venv : venvs) {
                for (Path python : pythonsIn(venv, windows)) {
                    tried.add(python);
                    if (executable.test(python)) {
                        return new Lookup(Optional.of(python), tried);
                    }
                }
            }
            return new Lookup(Optional.empty(), tried);
        }

        static List<Path> pythonsIn(Path venv, boolean windows) {
            return windows
                    ? List.of(venv.resolve("Scripts").resolve("python.exe"))
                    : List.of(venv.resolve("bin").resolve("python3"), venv.resolve("bin").resolve("python"));
        }

        /** A program given as a path (relative to base) or as a name searched on PATH. */
        static Optional<Path> onPath(String program, Path base, Map<String, String> env, boolean windows,
                                     Predicate<Path> executable) {
            if (program.contains("/") || program.contains("\\")) {
                Path path = base.resolve(program).normalize();
                return executable.test(path) ? Optional.of(path) : Optional.empty();
            }
            String path = env.getOrDefault("PATH", "");
            List<String> suffixes = windows
                    ? Stream.concat(Stream.of(""), Arrays.stream(env.getOrDefault("PATHEXT", ".EXE;.BAT;.CMD").split(";"))).toList()
                    : List.of("");
            for (String folder : path.split(windows ? ";" : ":")) {
                for (String suffix : suffixes) {
                    if (!folder.isEmpty()) {
                        Path candidate = Path.of(folder, program + suffix);
                        if (executable.test(candidate)) {
                            return Optional.of(candidate);
                        }
                    }
                }
            }
            return Optional.empty();
        }

        static String baseName(String program) {
            String file = program.replace('\\', '/');
            file = file.substring(file.lastIndexOf('/') + 1);
            int dot = file.lastIndexOf('.');
            return dot > 0 ? file.substring(0, dot) : file;
        }
    }

    /**
     * --env-file: KEY=VALUE lines as dotenv and systemd write them. Read before every start, so that a rotated key
     * is taken at the next restart. Values never reach a log line, the state file, 'config' or an error: errors
     * name the file and the line, never its text.
     */
    static final class EnvFile {
        private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
        /** In an unquoted value a comment starts at a # after a blank (dotenv): pass#word keeps its #. */
        private static final Pattern INLINE_COMMENT = Pattern.compile("\\s#");

        /** A line that is not KEY=VALUE: where it is and what is wrong with it, in words from the message tables. */
        static final class BadLine extends IllegalArgumentException {
            final String file;
            final int line;
            final Msg why;

            BadLine(String file, int line, Msg why) {
                super(Log.message(Lang.en, Msg.ENV_FILE_BAD_LINE, file, line, Log.message(Lang.en, why)));
                this.file = file;
                this.line = line;
                this.why = why;
            }

            String describe(Lang lang) {
                return Log.message(lang, Msg.ENV_FILE_BAD_LINE, file, line, Log.message(lang, why));
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
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) { // ; as systemd takes it
                    continue;
                }
                if (line.startsWith("export ") || line.startsWith("export\t")) {
                    line = line.substring(7).stripLeading();
                }
                int equals = line.indexOf('=');
                if (equals < 0) {
                    throw new BadLine(fileName, i + 1, Msg.ENV_NOT_ASSIGNMENT);
                }
                String key = line.substring(0, equals).strip();
                if (!NAME.matcher(key).matches()) {
                    throw new BadLine(fileName, i + 1, Msg.ENV_BAD_NAME);
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
                throw new BadLine(fileName, line, Msg.ENV_UNCLOSED_QUOTE);
            }
            String rest = raw.substring(i + 1).strip();
            if (!rest.isEmpty() && !rest.startsWith("#")) {
                throw new BadLine(fileName, line, Msg.ENV_AFTER_QUOTE);
            }
            return value.toString();
        }

        /** Reads and parses one file; any failure is an IOException whose message names the file (and the line). */
        static Map<String, String> read(Path file, Lang lang) throws IOException {
            String text;
            try {
                text = Files.readString(file, UTF_8);
            } catch (IOException e) {
                // A new exception, not a wrapper: Exits.reason would show only the cause, which may not name the file.
                throw new IOException(Log.message(lang, Msg.ENV_FILE_UNREADABLE, file, Exits.reason(e)));
            }
            try {
                return parse(text, file.toString());
            } catch (BadLine e) {
                throw new IOException(e.describe(lang));
            }
        }

        /** The variables of all the files, later files winning. */
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
                        log.warn(Msg.ENV_FILE_SHARED, file, PosixFilePermissions.toString(permissions), file);
                    }
                } catch (UnsupportedOperationException | IOException e) {
                    // No POSIX permissions here (Windows), or the file went since it was read: each start reads it again
                    // and says so if it cannot.
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ processes

    /**
     * The signal of a graceful stop (--stop-signal). Java itself sends only SIGTERM (destroy) and SIGKILL
     * (destroyForcibly); the others go through the kill program.
     */
    enum StopSignal {
        TERM, INT, HUP, QUIT, USR1, USR2;

        String signalName() {
            return "SIG" + name();
        }

        /** TERM, term, SIGTERM, sigterm: any case, with or without SIG. */
        static StopSignal parse(String text) {
            String name = text.trim().toUpperCase(Locale.ROOT);
            name = name.startsWith("SIG") ? name.substring(3) : name;
            for (StopSignal signal : values()) {
                if (signal.name().equals(name)) {
                    return signal;
                }
            }
            throw new IllegalArgumentException("'" + text + "' is not a stop signal: use TERM, INT, HUP, QUIT, USR1 or USR2"
                    + " (SIGINT and sigint work too)");
        }
    }

    /** Process plumbing: starting the bot with zt-exec, finding its whole tree, stopping it, measuring it. */
    static final class ProcessTree implements ProcessStopper {
        static final boolean PROC = Files.isDirectory(Path.of("/proc/self"));
        /**
         * setsid(1) puts the bot in a session of its own (it execs, the PID stays the bot's): a Ctrl+C on the
         * supervisor's terminal then reaches only the supervisor, which stops the bot gracefully, and the
         * session ID finds the bot's processes even when their parent is gone.
         */
        static final Optional<Path> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of)
                .filter(Files::isExecutable).findFirst();
        /** kill(1), for the stop signals Java cannot send; found once. */
        static final Optional<Path> KILL = Stream.of("/bin/kill", "/usr/bin/kill").map(Path::of)
                .filter(Files::isExecutable).findFirst();
        /** The environment variable that marks every process of one run, even those that left the tree. */
        static final String MARKER = "SUPERVISOR_RUN";
        /**
         * Unique to this supervisor, so that the markers of its runs never match another supervisor's: its PID and
         * a random number (uniqueness is all that matters; SecureRandom would load 32 classes for nothing).
         */
        private final String instance = ProcessHandle.current().pid() + "-"
                + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
        private final Duration grace;
        private final StopSignal stopSignal;

        ProcessTree(Duration grace, StopSignal stopSignal) {
            this.grace = grace;
            this.stopSignal = stopSignal;
        }

        /** A running bot: its process, its output relays, its run marker. */
        record Bot(StartedProcess process, String marker, Instant started, Long ticks, Relay out, Relay err) {
            long pid() {
                return process.getProcess().pid();
            }

            Scope scope() {
                return new Scope(handle(), marker, ticks == null ? 0 : ticks);
            }

            ProcessHandle handle() {
                return process.getProcess().toHandle();
            }

            boolean exited() {
                return !process.getProcess().isAlive();
            }

            int exitCode() {
                return process.getProcess().exitValue();
            }

            long lastOutputNanos() {
                return Math.max(out.lastWrite(), err.lastWrite());
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

        Bot start(Launch launch, Settings settings, Log log, Want want, String marker) throws IOException {
            Map<String, String> environment = environment(launch, settings, log.lang(), marker);
            Relay out = new Relay(log, Log.Stream.STDOUT);
            Relay err = new Relay(log, Log.Stream.STDERR);
            List<String> command = new ArrayList<>(launch.command());
            SETSID.ifPresent(setsid -> command.add(0, setsid.toString()));
            StartedProcess started = new ProcessExecutor()
                    .command(command)
                    .directory(settings.dir().toFile())
                    .environment(environment)
                    .redirectErrorStream(false)
                    .streams(new RelayStreams(out, err, want::ring))
                    .stopper(this)
                    .start();
            out.attach(started.getProcess().pid());
            err.attach(started.getProcess().pid());
            Instant began = started.getProcess().toHandle().info().startInstant().orElse(Instant.now());
            return new Bot(started, marker, began, startTicks(started.getProcess().pid()), out, err);
        }

        /** What belongs to the supervisor's own service manager (systemd): readiness, watchdog, sockets. */
        static final List<String> MANAGER_VARIABLES = List.of("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID",
                "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES");

        /**
         * How the bot's environment differs from the supervisor's (zt-exec adds these to it; a null value removes the
         * variable): without the service manager's variables, with the env files' (read now, so that a rotated key
         * is taken at this start; a file that cannot be read is a failed start), then the run's marker.
         */
        static Map<String, String> environment(Launch launch, Settings settings, Lang lang, String marker) throws IOException {
            Map<String, String> changes = new LinkedHashMap<>();
            MANAGER_VARIABLES.forEach(name -> changes.put(name, null));
            Map<String, String> fromFiles = EnvFile.load(settings.envFiles(), lang);
            changes.putAll(fromFiles);
            if (launch.python() && System.getenv("PYTHONUNBUFFERED") == null && !fromFiles.containsKey("PYTHONUNBUFFERED")) {
                changes.put("PYTHONUNBUFFERED", "1");
            }
            changes.put(MARKER, marker);
            return changes;
        }

        /** zt-exec's hook (a cancelled run): the same graceful stop of the whole tree. */
        @Override
        public void stop(Process process) {
            stop(process, new Scope(process.toHandle(), null, 0), count -> { });
        }

        /**
         * What identifies the processes of one run: its root (the bot, while it lives), the marker in their
         * environment, and (Linux) when the run began, in clock ticks: nothing older can belong to it.
         */
        record Scope(ProcessHandle root, String marker, long sinceTicks) {}

        /**
         * The run's processes as they are now: the root and its descendants, and on Linux also every process in
         * the root's session or process group and every process carrying the run's marker (double-forked
         * daemons, setsid, new groups). One pass over /proc; environments are read only of processes younger
         * than the run.
         */
        Set<ProcessHandle> snapshot(Scope scope) {
            if (!PROC) {
                Set<ProcessHandle> tree = new LinkedHashSet<>();
                if (scope.root() != null) {
                    Stream.concat(Stream.of(scope.root()), scope.root().descendants()).filter(ProcessTree::isAlive).forEach(tree::add);
                }
                return tree;
            }
            long self = ProcessHandle.current().pid();
            long root = scope.root() == null ? -1 : scope.root().pid();
            Map<Long, long[]> young = new LinkedHashMap<>(); // pid -> parent, process group, session
            try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> isNumber(p.getFileName().toString()))) {
                for (Path proc : procs) {
                    long pid = Long.parseLong(proc.getFileName().toString());
                    String[] f = statFields(proc);
                    if (pid != self && f.length > 19 && !f[0].equals("Z") && Long.parseLong(f[19]) >= scope.sinceTicks()) {
                        young.put(pid, new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])});
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Set<Long> members = new LinkedHashSet<>();
            if (young.containsKey(root)) {
                members.add(root);
            }
            for (boolean grew = true; grew; ) {
                grew = false;
                for (Map.Entry<Long, long[]> p : young.entrySet()) {
                    long parent = p.getValue()[0];
                    if ((parent == root || members.contains(parent)) && members.add(p.getKey())) {
                        grew = true;
                    }
                }
            }
            byte[] needle = scope.marker() == null ? null : (MARKER + "=" + scope.marker() + "\0").getBytes(UTF_8);
            for (Map.Entry<Long, long[]> p : young.entrySet()) {
                boolean inSession = root > 0 && SETSID.isPresent() && (p.getValue()[1] == root || p.getValue()[2] == root);
                if (!members.contains(p.getKey()) && (inSession
                        || needle != null && contains(readQuietly(Path.of("/proc", p.getKey().toString(), "environ")), needle))) {
                    members.add(p.getKey());
                }
            }
            Set<ProcessHandle> tree = new LinkedHashSet<>();
            members.forEach(pid -> ProcessHandle.of(pid).ifPresent(tree::add));
            return tree;
        }

        record StopReport(int processes, int killed, Duration took, List<Long> survivors) {}

        /**
         * The stop signal to the tree, and to whatever appears in it meanwhile (a helper the bot starts while it shuts
         * down), until none is left or the grace is over; then SIGKILL to what is left, and a check that it is gone.
         * child is the bot when it is our own child (exact wait), null for an orphan.
         */
        StopReport stop(Process child, Scope scope, java.util.function.IntConsumer termSent) {
            long began = System.nanoTime();
            long deadline = began + grace.toNanos();
            Set<ProcessHandle> signalled = new LinkedHashSet<>();
            Set<ProcessHandle> alive = snapshot(scope);
            while (!alive.isEmpty() && System.nanoTime() - deadline < 0) {
                boolean first = signalled.isEmpty();
                List<ProcessHandle> fresh = alive.stream().filter(process -> !signalled.contains(process)).toList();
                signalled.addAll(fresh);
                signal(fresh, stopSignal);
                if (first) {
                    termSent.accept(signalled.size());
                }
                awaitGone(child, alive, deadline);
                alive = snapshot(scope);
            }
            if (alive.isEmpty()) {
                return new StopReport(signalled.size(), 0, Duration.ofNanos(System.nanoTime() - began), List.of());
            }
            Set<ProcessHandle> killed = new LinkedHashSet<>();
            for (int round = 0; round < 3 && !alive.isEmpty(); round++) {
                alive.forEach(ProcessHandle::destroyForcibly);
                killed.addAll(alive);
                awaitGone(child, alive, System.nanoTime() + Policy.KILL_CONFIRM.toNanos());
                alive = snapshot(scope);
            }
            signalled.addAll(killed);
            return new StopReport(signalled.size(), killed.size(), Duration.ofNanos(System.nanoTime() - began),
                    alive.stream().map(ProcessHandle::pid).toList());
        }

        /**
         * Sends a stop signal: SIGTERM through Java (no extra process), the others with one kill(1) for all the PIDs.
         * kill(1), unlike destroy(), cannot check that a PID still names the process seen a moment ago; the window is
         * the time since the snapshot, far too short for the PIDs to wrap around.
         */
        static void signal(Collection<ProcessHandle> processes, StopSignal signal) {
            if (processes.isEmpty()) {
                return;
            }
            if (signal == StopSignal.TERM || KILL.isEmpty()) { // no kill(1): refused by check(), but never no stop at all
                processes.forEach(ProcessHandle::destroy);
                return;
            }
            List<String> command = new ArrayList<>(List.of(KILL.get().toString(), "-s", signal.name()));
            processes.forEach(process -> command.add(Long.toString(process.pid())));
            try {
                Process kill = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                kill.getOutputStream().close();
                // Its exit code is not looked at: it is 1 when one of the processes ended meanwhile, and the others still
                // got the signal. Whatever did not is killed after the grace, as any process that ignores the signal.
                if (!kill.waitFor(Policy.KILL_CONFIRM.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill.destroyForcibly();
                }
            } catch (IOException e) {
                processes.forEach(ProcessHandle::destroy); // kill(1) could not run: SIGTERM is a graceful stop too
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits until every process is gone: our own child exactly (Process.waitFor), the others by brief polls. */
        private static boolean awaitGone(Process child, Collection<ProcessHandle> processes, long deadline) {
            if (child != null) {
                try {
                    if (!child.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                        return false;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            long pollMicros = 200;
            while (true) {
                boolean anyAlive = false;
                for (ProcessHandle process : processes) {
                    anyAlive |= isAlive(process);
                }
                long left = deadline - System.nanoTime();
                if (!anyAlive || left <= 0) {
                    return !anyAlive;
                }
                try {
                    TimeUnit.MICROSECONDS.sleep(Math.min(pollMicros, TimeUnit.NANOSECONDS.toMicros(left) + 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                pollMicros = Math.min(pollMicros * 2, 10_000);
            }
        }

        /** Alive, and not a zombie waiting for its parent to reap it. */
        static boolean isAlive(ProcessHandle process) {
            if (!process.isAlive()) {
                return false;
            }
            if (!PROC) {
                return true;
            }
            String[] fields = statFields(Path.of("/proc", Long.toString(process.pid())));
            return fields.length > 0 && !fields[0].equals("Z");
        }

        /** Resident memory of the run's processes, summed (Linux: VmRSS from /proc). */
        long residentBytes(Scope scope) {
            return snapshot(scope).stream().mapToLong(ProcessTree::rss).sum();
        }

        private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

        static long rss(ProcessHandle process) {
            byte[] status = readQuietly(Path.of("/proc", Long.toString(process.pid()), "status"));
            Matcher m = VM_RSS.matcher(new String(status, UTF_8));
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : 0;
        }

        /** Same PID, same start instant, same command line: a recorded bot that is still the same process. */
        /** Same PID, same start, same command line: a recorded bot that is still the same process. */
        static boolean isSameProcess(ProcessHandle process, Instant started, Long ticks, List<String> command) {
            return startedAs(process, started, ticks) && commandLine(process).equals(command);
        }

        /**
         * A live process that started when recorded. Linux: the start in clock ticks since boot (/proc/PID/stat
         * field 22), which a wall-clock step cannot move; elsewhere the start instant, within a second.
         */
        static boolean startedAs(ProcessHandle process, Instant started, Long ticks) {
            if (!isAlive(process)) {
                return false;
            }
            if (PROC && ticks != null) {
                return ticks.equals(startTicks(process.pid()));
            }
            Optional<Instant> actual = process.info().startInstant();
            return started != null && actual.isPresent() && Duration.between(actual.get(), started).abs().toMillis() < 1000;
        }

        /** Linux: when the process started, in clock ticks since boot; null elsewhere or when it is gone. */
        static Long startTicks(long pid) {
            if (!PROC) {
                return null;
            }
            String[] fields = statFields(Path.of("/proc", Long.toString(pid)));
            return fields.length > 19 ? Long.valueOf(fields[19]) : null;
        }

        /** The fields of /proc/PID/stat after the command name (which may hold spaces): state is [0], ppid [1]. */
        private static String[] statFields(Path proc) {
            String stat = new String(readQuietly(proc.resolve("stat")), UTF_8);
            int end = stat.lastIndexOf(')');
            return end < 0 ? new String[0] : stat.substring(end + 2).split(" ");
        }

        static List<String> commandLine(ProcessHandle process) {
            if (PROC) {
                String raw = new String(readQuietly(Path.of("/proc", Long.toString(process.pid()), "cmdline")), UTF_8);
                return raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
            }
            ProcessHandle.Info info = process.info();
            List<String> line = new ArrayList<>();
            info.command().ifPresent(line::add);
            info.arguments().ifPresent(args -> line.addAll(List.of(args)));
            return line;
        }

        private static byte[] readQuietly(Path file) {
            try {
                return Files.readAllBytes(file);
            } catch (IOException | SecurityException e) {
                return new byte[0]; // gone meanwhile, or not ours to read
            }
        }

        private static boolean isNumber(String s) {
            return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
        }

        private static boolean contains(byte[] haystack, byte[] needle) {
            outer:
            for (int i = 0; i <= haystack.length - needle.length; i++) {
                if (i > 0 && haystack[i - 1] != 0) {
                    continue;
                }
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }

    /**
     * zt-exec's pumps with large buffers, flushing after each chunk, closing the relay at end of stream. zt-exec
     * calls stop() the moment Process.waitFor returns, before it joins the pumps (which a descendant holding the
     * pipes could delay): that is when the loop hears of the exit.
     */
    static final class RelayStreams extends PumpStreamHandler {
        private final Runnable exited;

        RelayStreams(OutputStream out, OutputStream err, Runnable exited) {
            super(out, err);
            this.exited = exited;
        }

        @Override
        public void stop() {
            exited.run();
            super.stop();
        }

        @Override
        protected Thread createPump(InputStream is, OutputStream os) {
            Thread pump = newThread(new StreamPumper(is, os, true, 64 * 1024, true));
            pump.setName("relay-" + ((Relay) os).stream().tag);
            return pump;
        }
    }

    /** Splits one output stream of the bot into lines for the log: keeps the last partial line, splits at 64 KiB. */
    static final class Relay extends OutputStream {
        static final int MAX_LINE = 64 * 1024;
        private final Log log;
        private final Log.Stream stream;
        private final byte[] line = new byte[MAX_LINE];
        private final java.util.concurrent.CountDownLatch attached = new java.util.concurrent.CountDownLatch(1);
        private int length;
        /** The last piece was emitted because it filled the buffer: a newline right after it ends that line. */
        private boolean split;
        /** What is in the line buffer is plain ASCII without escape codes. */
        private boolean linePlain = true;
        private volatile long pid;
        private volatile long lastWrite = System.nanoTime();

        Relay(Log log, Log.Stream stream) {
            this.log = log;
            this.stream = stream;
        }

        Log.Stream stream() {
            return stream;
        }

        /** The bot's PID, known only once it started: its first lines wait for it (microseconds). */
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

        /** Splits at newlines, noting on the way whether each line is plain ASCII without escape codes. */
        @Override
        public void write(byte[] bytes, int offset, int count) {
            lastWrite = System.nanoTime();
            int end = offset + count;
            int start = offset;
            boolean plain = true;
            for (int i = offset; i < end; i++) {
                byte b = bytes[i];
                if (b == '\n') {
                    if (length == 0 && i - start <= MAX_LINE && !(split && i == start)) {
                        emit(bytes, start, i - start, plain); // a whole line inside the chunk: no copy
                    } else {
                        append(bytes, start, i - start, plain);
                        if (length > 0 || !split) {
                            emit(line, 0, length, linePlain); // else the line was a multiple of MAX_LINE: all of it went out
                        }
                    }
                    split = false;
                    start = i + 1;
                    plain = true;
                } else if (b < 0 || b == 0x1B) {
                    plain = false;
                }
            }
            append(bytes, start, end - start, plain);
        }

        private void append(byte[] bytes, int offset, int count, boolean plain) {
            linePlain &= plain;
            while (count > 0) {
                int room = Math.min(count, MAX_LINE - length);
                System.arraycopy(bytes, offset, line, length, room);
                length += room;
                offset += room;
                count -= room;
                if (length == MAX_LINE) {
                    emit(line, 0, length, linePlain);
                    split = true;
                    linePlain = plain;
                }
            }
        }

        private void emit(byte[] bytes, int offset, int count, boolean plain) {
            int end = count > 0 && bytes[offset + count - 1] == '\r' ? count - 1 : count;
            try {
                attached.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.bot(stream, pid, bytes, offset, end, plain);
            length = 0;
            split = false;
            linePlain = true;
        }

        @Override
        public void flush() {
            log.flush();
        }

        @Override
        public void close() {
            if (length > 0) {
                emit(line, 0, length, linePlain);
            }
            log.flush();
        }
    }

    // ------------------------------------------------------------------------------------------ the log

    enum Lang {
        en, pt;

        /** Portuguese when the locale says so: LC_ALL, then LC_MESSAGES, then LANG (the first one set). */
        static Lang fromLocale(Map<String, String> env) {
            for (String variable : List.of("LC_ALL", "LC_MESSAGES", "LANG")) {
                String value = env.get(variable);
                if (value != null && !value.isEmpty()) {
                    return value.toLowerCase(Locale.ROOT).startsWith("pt") ? pt : en;
                }
            }
            return en;
        }
    }

    enum Level { INFO, WARN, ERROR }

    /** Every message the supervisor says: its level and emoji here, its words in one table per language. */
    enum Msg {
        SUPERVISOR_STARTED(Level.INFO, "🚀"), SETTINGS(Level.INFO, "⚙️"), STARTING(Level.INFO, "🤖"),
        COMMAND(Level.INFO, "📂"), START_OK(Level.INFO, "✅"), PID(Level.INFO, "🆔"), WAITING(Level.INFO, "⏳"),
        WAITING_UNTIL(Level.INFO, "⏳"), WAITING_FOREVER(Level.INFO, "⏳"), START_FAILED(Level.ERROR, "❌"),
        PLANNED_RESTART(Level.INFO, "🔄"), SCHEDULED_RESTART(Level.INFO, "🕒"), MEMORY_RESTART(Level.WARN, "🧠"),
        HUNG(Level.WARN, "🔇"), TERM_SENT(Level.INFO, "📨"), STOPPED_GRACEFULLY(Level.INFO, "👋"),
        KILLED(Level.WARN, "🔪"), SURVIVED(Level.ERROR, "⚠️"), EXITED(Level.INFO, "🏁"), LEFTOVERS(Level.WARN, "🧹"),
        FAILURE(Level.WARN, "❌"), FAILURE_UNLIMITED(Level.WARN, "❌"), PAUSE(Level.INFO, "⏸️"),
        BACKOFF(Level.INFO, "⏸️"), GIVING_UP(Level.ERROR, "💀"), STOP_REQUESTED(Level.INFO, "🛑"),
        SUPERVISOR_STOPPED(Level.INFO, "🏁"), SUMMARY(Level.INFO, "📊"), ORPHAN(Level.WARN, "🧟"),
        PID_REUSED(Level.INFO, "ℹ️"), HOOK_FAILED(Level.WARN, "🪝"), FATAL_ERROR(Level.ERROR, "💥"),
        LOG_FILE_FAILED(Level.ERROR, "⚠️"), STATE_FILE_FAILED(Level.WARN, "⚠️"), ENDED_AT_ONCE(Level.INFO, "📨"),
        STATE_FILE_UNREADABLE(Level.WARN, "⚠️"), STATUS_ORPHAN(Level.INFO, ""), HOOK_TIMED_OUT(Level.INFO, ""),
        EXIT_CODE(Level.INFO, ""), EXIT_SIGNAL(Level.INFO, ""),
        // Parts of messages, and errors printed before the log opens.
        WHY_NOT_STARTED(Level.INFO, ""), WHY_HUNG(Level.INFO, ""), WHY_EXIT(Level.INFO, ""), WHY_TOO_SOON(Level.INFO, ""),
        SUMMARY_FIELDS(Level.INFO, ""), PYTHON_NOT_FOUND(Level.ERROR, ""), PYTHON_OPTION_NOT_FOUND(Level.ERROR, ""),
        SCRIPT_NOT_FOUND(Level.ERROR, ""), COMMAND_NOT_FOUND(Level.ERROR, ""), LOCKED(Level.ERROR, ""),
        STATUS_RUNNING(Level.INFO, ""), STATUS_NOT_RUNNING(Level.INFO, ""),
        ENV_FILE_SHARED(Level.WARN, "🔑"), ENV_FILE_UNREADABLE(Level.ERROR, ""), ENV_FILE_BAD_LINE(Level.ERROR, ""),
        ENV_NOT_ASSIGNMENT(Level.INFO, ""), ENV_BAD_NAME(Level.INFO, ""), ENV_UNCLOSED_QUOTE(Level.INFO, ""),
        ENV_AFTER_QUOTE(Level.INFO, ""), CONFIG_ENV_NAMES(Level.INFO, ""), LOGS_NO_SUPERVISOR(Level.ERROR, ""),
        LOGS_NO_FILE(Level.ERROR, ""), LOGS_UNREADABLE(Level.ERROR, "");

        final Level level;
        final String emoji;

        Msg(Level level, String emoji) {
            this.level = level;
            this.emoji = emoji;
        }

        String event() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One log line's shape for each format: text as the original tool printed it, or one JSON object. */
    static final class Log implements Closeable {
        enum Format { text, json }

        enum Stream {
            STDOUT(""), STDERR(":err");

            final String tag;

            Stream(String tag) {
                this.tag = tag;
            }
        }

        static final Map<Lang, Map<Msg, String>> TEXTS = Map.of(Lang.en, Texts.EN, Lang.pt, Texts.PT);
        private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B[@-Z\\\\-_]");

        private final Lang lang;
        private final Format format;
        private final String name;
        private final ZoneId zone = ZoneId.systemDefault();
        private final OutputStream console;
        private final boolean colour;
        private final RotatingFile file;
        private volatile Long botPid;
        private long stampSecond = Long.MIN_VALUE;
        private String stamp;
        private long headSecond = Long.MIN_VALUE;
        private final byte[][] heads = new byte[Stream.values().length][];
        private final byte[][] paintedHeads = new byte[Stream.values().length][];
        /**
         * Whole lines waiting to be written, the same bytes for the file and (unless it is painted) the console:
         * each line is put together once, and both get one write per batch.
         */
        private final byte[] batch = new byte[128 * 1024];
        private int batched;

        Log(Lang lang, Format format, String name, OutputStream console, boolean colour, RotatingFile file) {
            this.lang = lang;
            this.format = format;
            this.name = name;
            this.console = colour ? new BufferedOutputStream(console, 16 * 1024) : console; // painted lines come in pieces
            this.colour = colour;
            this.file = file;
        }

        static Log open(Settings settings, String name, OutputStream console, Map<String, String> env) throws IOException {
            boolean terminal = console instanceof FileOutputStream && isTerminal();
            boolean colour = terminal && env.getOrDefault("NO_COLOR", "").isEmpty() && !"dumb".equals(env.get("TERM"));
            RotatingFile file = null;
            if (settings.logFile() != null) {
                try {
                    file = new RotatingFile(settings.logFile(), settings.logMaxSize(), settings.logKeep());
                } catch (IOException e) {
                    throw new Refusal(ExitCode.USAGE, "--log-file: cannot write " + settings.logFile() + " (" + Exits.reason(e)
                            + "): check that its folder is writable");
                }
            }
            return new Log(settings.lang(), settings.logFormat(), name, console, colour, file);
        }

        /**
         * Whether stdout is a terminal. Up to JDK 21 a Console exists only then; from JDK 22 one always exists,
         * and Console.isTerminal() (JDK 22+) tells.
         */
        static boolean isTerminal() {
            java.io.Console console = System.console();
            if (console == null) {
                return false;
            }
            try {
                return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
            } catch (NoSuchMethodException e) {
                return true; // JDK 17 to 21: a Console at all means a terminal
            } catch (ReflectiveOperationException e) {
                return false;
            }
        }

        Lang lang() {
            return lang;
        }

        void setBotPid(Long pid) {
            botPid = pid;
        }

        static String message(Lang lang, Msg msg, Object... args) {
            return String.format(Locale.ROOT, TEXTS.get(lang).get(msg), args);
        }

        String text(Msg msg, Object... args) {
            return message(lang, msg, args);
        }

        void info(Msg msg, Object... args) {
            say(msg, msg.level, args);
        }

        void warn(Msg msg, Object... args) {
            say(msg, Level.WARN, args);
        }

        void warnIf(boolean warning, Msg msg, Object... args) {
            say(msg, warning ? Level.WARN : msg.level, args);
        }

        void error(Msg msg, Object... args) {
            say(msg, Level.ERROR, args);
        }

        private void say(Msg msg, Level level, Object... args) {
            String words = text(msg, args);
            synchronized (this) {
                if (format == Format.json) {
                    write(json(level, msg.event(), words, botPid, "supervisor"), null);
                } else {
                    String line = "[" + stamp() + "] " + msg.emoji + " " + words + "\n";
                    write(line, colour ? paint(level, line) : null);
                }
                flush();
            }
        }

        /**
         * One line of the bot's output, relayed with the time and the stream's tag. A plain line (ASCII, no escape
         * codes: the relay knows) goes as bytes behind a cached prefix, the common case and the fast one.
         */
        void bot(Stream stream, long pid, byte[] bytes, int offset, int length, boolean plain) {
            if (format == Format.text && plain) {
                synchronized (this) {
                    byte[] head = botHead(stream);
                    write(head, bytes, offset, length, colour ? paintedHeads[stream.ordinal()] : null);
                }
                return;
            }
            String words = new String(bytes, offset, length, UTF_8);
            if ((!colour || format == Format.json) && words.indexOf('\u001B') >= 0) {
                words = ANSI.matcher(words).replaceAll("");
            }
            synchronized (this) {
                if (format == Format.json) {
                    write(json(stream == Stream.STDOUT ? Level.INFO : Level.WARN, "output", words, pid,
                            stream == Stream.STDOUT ? "stdout" : "stderr"), null);
                } else {
                    String tag = "[" + name + stream.tag + "] ";
                    String line = "[" + stamp() + "] " + tag + words + "\n";
                    write(colour ? ANSI.matcher(line).replaceAll("") : line,
                            colour ? "\u001B[2m[" + stamp() + "]\u001B[0m \u001B[36m" + tag + "\u001B[0m" + words + "\n" : null);
                }
            }
        }

        /** "[time] [name] " for stdout, "[time] [name:err] " for stderr: rebuilt once a second. */
        private byte[] botHead(Stream stream) {
            String now = stamp();
            if (stampSecond != headSecond) {
                headSecond = stampSecond;
                for (Stream s : Stream.values()) {
                    heads[s.ordinal()] = ("[" + now + "] [" + name + s.tag + "] ").getBytes(UTF_8);
                    paintedHeads[s.ordinal()] = ("\u001B[2m[" + now + "]\u001B[0m \u001B[36m[" + name + s.tag + "]\u001B[0m ")
                            .getBytes(UTF_8);
                }
            }
            return heads[stream.ordinal()];
        }

        private String json(Level level, String event, String message, Long pid, String stream) {
            StringBuilder b = new StringBuilder(message.length() + 160);
            b.append("{\"time\":\"").append(ZonedDateTime.now(zone).toOffsetDateTime()).append("\",\"level\":\"")
                    .append(level.name().toLowerCase(Locale.ROOT)).append("\",\"event\":\"").append(event)
                    .append("\",\"name\":");
            Json.string(b, name).append(",\"message\":");
            Json.string(b, message).append(",\"pid\":").append(pid).append(",\"stream\":\"").append(stream).append("\"}\n");
            return b.toString();
        }

        private String stamp() {
            long second = System.currentTimeMillis() / 1000;
            if (second != stampSecond) {
                stampSecond = second;
                stamp = STAMP.format(Instant.ofEpochSecond(second).atZone(zone));
            }
            return stamp;
        }

        static String clock(Instant instant, ZoneId zone) {
            return instant == null ? "-" : STAMP.format(instant.atZone(zone));
        }

        private static String paint(Level level, String line) {
            int end = line.indexOf(']') + 1;
            String colourOf = switch (level) {
                case INFO -> "";
                case WARN -> "\u001B[33m";
                case ERROR -> "\u001B[31m";
            };
            return "\u001B[2m" + line.substring(0, end) + "\u001B[0m" + colourOf + line.substring(end, line.length() - 1)
                    + (colourOf.isEmpty() ? "" : "\u001B[0m") + "\n";
        }

        /** Writes the plain line to the file and the console (or its coloured form to a terminal). */
        private void write(String plain, String painted) {
            write(plain.getBytes(UTF_8), null, 0, 0, painted == null ? null : painted.getBytes(UTF_8));
        }

        /**
         * One line into the batch: a head and, for relayed lines, the bot's bytes and a newline. On a terminal the
         * console gets the painted form at once, and the batch serves the file alone.
         */
        private void write(byte[] head, byte[] body, int bodyOffset, int bodyLength, byte[] paintedHead) {
            int length = head.length + (body == null ? 0 : bodyLength + 1);
            if (colour) {
                writeConsole(paintedHead == null ? head : paintedHead, 0, paintedHead == null ? head.length : paintedHead.length);
                if (body != null) {
                    writeConsole(body, bodyOffset, bodyLength);
                    writeConsole(NEWLINE, 0, 1);
                }
            }
            if (file != null && file.isFull(length)) {
                drain(); // every line before the rotation goes to the old file
                reportFileFailure(file.rotate());
            }
            if (batched + length > batch.length) {
                drain();
            }
            if (length > batch.length) { // a supervisor line longer than the batch: rare, written on its own
                byte[] line = Arrays.copyOf(head, length);
                if (body != null) {
                    System.arraycopy(body, bodyOffset, line, head.length, bodyLength);
                    line[length - 1] = '\n';
                }
                writeSinks(line, length);
            } else {
                System.arraycopy(head, 0, batch, batched, head.length);
                if (body != null) {
                    System.arraycopy(body, bodyOffset, batch, batched + head.length, bodyLength);
                    batch[batched + length - 1] = '\n';
                }
                batched += length;
            }
            if (file != null) {
                file.counted(length);
            }
        }

        private static final byte[] NEWLINE = {'\n'};

        private void drain() {
            writeSinks(batch, batched);
            batched = 0;
        }

        private void writeSinks(byte[] bytes, int length) {
            if (length == 0) {
                return;
            }
            if (!colour) {
                writeConsole(bytes, 0, length);
            }
            if (file != null) {
                reportFileFailure(file.write(bytes, length));
            }
        }

        private void writeConsole(byte[] bytes, int offset, int length) {
            try {
                console.write(bytes, offset, length);
            } catch (IOException e) {
                // The console is gone (closed terminal, full pipe): the log file, if any, still gets the line.
            }
        }

        synchronized void flush() {
            drain();
            try {
                console.flush();
            } catch (IOException e) {
                // As in writeConsole: a closed console must not stop supervision.
            }
        }

        /** On the console only: the file is what failed. */
        private void reportFileFailure(IOException failure) {
            if (failure == null) {
                return;
            }
            String line = "[" + stamp() + "] " + Msg.LOG_FILE_FAILED.emoji + " "
                    + text(Msg.LOG_FILE_FAILED, file.path, String.valueOf(failure.getMessage())) + "\n";
            try {
                console.write(line.getBytes(UTF_8));
                console.flush();
            } catch (IOException e) {
                // Neither the file nor the console takes lines: there is nowhere left to say it.
            }
        }

        @Override
        public synchronized void close() {
            flush();
            if (file != null) {
                file.close();
            }
        }
    }

    /**
     * A log file rotated by size: FILE, FILE.1 … FILE.keep. The log decides, line by line, when a rotation is due
     * (isFull), and writes whole lines only, so none is lost or split across files. When the file stops taking
     * lines (disk full, permissions changed) the relay goes on: the failure is reported on the console, lines
     * still go there, and the file is tried again every few seconds.
     */
    static final class RotatingFile {
        private final Path path;
        private final long maxBytes;
        private final int keep;
        private OutputStream out;
        private long size;
        private long failedAt;
        private boolean failing;

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

        private void open() throws IOException {
            out = Files.newOutputStream(path, CREATE, APPEND, WRITE);
            size = Files.size(path);
        }

        /** Whether a line of this length would take the file past its limit (a first line always fits). */
        boolean isFull(long length) {
            return size > 0 && size + length > maxBytes;
        }

        void counted(long length) {
            size += length;
        }

        /** Writes whole lines; returns the failure when the file has just stopped taking lines, else null. */
        IOException write(byte[] lines, int length) {
            if (out == null && !reopen()) {
                return null;
            }
            try {
                out.write(lines, 0, length);
                failing = false;
                return null;
            } catch (IOException e) {
                return fail(e);
            }
        }

        private boolean reopen() {
            if (System.nanoTime() - failedAt < Policy.LOG_FILE_RETRY.toNanos()) {
                return false;
            }
            try {
                open();
                return true;
            } catch (IOException e) {
                failedAt = System.nanoTime();
                return false;
            }
        }

        /** Drops the broken stream; the failure is returned (to be reported) only when it starts. */
        private IOException fail(IOException e) {
            failedAt = System.nanoTime();
            OutputStream broken = out;
            out = null;
            try {
                broken.close();
            } catch (IOException | RuntimeException alsoBroken) {
                e.addSuppressed(alsoBroken); // the same failure, seen again on close: reported with it
            }
            IOException report = failing ? null : e;
            failing = true;
            return report;
        }

        /** FILE becomes FILE.1, FILE.1 becomes FILE.2 … the oldest beyond keep goes; a new FILE starts empty. */
        IOException rotate() {
            try {
                if (out != null) {
                    out.close();
                }
                Files.deleteIfExists(numbered(keep));
                for (int i = keep - 1; i >= 1; i--) {
                    if (Files.exists(numbered(i), NOFOLLOW_LINKS)) {
                        Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                if (keep > 0) {
                    Files.move(path, numbered(1), StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.delete(path);
                }
                open();
                return null;
            } catch (IOException e) {
                size = 0;
                return out == null ? null : fail(e);
            }
        }

        private Path numbered(int i) {
            return path.resolveSibling(path.getFileName() + "." + i);
        }

        void close() {
            if (out != null) {
                fail(new IOException("closed")); // nothing left to report: the supervisor is exiting
            }
        }
    }

    /** The words of every message, one table per language. The Portuguese lines of the original tool are verbatim. */
    static final class Texts {
        static final Map<Msg, String> EN = Map.ofEntries(
                entry(Msg.SUPERVISOR_STARTED, "SUPERVISOR STARTED"),
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
                entry(Msg.TERM_SENT, "%s sent to %s process(es); killing after %s if still running"),
                entry(Msg.ENDED_AT_ONCE, "Ending %s process(es) (Windows has no SIGTERM: they end at once, the %s grace does not apply)"),
                entry(Msg.EXIT_CODE, "code %s"),
                entry(Msg.HOOK_TIMED_OUT, "still running after %s, killed"),
                entry(Msg.STATE_FILE_UNREADABLE, "Cannot read the state file (%s): no orphan recovery this time; a new one is written"),
                entry(Msg.STATUS_ORPHAN, "⚠ not running, but the bot of a supervisor that died is: %s%n"
                        + "  bot PID %s (%s); the next supervisor for this folder stops it before starting a new one"),
                entry(Msg.EXIT_SIGNAL, "signal %s%s [code %s]"),
                entry(Msg.STOPPED_GRACEFULLY, "Bot stopped gracefully in %s"),
                entry(Msg.KILLED, "Bot still running after the %s grace: killed %s process(es) with SIGKILL, gone after %s"),
                entry(Msg.SURVIVED, "Processes of the bot survived SIGKILL (stuck in the kernel?): PIDs %s"),
                entry(Msg.EXITED, "Bot exited by itself with %s after %s"),
                entry(Msg.LEFTOVERS, "The bot left %s process(es) running: stopping them before the next start"),
                entry(Msg.FAILURE, "Failure %s of %s: %s"),
                entry(Msg.FAILURE_UNLIMITED, "Failure %s (never giving up): %s"),
                entry(Msg.PAUSE, "Pausing %s before the next start..."),
                entry(Msg.BACKOFF, "Backing off %s before the next start..."),
                entry(Msg.GIVING_UP, "Giving up after %s consecutive failures; the supervisor exits with code 1"),
                entry(Msg.STOP_REQUESTED, "Stop requested (%s): the bot is stopped and the supervisor exits"),
                entry(Msg.SUPERVISOR_STOPPED, "SUPERVISOR STOPPED"),
                entry(Msg.SUMMARY, "Summary: %s"),
                entry(Msg.ORPHAN, "Found the bot of a supervisor that died (PID %s, started %s, %s process(es)): stopping it before starting a new one"),
                entry(Msg.PID_REUSED, "PID %s from the state file now belongs to another process: left alone"),
                entry(Msg.HOOK_FAILED, "The --on-event command failed for %s: %s; supervision goes on"),
                entry(Msg.FATAL_ERROR, "Unexpected error: %s; stopping the bot"),
                entry(Msg.LOG_FILE_FAILED, "Cannot write the log file %s (%s): lines go on here, and the file is tried again every 5s"),
                entry(Msg.STATE_FILE_FAILED, "Cannot write the state file (%s): supervision goes on; 'status' and orphan recovery need it"),
                entry(Msg.WHY_NOT_STARTED, "the bot could not start"),
                entry(Msg.WHY_HUNG, "the bot was hung"),
                entry(Msg.WHY_EXIT, "exited with %s after %s"),
                entry(Msg.WHY_TOO_SOON, "exited after %s, before the %s minimum uptime"),
                entry(Msg.SUMMARY_FIELDS, "up %s, runs %s, planned restarts %s, memory restarts %s, hung restarts %s, failures %s, last exit: %s"),
                entry(Msg.PYTHON_NOT_FOUND, "Python executable not found (looked for %s).%n"
                        + "Create the virtualenv in %s:%n"
                        + "  python3 -m venv venv            (Windows: python -m venv venv)%n"
                        + "  source venv/bin/activate        (Windows: venv\\Scripts\\activate)%n"
                        + "  pip install -r requirements.txt%n"
                        + "or name the interpreter with --python (a path, or a name on PATH)."),
                entry(Msg.PYTHON_OPTION_NOT_FOUND, "Python executable not found: '%s' is neither an executable file nor a program on PATH"),
                entry(Msg.SCRIPT_NOT_FOUND, "Script not found: %s%nCheck the file name (--script) and the bot's folder (--dir)."),
                entry(Msg.COMMAND_NOT_FOUND, "Command not found: '%s' is neither an executable file nor a program on PATH"),
                entry(Msg.LOCKED, "another supervisor (PID %s) is already running the bot in %s (it holds %s); "
                        + "stop it first, or see 'supervisor status --dir %s'"),
                entry(Msg.STATUS_RUNNING, "● running: %s%n  supervisor PID %s, state %s, bot PID %s%n"
                        + "  runs %s, planned restarts %s, health restarts %s, failures %s%n  next planned restart: %s"),
                entry(Msg.STATUS_NOT_RUNNING, "○ not running: no supervisor is running the bot in %s"),
                entry(Msg.ENV_FILE_SHARED, "The env file %s can be read by other users (%s), and it holds secrets: make it private with chmod 600 %s"),
                entry(Msg.ENV_FILE_UNREADABLE, "cannot read the env file %s (%s)"),
                entry(Msg.ENV_FILE_BAD_LINE, "env file %s:%s: %s (the line is not shown: it may hold a secret)"),
                entry(Msg.ENV_NOT_ASSIGNMENT, "not a KEY=VALUE line"),
                entry(Msg.ENV_BAD_NAME, "the name before '=' is not a variable name (letters, digits and _, not starting with a digit)"),
                entry(Msg.ENV_UNCLOSED_QUOTE, "a quote is not closed on this line"),
                entry(Msg.ENV_AFTER_QUOTE, "there is text after the closing quote"),
                entry(Msg.CONFIG_ENV_NAMES, "%s sets %s"),
                entry(Msg.LOGS_NO_SUPERVISOR, "no supervisor has run the bot in %s (there is no %s): check --dir"),
                entry(Msg.LOGS_NO_FILE, "the supervisor of the bot in %s logs to its stdout only: it runs without --log-file, so there is no file to show.%n"
                        + "Add --log-file FILE (or log-file=FILE in its --config file) and restart it; until then its log is wherever "
                        + "its stdout goes (journalctl -u UNIT under systemd, docker logs CONTAINER under Docker)."),
                entry(Msg.LOGS_UNREADABLE, "cannot read the log file %s (%s)"));

        static final Map<Msg, String> PT = Map.ofEntries(
                entry(Msg.SUPERVISOR_STARTED, "SUPERVISOR INICIADO"),
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
                entry(Msg.TERM_SENT, "%s enviado para %s processo(s); forçando o encerramento após %s se ainda estiverem rodando"),
                entry(Msg.ENDED_AT_ONCE, "Encerrando %s processo(s) (o Windows não tem SIGTERM: eles terminam na hora, a tolerância de %s não se aplica)"),
                entry(Msg.EXIT_CODE, "código %s"),
                entry(Msg.HOOK_TIMED_OUT, "ainda rodando após %s, encerrado à força"),
                entry(Msg.STATE_FILE_UNREADABLE, "Não foi possível ler o arquivo de estado (%s): sem recuperação de órfãos desta vez; um novo é gravado"),
                entry(Msg.STATUS_ORPHAN, "⚠ parado, mas o bot de um supervisor que morreu está rodando: %s%n"
                        + "  PID do bot %s (%s); o próximo supervisor desta pasta o encerra antes de iniciar um novo"),
                entry(Msg.EXIT_SIGNAL, "sinal %s%s [código %s]"),
                entry(Msg.STOPPED_GRACEFULLY, "Bot encerrado graciosamente em %s"),
                entry(Msg.KILLED, "Bot ainda rodando após a tolerância de %s: %s processo(s) forçado(s) com SIGKILL, encerrado(s) após %s"),
                entry(Msg.SURVIVED, "Processos do bot sobreviveram ao SIGKILL (presos no kernel?): PIDs %s"),
                entry(Msg.EXITED, "Bot terminou sozinho com %s após %s"),
                entry(Msg.LEFTOVERS, "O bot deixou %s processo(s) rodando: encerrando-os antes do próximo início"),
                entry(Msg.FAILURE, "Falha %s de %s: %s"),
                entry(Msg.FAILURE_UNLIMITED, "Falha %s (sem limite de tentativas): %s"),
                entry(Msg.PAUSE, "Pausa de %s antes do próximo início..."),
                entry(Msg.BACKOFF, "Aguardando %s antes de tentar de novo..."),
                entry(Msg.GIVING_UP, "Desistindo após %s falhas consecutivas; o supervisor sai com código 1"),
                entry(Msg.STOP_REQUESTED, "Parada solicitada (%s): o bot é encerrado e o supervisor sai"),
                entry(Msg.SUPERVISOR_STOPPED, "SUPERVISOR ENCERRADO"),
                entry(Msg.SUMMARY, "Resumo: %s"),
                entry(Msg.ORPHAN, "Encontrado o bot de um supervisor que morreu (PID %s, iniciado em %s, %s processo(s)): encerrando-o antes de iniciar um novo"),
                entry(Msg.PID_REUSED, "O PID %s do arquivo de estado agora pertence a outro processo: nada será feito com ele"),
                entry(Msg.HOOK_FAILED, "O comando de --on-event falhou para %s: %s; a supervisão continua"),
                entry(Msg.FATAL_ERROR, "Erro inesperado: %s; encerrando o bot"),
                entry(Msg.LOG_FILE_FAILED, "Não foi possível escrever o arquivo de log %s (%s): as linhas continuam aqui, e o arquivo é tentado de novo a cada 5s"),
                entry(Msg.STATE_FILE_FAILED, "Não foi possível escrever o arquivo de estado (%s): a supervisão continua; 'status' e a recuperação de órfãos precisam dele"),
                entry(Msg.WHY_NOT_STARTED, "o bot não pôde iniciar"),
                entry(Msg.WHY_HUNG, "o bot estava travado"),
                entry(Msg.WHY_EXIT, "terminou com %s após %s"),
                entry(Msg.WHY_TOO_SOON, "terminou após %s, antes do tempo mínimo de %s"),
                entry(Msg.SUMMARY_FIELDS, "ativo há %s, execuções %s, reinícios programados %s, reinícios por memória %s, reinícios por travamento %s, falhas %s, última saída: %s"),
                entry(Msg.PYTHON_NOT_FOUND, "Executável Python não encontrado (procurado em %s).%n"
                        + "Crie o ambiente virtual em %s:%n"
                        + "  python3 -m venv venv            (Windows: python -m venv venv)%n"
                        + "  source venv/bin/activate        (Windows: venv\\Scripts\\activate)%n"
                        + "  pip install -r requirements.txt%n"
                        + "ou indique o interpretador com --python (um caminho, ou um nome no PATH)."),
                entry(Msg.PYTHON_OPTION_NOT_FOUND, "Executável Python não encontrado: '%s' não é um arquivo executável nem um programa no PATH"),
                entry(Msg.SCRIPT_NOT_FOUND, "Script não encontrado: %s%nVerifique o nome do arquivo (--script) e a pasta do bot (--dir)."),
                entry(Msg.COMMAND_NOT_FOUND, "Comando não encontrado: '%s' não é um arquivo executável nem um programa no PATH"),
                entry(Msg.LOCKED, "outro supervisor (PID %s) já está rodando o bot em %s (ele detém %s); "
                        + "encerre-o primeiro, ou veja 'supervisor status --dir %s'"),
                entry(Msg.STATUS_RUNNING, "● em execução: %s%n  PID do supervisor %s, estado %s, PID do bot %s%n"
                        + "  execuções %s, reinícios programados %s, reinícios de saúde %s, falhas %s%n  próximo reinício programado: %s"),
                entry(Msg.STATUS_NOT_RUNNING, "○ parado: nenhum supervisor está rodando o bot em %s"),
                entry(Msg.ENV_FILE_SHARED, "O arquivo de ambiente %s pode ser lido por outros usuários (%s), e ele guarda segredos: deixe-o privado com chmod 600 %s"),
                entry(Msg.ENV_FILE_UNREADABLE, "não foi possível ler o arquivo de ambiente %s (%s)"),
                entry(Msg.ENV_FILE_BAD_LINE, "arquivo de ambiente %s:%s: %s (a linha não é mostrada: pode conter um segredo)"),
                entry(Msg.ENV_NOT_ASSIGNMENT, "não é uma linha CHAVE=VALOR"),
                entry(Msg.ENV_BAD_NAME, "o nome antes do '=' não é um nome de variável (letras, dígitos e _, sem começar com dígito)"),
                entry(Msg.ENV_UNCLOSED_QUOTE, "uma aspa não foi fechada nesta linha"),
                entry(Msg.ENV_AFTER_QUOTE, "há texto depois da aspa de fechamento"),
                entry(Msg.CONFIG_ENV_NAMES, "%s define %s"),
                entry(Msg.LOGS_NO_SUPERVISOR, "nenhum supervisor rodou o bot em %s (não existe %s): verifique --dir"),
                entry(Msg.LOGS_NO_FILE, "o supervisor do bot em %s registra o log só na saída padrão: ele roda sem --log-file, então não há arquivo para mostrar.%n"
                        + "Acrescente --log-file FILE (ou log-file=FILE no arquivo de --config) e reinicie-o; até lá o log dele está para onde vai "
                        + "a saída padrão (journalctl -u UNIDADE no systemd, docker logs CONTÊINER no Docker)."),
                entry(Msg.LOGS_UNREADABLE, "não foi possível ler o arquivo de log %s (%s)"));
    }

    /** How exit codes read: Java reports a death by signal N as 128 + N. */
    static final class Exits {
        private static final Map<Integer, String> SIGNALS = Map.of(1, "HUP", 2, "INT", 6, "ABRT", 9, "KILL", 11, "SEGV",
                13, "PIPE", 15, "TERM");

        static String describe(Lang lang, int code) {
            if (code > 128 && code < 128 + 32 && !Venv.WINDOWS) {
                int signal = code - 128;
                return Log.message(lang, Msg.EXIT_SIGNAL, signal,
                        Optional.ofNullable(SIGNALS.get(signal)).map(n -> " (SIG" + n + ")").orElse(""), code);
            }
            return Log.message(lang, Msg.EXIT_CODE, code);
        }

        /** What went wrong with a file or a start, in words; never zt-exec's message, which adds the environment. */
        static String reason(IOException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            if (root instanceof NoSuchFileException missing) {
                return "no such file or folder: " + missing.getFile();
            }
            if (root instanceof java.nio.file.AccessDeniedException denied) {
                return "permission denied: " + denied.getFile();
            }
            return String.valueOf(root.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------ one copy

    /** The instance lock: an OS lock held for the supervisor's whole life, gone with the process even on SIGKILL. */
    static final class InstanceLock implements Closeable {
        private final FileChannel channel;
        private final FileLock lock;

        private InstanceLock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        static InstanceLock acquire(Settings settings) throws IOException {
            FileChannel channel;
            try {
                channel = OwnerFiles.open(settings.lockFile(), READ, WRITE, CREATE);
            } catch (IOException e) {
                throw new Refusal(ExitCode.USAGE, "cannot use the lock file " + settings.lockFile() + " (" + Exits.reason(e)
                        + "): check that its folder exists and is writable, or choose another with --lock-file");
            }
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null; // held by another supervisor in this same JVM (tests)
            }
            if (lock == null) {
                String holder = new String(Channels.newInputStream(channel).readAllBytes(), UTF_8).trim();
                channel.close();
                throw new Refusal(ExitCode.LOCKED, Log.message(settings.lang(), Msg.LOCKED,
                        holder.isEmpty() ? "?" : holder, settings.dir(), settings.lockFile(), settings.dir()));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(UTF_8)), 0);
            channel.force(false);
            return new InstanceLock(channel, lock);
        }

        @Override
        public void close() throws IOException {
            lock.release();
            channel.close();
        }
    }

    /** Files only the owner can change, never through a symlink planted in their place. */
    static final class OwnerFiles {
        static FileChannel open(Path file, java.nio.file.OpenOption... modes) throws IOException {
            Set<java.nio.file.OpenOption> options = new LinkedHashSet<>(List.of(modes));
            options.add(NOFOLLOW_LINKS);
            refuseLink(file);
            return Venv.WINDOWS ? FileChannel.open(file, options)
                    : FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        }

        /** A symlink where a lock or state file belongs was planted: never follow it (NOFOLLOW_LINKS covers a race). */
        static void refuseLink(Path file) {
            if (Files.isSymbolicLink(file)) {
                throw new Refusal(ExitCode.USAGE, "refusing to use " + file + ": it is a symbolic link; remove it");
            }
        }
    }

    /** The state file: a JSON snapshot of the supervisor, replaced atomically at each transition. */
    static final class StateFile {
        static final Instant SELF_STARTED = ProcessHandle.current().info().startInstant().orElse(Instant.now());
        static final Long SELF_TICKS = ProcessTree.startTicks(ProcessHandle.current().pid());
        private final Path path;

        StateFile(Path path) {
            this.path = path;
        }

        record Record(long supervisorPid, Instant supervisorStarted, Long supervisorTicks, Long botPid, Instant botStarted,
                      Long botTicks, List<String> command,
                      String marker, State state, int runs, int plannedRestarts, int healthRestarts, int failures,
                      Instant nextRestart, Path dir, Lang lang, Path logFile) {

            String toJson() {
                StringBuilder b = new StringBuilder("{");
                Json.field(b, "supervisorPid", supervisorPid).append(',');
                Json.field(b, "supervisorStarted", supervisorStarted).append(',');
                Json.field(b, "supervisorTicks", supervisorTicks).append(',');
                Json.field(b, "botPid", botPid).append(',');
                Json.field(b, "botStarted", botStarted).append(',');
                Json.field(b, "botTicks", botTicks).append(',');
                b.append("\"command\":[");
                for (int i = 0; i < command.size(); i++) {
                    Json.string(b.append(i == 0 ? "" : ","), command.get(i));
                }
                b.append("],");
                Json.field(b, "marker", marker).append(',');
                Json.field(b, "state", state.name()).append(',');
                Json.field(b, "runs", runs).append(',');
                Json.field(b, "plannedRestarts", plannedRestarts).append(',');
                Json.field(b, "healthRestarts", healthRestarts).append(',');
                Json.field(b, "failures", failures).append(',');
                Json.field(b, "nextRestart", nextRestart).append(',');
                Json.field(b, "dir", dir.toString()).append(',');
                Json.field(b, "lang", lang.name()).append(',');
                Json.field(b, "logFile", logFile);
                return b.append("}").toString();
            }

            static Record fromJson(Map<String, Object> m) {
                return new Record(((Number) m.get("supervisorPid")).longValue(), Json.instant(m.get("supervisorStarted")),
                        Json.optionalLong(m.get("supervisorTicks")), Json.optionalLong(m.get("botPid")),
                        Json.instant(m.get("botStarted")), Json.optionalLong(m.get("botTicks")), Json.strings(m.get("command")), (String) m.get("marker"), State.valueOf((String) m.get("state")),
                        Json.integer(m.get("runs")), Json.integer(m.get("plannedRestarts")),
                        Json.integer(m.get("healthRestarts")), Json.integer(m.get("failures")),
                        Json.instant(m.get("nextRestart")), Path.of((String) m.get("dir")), Lang.valueOf((String) m.get("lang")),
                        m.get("logFile") == null ? null : Path.of((String) m.get("logFile")));
            }

            /** The supervisor that wrote this is still the same live process, and has not stopped. */
            boolean isRunning() {
                return state != State.STOPPED && state != State.FATAL && supervisorAlive();
            }

            boolean supervisorAlive() {
                return ProcessHandle.of(supervisorPid).map(p -> ProcessTree.startedAs(p, supervisorStarted, supervisorTicks))
                        .orElse(false);
            }

            /** The recorded bot, when it is still that very process (an orphan, if its supervisor is gone). */
            Optional<ProcessHandle> liveBot() {
                return botPid == null ? Optional.empty()
                        : ProcessHandle.of(botPid).filter(p -> ProcessTree.isSameProcess(p, botStarted, botTicks, command));
            }
        }

        void write(Record record) {
            Path temp = path.resolveSibling(path.getFileName() + ".tmp");
            try {
                Files.deleteIfExists(temp);
                try (FileChannel channel = OwnerFiles.open(temp, WRITE, CREATE_NEW)) {
                    channel.write(ByteBuffer.wrap((record.toJson() + "\n").getBytes(UTF_8)));
                }
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the state file " + path, e);
            }
        }

        /** The last record, or null when there is none; an unreadable one is an UncheckedIOException saying why. */
        Record read() {
            OwnerFiles.refuseLink(path);
            String text;
            try {
                text = Files.readString(path);
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(path + ": " + Exits.reason(e), e);
            }
            try {
                return Record.fromJson(Json.parseObject(text));
            } catch (RuntimeException e) {
                throw new UncheckedIOException(path + ": not a state file (" + e + ")", new IOException(e));
            }
        }
    }

    /** Just enough JSON for the log, the state file and 'status --json': flat objects, strings, numbers, lists. */
    static final class Json {
        static StringBuilder string(StringBuilder b, String s) {
            if (s == null) {
                return b.append("null");
            }
            b.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.append('"');
        }

        static StringBuilder field(StringBuilder b, String name, Object value) {
            b.append('"').append(name).append("\":");
            if (value == null || value instanceof Number || value instanceof Boolean) {
                return b.append(value);
            }
            return string(b, value.toString());
        }

        static Map<String, Object> parseObject(String text) {
            Parser p = new Parser(text.trim());
            Object value = p.value();
            if (!(value instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("not a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) value;
            return map;
        }

        static Long optionalLong(Object value) {
            return value == null ? null : ((Number) value).longValue();
        }

        static Instant instant(Object value) {
            return value == null ? null : Instant.parse((String) value);
        }

        static int integer(Object value) {
            return value == null ? 0 : ((Number) value).intValue();
        }

        static List<String> strings(Object value) {
            return value == null ? List.of() : ((List<?>) value).stream().map(String::valueOf).toList();
        }

        private static final class Parser {
            private final String s;
            private int i;

            Parser(String s) {
                this.s = s;
            }

            Object value() {
                skip();
                char c = s.charAt(i);
                if (c == '{') {
                    Map<String, Object> map = new LinkedHashMap<>();
                    i++;
                    skip();
                    if (s.charAt(i) == '}') {
                        i++;
                        return map;
                    }
                    do {
                        skip();
                        String key = (String) value();
                        skip();
                        expect(':');
                        map.put(key, value());
                        skip();
                    } while (s.charAt(i++) == ',');
                    return map;
                }
                if (c == '[') {
                    List<Object> list = new ArrayList<>();
                    i++;
                    skip();
                    if (s.charAt(i) == ']') {
                        i++;
                        return list;
                    }
                    do {
                        list.add(value());
                        skip();
                    } while (s.charAt(i++) == ',');
                    return list;
                }
                if (c == '"') {
                    return string();
                }
                int start = i;
                while (i < s.length() && "{}[],: \n\r\t".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                String word = s.substring(start, i);
                return switch (word) {
                    case "null" -> null;
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> word.contains(".") ? (Object) Double.parseDouble(word) : (Object) Long.parseLong(word);
                };
            }

            private String string() {
                StringBuilder b = new StringBuilder();
                i++;
                while (s.charAt(i) != '"') {
                    char c = s.charAt(i++);
                    if (c == '\\') {
                        char e = s.charAt(i++);
                        switch (e) {
                            case 'n' -> b.append('\n');
                            case 'r' -> b.append('\r');
                            case 't' -> b.append('\t');
                            case 'u' -> {
                                b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                                i += 4;
                            }
                            default -> b.append(e);
                        }
                    } else {
                        b.append(c);
                    }
                }
                i++;
                return b.toString();
            }

            private void skip() {
                while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
            }

            private void expect(char c) {
                if (s.charAt(i++) != c) {
                    throw new IllegalArgumentException("expected '" + c + "' at " + (i - 1));
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ events

    /** The --on-event command: run without a shell, in the background, one at a time, with a time limit. */
    static final class Hooks implements Closeable {

        enum Event {
            STARTED, PLANNED_RESTART, MEMORY_RESTART, HUNG, CRASHED, GAVE_UP, STOPPED;

            String id() {
                return name().toLowerCase(Locale.ROOT).replace('_', '-');
            }
        }

        private final List<String> command;
        private final Duration timeLimit;
        private final Log log;
        private final ExecutorService runner;

        Hooks(List<String> command, Duration timeLimit, Log log) {
            this.command = command;
            this.timeLimit = timeLimit;
            this.log = log;
            this.runner = command.isEmpty() ? null : Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "on-event");
                t.setDaemon(true);
                return t;
            });
        }

        /** Splits a command line like a POSIX shell would split words: spaces separate, quotes group, \ escapes. */
        static List<String> split(CommandLine cmd, String line) {
            if (line == null || line.isBlank()) {
                return List.of();
            }
            List<String> words = new ArrayList<>();
            StringBuilder word = null;
            char quote = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                        word.append(line.charAt(++i));
                    } else {
                        word.append(c);
                    }
                } else if (Character.isWhitespace(c)) {
                    if (word != null) {
                        words.add(word.toString());
                        word = null;
                    }
                } else {
                    word = word == null ? new StringBuilder() : word;
                    if (c == '\'' || c == '"') {
                        quote = c;
                    } else if (c == '\\' && i + 1 < line.length()) {
                        word.append(line.charAt(++i));
                    } else {
                        word.append(c);
                    }
                }
            }
            if (quote != 0) {
                throw new ParameterException(cmd, "--on-event: unclosed " + quote + " quote in: " + line);
            }
            if (word != null) {
                words.add(word.toString());
            }
            return words;
        }

        void fire(Event event, String message, Long botPid, Integer exitCode, int failures) {
            if (runner == null) {
                return;
            }
            Map<String, String> vars = new LinkedHashMap<>();
            vars.put("SUPERVISOR_EVENT", event.id());
            vars.put("SUPERVISOR_MESSAGE", message);
            vars.put("SUPERVISOR_BOT_PID", botPid == null ? "" : botPid.toString());
            vars.put("SUPERVISOR_EXIT_CODE", exitCode == null ? "" : exitCode.toString());
            vars.put("SUPERVISOR_FAILURES", Integer.toString(failures));
            runner.execute(() -> run(event, vars));
        }

        private void run(Event event, Map<String, String> vars) {
            try {
                ProcessResult result = new ProcessExecutor().command(command).environment(vars).readOutput(true)
                        .timeout(timeLimit.toMillis(), TimeUnit.MILLISECONDS).stopper(Process::destroyForcibly).execute();
                if (result.getExitValue() != 0) {
                    String output = result.outputUTF8().strip();
                    String last = output.isEmpty() ? "" : ": " + output.substring(output.lastIndexOf('\n') + 1);
                    log.warn(Msg.HOOK_FAILED, event.id(), Exits.describe(log.lang(), result.getExitValue()) + last);
                }
            } catch (TimeoutException e) {
                log.warn(Msg.HOOK_FAILED, event.id(), log.text(Msg.HOOK_TIMED_OUT, Durations.format(timeLimit)));
            } catch (IOException e) {
                log.warn(Msg.HOOK_FAILED, event.id(), Exits.reason(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Lets the last hooks (stopped, gave-up) finish, within their time limit. */
        @Override
        public void close() {
            if (runner == null) {
                return;
            }
            runner.shutdown();
            try {
                runner.awaitTermination(timeLimit.toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SIGINT, SIGTERM and SIGHUP become a stop request; under nohup SIGHUP stays ignored. */
    static final class Signals {
        @SuppressWarnings("restriction")
        static void forwardTo(Want want) {
            for (String name : List.of("INT", "TERM", "HUP")) {
                try {
                    sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> want.stop("SIG" + signal.getName()));
                } catch (IllegalArgumentException e) {
                    // Not on this OS (Windows has no SIGHUP), or reserved by the JVM: the shutdown hook still stops the bot.
                }
            }
        }
    }

    /** Stops the bot if the JVM exits while the loop runs (a signal the handlers could not take, System.exit). */
    static final class ShutdownGuard implements Closeable {
        private final Thread hook;
        private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);

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

    // ------------------------------------------------------------------------------------------ subcommands

    @Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Says whether a supervisor is running the bot in --dir, with its counters. "
                    + "Exit 0 when one is running, 3 when none is.")
    static final class Status implements Callable<Integer> {
        @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
                description = "The bot's folder (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Option(names = "--json", description = "One JSON object, for scripts.")
        boolean json;

        @Option(names = "--lang", paramLabel = "LANG",
                description = "Language of the output: en or pt (default: from LC_ALL, LC_MESSAGES or LANG).")
        Lang lang;

        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            Path folder = dir.toAbsolutePath().normalize();
            StateFile.Record record;
            try {
                record = new StateFile(folder.resolve(".supervisor.state")).read();
            } catch (UncheckedIOException e) {
                spec.commandLine().getErr().println("supervisor: " + e.getMessage());
                record = null;
            }
            boolean running = record != null && record.isRunning();
            Long orphan = running || record == null ? null : record.liveBot().map(ProcessHandle::pid).orElse(null);
            Lang language = lang != null ? lang : Lang.fromLocale(System.getenv());
            PrintWriter out = spec.commandLine().getOut();
            out.println(json ? toJson(folder, running, orphan, record) : toText(language, folder, running, orphan, record));
            out.flush();
            return running ? ExitCode.STOPPED : ExitCode.LOCKED;
        }

        static String toText(Lang lang, Path dir, boolean running, Long orphan, StateFile.Record r) {
            if (orphan != null) {
                return Log.message(lang, Msg.STATUS_ORPHAN, dir, orphan,
                        Durations.format(Duration.between(r.botStarted(), Instant.now())));
            }
            if (!running) {
                return Log.message(lang, Msg.STATUS_NOT_RUNNING, dir);
            }
            String bot = r.botPid() == null ? "-" : r.botPid() + " (" + Durations.format(Duration.between(r.botStarted(), Instant.now())) + ")";
            return Log.message(lang, Msg.STATUS_RUNNING, dir, r.supervisorPid(), r.state(), bot, r.runs(), r.plannedRestarts(),
                    r.healthRestarts(), r.failures(), Log.clock(r.nextRestart(), ZoneId.systemDefault()));
        }

        static String toJson(Path dir, boolean running, Long orphan, StateFile.Record r) {
            StringBuilder b = new StringBuilder("{");
            Json.field(b, "running", running).append(',');
            Json.field(b, "dir", dir.toString());
            if (r != null) {
                b.append(',');
                Json.field(b, "supervisorPid", running ? r.supervisorPid() : null).append(',');
                Json.field(b, "state", running || r.state() == State.FATAL ? r.state().name() : State.STOPPED.name()).append(',');
                Json.field(b, "orphanBotPid", orphan).append(',');
                Json.field(b, "botPid", running ? r.botPid() : null).append(',');
                Json.field(b, "botUptimeSeconds", running && r.botStarted() != null
                        ? Duration.between(r.botStarted(), Instant.now()).toSeconds() : null).append(',');
                Json.field(b, "runs", r.runs()).append(',');
                Json.field(b, "plannedRestarts", r.plannedRestarts()).append(',');
                Json.field(b, "healthRestarts", r.healthRestarts()).append(',');
                Json.field(b, "failures", r.failures()).append(',');
                Json.field(b, "nextRestart", running ? r.nextRestart() : null);
            }
            return b.append('}').toString();
        }
    }

    @Command(name = "logs", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Prints the last lines of the log file (--log-file) of the bot's supervisor, the running one or the last; "
                    + "with -f, follows it across rotations until Ctrl+C. Exit 0; 1 when a file cannot be read; "
                    + "2 when that supervisor logs to its stdout only; 3 when no supervisor has run the bot in --dir.")
    static final class Logs implements Callable<Integer> {
        /** How often -f looks for new lines and for a rotation. */
        static final Duration FOLLOW_EVERY = Duration.ofMillis(200);

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
                description = "The bot's folder (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "50",
                description = "How many of the last lines to print (default: ${DEFAULT-VALUE}).")
        int lines;

        @Option(names = {"-f", "--follow"}, description = "Then print each new line as it is written, across rotations, until Ctrl+C.")
        boolean follow;

        @Option(names = "--lang", paramLabel = "LANG",
                description = "Language of the messages: en or pt (default: from LC_ALL, LC_MESSAGES or LANG).")
        Lang lang;

        @Option(names = "--config", paramLabel = "FILE",
                description = "The bot's properties file of settings: its dir is the bot's folder unless --dir is given.")
        Path config;

        @ParentCommand Supervisor supervisor;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            if (lines < 0) {
                throw new ParameterException(spec.commandLine(), "-n must be 0 or more, not " + lines);
            }
            Lang language = lang != null ? lang : Lang.fromLocale(supervisor.env);
            Path file = logFile(dir.toAbsolutePath().normalize(), language);
            PrintWriter out = spec.commandLine().getOut();
            try (Follower follower = Follower.open(file, out)) {
                follower.printLast(lines);
                // SIGINT and SIGTERM are a stop request (Signals), which ends the wait at once; a closed pipe ends it too.
                while (follow && supervisor.want.up() && !out.checkError()) {
                    supervisor.want.await(System.nanoTime() + FOLLOW_EVERY.toNanos());
                    follower.poll();
                }
            } catch (IOException e) {
                throw new Refusal(ExitCode.FATAL, Log.message(language, Msg.LOGS_UNREADABLE, file, Exits.reason(e)));
            }
            return ExitCode.STOPPED;
        }

        /** The log file the bot's supervisor writes (or wrote last), from its state file. */
        private static Path logFile(Path folder, Lang lang) {
            Path state = folder.resolve(".supervisor.state");
            StateFile.Record record;
            try {
                record = new StateFile(state).read();
            } catch (UncheckedIOException e) {
                throw new Refusal(ExitCode.FATAL, e.getMessage());
            }
            if (record == null) {
                throw new Refusal(ExitCode.LOCKED, Log.message(lang, Msg.LOGS_NO_SUPERVISOR, folder, state));
            }
            if (record.logFile() == null) {
                throw new Refusal(ExitCode.USAGE, Log.message(lang, Msg.LOGS_NO_FILE, folder));
            }
            return record.logFile();
        }

        /**
         * Reads the log as RotatingFile writes it: FILE, renamed to FILE.1 when full (FILE.1 to FILE.2 …) and a new
         * FILE begun. Files are told apart by identity (the inode), never by name, so a rotation between two looks
         * loses no line and doubles none; a file truncated in place is read again from its start. Whole lines only.
         */
        static final class Follower implements Closeable {
            private final Path path;
            private final PrintWriter out;
            private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            private FileChannel channel;
            private Object identity;
            private long position;
            private byte[] partial = new byte[0];

            private Follower(Path path, PrintWriter out) {
                this.path = path;
                this.out = out;
            }

            /** Opens FILE as it is now (again, if a rotation renames it at that very moment). */
            static Follower open(Path path, PrintWriter out) throws IOException {
                Follower follower = new Follower(path, out);
                for (int attempt = 0; follower.channel == null; attempt++) {
                    Object identity = identity(path);
                    if (identity == null) {
                        throw new NoSuchFileException(path.toString());
                    }
                    if (attempt == 100) {
                        throw new IOException("it is replaced faster than it can be opened");
                    }
                    follower.channel = openAs(path, identity);
                    follower.identity = identity;
                }
                return follower;
            }

            /** The last n whole lines: of FILE, and of FILE.1, FILE.2 … when FILE has fewer. */
            void printLast(int n) throws IOException {
                long end = lastNewline(channel, channel.size()) + 1;
                List<Range> ranges = new ArrayList<>(); // newest first
                List<FileChannel> older = new ArrayList<>();
                try {
                    int found = addLast(channel, end, n, ranges);
                    for (int i = 1; found < n; i++) {
                        Object id = identity(numbered(i));
                        FileChannel file = id == null || id.equals(identity) ? null : openAs(numbered(i), id);
                        if (file == null) {
                            break;
                        }
                        older.add(file);
                        found += addLast(file, lastNewline(file, file.size()) + 1, n - found, ranges);
                    }
                    for (int i = ranges.size() - 1; i >= 0; i--) {
                        copy(ranges.get(i));
                    }
                } finally {
                    for (FileChannel file : older) {
                        file.close();
                    }
                }
                position = end;
            }

            /** Prints what was written since the last look: the rest of the current file, then of each one after it. */
            void poll() throws IOException {
                while (true) {
                    readToEnd();
                    Object live = identity(path);
                    if (live == null) {
                        return; // renamed, and the new FILE not there yet: next time
                    }
                    if (live.equals(identity)) {
                        if (channel.size() < position) {
                            position = 0; // truncated in place (copytruncate): from its start again
                        }
                        return;
                    }
                    readToEnd(); // RotatingFile closes a file before renaming it: now all of it has been read
                    if (!moveToNext()) {
                        return;
                    }
                }
            }

            /**
             * Moves to the file begun after the current one: FILE.k-1 when the current one is now FILE.k, FILE after
             * FILE.1; FILE when the current one is gone (deleted, or rotated out of --log-keep faster than it was
             * read: then the lines in between are lost). False when a rotation is under way: the next look goes on.
             */
            private boolean moveToNext() throws IOException {
                List<Object> numbered = new ArrayList<>(); // identities of FILE.1, FILE.2 …; a gap is a file being renamed
                for (int i = 1, missing = 0; missing < 2; i++) {
                    Object id = identity(numbered(i));
                    numbered.add(id);
                    missing = id == null ? missing + 1 : 0;
                }
                int current = numbered.indexOf(identity) + 1;
                Path next = current > 1 ? numbered(current - 1) : path;
                Object expected = current > 1 ? numbered.get(current - 2) : identity(path);
                FileChannel opened = openAs(next, expected);
                if (opened == null) {
                    return false;
                }
                if (partial.length > 0) { // a last line without its newline (a writer that died): still a line
                    out.println(new String(partial, UTF_8));
                    partial = new byte[0];
                }
                channel.close();
                channel = opened;
                identity = expected;
                position = 0;
                return true;
            }

            private void readToEnd() throws IOException {
                for (int read; (read = channel.read(buffer.clear(), position)) > 0; ) {
                    position += read;
                    emit(buffer.array(), read);
                }
            }

            /** Prints the whole lines among what was read; keeps a last partial line for the next read. */
            private void emit(byte[] bytes, int length) {
                int end = length;
                while (end > 0 && bytes[end - 1] != '\n') {
                    end--;
                }
                if (end == 0) {
                    partial = concat(partial, bytes, length);
                    return;
                }
                out.print(new String(concat(partial, bytes, end), UTF_8));
                out.flush();
                partial = Arrays.copyOfRange(bytes, end, length);
            }

            private static byte[] concat(byte[] first, byte[] bytes, int length) {
                byte[] all = Arrays.copyOf(first, first.length + length);
                System.arraycopy(bytes, 0, all, first.length, length);
                return all;
            }

            record Range(FileChannel file, long start, long end) {}

            /** Adds the range of the last n lines before end (just after a newline); returns how many it holds. */
            private int addLast(FileChannel file, long end, int n, List<Range> ranges) throws IOException {
                if (n == 0 || end == 0) {
                    return 0;
                }
                int newlines = 0;
                for (long at = end; at > 0; ) {
                    int length = (int) Math.min(buffer.capacity(), at);
                    at -= length;
                    readFully(file, at, length);
                    for (int i = length - 1; i >= 0; i--) {
                        if (buffer.get(i) == '\n' && ++newlines == n + 1) {
                            ranges.add(new Range(file, at + i + 1, end));
                            return n;
                        }
                    }
                }
                ranges.add(new Range(file, 0, end));
                return newlines;
            }

            /** Where the last newline before end is, or -1. */
            private long lastNewline(FileChannel file, long end) throws IOException {
                for (long at = end; at > 0; ) {
                    int length = (int) Math.min(buffer.capacity(), at);
                    at -= length;
                    readFully(file, at, length);
                    for (int i = length - 1; i >= 0; i--) {
                        if (buffer.get(i) == '\n') {
                            return at + i;
                        }
                    }
                }
                return -1;
            }

            private void readFully(FileChannel file, long at, int length) throws IOException {
                buffer.clear().limit(length);
                while (buffer.hasRemaining() && file.read(buffer, at + buffer.position()) > 0) {
                    // reads until the buffer holds the range
                }
            }

            private void copy(Range range) throws IOException {
                for (long at = range.start(); at < range.end(); ) {
                    int length = (int) Math.min(buffer.capacity(), range.end() - at);
                    readFully(range.file(), at, length);
                    emit(buffer.array(), buffer.position());
                    at += length;
                }
            }

            private Path numbered(int i) {
                return path.resolveSibling(path.getFileName() + "." + i);
            }

            /** What tells one file from another whatever its name: its inode (else its creation time); null if absent. */
            static Object identity(Path file) throws IOException {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    return attributes.fileKey() != null ? attributes.fileKey() : attributes.creationTime();
                } catch (NoSuchFileException e) {
                    return null;
                }
            }

            /**
             * Opens the file if it still is the expected one, else null. Files only move up (FILE to FILE.1, FILE.1 to
             * FILE.2), never back: the same identity at the name after the open as before it is the file opened.
             */
            private static FileChannel openAs(Path file, Object expected) throws IOException {
                if (expected == null) {
                    return null;
                }
                FileChannel channel;
                try {
                    channel = FileChannel.open(file, READ);
                } catch (NoSuchFileException e) {
                    return null;
                }
                if (expected.equals(identity(file))) {
                    return channel;
                }
                channel.close();
                return null;
            }

            @Override
            public void close() throws IOException {
                if (channel != null) {
                    channel.close();
                }
            }
        }
    }

    @Command(name = "config", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Prints the effective settings of a run with these options, and where each came from; starts nothing.")
    static final class ConfigCommand implements Callable<Integer> {
        @Mixin RunOptions options;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            ConfigSources sources = (ConfigSources) spec.commandLine().getDefaultValueProvider();
            Settings settings = options.check(spec, sources.env);
            Map<String, Object> derived = Map.of("--lang", settings.lang(), "--lock-file", settings.lockFile(),
                    "--timezone", settings.timezone());
            PrintWriter out = spec.commandLine().getOut();
            for (OptionSpec option : spec.options()) {
                if (option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                Object value = option.getValue() != null ? option.getValue() : derived.get(option.longestName());
                String shown = value == null ? "-" : value instanceof Duration d ? Durations.format(d)
                        : value instanceof Long size ? Sizes.format(size) // the only long options are sizes
                        : String.valueOf(value).replaceAll("^\\[|\\]$", "");
                if (value == null && option.longestName().equals("--run-time")) {
                    shown = "off";
                }
                out.printf("%-16s = %-26s (%s)%n", option.longestName().substring(2), shown,
                        sources.origin(spec.commandLine(), option));
                if (option.longestName().equals("--env-file")) {
                    printEnvNames(out, settings);
                }
            }
            out.flush();
            return ExitCode.STOPPED;
        }

        /** The names each env file sets, never the values (check() has just read them all). */
        private static void printEnvNames(PrintWriter out, Settings settings) {
            for (Path file : settings.envFiles()) {
                try {
                    String names = String.join(", ", EnvFile.read(file, settings.lang()).keySet());
                    out.printf("%-16s   %s%n", "", Log.message(settings.lang(), Msg.CONFIG_ENV_NAMES, file, names.isEmpty() ? "-" : names));
                } catch (IOException e) {
                    out.printf("%-16s   %s%n", "", e.getMessage()); // changed since check() read it: say so, as a start would
                }
            }
        }
    }

    @Command(name = "completion", mixinStandardHelpOptions = true,
            description = "Prints a completion script for bash or zsh: source <(supervisor completion bash)")
    static final class Completion implements Callable<Integer> {
        enum Shell { bash, zsh }

        @Parameters(paramLabel = "SHELL", description = "bash or zsh")
        Shell shell;

        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            // picocli's script serves both: under zsh it loads bashcompinit itself.
            String script = AutoComplete.bash("supervisor", spec.parent().commandLine());
            spec.commandLine().getOut().print(script);
            spec.commandLine().getOut().flush();
            return ExitCode.STOPPED;
        }
    }

    // ------------------------------------------------------------------------------------------ values

    /** Durations: plain seconds (3600), 500ms, 90s, 15m, 1h, 1h30m, 2d, or ISO-8601 (PT1H). */
    static final class Durations {
        private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
        private static final List<String> UNITS = List.of("d", "h", "m", "s", "ms");

        static Duration parse(String text) {
            Duration d;
            try {
                d = parseUnchecked(text);
            } catch (ArithmeticException | NumberFormatException e) {
                throw invalid(text);
            }
            if (d.compareTo(Policy.LONGEST) > 0) {
                throw new IllegalArgumentException("'" + text + "' is longer than the " + Policy.LONGEST.toDays() / 365 + " years taken");
            }
            return d;
        }

        private static Duration parseUnchecked(String text) {
            String s = text.trim().toLowerCase(Locale.ROOT);
            if (s.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(s));
            }
            if (s.startsWith("p")) {
                try {
                    Duration d = Duration.parse(s.toUpperCase(Locale.ROOT));
                    if (!d.isNegative()) {
                        return d;
                    }
                } catch (DateTimeParseException e) {
                    // Falls through to the common error below.
                }
                throw invalid(text);
            }
            Matcher m = PART.matcher(s);
            Duration total = Duration.ZERO;
            int end = 0;
            int lastUnit = -1;
            while (m.find() && m.start() == end) {
                int unit = UNITS.indexOf(m.group(2));
                if (unit <= lastUnit) {
                    throw invalid(text);
                }
                lastUnit = unit;
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
                end = m.end();
            }
            if (end == 0 || end != s.length()) {
                throw invalid(text);
            }
            return total;
        }

        private static IllegalArgumentException invalid(String text) {
            return new IllegalArgumentException("'" + text + "' is not a duration: use seconds (3600) or 500ms, 90s, 15m, 1h, 1h30m, 2d, PT1H");
        }

        /** Whole seconds as the original tool printed them (3600s); fractions below that. */
        static String seconds(Duration d) {
            long millis = d.toMillis();
            return millis % 1000 == 0 ? millis / 1000 + "s" : String.format(Locale.ROOT, "%.3fs", millis / 1000.0).replaceAll("0+s$", "s");
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
            StringBuilder b = new StringBuilder();
            long[] values = {s / 86400, s / 3600 % 24, s / 60 % 60, s % 60};
            String[] units = {"d", "h", "m", "s"};
            for (int i = 0; i < values.length; i++) {
                if (values[i] > 0) {
                    b.append(values[i]).append(units[i]);
                }
            }
            return b.toString();
        }
    }

    /** Sizes: a number with a unit, K/KB, M/MB or G/GB (powers of 1024); a bare number is refused. */
    static final class Sizes {
        private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg])b?", Pattern.CASE_INSENSITIVE);

        static long parse(String text) {
            String s = text.trim();
            if (s.matches("\\d+")) {
                throw new IllegalArgumentException("'" + text + "' needs a unit: " + s + "M or " + s + "K, for example (K, M, G are powers of 1024)");
            }
            Matcher m = SIZE.matcher(s);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a size: use a number with K, M or G (512M, 2G, 10MB)");
            }
            int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "k" -> 10;
                case "m" -> 20;
                default -> 30;
            };
            long n = Long.parseLong(m.group(1));
            if (n <= 0 || n > (Long.MAX_VALUE >> shift)) {
                throw new IllegalArgumentException("'" + text + "' is out of range");
            }
            return n << shift;
        }

        /** As the options take them: 10MB, 2GB, 812.4MB, 512KB. */
        static String format(long bytes) {
            if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
                return (bytes >> 30) + "GB";
            }
            if (bytes >= 1L << 20) {
                return bytes % (1L << 20) == 0 ? (bytes >> 20) + "MB" : String.format(Locale.ROOT, "%.1fMB", bytes / 1048576.0);
            }
            return (bytes >> 10) + "KB";
        }
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A duration, or 'off' (null): no planned restart by interval. */
    static final class IntervalConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return "off".equalsIgnoreCase(value.trim()) ? null : new DurationConverter().convert(value);
        }
    }

    static final class StopSignalConverter implements ITypeConverter<StopSignal> {
        @Override
        public StopSignal convert(String value) {
            try {
                return StopSignal.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class SizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Sizes.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class TimeOfDay implements ITypeConverter<LocalTime> {
        @Override
        public LocalTime convert(String value) {
            try {
                return LocalTime.parse(value.trim().length() == 4 ? "0" + value.trim() : value.trim(), DateTimeFormatter.ofPattern("HH:mm"));
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a time of day: use HH:MM, 24-hour (04:00, 16:30)");
            }
        }
    }

    static final class ZoneConverter implements ITypeConverter<ZoneId> {
        @Override
        public ZoneId convert(String value) {
            try {
                return ZoneId.of(value.trim());
            } catch (DateTimeException e) {
                throw new TypeConversionException("'" + value + "' is not a time zone: use a name like Europe/Lisbon or America/Sao_Paulo, or UTC");
            }
        }
    }
}
