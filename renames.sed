s/\bExitCode\.STOPPED\b/ExitCode.OK/g
s/\bExitCode\.FATAL\b/ExitCode.FAILED/g
s/\bHooks\.Event\b/Hooks.Notice/g
s/\bLog\.Stream\b/Log.Pipe/g
s/\bDecision\b/Verdict/g
s/\bPolicy\.decide\b/Policy.judge/g
