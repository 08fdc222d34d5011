using NanoTcp.Dns;

namespace NanoTcp.Firmware
{
    /// <summary>
    /// <c>nslookup &lt;name&gt;</c>: an A lookup through the stack's stub resolver (RFC 1035) with the servers DHCP
    /// gave. The resolver runs one lookup at a time: a lookup from another session replaces this one.
    /// </summary>
    public sealed class NslookupCommand : ShellCommand
    {
        private const int CheckMs = 50;

        /// <summary>Creates the command.</summary>
        public NslookupCommand() : base("nslookup", "nslookup <name>", "look a host name up in DNS")
        {
        }

        /// <inheritdoc />
        public override bool Start(ShellContext context, CommandLine arguments, long nowMs)
        {
            if (arguments.Count != 2)
            {
                WriteUsage(context);
                return true;
            }
            int status = arguments.Lookup(1, context.Environment.Stack.Dns);
            return status == DnsStatus.Pending ? false : Report(context, status);
        }

        /// <inheritdoc />
        public override bool Continue(ShellContext context, long nowMs)
        {
            int status = context.Environment.Stack.Dns.Status;
            return status == DnsStatus.Pending ? false : Report(context, status);
        }

        /// <inheritdoc />
        public override long Deadline(ShellContext context) => context.NowMs + CheckMs;

        /// <inheritdoc />
        public override void Interrupt(ShellContext context, long nowMs)
        {
            context.Environment.Stack.Dns.Cancel();
        }

        private static bool Report(ShellContext context, int status)
        {
            AsciiWriter output = context.Output;
            DnsResolver dns = context.Environment.Stack.Dns;
            if (status == DnsStatus.Resolved)
            {
                output.Write("Address: ");
                output.WriteIp(dns.Address);
                output.NewLine();
                return true;
            }
            output.Write("nslookup: ");
            output.WriteLine(DnsStatusText(status));
            return true;
        }

        /// <summary>The message for a failed lookup (shared with ping).</summary>
        public static string DnsStatusText(int status)
        {
            switch (status)
            {
                case DnsStatus.NotFound: return "name not found (NXDOMAIN)";
                case DnsStatus.Timeout: return "no answer from the DNS servers";
                case DnsStatus.NoServer: return "no DNS server (none from DHCP, none configured)";
                case DnsStatus.InvalidName: return "not a valid host name";
                case DnsStatus.Failed: return "the DNS servers refused or failed the query";
                default: return "lookup cancelled";
            }
        }
    }
}
