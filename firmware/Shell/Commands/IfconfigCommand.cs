namespace NanoTcp.Firmware
{
    /// <summary><c>ifconfig</c>: the interface in the net-tools layout — addresses, link, duplex, driver, counters.</summary>
    public sealed class IfconfigCommand : TableCommand
    {
        private const int Indent = 8;

        /// <summary>Creates the command.</summary>
        public IfconfigCommand() : base("ifconfig", "ifconfig", "interface addresses, link state and counters")
        {
        }

        /// <inheritdoc />
        protected override bool WriteRow(ShellContext context, int row)
        {
            ShellEnvironment env = context.Environment;
            AsciiWriter output = context.Output;
            FirmwareSettings settings = env.Settings;
            StackCounters counters = env.Stack.Counters;
            switch (row)
            {
                case 0:
                    output.Write("eth0: flags=");
                    output.Write(env.Link.IsUp ? "UP,BROADCAST,RUNNING" : "UP,BROADCAST");
                    output.Write("  mtu ");
                    output.WriteDecimal(settings.Stack.MaxFrameSize - 14);
                    output.NewLine();
                    return true;
                case 1:
                    output.PadTo(Indent);
                    NetworkStack stack = env.Stack;
                    output.Write("inet ");
                    output.WriteIp(stack.IpAddress);
                    output.Write("  netmask ");
                    output.WriteIp(stack.SubnetMask);
                    output.Write("  broadcast ");
                    output.WriteIp(stack.IpAddress | ~stack.SubnetMask);
                    output.NewLine();
                    return true;
                case 2:
                    output.PadTo(Indent);
                    output.Write("gateway ");
                    if (env.Stack.Gateway == 0) output.Write("none");
                    else output.WriteIp(env.Stack.Gateway);
                    AddressSource.Write(output, env.Stack, context.NowMs);
                    output.NewLine();
                    return true;
                case 3:
                    output.PadTo(Indent);
                    output.Write("ether ");
                    output.WriteMac(settings.MacAddress, 0);
                    output.WriteLine("  (Ethernet)");
                    return true;
                case 4:
                    WriteLink(env, output);
                    return true;
                case 5:
                    output.PadTo(Indent);
                    output.Write("RX packets ");
                    output.WriteDecimal(counters.FramesReceived);
                    output.Write("  dropped ");
                    output.WriteDecimal(counters.TotalDrops);
                    output.Write("  checksum errors ");
                    output.WriteDecimal(counters.ChecksumErrors);
                    output.NewLine();
                    return true;
                case 6:
                    output.PadTo(Indent);
                    output.Write("TX packets ");
                    output.WriteDecimal(counters.FramesSent);
                    output.Write("  refused by link ");
                    output.WriteDecimal(counters.Drops(DropReason.LinkTransmitFailed));
                    output.Write("  TCP retransmissions ");
                    output.WriteDecimal(counters.TcpRetransmissions);
                    output.NewLine();
                    return true;
                case 7:
                    output.PadTo(Indent);
                    output.Write("board ");
                    output.WriteLine(env.Platform.BoardName);
                    return true;
                default:
                    return false;
            }
        }

        private static void WriteLink(ShellEnvironment env, AsciiWriter output)
        {
            output.PadTo(Indent);
            output.Write(env.Link.IsUp ? "link up" : "link down");
            ILinkStatus status = env.Platform.LinkStatus;
            if (status != null)
            {
                if (status.SpeedMbps > 0)
                {
                    output.Write("  ");
                    output.WriteDecimal(status.SpeedMbps);
                    output.Write("Mb/s");
                }
                output.Write(status.FullDuplex ? "  full-duplex" : "  half-duplex");
                output.Write("  driver ");
                output.Write(status.DriverName);
            }
            output.NewLine();
        }
    }
}
