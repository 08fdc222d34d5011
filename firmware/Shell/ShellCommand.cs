namespace NanoTcp.Firmware
{
    /// <summary>
    /// One shell command. Commands are shared by every session: whatever they must remember between steps lives in
    /// the session's <see cref="ShellContext"/>. A command that produces more output than fits the session's buffer,
    /// or that waits for the network (ping), returns false from <see cref="Start"/> and is stepped with
    /// <see cref="Continue"/> whenever at least <see cref="ShellContext.LineReserve"/> bytes of output space are free.
    /// </summary>
    public abstract class ShellCommand
    {
        /// <summary>Creates a command with its name, usage text and one-line summary for <c>help</c>.</summary>
        protected ShellCommand(string name, string usage, string summary)
        {
            Name = name;
            Usage = usage;
            Summary = summary;
        }

        /// <summary>The word that runs the command.</summary>
        public string Name { get; }

        /// <summary>Name and arguments, e.g. "ping &lt;ip&gt; [count]".</summary>
        public string Usage { get; }

        /// <summary>What the command does, one line.</summary>
        public string Summary { get; }

        /// <summary>Runs the command; returns true when it has finished, false when it must be continued.</summary>
        public abstract bool Start(ShellContext context, CommandLine arguments, long nowMs);

        /// <summary>Produces more output or checks for progress; returns true when finished.</summary>
        public virtual bool Continue(ShellContext context, long nowMs) => true;

        /// <summary>When the command next needs <see cref="Continue"/> even without new output space (ping's timers).</summary>
        public virtual long Deadline(ShellContext context) => long.MaxValue;

        /// <summary>Ctrl-C: the command must stop; it may write a last line (ping's summary).</summary>
        public virtual void Interrupt(ShellContext context, long nowMs)
        {
        }

        /// <summary>Writes "usage: …" for a wrong invocation.</summary>
        protected void WriteUsage(ShellContext context)
        {
            context.Output.Write("usage: ");
            context.Output.WriteLine(Usage);
        }
    }
}
