using NanoTcp.Dhcp;

namespace NanoTcp.Firmware
{
    /// <summary><c>dhcp [status|renew|release|start]</c>: the DHCP client's state and lease (RFC 2131), or an action on it.</summary>
    public sealed class DhcpCommand : ShellCommand
    {
        /// <summary>Creates the command.</summary>
        public DhcpCommand() : base("dhcp", "dhcp [renew|release]", "DHCP lease status; renew, release (or start) it")
        {
        }

        /// <inheritdoc />
        public override bool Start(ShellContext context, CommandLine arguments, long nowMs)
        {
            AsciiWriter output = context.Output;
            DhcpClient dhcp = context.Environment.Stack.Dhcp;
            if (dhcp == null)
            {
                output.WriteLine("dhcp: off (static address; set FirmwareSettings.Dhcp)");
                return true;
            }
            if (arguments.Count == 2 && arguments.WordIs(1, "renew")) dhcp.Renew();
            else if (arguments.Count == 2 && arguments.WordIs(1, "release")) dhcp.Release();
            else if (arguments.Count == 2 && arguments.WordIs(1, "start")) dhcp.Start();
            else if (arguments.Count > 2 || (arguments.Count == 2 && !arguments.WordIs(1, "status")))
            {
                WriteUsage(context);
                return true;
            }
            WriteStatus(output, dhcp, nowMs);
            return true;
        }

        private static void WriteStatus(AsciiWriter output, DhcpClient dhcp, long nowMs)
        {
            output.Write("state ");
            output.WriteLine(StateName(dhcp.State));
            if (!dhcp.HasLease) return;
            DhcpLease lease = dhcp.Lease;
            output.Write("address ");
            output.WriteIp(lease.Address);
            output.Write("  server ");
            output.WriteIp(lease.Server);
            output.NewLine();
            output.Write("dns ");
            output.WriteIp(lease.Dns1);
            output.Write("  ntp ");
            output.WriteIp(lease.NtpServer);
            output.NewLine();
            if (lease.ExpiresAtMs == long.MaxValue)
            {
                output.WriteLine("lease infinite");
                return;
            }
            output.Write("lease ");
            output.WriteDecimal(dhcp.LeaseRemainingMs(nowMs) / 1000);
            output.Write(" s left, renew in ");
            output.WriteDecimal(Positive(lease.RenewAtMs - nowMs) / 1000);
            output.Write(" s, rebind in ");
            output.WriteDecimal(Positive(lease.RebindAtMs - nowMs) / 1000);
            output.WriteLine(" s");
        }

        private static long Positive(long v) => v < 0 ? 0 : v;

        private static string StateName(DhcpState state)
        {
            switch (state)
            {
                case DhcpState.Init: return "INIT";
                case DhcpState.Selecting: return "SELECTING";
                case DhcpState.Requesting: return "REQUESTING";
                case DhcpState.InitReboot: return "INIT-REBOOT";
                case DhcpState.Rebooting: return "REBOOTING";
                case DhcpState.Probing: return "PROBING (RFC 5227)";
                case DhcpState.Bound: return "BOUND";
                case DhcpState.Renewing: return "RENEWING";
                case DhcpState.Rebinding: return "REBINDING";
                case DhcpState.Releasing: return "RELEASING";
                default: return "STOPPED";
            }
        }
    }
}
