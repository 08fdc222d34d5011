namespace NanoTcp.Firmware
{
    /// <summary>
    /// <c>stats</c>: every stack counter, the drops by reason, the driver's counters and the telnet service's
    /// counters, one per line.
    /// </summary>
    public sealed class StatsCommand : TableCommand
    {
        private const int ValueEnd = 44;
        private const int DropCount = (int)DropReason.Count;

        /// <summary>Creates the command.</summary>
        public StatsCommand() : base("stats", "stats", "stack, driver and telnet counters, drops by reason")
        {
        }

        /// <inheritdoc />
        protected override bool WriteRow(ShellContext context, int row)
        {
            AsciiWriter output = context.Output;
            ShellEnvironment env = context.Environment;
            if (row == 0) return Heading(output, "stack:");
            row--;
            if (row < StackCounterTable.Count)
            {
                return Counter(output, StackCounterTable.Name(row), StackCounterTable.Value(env.Stack.Counters, row));
            }
            row -= StackCounterTable.Count;
            if (row == 0) return Heading(output, "drops:");
            row--;
            if (row < DropCount)
            {
                DropReason reason = (DropReason)row;
                return Counter(output, StackCounterTable.DropName(reason), env.Stack.Counters.Drops(reason));
            }
            row -= DropCount;
            ILinkStatus link = env.Platform.LinkStatus;
            int driverRows = link == null ? 0 : link.CounterCount;
            if (row == 0) return Heading(output, "driver:");
            row--;
            if (row < driverRows) return Counter(output, link.CounterName(row), link.CounterValue(row));
            row -= driverRows;
            TelnetCounters telnet = env.Telnet.Counters;
            if (row == 0) return Heading(output, "telnet:");
            row--;
            if (row < TelnetCounters.Count) return Counter(output, TelnetCounters.Name(row), telnet.Value(row));
            return false;
        }

        private static bool Heading(AsciiWriter output, string title)
        {
            output.WriteLine(title);
            return true;
        }

        private static bool Counter(AsciiWriter output, string name, long value)
        {
            output.Write("  ");
            output.Write(name);
            output.PadTo(ValueEnd - 12);
            output.WriteDecimal(value, 12);
            output.NewLine();
            return true;
        }
    }
}
