namespace NanoTcp.Firmware
{
    /// <summary>
    /// <c>arp</c>: the ARP cache in the Linux <c>arp -n</c> layout, with the time each entry has left
    /// (flags: C = complete, M = static).
    /// </summary>
    public sealed class ArpCommand : TableCommand
    {
        private const int TypeColumn = 25;
        private const int MacColumn = 33;
        private const int FlagsColumn = 53;
        private const int ExpiresColumn = 59;

        private readonly ArpEntryInfo _entry = new ArpEntryInfo();

        /// <summary>Creates the command.</summary>
        public ArpCommand() : base("arp", "arp", "the ARP cache")
        {
        }

        /// <inheritdoc />
        protected override bool WriteRow(ShellContext context, int row)
        {
            AsciiWriter output = context.Output;
            NetworkStack stack = context.Environment.Stack;
            if (row == 0)
            {
                output.Write("Address");
                output.PadTo(TypeColumn);
                output.Write("HWtype");
                output.PadTo(MacColumn);
                output.Write("HWaddress");
                output.PadTo(FlagsColumn);
                output.Write("Flags");
                output.PadTo(ExpiresColumn);
                output.WriteLine("Expires");
                return true;
            }
            int index = row - 1;
            if (index >= stack.ArpEntryCount) return false;
            if (stack.GetArpEntry(index, _entry)) WriteEntry(output, _entry, context.NowMs);
            return true;
        }

        private static void WriteEntry(AsciiWriter output, ArpEntryInfo entry, long nowMs)
        {
            output.WriteIp(entry.Ip);
            if (!entry.Resolved)
            {
                output.PadTo(MacColumn);
                output.WriteLine("(incomplete)");
                return;
            }
            output.PadTo(TypeColumn);
            output.Write("ether");
            output.PadTo(MacColumn);
            output.WriteMac(entry.Mac);
            output.PadTo(FlagsColumn);
            output.Write(entry.Static ? "CM" : "C");
            output.PadTo(ExpiresColumn);
            if (entry.Static)
            {
                output.Write("never");
            }
            else
            {
                long left = entry.ExpiresAtMs - nowMs;
                output.WriteDecimal(left > 0 ? left / 1000 : 0);
                output.Write(" s");
            }
            output.NewLine();
        }
    }
}
