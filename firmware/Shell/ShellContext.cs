namespace NanoTcp.Firmware
{
    /// <summary>
    /// Per-session state the shell commands work with: the session's output buffer, the step cursor of a running
    /// command, the session's ping job, and the exit/reboot requests a command can make.
    /// </summary>
    public sealed class ShellContext
    {
        /// <summary>Output space a command may use per step (one table row, one ping line).</summary>
        public const int LineReserve = 160;

        /// <summary>Creates the context of session <paramref name="sessionIndex"/>.</summary>
        public ShellContext(ShellEnvironment environment, AsciiWriter output, int sessionIndex)
        {
            Environment = environment;
            Output = output;
            SessionIndex = sessionIndex;
            Ping = new PingJob(sessionIndex);
        }

        /// <summary>What every session shares: the stack, the platform, the services.</summary>
        public ShellEnvironment Environment { get; }

        /// <summary>The session's output buffer.</summary>
        public AsciiWriter Output { get; }

        /// <summary>Index of the session (0-based).</summary>
        public int SessionIndex { get; }

        /// <summary>The session's own connection handle.</summary>
        public int Connection { get; set; }

        /// <summary>The time of the current step (set by the session before each Start/Continue).</summary>
        public long NowMs { get; set; }

        /// <summary>Step counter of a running <see cref="TableCommand"/>.</summary>
        public int Cursor { get; set; }

        /// <summary>The session's ping job (one at a time per session).</summary>
        public PingJob Ping { get; }

        /// <summary>Set by <c>exit</c>: close the session once the output is sent.</summary>
        public bool ExitRequested { get; set; }

        /// <summary>Set by <c>reboot</c>: restart the device once the output is sent.</summary>
        public bool RebootRequested { get; set; }
    }
}
