namespace NanoTcp.Firmware
{
    /// <summary>
    /// A command whose output is a sequence of rows (help, ifconfig, netstat, arp, stats, mem). Rows are produced
    /// one at a time while the session has room, so a table of any length goes out through a small buffer.
    /// </summary>
    public abstract class TableCommand : ShellCommand
    {
        /// <summary>Creates the command.</summary>
        protected TableCommand(string name, string usage, string summary) : base(name, usage, summary)
        {
        }

        /// <inheritdoc />
        public override bool Start(ShellContext context, CommandLine arguments, long nowMs)
        {
            context.Cursor = 0;
            if (!Begin(context, arguments)) return true;
            return Continue(context, nowMs);
        }

        /// <inheritdoc />
        public override bool Continue(ShellContext context, long nowMs)
        {
            while (context.Output.Free >= ShellContext.LineReserve)
            {
                if (!WriteRow(context, context.Cursor++)) return true;
            }
            return false;
        }

        /// <summary>Checks the arguments; returns false (after writing an error) to stop. Default: no arguments allowed.</summary>
        protected virtual bool Begin(ShellContext context, CommandLine arguments)
        {
            if (arguments.Count == 1) return true;
            WriteUsage(context);
            return false;
        }

        /// <summary>
        /// Writes row <paramref name="row"/> (0-based; may write nothing to skip it, or several short lines
        /// within <see cref="ShellContext.LineReserve"/>). Returns false when there are no more rows.
        /// </summary>
        protected abstract bool WriteRow(ShellContext context, int row);
    }
}
